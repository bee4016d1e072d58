package terraform

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/typeexpr"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/internal/budget"
)

// moduleMeta are module block arguments that are not inputs.
var moduleMeta = map[string]bool{
	"source": true, "version": true, "count": true, "for_each": true, "providers": true, "depends_on": true,
}

// callModule evaluates a module call: each instance of the child module with
// its inputs and providers, then the call's outputs for the caller.
func (s *scope) callModule(b *hcl.Block, stack []string) {
	name := b.Labels[0]
	attrs := s.attributes(b.Body)
	call := graph.Call{Address: s.prefix + "module." + name, Range: toRange(b.DefRange)}
	unknownOutputs := func(why string) {
		s.modules[name] = s.namedOf(cty.DynamicVal, toRange(b.DefRange), why, nil)
	}
	srcAttr, ok := attrs["source"]
	if !ok {
		s.l.diag(graph.Errorf(toRange(b.DefRange), "invalid-module", "module %s has no source", name))
		unknownOutputs("module." + name + " has no source")
		return
	}
	// What is decided here before evaluating anything, the scan decides
	// too (ModuleCache.Hold and moduleCalls): keep them together.
	source, ok := moduleSource(attrs)
	if !ok {
		unknownOutputs("module." + name + " has a source blindspot cannot read")
		return
	}
	version := ""
	if a, ok := attrs["version"]; ok {
		if v, diags := a.Expr.Value(nil); !diags.HasErrors() && v.IsKnown() && v.Type() == cty.String {
			version = v.AsString()
		}
	}
	srcRange := toRange(srcAttr.Expr.Range())
	notRead := func(reason graph.UnreadReason, dir, failure string) {
		s.unread(b, attrs, graph.UnreadModule{Source: source, Version: version, Dir: dir, Reason: reason, Range: srcRange, Failure: failure})
	}
	dir, local := localModuleDir(s.mod.dir, source)
	manifestKey := moduleKey(s.prefix, name)
	pkg := s.pkg
	switch {
	case local:
		if pkg != "" && !inside(pkg, dir) {
			// Terraform refuses this too: a downloaded module reaching
			// out of its package could read anything.
			s.l.diag(graph.Debugf(srcRange, graph.CodeModuleOutsidePackage, "module %s comes from %s, which leaves its downloaded package", name, source))
			notRead(graph.SourceOutsidePackage, dir, "")
			unknownOutputs("module." + name + " comes from " + source + ", outside its package")
			return
		}
		if _, err := s.l.rootFor(dir).Stat(dir); errors.Is(err, fs.ErrNotExist) {
			s.l.diag(graph.Debugf(srcRange, graph.CodeModuleMissing, "module %s comes from %s, which does not exist", name, source))
			notRead(graph.SourceMissing, dir, "")
			unknownOutputs("module." + name + " comes from " + source + ", which does not exist")
			return
		}
	case s.l.manifest != nil && s.l.manifest[manifestKey] != "" && isDir(s.l.manifest[manifestKey]):
		dir, pkg = s.l.manifest[manifestKey], ""
	case s.l.opts.Fetcher != nil:
		fetched, fetchedPkg, err := s.l.opts.Fetcher.FetchModule(source, version)
		if err == nil {
			dir, pkg = fetched, fetchedPkg
			s.l.trustPackage(pkg)
			break
		}
		s.l.diag(graph.Debugf(srcRange, graph.CodeModuleNotDownloaded, "module %s comes from %s, which could not be downloaded: %v", name, source, err))
		notRead(graph.NotDownloaded, "", err.Error())
		unknownOutputs("module." + name + " comes from a remote source that could not be downloaded")
		return
	default:
		s.l.diag(graph.Debugf(srcRange, graph.CodeModuleNotDownloaded, "module %s comes from %s, which has not been downloaded", name, source))
		notRead(graph.NotDownloaded, "", "")
		unknownOutputs("module." + name + " comes from a remote source that has not been downloaded")
		return
	}
	abs := s.l.identity(dir)
	for _, seen := range stack {
		if seen == abs {
			s.l.diag(graph.Errorf(toRange(b.DefRange), "module-cycle", "module %s calls itself (through %s)", name, source))
			unknownOutputs("module." + name + " is part of a module cycle")
			return
		}
	}
	if len(stack) >= maxModuleDepth {
		s.l.diag(graph.Warningf(toRange(b.DefRange), "depth-limit", "modules nested deeper than %d levels are not evaluated", maxModuleDepth))
		unknownOutputs("module." + name + " is nested too deeply")
		return
	}
	child, ok := s.l.parseModule(dir)
	if !ok {
		unknownOutputs("module." + name + " could not be read")
		return
	}
	s.l.unit.Files = append(s.l.unit.Files, child.files...)
	providers := s.passProviders(b.Body)
	instances := s.expand(b.Body, s.prefix+"module."+name)
	_, hasCount := attrs["count"]
	_, hasForEach := attrs["for_each"]
	outputs := map[string]cty.Value{}
	var outputGV []graph.Field
	var listGV []graph.Value
	var list []cty.Value
	for _, in := range instances {
		// Each instance evaluates the whole module again.
		if !s.l.budget.Instances(1, call.Range) || !s.l.budget.Values(moduleInstanceWeight+child.weight, call.Range) {
			unknownOutputs("module." + name + " is " + budget.Reason("another instance"))
			return
		}
		ctx := s.childContext(in)
		inputs := map[string]moduleInput{}
		s.curEach = in.eachValue
		for _, a := range sortedAttributes(attrs) {
			if moduleMeta[a.Name] {
				continue
			}
			v, gv := s.evaluate(a.Expr, ctx)
			inputs[a.Name] = moduleInput{val: v, gv: gv, source: toRange(a.Expr.Range()), from: "module." + name}
		}
		s.curEach = nil
		prefix := s.prefix + "module." + name + in.key + "."
		childCall := graph.Call{Address: strings.TrimSuffix(prefix, "."), Range: call.Range}
		calls := append(append([]graph.Call{}, s.calls...), childCall)
		exists := in.exists.And(s.exists)
		why := cmp.Or(in.existsWhy, s.existsWhy)
		cs := s.l.evalModule(child, pkg, prefix, calls, exists, why, inputs, providers, append(append([]string{}, stack...), abs))
		obj, gv := cs.outputs()
		// The graph form has the shape of the value: a list of instances
		// for count, an object keyed by instance key for for_each.
		switch {
		case hasCount:
			list = append(list, obj)
			listGV = append(listGV, gv)
		case hasForEach:
			if k := strings.TrimSuffix(strings.TrimPrefix(in.key, `["`), `"]`); k != in.key {
				outputs[k] = obj
				outputGV = append(outputGV, graph.Field{Key: k, Value: gv})
			}
		default:
			s.modules[name] = named{val: obj, gv: gv}
			return
		}
	}
	gv := graph.Object(outputGV, toRange(b.DefRange))
	if hasCount {
		gv = graph.List(listGV, toRange(b.DefRange))
	}
	switch {
	case len(instances) == 1 && instances[0].exists != graph.True:
		// An instance that may not exist has no outputs Terraform could
		// read; they keep the resources they would come from.
		s.modules[name] = s.namedOf(cty.DynamicVal, toRange(b.DefRange), instances[0].existsWhy, gv.AllRefs())
	case hasCount:
		s.modules[name] = named{val: cty.TupleVal(list), gv: gv}
	default:
		s.modules[name] = named{val: cty.ObjectVal(outputs), gv: gv}
	}
}

// unread records a module call whose code is not read: each instance, with
// the arguments and providers it gets, so that rules can tell what it
// could have created. The arguments are evaluated only for that: problems
// in them are reported once the module is read, as Terraform would.
func (s *scope) unread(b *hcl.Block, attrs map[string]*hcl.Attribute, m graph.UnreadModule) {
	name := b.Labels[0]
	mark := len(s.l.g.Diagnostics)
	// A providers argument replaces inheritance: the module gets those
	// configurations and no others, as in Terraform.
	providers, given := s.explicitProviders(b.Body)
	if !given {
		providers = s.passProviders(b.Body)
	}
	instances := s.expand(b.Body, s.prefix+"module."+name)
	for _, in := range instances {
		ctx := s.childContext(in)
		s.curEach = in.eachValue
		var args []graph.Field
		for _, a := range sortedAttributes(attrs) {
			if moduleMeta[a.Name] {
				continue
			}
			_, gv := s.evaluate(a.Expr, ctx)
			args = append(args, graph.Field{Key: a.Name, KeyRange: toRange(a.NameRange), Value: gv})
		}
		s.curEach = nil
		call := m
		call.Unit = s.l.unit.Path
		call.Address = s.prefix + "module." + name + in.key
		call.Calls = append(append([]graph.Call{}, s.calls...), graph.Call{Address: call.Address, Range: toRange(b.DefRange)})
		call.Exists = in.exists.And(s.exists)
		call.ExistsWhy = cmp.Or(in.existsWhy, s.existsWhy)
		call.Args = graph.Object(args, toRange(b.DefRange))
		call.Providers, call.ProvidersGiven = providers, given
		s.l.g.UnreadModules = append(s.l.g.UnreadModules, &call)
	}
	s.l.g.Diagnostics = s.l.g.Diagnostics[:mark]
}

// inside reports whether path p lies in directory dir.
func inside(dir, p string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

func isDir(p string) bool {
	info, err := os.Stat(p)
	return err == nil && info.IsDir()
}

// moduleKey is the key terraform init gives a module call in modules.json:
// the module names from the root, joined by dots.
func moduleKey(prefix, name string) string {
	var names []string
	for _, part := range strings.Split(prefix, "module.") {
		part = strings.TrimSuffix(part, ".")
		if i := strings.IndexByte(part, '['); i >= 0 {
			part = part[:i]
		}
		if part != "" {
			names = append(names, part)
		}
	}
	return strings.Join(append(names, name), ".")
}

// passProviders maps the child's provider names to the caller's
// configurations: the providers argument, or the caller's default
// configurations.
func (s *scope) passProviders(body hcl.Body) map[string]*graph.Provider {
	out := map[string]*graph.Provider{}
	for k, p := range s.providers {
		if !strings.Contains(k, ".") {
			out[k] = p
		}
	}
	explicit, _ := s.explicitProviders(body)
	for k, p := range explicit {
		out[k] = p
	}
	return out
}

// explicitProviders maps the child's provider names to the caller's
// configurations as the providers argument lists them; given is false
// when there is no providers argument. A name the caller has no
// configuration for maps to nil.
func (s *scope) explicitProviders(body hcl.Body) (out map[string]*graph.Provider, given bool) {
	expr, ok := metaExpr(body, "providers")
	if !ok {
		return nil, false
	}
	out = map[string]*graph.Provider{}
	pairs, diags := hcl.ExprMap(expr)
	if diags.HasErrors() {
		s.l.hclDiags(diags, graph.Warning, "invalid-module")
		return out, true
	}
	for _, kv := range pairs {
		kt, d1 := hcl.AbsTraversalForExpr(kv.Key)
		vt, d2 := hcl.AbsTraversalForExpr(kv.Value)
		if d1.HasErrors() || d2.HasErrors() {
			continue
		}
		out[describeTraversal(kt)] = s.providers[describeTraversal(vt)]
	}
	return out, true
}

// outputs evaluates the module's outputs into an object.
func (s *scope) outputs() (cty.Value, graph.Value) {
	vals := make(map[string]cty.Value, len(s.mod.outputs))
	fields := make([]graph.Field, 0, len(s.mod.outputs))
	ctx := s.context()
	for _, b := range s.mod.outputs {
		name := b.Labels[0]
		expr, ok := metaExpr(b.Body, "value")
		if !ok {
			continue
		}
		v, gv := s.evaluate(expr, ctx)
		vals[name] = v
		fields = append(fields, graph.Field{Key: name, KeyRange: toRange(b.DefRange), Value: gv})
	}
	return cty.ObjectVal(vals), graph.Object(fields, graph.Range{})
}

// rootInputs collects the root module's variable values in Terraform's
// order, a later value overriding an earlier one: TF_VAR_ environment
// variables, terraform.tfvars, terraform.tfvars.json, *.auto.tfvars and
// *.auto.tfvars.json in name order, then -var and -var-file as given.
func (l *loader) rootInputs(mod *module) map[string]moduleInput {
	declared := map[string]*hcl.Block{}
	for _, b := range mod.variables {
		declared[b.Labels[0]] = b
	}
	inputs := map[string]moduleInput{}
	for _, name := range slices.Sorted(maps.Keys(l.opts.Env)) {
		if b := declared[name]; b != nil {
			inputs[name] = rawInput(b, l.opts.Env[name], "TF_VAR_"+name, l.marked)
		}
	}
	var files []string
	entries, _ := l.rootFor(mod.dir).ReadDir(mod.dir)
	for _, name := range []string{"terraform.tfvars", "terraform.tfvars.json"} {
		for _, e := range entries {
			if e.Name() == name {
				files = append(files, filepath.Join(mod.dir, name))
			}
		}
	}
	var auto []string
	for _, e := range entries {
		if n := e.Name(); strings.HasSuffix(n, ".auto.tfvars") || strings.HasSuffix(n, ".auto.tfvars.json") {
			auto = append(auto, filepath.Join(mod.dir, n))
		}
	}
	sort.Strings(auto)
	for _, f := range append(files, auto...) {
		l.readVarFile(f, false, declared, inputs)
	}
	for _, in := range l.opts.Inputs {
		if in.File != "" {
			// -var-file files are the user's choice and may lie anywhere.
			l.readVarFile(in.File, true, declared, inputs)
			continue
		}
		name, raw, ok := strings.Cut(in.Var, "=")
		if !ok {
			l.diag(graph.Errorf(graph.Range{}, "invalid-variable", "--var %q: want name=value", in.Var))
			continue
		}
		if b := declared[name]; b != nil {
			inputs[name] = rawInput(b, raw, "--var", l.marked)
		}
	}
	return inputs
}

// readVarFile sets the declared variables a .tfvars file gives values;
// userFile says whether the user named it (and it may lie outside the scan
// root).
func (l *loader) readVarFile(f string, userFile bool, declared map[string]*hcl.Block, inputs map[string]moduleInput) {
	file, ok := l.parseSource(f, userFile)
	if !ok {
		return
	}
	l.unit.Files = append(l.unit.Files, f)
	attrs, diags := file.Body.JustAttributes()
	l.hclDiags(diags, graph.Error, "parse-error")
	for _, a := range sortedAttributes(attrs) {
		if declared[a.Name] == nil {
			continue
		}
		// Only the budget's functions: tfvars hold constants.
		v, diags := a.Expr.Value(&hcl.EvalContext{Functions: l.budgetOnly()})
		if diags.HasErrors() {
			l.hclDiags(diags, graph.Error, "invalid-tfvars")
			continue
		}
		r := toRange(a.Expr.Range())
		inputs[a.Name] = moduleInput{val: v, gv: literalValue(a.Expr, v, l.marked).WithSource(r), source: r, from: f}
	}
}

// rawInput is a variable's value given as text (-var, TF_VAR_): the text
// itself for a variable of a primitive type or none, an HCL expression
// for any other type, as Terraform reads it.
func rawInput(b *hcl.Block, raw, from string, marked bool) moduleInput {
	v := cty.StringVal(raw)
	if attrs, _ := variableAttributes(b.Body); attrs["type"] != nil {
		if ty, _ := variableType(attrs["type"], nil); !ty.IsPrimitiveType() {
			expr, diags := hclsyntax.ParseExpression([]byte(raw), from, hcl.Pos{Line: 1, Column: 1})
			if !diags.HasErrors() {
				if pv, diags := expr.Value(nil); !diags.HasErrors() {
					v = pv
				}
			}
		}
	}
	return moduleInput{val: v, gv: fromCty(v, graph.Range{}, "", nil, marked), from: from}
}

// variableType reads a variable's type constraint with optional() defaults.
func variableType(a *hcl.Attribute, l *loader) (cty.Type, *typeexpr.Defaults) {
	if a == nil {
		return cty.DynamicPseudoType, nil
	}
	// Terraform still accepts the bare list and map of its 0.11 days, as
	// list(any) and map(any).
	switch hcl.ExprAsKeyword(a.Expr) {
	case "list":
		return cty.List(cty.DynamicPseudoType), nil
	case "map":
		return cty.Map(cty.DynamicPseudoType), nil
	}
	ty, defaults, diags := typeexpr.TypeConstraintWithDefaults(a.Expr)
	if diags.HasErrors() {
		if l != nil {
			l.hclDiags(diags, graph.Warning, "invalid-variable")
		}
		return cty.DynamicPseudoType, nil
	}
	return ty, defaults
}

// convertType converts a value to a variable's type, keeping marks (when
// the unit has any: see loader.marked).
func convertType(v cty.Value, ty cty.Type, marked bool) (cty.Value, error) {
	if !marked {
		out, err := convert.Convert(v, ty)
		if err != nil {
			return v, fmt.Errorf("%s", convertError(err))
		}
		return out, nil
	}
	unmarked, marks := v.UnmarkDeepWithPaths()
	out, err := convert.Convert(unmarked, ty)
	if err != nil {
		return v, fmt.Errorf("%s", convertError(err))
	}
	return out.MarkWithPaths(marks), nil
}

func convertError(err error) string {
	if pe, ok := err.(cty.PathError); ok && len(pe.Path) > 0 {
		return fmt.Sprintf("at %s: %v", describePath(pe.Path), pe.Error())
	}
	return err.Error()
}

func describePath(p cty.Path) string {
	var b strings.Builder
	for _, step := range p {
		switch s := step.(type) {
		case cty.GetAttrStep:
			b.WriteString("." + s.Name)
		case cty.IndexStep:
			b.WriteString(indexKey(s.Key))
		}
	}
	return b.String()
}
