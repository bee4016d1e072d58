// Package terraform evaluates Terraform configurations into blindspot's
// resource graph the way `terraform plan` would, up to what only the cloud
// knows: variables from defaults, tfvars and the command line, locals,
// local and downloaded modules with count and for_each, every HCL
// expression form, dynamic blocks, Terraform's functions, the IAM policy
// document data source, and provider configurations passed into modules.
// Values known only after apply stay unknown and say why; references keep
// the resource they point at, so split resources can be joined. Terraform
// plan JSON is read too.
package terraform

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/typeexpr"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"

	"github.com/blindspot-iac/blindspot/graph"
)

// Options are the inputs of a module's evaluation.
type Options struct {
	// Vars are "name=value" pairs from the command line; they override
	// var files, which override tfvars files in the module.
	Vars []string
	// VarFiles are read in order.
	VarFiles []string
	// Root is the directory file() and templatefile() may read inside.
	Root string
	// Cache, when set, shares parsed modules with the other units of the
	// scan.
	Cache *ModuleCache
	// WorkDir, when set, is the process's working directory: relative
	// paths are made absolute against it instead of asking the operating
	// system each time.
	WorkDir string
}

// LoadModule evaluates the root module in dir with the modules it calls. It
// never fails: problems become diagnostics in the returned graph.
func LoadModule(dir string, opts Options) *graph.Graph {
	g := &graph.Graph{}
	unit := &graph.Unit{Path: dir, Format: graph.Terraform}
	g.Units = append(g.Units, unit)
	l := &loader{g: g, unit: unit, opts: opts, reported: map[string]bool{}, cache: opts.Cache}
	if l.cache == nil {
		l.cache = NewModuleCache()
	}
	l.readModulesManifest(dir)
	mod, ok := l.parseModule(dir)
	if !ok {
		return g
	}
	unit.Files = append(unit.Files, mod.files...)
	inputs := l.rootInputs(mod)
	l.evalModule(mod, "", nil, graph.True, "", inputs, nil, []string{l.absPath(dir)})
	return g
}

// loader evaluates one unit.
type loader struct {
	g        *graph.Graph
	unit     *graph.Unit
	opts     Options
	reported map[string]bool
	cache    *ModuleCache
	// manifest maps module keys ("a", "a.b") to the directories terraform
	// init downloaded them to.
	manifest map[string]string
	// funcs is the function table of the unit's modules, built once.
	funcs map[string]function.Function
	// marked is set once a value of the unit is marked sensitive (a
	// sensitive variable, sensitive()); until then no value needs its
	// marks looked for, which means walking all of it.
	marked bool
	// attributes caches metaAttributes by body (see scope.attributes).
	attributes map[hcl.Body]map[string]*hcl.Attribute
}

// unmarked returns v without its sensitive marks.
func (s *scope) unmarked(v cty.Value) cty.Value {
	if s.l.marked {
		v, _ = v.UnmarkDeep()
	}
	return v
}

func (l *loader) diag(d graph.Diagnostic) {
	l.g.Diagnostics = append(l.g.Diagnostics, d)
}

func (l *loader) absPath(p string) string {
	if filepath.IsAbs(p) {
		return filepath.Clean(p)
	}
	if l.opts.WorkDir != "" {
		return filepath.Join(l.opts.WorkDir, p)
	}
	abs, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	return abs
}

// readModulesManifest reads .terraform/modules/modules.json, written by
// terraform init, which says where remote modules were downloaded.
func (l *loader) readModulesManifest(dir string) {
	data, err := os.ReadFile(filepath.Join(dir, ".terraform", "modules", "modules.json"))
	if err != nil {
		return
	}
	var manifest struct {
		Modules []struct {
			Key string `json:"Key"`
			Dir string `json:"Dir"`
		} `json:"Modules"`
	}
	if err := json.Unmarshal(data, &manifest); err != nil {
		l.diag(graph.Warningf(graph.Range{File: filepath.Join(dir, ".terraform", "modules", "modules.json")}, "parse-error", "cannot read the module manifest: %v", err))
		return
	}
	l.manifest = map[string]string{}
	for _, m := range manifest.Modules {
		if m.Key != "" {
			l.manifest[m.Key] = filepath.Join(dir, filepath.FromSlash(m.Dir))
		}
	}
}

// moduleInput is a value given to a module variable from outside.
type moduleInput struct {
	val    cty.Value
	gv     graph.Value
	source graph.Range
	from   string
}

// evalModule evaluates one module instance.
func (l *loader) evalModule(mod *module, prefix string, calls []graph.Call, exists graph.Tri, existsWhy string,
	inputs map[string]moduleInput, providers map[string]*graph.Provider, stack []string) *scope {
	s := &scope{
		l: l, mod: mod, prefix: prefix, calls: calls, exists: exists, existsWhy: existsWhy,
		vars: map[string]named{}, locals: map[string]named{}, modules: map[string]named{},
		data: map[string]map[string]named{}, policyDocs: map[string]graph.Value{},
		providers: map[string]*graph.Provider{}, resourceTypes: map[string]bool{}, stale: staleAll,
	}
	if l.funcs == nil {
		l.funcs = functions(l.unit.Path, l.opts.Root, &l.marked)
	}
	s.funcs = l.funcs
	for _, b := range mod.resources {
		s.resourceTypes[b.Labels[0]] = true
	}
	for k, p := range providers {
		s.providers[k] = p
	}
	s.readVariables(inputs)
	s.readProviders()
	s.resolveDependencies(stack)
	s.shapeResources()
	for _, b := range mod.resources {
		s.resources(b)
	}
	return s
}

// resourceTraversal reports whether expr is a plain reference to a
// resource of the module (aws_vpc.this) and returns its address.
func (s *scope) resourceTraversal(expr hcl.Expression) (string, bool) {
	st, ok := expr.(*hclsyntax.ScopeTraversalExpr)
	if !ok || len(st.Traversal) != 2 || !s.resourceTypes[st.Traversal.RootName()] {
		return "", false
	}
	name, ok := attrName(st.Traversal, 1)
	return st.Traversal.RootName() + "." + name, ok
}

// shapeResources records each resource's instance keys, when its count or
// for_each is known, as values with unknown attributes: a resource's
// attributes are known only after apply, but how many instances it has
// and their keys are known at plan time.
func (s *scope) shapeResources() {
	s.resourceShapes = map[string]map[string]cty.Value{}
	again := false
	for _, b := range s.mod.resources {
		again = s.shapeResource(b) || again
	}
	s.stale |= staleResources
	// A for_each over another resource needs that resource's shape.
	if again {
		for _, b := range s.mod.resources {
			s.shapeResource(b)
		}
		s.stale |= staleResources
	}
}

// shapeResource records one resource's shape; it reports whether its
// count or for_each refers to another resource.
func (s *scope) shapeResource(b *hcl.Block) bool {
	typ, name := b.Labels[0], b.Labels[1]
	if s.resourceShapes[typ] == nil {
		s.resourceShapes[typ] = map[string]cty.Value{}
	}
	s.resourceShapes[typ][name] = cty.DynamicVal
	attrs := s.attributes(b.Body)
	a, isCount := attrs["count"]
	if !isCount {
		var ok bool
		if a, ok = attrs["for_each"]; !ok {
			return false
		}
	}
	refersToResource := false
	for _, t := range a.Expr.Variables() {
		refersToResource = refersToResource || s.resourceTypes[t.RootName()]
	}
	v, diags := a.Expr.Value(s.context())
	v = s.unmarked(v)
	if diags.HasErrors() || !v.IsWhollyKnown() || v.IsNull() {
		return refersToResource
	}
	if !refersToResource {
		// Final: it does not depend on resource shapes. expand reuses it.
		if s.shaped == nil {
			s.shaped = map[hcl.Expression]cty.Value{}
		}
		s.shaped[a.Expr] = v
	}
	switch {
	case isCount:
		n, _ := v.AsBigFloat().Int64()
		if n < 0 || n > maxInstances {
			return refersToResource
		}
		elems := make([]cty.Value, n)
		for i := range elems {
			elems[i] = cty.DynamicVal
		}
		s.resourceShapes[typ][name] = cty.TupleVal(elems)
	case v.CanIterateElements():
		m := map[string]cty.Value{}
		for it := v.ElementIterator(); it.Next(); {
			k, e := it.Element()
			if v.Type().IsSetType() {
				k = e
			}
			if k.Type() != cty.String {
				return refersToResource
			}
			m[k.AsString()] = cty.DynamicVal
		}
		s.resourceShapes[typ][name] = cty.ObjectVal(m)
	}
	return refersToResource
}

// readVariables sets each declared variable from the inputs, its default,
// or unknown.
func (s *scope) readVariables(inputs map[string]moduleInput) {
	for _, d := range s.mod.variableDecls(s) {
		s.l.g.Diagnostics = append(s.l.g.Diagnostics, d.diags...)
		name := d.name
		var val cty.Value
		var gv graph.Value
		in, given := inputs[name]
		// A variable declared nullable = false takes its default when the
		// caller passes null.
		if given && !d.nullable && in.val.IsKnown() && in.val.IsNull() && d.hasDefault {
			given = false
		}
		switch {
		case given:
			val, gv = in.val, in.gv
			if gv.Source().IsZero() && !in.source.IsZero() {
				gv = gv.WithSource(in.source)
			}
			val, gv = s.convertInput(d, val, gv)
		case d.hasDefault:
			val, gv = d.defVal, d.def
		default:
			why := fmt.Sprintf("var.%s has no value (no default, not set in tfvars or with --var)", name)
			if s.prefix != "" {
				why = fmt.Sprintf("var.%s of %s has no value", name, strings.TrimSuffix(s.prefix, "."))
			}
			val = cty.DynamicVal
			gv = graph.UnknownValue(why, d.decl)
		}
		def := d.def
		if d.sensitive {
			val = val.Mark(sensitiveMark)
			s.l.marked = true
			gv = gv.WithSensitive(true)
			def = def.WithSensitive(true)
		}
		s.vars[name] = named{val: val, gv: gv}
		s.l.g.Inputs = append(s.l.g.Inputs, &graph.Input{
			Unit: s.l.unit.Path, Format: graph.Terraform, Name: s.prefix + "var." + name,
			Default: def, HasDefault: d.hasDefault, Value: gv, Sensitive: d.sensitive, Range: d.decl,
		})
	}
	s.stale |= staleVars
}

// varDecl is a variable declaration, read once per parsed module: its
// type, and its default already converted to that type, which every call of
// the module shares.
type varDecl struct {
	name       string
	decl       graph.Range
	ty         cty.Type
	defaults   *typeexpr.Defaults
	sensitive  bool
	nullable   bool
	hasDefault bool
	def        graph.Value
	defVal     cty.Value
	diags      []graph.Diagnostic
}

// variableDecls reads the module's variable declarations once.
func (m *module) variableDecls(s *scope) []*varDecl {
	m.declsOnce.Do(func() {
		for _, b := range m.variables {
			d := &varDecl{name: b.Labels[0], decl: toRange(b.DefRange), nullable: true}
			p := &loader{g: &graph.Graph{}, unit: s.l.unit, opts: s.l.opts, reported: map[string]bool{}}
			attrs, diags := b.Body.JustAttributes()
			p.hclDiags(filterBlocksDiag(diags), graph.Error, "parse-error")
			d.ty, d.defaults = variableType(attrs["type"], p)
			if a, ok := attrs["sensitive"]; ok {
				v, _ := a.Expr.Value(nil)
				d.sensitive = v.Type() == cty.Bool && v.IsKnown() && !v.IsNull() && v.True()
			}
			if a, ok := attrs["nullable"]; ok {
				v, _ := a.Expr.Value(nil)
				d.nullable = !(v.Type() == cty.Bool && v.IsKnown() && !v.IsNull() && v.False())
			}
			if a, ok := attrs["default"]; ok {
				literal := &hcl.EvalContext{Functions: s.funcs}
				d.hasDefault = true
				d.def = s.value(a.Expr, literal, 0)
				d.defVal, _ = a.Expr.Value(literal)
				d.defVal, d.def = convertDeclared(d, d.defVal, d.def, p)
			}
			d.diags = p.g.Diagnostics
			m.decls = append(m.decls, d)
		}
	})
	return m.decls
}

// convertInput converts a value given to a variable to its type.
func (s *scope) convertInput(d *varDecl, val cty.Value, gv graph.Value) (cty.Value, graph.Value) {
	return convertDeclared(d, val, gv, s.l)
}

// convertDeclared applies optional() defaults and converts to the declared
// type, reporting a mismatch on l.
func convertDeclared(d *varDecl, val cty.Value, gv graph.Value, l *loader) (cty.Value, graph.Value) {
	if d.ty == cty.DynamicPseudoType || !val.IsKnown() {
		return val, gv
	}
	if d.defaults != nil {
		val = d.defaults.Apply(val)
	}
	converted, err := convertType(val, d.ty, l.marked)
	if err != nil {
		l.diag(graph.Warningf(d.decl, "invalid-variable", "value of var.%s does not match its type: %v", d.name, err))
		return val, gv
	}
	// A string given for a non-string variable (--var n=3) takes the
	// variable's type; other values keep their element ranges.
	if gv.Kind() == graph.KindString && d.ty != cty.String {
		src := gv.Source()
		if src.IsZero() {
			src = gv.Range
		}
		gv = fromCty(converted, gv.Range, "", nil, l.marked).WithSource(src)
	}
	return converted, gv
}

// filterBlocksDiag drops "Unexpected block" diagnostics of variable blocks,
// whose validation blocks JustAttributes does not expect.
func filterBlocksDiag(diags hcl.Diagnostics) hcl.Diagnostics {
	var out hcl.Diagnostics
	for _, d := range diags {
		if d.Summary == "Unexpected \"validation\" block" || strings.HasPrefix(d.Summary, "Unexpected \"") {
			continue
		}
		out = append(out, d)
	}
	return out
}

// readProviders records the module's own provider configurations.
func (s *scope) readProviders() {
	for _, b := range s.mod.providers {
		name := b.Labels[0]
		attrs := s.bodyValue(b.Body, toRange(b.DefRange), s.context(), nil, 0)
		alias := ""
		if a, ok := attrs.Get("alias"); ok {
			alias, _ = a.AsString()
		}
		local := name
		if alias != "" {
			local = name + "." + alias
		}
		p := &graph.Provider{Unit: s.l.unit.Path, Name: name, Alias: alias, Address: s.prefix + local, Attrs: attrs, Range: toRange(b.DefRange)}
		s.l.g.Providers = append(s.l.g.Providers, p)
		s.providers[local] = p
	}
}

// item is a local, module call or data source waiting for evaluation.
type item struct {
	kind string // "local", "module", "data"
	name string
	deps []string
	attr *hcl.Attribute
	blk  *hcl.Block
}

// resolveDependencies evaluates locals, module calls and data sources in
// dependency order. Items in a cycle are evaluated last, with what is known.
func (s *scope) resolveDependencies(stack []string) {
	items := s.mod.dependentItems()
	pending := make([]*item, len(items))
	for i := range items {
		it := items[i]
		pending[i] = &it
	}
	waiting := map[string]bool{}
	for _, it := range pending {
		waiting[it.kind+"."+it.name] = true
	}
	for len(pending) > 0 {
		// Items whose dependencies are all evaluated form a wave; they do
		// not depend on each other, so they share one evaluation context
		// instead of rebuilding it after each of them.
		var wave, rest []*item
		for _, it := range pending {
			ready := true
			for _, d := range it.deps {
				if waiting[d] && d != it.kind+"."+it.name {
					ready = false
					break
				}
			}
			if ready {
				wave = append(wave, it)
			} else {
				rest = append(rest, it)
			}
		}
		progress := len(wave) > 0
		s.context()
		s.frozen = true
		for _, it := range wave {
			s.evalItem(it, stack)
		}
		s.frozen = false
		for _, it := range wave {
			delete(waiting, it.kind+"."+it.name)
		}
		if !progress {
			// A cycle: evaluate the first one with what is known.
			it := rest[0]
			// Terraform resolves references between modules output by
			// output, so modules that use each other's outputs are valid;
			// a cycle of locals is not.
			d := graph.Warningf(itemRange(it), "dependency-cycle", "%s.%s is part of a dependency cycle; it is evaluated with what is known", it.kind, it.name)
			if it.kind != "local" {
				d.Severity = graph.Debug
			}
			s.l.diag(d)
			s.evalItem(it, stack)
			delete(waiting, it.kind+"."+it.name)
			rest = rest[1:]
		}
		pending = rest
	}
}

func itemRange(it *item) graph.Range {
	if it.attr != nil {
		return toRange(it.attr.NameRange)
	}
	return toRange(it.blk.DefRange)
}

func (s *scope) evalItem(it *item, stack []string) {
	switch it.kind {
	case "local":
		v, gv := s.evaluate(it.attr.Expr, s.context())
		s.locals[it.name] = named{val: v, gv: gv}
		s.stale |= staleLocals
	case "module":
		s.callModule(it.blk, stack)
		s.stale |= staleModules
	case "data":
		s.dataSource(it.blk)
		s.stale |= staleData
	}
}

// depsOf lists the locals, modules and data sources references point at.
func depsOf(ts []hcl.Traversal) []string {
	var out []string
	for _, t := range ts {
		switch t.RootName() {
		case "local", "module":
			if n, ok := attrName(t, 1); ok {
				out = append(out, t.RootName()+"."+n)
			}
		case "data":
			typ, ok1 := attrName(t, 1)
			n, ok2 := attrName(t, 2)
			if ok1 && ok2 {
				out = append(out, "data."+typ+"."+n)
			}
		}
	}
	return out
}

// bodyVariables lists every reference in a body, nested blocks included.
func bodyVariables(body hcl.Body) []hcl.Traversal {
	if sb, ok := body.(*hclsyntax.Body); ok {
		var out []hcl.Traversal
		for _, a := range sb.Attributes {
			out = append(out, a.Expr.Variables()...)
		}
		for _, b := range sb.Blocks {
			out = append(out, bodyVariables(b.Body)...)
		}
		return out
	}
	attrs, _ := body.JustAttributes()
	var out []hcl.Traversal
	for _, a := range attrs {
		out = append(out, a.Expr.Variables()...)
	}
	return out
}

// metaArguments are resource and module arguments that are not part of the
// resource's configuration.
var metaArguments = map[string]bool{
	"count": true, "for_each": true, "provider": true, "depends_on": true, "lifecycle": true,
	"provisioner": true, "connection": true,
}

// instance is one expansion of count or for_each.
type instance struct {
	key  string // "" (no count/for_each), "[0]", `["a"]`
	each map[string]cty.Value
	// eachValue is each.value as a graph value, keeping references.
	eachValue *graph.Value
	exists    graph.Tri
	existsWhy string
}

// shapedValue is expr's value, as shapeResource already found it when it
// could.
func (s *scope) shapedValue(expr hcl.Expression, ctx *hcl.EvalContext) (cty.Value, hcl.Diagnostics) {
	if v, ok := s.shaped[expr]; ok {
		return v, nil
	}
	return expr.Value(ctx)
}

// expand evaluates count or for_each of a block.
func (s *scope) expand(body hcl.Body, what string) []instance {
	attrs := s.attributes(body)
	ctx := s.context()
	if a, ok := attrs["count"]; ok {
		v, diags := s.shapedValue(a.Expr, ctx)
		v, _ = v.Unmark()
		if diags.HasErrors() || !v.IsKnown() || v.IsNull() {
			why, _ := s.explain(a.Expr, ctx)
			if why == "" {
				why = "count is not known before apply"
			}
			return []instance{{key: "[0]", exists: graph.Unknown, existsWhy: "count of " + what + " is unknown: " + why,
				each: map[string]cty.Value{"count": cty.ObjectVal(map[string]cty.Value{"index": cty.UnknownVal(cty.Number)})}}}
		}
		n, _ := v.AsBigFloat().Int64()
		if n > maxInstances {
			s.l.diag(graph.Warningf(toRange(a.Expr.Range()), "expansion-limit", "count = %d: only the first %d instances of %s are evaluated", n, maxInstances, what))
			n = maxInstances
		}
		out := make([]instance, 0, n)
		for i := int64(0); i < n; i++ {
			out = append(out, instance{key: fmt.Sprintf("[%d]", i), exists: graph.True,
				each: map[string]cty.Value{"count": cty.ObjectVal(map[string]cty.Value{"index": cty.NumberIntVal(i)})}})
		}
		return out
	}
	if a, ok := attrs["for_each"]; ok {
		v, diags := s.shapedValue(a.Expr, ctx)
		v = s.unmarked(v)
		if diags.HasErrors() || !v.IsKnown() || v.IsNull() || !v.CanIterateElements() {
			why, _ := s.explain(a.Expr, ctx)
			if why == "" {
				why = "for_each is not known before apply"
			}
			each := cty.ObjectVal(map[string]cty.Value{"key": cty.UnknownVal(cty.String), "value": cty.DynamicVal})
			return []instance{{key: "[?]", exists: graph.Unknown, existsWhy: "for_each of " + what + " is unknown: " + why,
				each: map[string]cty.Value{"each": each}}}
		}
		gv := s.valueOf(a.Expr, ctx, v, false)
		var out []instance
		for it := v.ElementIterator(); it.Next(); {
			k, e := it.Element()
			if v.Type().IsSetType() {
				k = e
			}
			var ev *graph.Value
			if k.IsKnown() && k.Type() == cty.String {
				if f, ok := gv.Get(k.AsString()); ok && gv.Kind() == graph.KindObject {
					ev = &f
				}
				// for_each over another resource: each.value is that
				// resource's instance of the same key.
				if addr, ok := s.resourceTraversal(a.Expr); ok {
					ref := graph.Ref{Address: s.prefix + addr + indexKey(k), Range: toRange(a.Expr.Range())}
					u := graph.UnknownValue(addr+indexKey(k)+" is known only after apply", toRange(a.Expr.Range())).WithRefs(ref)
					ev = &u
				}
			}
			if !k.IsKnown() || k.IsNull() || k.Type() != cty.String {
				if k.Type() == cty.Number && k.IsKnown() {
					k = cty.StringVal(k.AsBigFloat().Text('f', -1))
				} else {
					why := "a for_each key is not known before apply"
					return []instance{{key: "[?]", exists: graph.Unknown, existsWhy: "for_each of " + what + " is unknown: " + why,
						each: map[string]cty.Value{"each": cty.ObjectVal(map[string]cty.Value{"key": cty.UnknownVal(cty.String), "value": cty.DynamicVal})}}}
				}
			}
			if len(out) >= maxInstances {
				s.l.diag(graph.Warningf(toRange(a.Expr.Range()), "expansion-limit", "for_each has more than %d elements: only the first %d instances of %s are evaluated", maxInstances, maxInstances, what))
				break
			}
			out = append(out, instance{key: indexKey(k), exists: graph.True, eachValue: ev,
				each: map[string]cty.Value{"each": cty.ObjectVal(map[string]cty.Value{"key": k, "value": e})}})
		}
		return out
	}
	return []instance{{exists: graph.True}}
}

// metaAttributes reads the attributes of a body without complaining about
// its blocks.
func metaAttributes(body hcl.Body) map[string]*hcl.Attribute {
	if sb, ok := body.(*hclsyntax.Body); ok {
		out := map[string]*hcl.Attribute{}
		for name, a := range sb.Attributes {
			out[name] = a.AsHCLAttribute()
		}
		return out
	}
	attrs, _ := body.JustAttributes()
	return attrs
}

// metaAttribute reads one attribute of a body, as metaAttributes does.
func metaAttribute(body hcl.Body, name string) (*hcl.Attribute, bool) {
	if sb, ok := body.(*hclsyntax.Body); ok {
		a, ok := sb.Attributes[name]
		if !ok {
			return nil, false
		}
		return a.AsHCLAttribute(), true
	}
	a, ok := metaAttributes(body)[name]
	return a, ok
}

// attributes is metaAttributes, read once per body for the unit: a block
// is read for each of its instances and again to find its shape.
func (s *scope) attributes(body hcl.Body) map[string]*hcl.Attribute {
	if attrs, ok := s.l.attributes[body]; ok {
		return attrs
	}
	if s.l.attributes == nil {
		s.l.attributes = map[hcl.Body]map[string]*hcl.Attribute{}
	}
	attrs := metaAttributes(body)
	s.l.attributes[body] = attrs
	return attrs
}

// childContext adds count/each to the scope's context.
func (s *scope) childContext(in instance) *hcl.EvalContext {
	ctx := s.context()
	if len(in.each) == 0 {
		return ctx
	}
	child := ctx.NewChild()
	child.Variables = in.each
	return child
}

// resources evaluates a resource block into one resource per instance.
func (s *scope) resources(b *hcl.Block) {
	typ, name := b.Labels[0], b.Labels[1]
	what := typ + "." + name
	for _, in := range s.expand(b.Body, s.prefix+what) {
		ctx := s.childContext(in)
		s.curEach = in.eachValue
		s.mayNotExist = in.exists.And(s.exists) != graph.True
		attrs := s.bodyValue(b.Body, toRange(b.DefRange), ctx, metaArguments, 0)
		s.curEach, s.mayNotExist = nil, false
		r := &graph.Resource{
			Format: graph.Terraform, Unit: s.l.unit.Path, Type: typ, Address: s.prefix + what + in.key,
			Attrs: attrs, Metadata: graph.Null(toRange(b.DefRange)), Range: blockRange(b), NameRange: toRange(b.DefRange),
			Exists: in.exists.And(s.exists), Calls: s.calls,
		}
		r.ExistsWhy = firstNonEmpty(in.existsWhy, s.existsWhy)
		if r.Exists == graph.True {
			r.ExistsWhy = ""
		}
		r.ProviderRef = providerRef(b.Body, typ)
		r.Provider = s.providers[r.ProviderRef]
		s.l.g.Resources = append(s.l.g.Resources, r)
	}
}

// providerRef is the provider configuration a resource asks for: its
// provider argument, or the default configuration of the provider its type
// belongs to.
func providerRef(body hcl.Body, typ string) string {
	if a, ok := metaAttribute(body, "provider"); ok {
		if t, diags := hcl.AbsTraversalForExpr(a.Expr); !diags.HasErrors() {
			return describeTraversal(t)
		}
		v, _ := a.Expr.Value(nil)
		if v.IsKnown() && v.Type() == cty.String {
			return v.AsString()
		}
	}
	local, _, _ := strings.Cut(typ, "_")
	return local
}

// blockRange covers a whole block.
func blockRange(b *hcl.Block) graph.Range {
	r := toRange(b.DefRange)
	if sb, ok := b.Body.(*hclsyntax.Body); ok {
		end := sb.SrcRange.End
		r.End = graph.Pos{Line: end.Line, Column: end.Column, Byte: end.Byte}
	}
	return r
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// bodyValue evaluates a block body into an object: attributes in source
// order, nested blocks as lists of objects under their type, dynamic blocks
// expanded. skip names arguments to leave out.
func (s *scope) bodyValue(body hcl.Body, r graph.Range, ctx *hcl.EvalContext, skip map[string]bool, depth int) graph.Value {
	if depth > maxDepth {
		s.l.diag(graph.Warningf(r, "depth-limit", "blocks nested deeper than %d levels are not evaluated", maxDepth))
		return graph.UnknownValue("blocks nested too deeply", r)
	}
	sb, ok := body.(*hclsyntax.Body)
	if !ok {
		return s.jsonBodyValue(body, r, ctx, skip, depth)
	}
	var fields []graph.Field
	attrs := make([]*hclsyntax.Attribute, 0, len(sb.Attributes))
	for _, a := range sb.Attributes {
		if !skip[a.Name] {
			attrs = append(attrs, a)
		}
	}
	sort.Slice(attrs, func(i, j int) bool { return attrs[i].SrcRange.Start.Byte < attrs[j].SrcRange.Start.Byte })
	for _, a := range attrs {
		fields = append(fields, graph.Field{Key: a.Name, KeyRange: toRange(a.NameRange), Value: s.value(a.Expr, ctx, depth+1)})
	}
	type group struct {
		key     graph.Range
		elems   []graph.Value
		unknown *graph.Value
		first   graph.Range
	}
	groups := map[string]*group{}
	var order []string
	add := func(typ string, keyRange graph.Range) *group {
		g := groups[typ]
		if g == nil {
			g = &group{key: keyRange, first: keyRange}
			groups[typ] = g
			order = append(order, typ)
		}
		return g
	}
	for _, blk := range sb.Blocks {
		if skip[blk.Type] {
			continue
		}
		if blk.Type == "dynamic" && len(blk.Labels) == 1 {
			g := add(blk.Labels[0], toRange(blk.LabelRanges[0]))
			elems, unknown := s.dynamicBlock(blk, ctx, depth)
			if unknown != nil {
				g.unknown = unknown
			}
			g.elems = append(g.elems, elems...)
			continue
		}
		g := add(blk.Type, toRange(blk.TypeRange))
		g.elems = append(g.elems, s.bodyValue(blk.Body, blockRange(blk.AsHCLBlock()), ctx, nil, depth+1))
	}
	for _, typ := range order {
		g := groups[typ]
		v := graph.List(g.elems, g.first)
		if g.unknown != nil {
			v = *g.unknown
		}
		fields = append(fields, graph.Field{Key: typ, KeyRange: g.key, Value: v})
	}
	sort.SliceStable(fields, func(i, j int) bool {
		return fields[i].KeyRange.Start.Byte < fields[j].KeyRange.Start.Byte
	})
	return graph.Object(fields, r)
}

// dynamicBlock expands a dynamic block; unknown is set when its for_each is
// not known, which makes the whole block list unknown.
func (s *scope) dynamicBlock(blk *hclsyntax.Block, ctx *hcl.EvalContext, depth int) ([]graph.Value, *graph.Value) {
	iter := blk.Labels[0]
	var forEach hcl.Expression
	if a, ok := blk.Body.Attributes["for_each"]; ok {
		forEach = a.Expr
	}
	if a, ok := blk.Body.Attributes["iterator"]; ok {
		if name := hcl.ExprAsKeyword(a.Expr); name != "" {
			iter = name
		}
	}
	var content *hclsyntax.Block
	for _, c := range blk.Body.Blocks {
		if c.Type == "content" {
			content = c
		}
	}
	r := toRange(blk.DefRange())
	if forEach == nil || content == nil {
		s.l.diag(graph.Errorf(r, "invalid-block", "a dynamic block needs for_each and a content block"))
		return nil, nil
	}
	v, diags := forEach.Value(ctx)
	v = s.unmarked(v)
	// A list or map whose elements are partly unknown still has known
	// elements: each becomes a block with the unknown attributes unknown.
	// A set with unknown elements does not know how many it has.
	if diags.HasErrors() || !v.IsKnown() || v.IsNull() || !v.CanIterateElements() ||
		v.Type().IsSetType() && !v.IsWhollyKnown() {
		why, refs := s.explain(forEach, ctx)
		if why == "" {
			why = "its for_each is not known before apply"
		}
		u := graph.UnknownValue("dynamic block "+blk.Labels[0]+": "+why, r).WithRefs(refs...)
		return nil, &u
	}
	var out []graph.Value
	n := 0
	// The elements as graph values keep the references of their unknown
	// parts (iterator.value.kms_key_arn -> aws_kms_key.k.arn).
	var elems []graph.Value
	if (v.Type().IsListType() || v.Type().IsTupleType()) && !v.IsWhollyKnown() {
		elems = s.value(forEach, ctx, depth+1).Elems()
	}
	for it := v.ElementIterator(); it.Next(); {
		k, e := it.Element()
		if v.Type().IsSetType() {
			k = e
		}
		if n++; n > maxInstances {
			s.l.diag(graph.Warningf(r, "expansion-limit", "dynamic block has more than %d elements; the rest are not evaluated", maxInstances))
			break
		}
		if s.iterValues == nil {
			s.iterValues = map[string]*graph.Value{}
		}
		prev := s.iterValues[iter]
		if n-1 < len(elems) {
			s.iterValues[iter] = &elems[n-1]
		} else {
			s.iterValues[iter] = nil
		}
		child := ctx.NewChild()
		child.Variables = map[string]cty.Value{iter: cty.ObjectVal(map[string]cty.Value{"key": k, "value": e})}
		out = append(out, s.bodyValue(content.Body, blockRange(blk.AsHCLBlock()), child, nil, depth+1))
		s.iterValues[iter] = prev
	}
	return out, nil
}

// jsonBodyValue evaluates a .tf.json body: without a provider schema,
// nested blocks are indistinguishable from object attributes and are read
// as such (a single object or a list of objects).
func (s *scope) jsonBodyValue(body hcl.Body, r graph.Range, ctx *hcl.EvalContext, skip map[string]bool, depth int) graph.Value {
	attrs, diags := body.JustAttributes()
	s.l.hclDiags(diags, graph.Warning, "evaluation-error")
	var fields []graph.Field
	for _, a := range sortedAttributes(attrs) {
		if skip[a.Name] {
			continue
		}
		fields = append(fields, graph.Field{Key: a.Name, KeyRange: toRange(a.NameRange), Value: s.value(a.Expr, ctx, depth+1)})
	}
	return graph.Object(fields, r)
}
