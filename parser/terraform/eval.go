package terraform

import (
	"cmp"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/internal/budget"
)

// named is an evaluated named value (a variable, a local, a module output,
// a data source): its cty form for evaluation and its graph form, which
// keeps the reason it is unknown, the resources it came from and where it
// was written.
//
// Where the cty form is computed first (data sources, unknown module
// outputs, variables without a value), the graph form is derived from it
// by namedOf, so the two cannot disagree on what is known.
type named struct {
	val cty.Value
	gv  graph.Value
}

// namedOf is the named value val, whose unknown parts are unknown because
// of why and come from refs.
func (s *scope) namedOf(val cty.Value, r graph.Range, why string, refs []graph.Ref) named {
	return named{val: val, gv: fromCty(val, r, why, refs, s.l.marked)}
}

// scope is the evaluation scope of one module instance.
type scope struct {
	l   *loader
	mod *module
	// pkg is the root of the downloaded package the module belongs to
	// (--download-modules), which its local calls may not leave; "" for
	// the user's own code and terraform init's downloads.
	pkg    string
	prefix string // "module.a." or "" for the root
	calls  []graph.Call
	// exists is the existence of the module instance itself.
	exists    graph.Tri
	existsWhy string

	vars    map[string]named
	locals  map[string]named
	modules map[string]named
	data    map[string]map[string]named
	// policyDocs holds aws_iam_policy_document values by "type.name".
	policyDocs map[string]graph.Value
	// policyLookups holds, by data source name, the policy name an
	// aws_iam_policy data source (without count or for_each) looks up.
	policyLookups map[string]string
	providers     map[string]*graph.Provider
	// ownProviders are the module's own provider configurations, by
	// position, as they are evaluated.
	ownProviders []*graph.Provider
	funcs        map[string]function.Function
	// resourceTypes are the resource types declared in the module.
	resourceTypes map[string]bool

	ctx *hcl.EvalContext
	// ctxVars are the variables of ctx; stale says which of them changed
	// since, so that a new context rebuilds only those.
	ctxVars map[string]cty.Value
	stale   staleParts
	// frozen keeps the context while a wave of independent items is
	// evaluated.
	frozen bool
	// resourceShapes gives, once count and for_each are known, each
	// resource's instances with unknown attributes, so that
	// for_each = aws_vpc.this and length(aws_instance.web) know the keys.
	resourceShapes map[string]map[string]cty.Value
	// shaped holds the count and for_each values shapeResources found that
	// depend on no resource, so that expand need not evaluate them again.
	shaped map[hcl.Expression]cty.Value
	// iterValues are the elements of the dynamic blocks being expanded, by
	// iterator name, with the references of their unknown parts.
	iterValues map[string]*graph.Value
	// curEach is the for_each element (each.value) of the instance being
	// evaluated, with the references it came from.
	curEach *graph.Value
	// mayNotExist is set while evaluating a resource instance whose
	// existence is not known: its arguments may fail in ways Terraform
	// would never evaluate (a splat over resources that do not exist).
	mayNotExist bool
	// pending is the evaluation evaluate made of the expression it hands
	// to value, for eval to take rather than evaluate it again.
	pending evaluated
}

// reserved roots of references that are not resource types.
var reserved = map[string]bool{
	"var": true, "local": true, "module": true, "data": true, "path": true, "terraform": true,
	"count": true, "each": true, "self": true, "ephemeral": true,
}

// context returns the evaluation context, rebuilt when values changed.
func (s *scope) context() *hcl.EvalContext {
	if s.ctx != nil && (s.stale == 0 || s.frozen) {
		return s.ctx
	}
	vars := make(map[string]cty.Value, len(s.ctxVars)+len(s.resourceTypes)+6)
	for k, v := range s.ctxVars {
		vars[k] = v
	}
	if s.ctxVars == nil {
		// Terraform runs in the root module's directory: path.root is
		// ".", path.cwd that directory as an absolute path (whatever the
		// directory blindspot was started from).
		vars["path"] = cty.ObjectVal(map[string]cty.Value{
			"module": cty.StringVal(s.modulePath()), "root": cty.StringVal("."), "cwd": cty.StringVal(filepath.ToSlash(s.l.rootDir())),
		})
		vars["terraform"] = cty.ObjectVal(map[string]cty.Value{"workspace": cty.StringVal(cmp.Or(s.l.opts.Workspace, "default"))})
		if s.l.budget != nil {
			vars[budgetVariable] = cty.CapsuleVal(budgetCapsule, s.l.budget)
		}
	}
	if s.stale&staleVars != 0 {
		vars["var"] = objectOf(s.vars)
	}
	if s.stale&staleLocals != 0 {
		vars["local"] = objectOf(s.locals)
	}
	if s.stale&staleModules != 0 {
		vars["module"] = objectOf(s.modules)
	}
	if s.stale&staleData != 0 {
		data := map[string]cty.Value{}
		for typ, byName := range s.data {
			data[typ] = objectOf(byName)
		}
		vars["data"] = cty.ObjectVal(data)
	}
	if s.stale&staleResources != 0 {
		for typ := range s.resourceTypes {
			vars[typ] = cty.DynamicVal
			if byName, ok := s.resourceShapes[typ]; ok {
				vars[typ] = cty.ObjectVal(byName)
			}
		}
	}
	s.ctxVars = vars
	s.ctx = &hcl.EvalContext{Variables: vars, Functions: s.funcs}
	s.stale = 0
	return s.ctx
}

// staleParts are the parts of an evaluation context that changed.
type staleParts uint8

const (
	staleVars staleParts = 1 << iota
	staleLocals
	staleModules
	staleData
	staleResources
	staleAll = staleVars | staleLocals | staleModules | staleData | staleResources
)

// modulePath is path.module: the module's directory relative to the root
// module, where Terraform runs and relative file paths are resolved.
func (s *scope) modulePath() string {
	rel, err := filepath.Rel(s.l.unit.Path, s.mod.dir)
	if err != nil {
		return s.mod.dir
	}
	return filepath.ToSlash(rel)
}

func objectOf(m map[string]named) cty.Value {
	out := make(map[string]cty.Value, len(m))
	for k, v := range m {
		out[k] = v.val
	}
	return cty.ObjectVal(out)
}

// value evaluates an expression into a graph value. Lists and objects
// written literally are evaluated element by element, so each element keeps
// its own range and references; jsonencode() and policy documents whose
// content is partly unknown keep their structure.
func (s *scope) value(expr hcl.Expression, ctx *hcl.EvalContext, depth int) graph.Value {
	r := toRange(expr.Range())
	if depth > maxDepth {
		return graph.UnknownValue("expression nested too deeply", r)
	}
	switch e := expr.(type) {
	case *hclsyntax.TemplateWrapExpr:
		return s.value(e.Wrapped, ctx, depth+1).WithRange(r)
	case *hclsyntax.TupleConsExpr:
		elems := make([]graph.Value, 0, len(e.Exprs))
		for _, x := range e.Exprs {
			elems = append(elems, s.value(x, ctx, depth+1))
		}
		return graph.List(elems, r)
	case *hclsyntax.ObjectConsExpr:
		fields := make([]graph.Field, 0, len(e.Items))
		for _, item := range e.Items {
			key, ok := s.objectKey(item.KeyExpr, ctx)
			if !ok {
				return s.eval(expr, ctx)
			}
			fields = append(fields, graph.Field{Key: key, KeyRange: toRange(item.KeyExpr.Range()), Value: s.value(item.ValueExpr, ctx, depth+1)})
		}
		return graph.Object(fields, r)
	case *hclsyntax.FunctionCallExpr:
		// jsonencode of a literal object or list keeps its structure, so
		// that findings in a policy point at the statement, and the known
		// parts of a partly unknown document can still be checked.
		if e.Name == "jsonencode" && len(e.Args) == 1 && !e.ExpandFinal {
			switch e.Args[0].(type) {
			case *hclsyntax.ObjectConsExpr, *hclsyntax.TupleConsExpr:
				inner := s.value(e.Args[0], ctx, depth+1)
				if inner.Kind() == graph.KindObject || inner.Kind() == graph.KindList {
					return inner.WithRange(r)
				}
			}
			v := s.eval(expr, ctx)
			if !v.IsKnown() {
				inner := s.value(e.Args[0], ctx, depth+1)
				if inner.Kind() == graph.KindObject || inner.Kind() == graph.KindList {
					return inner.WithRange(r)
				}
			}
			return v
		}
		// base64encode of a string with unknown parts keeps the text
		// written around them visible (user data scripts are encoded
		// this way).
		if e.Name == "base64encode" && len(e.Args) == 1 && !e.ExpandFinal {
			v := s.eval(expr, ctx)
			if !v.IsKnown() && len(v.Alternatives()) == 0 {
				if lit := s.value(e.Args[0], ctx, depth+1).LiteralText(); lit != "" {
					return v.WithLiteralText(lit)
				}
			}
			return v
		}
		// coalesce returns its first argument that is not null or "":
		// when that is a document whose structure is known (a policy
		// document's json, jsonencode of a literal), it keeps it, so
		// coalesce(var.policy, data.aws_iam_policy_document.x.json) with
		// var.policy unset is the document.
		if e.Name == "coalesce" && !e.ExpandFinal {
			v := s.eval(expr, ctx)
			if v.IsKnown() || len(v.Alternatives()) > 0 {
				return v
			}
			for _, arg := range e.Args {
				if isNullOrEmpty(s.unmarked(s.ctyValue(arg, ctx))) {
					continue
				}
				if inner := s.value(arg, ctx, depth+1); inner.Kind() == graph.KindObject || inner.Kind() == graph.KindList {
					return inner.WithRange(r)
				}
				break
			}
			return v
		}
		// A JSON document rendered by templatefile() or format() keeps
		// its known structure when parts of it are unknown.
		if (e.Name == "templatefile" || e.Name == "format") && !e.ExpandFinal {
			v := s.eval(expr, ctx)
			if !v.IsKnown() && len(v.Alternatives()) == 0 {
				if doc, ok := s.structuredJSON(expr, ctx, r, depth); ok {
					return doc
				}
			}
			return v
		}
	case *hclsyntax.IndexExpr:
		if v, ok := s.namedElement(e, ctx); ok {
			return v.WithRange(r)
		}
	case *hclsyntax.RelativeTraversalExpr:
		if doc, ok := s.policyDocIndexed(e, ctx); ok {
			return doc.WithRange(r)
		}
	case *hclsyntax.ScopeTraversalExpr:
		if doc, ok := s.policyDocRef(e.Traversal); ok {
			return doc.WithRange(r)
		}
		if name, ok := s.policyLookup(e.Traversal); ok {
			// The ARN of the policy an aws_iam_policy data source finds
			// by name is read when Terraform plans, but it certainly
			// ends with "/" and that name (policy names hold no "/").
			v := s.eval(expr, ctx)
			if !v.IsKnown() && len(v.Alternatives()) == 0 {
				return v.WithLiteralText("arn:/"+name).WithLiteralAffixes("arn:", "/"+name)
			}
			return v
		}
		if v, ok := s.namedRef(e.Traversal); ok {
			return v.WithRange(r)
		}
		v := s.eval(expr, ctx)
		if ev, ok := s.eachValue(e.Traversal); ok && !v.IsKnown() && len(v.Alternatives()) == 0 {
			// The for_each element as evaluated where it is written
			// keeps what cty drops: the literal text of a template with
			// unknown parts.
			return ev.WithRange(r)
		}
		if v.IsKnown() && v.Source().IsZero() {
			if src := s.writtenAt(e.Traversal); !src.IsZero() && src != r {
				v = v.WithSource(src)
			}
		}
		return v
	case *hclsyntax.TemplateExpr:
		v := s.eval(expr, ctx)
		if !v.IsKnown() && len(v.Alternatives()) == 0 {
			if doc, ok := s.structuredJSON(expr, ctx, r, depth); ok {
				return doc
			}
			var lit, prefix, suffix strings.Builder
			leading := true
			for _, part := range e.Parts {
				if l, ok := part.(*hclsyntax.LiteralValueExpr); ok && l.Val.Type() == cty.String && l.Val.IsKnown() {
					lit.WriteString(l.Val.AsString())
					suffix.WriteString(l.Val.AsString())
					if leading {
						prefix.WriteString(l.Val.AsString())
					}
					continue
				}
				leading = false
				suffix.Reset()
			}
			if leading {
				// Every part is literal: the value is not unknown because
				// of its text.
				return v.WithLiteralText(lit.String())
			}
			return v.WithLiteralText(lit.String()).WithLiteralAffixes(prefix.String(), suffix.String())
		}
		return v
	}
	return s.eval(expr, ctx)
}

// ctyValue is expr's value, DynamicVal when it cannot be evaluated.
func (s *scope) ctyValue(expr hcl.Expression, ctx *hcl.EvalContext) cty.Value {
	v, diags := expr.Value(ctx)
	if diags.HasErrors() {
		return cty.DynamicVal
	}
	return v
}

// isNullOrEmpty reports whether v is known to be null or "", the values
// coalesce skips.
func isNullOrEmpty(v cty.Value) bool {
	if !v.IsKnown() {
		return false
	}
	return v.IsNull() || v.Type() == cty.String && v.AsString() == ""
}

// evaluate returns expr's value both for further evaluation (cty) and as a
// graph value. A value that is wholly known, the common case, is evaluated
// once and its graph value read from it along the expression's structure;
// anything else goes through value, which explains the unknown parts.
func (s *scope) evaluate(expr hcl.Expression, ctx *hcl.EvalContext) (cty.Value, graph.Value) {
	refusals := s.l.budget.Refusals()
	v, diags := expr.Value(ctx)
	if diags.HasErrors() || s.l.marked || !v.IsWhollyKnown() {
		// value evaluates expr again where it does not take it apart;
		// eval takes this evaluation instead.
		if e, ok := expr.(hclsyntax.Expression); ok {
			s.pending = evaluated{expr: e, ctx: ctx, v: v, diags: diags, refusals: refusals}
		}
		gv := s.value(expr, ctx, 0)
		s.pending = evaluated{}
		return v, gv
	}
	return v, s.known(expr, ctx, v, 0)
}

// evaluated is an expression's value as HCL gave it in a context, with its
// diagnostics and the budget's refusals before it was evaluated.
type evaluated struct {
	expr     hclsyntax.Expression // a pointer, compared by identity
	ctx      *hcl.EvalContext
	v        cty.Value
	diags    hcl.Diagnostics
	refusals int
}

// valueOf is value for expr, given v, its value as HCL evaluated it (failed
// when that reported errors).
func (s *scope) valueOf(expr hcl.Expression, ctx *hcl.EvalContext, v cty.Value, failed bool) graph.Value {
	if failed || s.l.marked || !v.IsWhollyKnown() {
		return s.value(expr, ctx, 0)
	}
	return s.known(expr, ctx, v, 0)
}

// known is value for an expression whose wholly known, unmarked value v is
// already evaluated: it gives the same result without evaluating again.
func (s *scope) known(expr hcl.Expression, ctx *hcl.EvalContext, v cty.Value, depth int) graph.Value {
	r := toRange(expr.Range())
	if depth > maxDepth {
		return s.value(expr, ctx, depth)
	}
	ty := v.Type()
	switch e := expr.(type) {
	case *hclsyntax.TemplateWrapExpr:
		return s.known(e.Wrapped, ctx, v, depth+1).WithRange(r)
	case *hclsyntax.TupleConsExpr:
		if !ty.IsTupleType() || v.IsNull() || v.LengthInt() != len(e.Exprs) {
			return s.value(expr, ctx, depth)
		}
		elems := make([]graph.Value, 0, len(e.Exprs))
		for i, x := range e.Exprs {
			elems = append(elems, s.known(x, ctx, v.Index(cty.NumberIntVal(int64(i))), depth+1))
		}
		return graph.List(elems, r)
	case *hclsyntax.ObjectConsExpr:
		if !ty.IsObjectType() || v.IsNull() {
			return s.value(expr, ctx, depth)
		}
		fields := make([]graph.Field, 0, len(e.Items))
		seen := make(map[string]bool, len(e.Items))
		for _, item := range e.Items {
			key, ok := s.objectKey(item.KeyExpr, ctx)
			if !ok || seen[key] || !ty.HasAttribute(key) {
				return s.value(expr, ctx, depth)
			}
			seen[key] = true
			fields = append(fields, graph.Field{Key: key, KeyRange: toRange(item.KeyExpr.Range()), Value: s.known(item.ValueExpr, ctx, v.GetAttr(key), depth+1)})
		}
		return graph.Object(fields, r)
	case *hclsyntax.ScopeTraversalExpr:
		// A plain reference keeps where its value was written: value
		// knows how.
		return s.value(expr, ctx, depth)
	case *hclsyntax.FunctionCallExpr:
		// So does jsonencode the structure of its literal argument.
		if e.Name == "jsonencode" {
			return s.value(expr, ctx, depth)
		}
	}
	if !s.l.chargeValue(v, r) {
		return refused("this value", r)
	}
	return fromCty(v, r, "", nil, false)
}

// namedRef resolves a plain reference to a variable or local (var.x,
// local.y) to its value, recording where that value was written, so that
// findings can point at both the use and the literal.
func (s *scope) namedRef(t hcl.Traversal) (graph.Value, bool) {
	if len(t) != 2 {
		return graph.Value{}, false
	}
	name, ok := attrName(t, 1)
	if !ok {
		return graph.Value{}, false
	}
	var nv named
	switch t.RootName() {
	case "var":
		nv, ok = s.vars[name]
	case "local":
		nv, ok = s.locals[name]
	default:
		return graph.Value{}, false
	}
	if !ok {
		return graph.Value{}, false
	}
	v := nv.gv
	if v.Source().IsZero() && v.IsKnown() {
		v = v.WithSource(v.Range)
	}
	return v, true
}

// namedElement is the element of a variable or local picked by a key that
// is known but not written literally (local.arns[count.index]), when that
// element is an unknown string built from a template: as for each.value,
// it keeps the literal text cty drops.
func (s *scope) namedElement(e *hclsyntax.IndexExpr, ctx *hcl.EvalContext) (graph.Value, bool) {
	coll, ok := e.Collection.(*hclsyntax.ScopeTraversalExpr)
	if !ok {
		return graph.Value{}, false
	}
	base, ok := s.namedRef(coll.Traversal)
	if !ok {
		return graph.Value{}, false
	}
	key := s.unmarked(s.ctyValue(e.Key, ctx))
	if !key.IsKnown() || key.IsNull() {
		return graph.Value{}, false
	}
	v, ok := followExact(base, hcl.Traversal{hcl.TraverseIndex{Key: key}})
	if !ok || v.IsKnown() || len(v.Alternatives()) > 0 || v.LiteralText() == "" {
		return graph.Value{}, false
	}
	return v, true
}

// eachValue is each.value of the instance being evaluated, when t is
// exactly each.value and that element is an unknown string built from a
// template, as evaluated where the for_each map was written.
func (s *scope) eachValue(t hcl.Traversal) (graph.Value, bool) {
	if len(t) != 2 || t.RootName() != "each" || s.curEach == nil {
		return graph.Value{}, false
	}
	if name, ok := attrName(t, 1); !ok || name != "value" {
		return graph.Value{}, false
	}
	v := *s.curEach
	if v.IsKnown() || len(v.Alternatives()) > 0 || v.LiteralText() == "" {
		return graph.Value{}, false
	}
	return v, true
}

// writtenAt finds where the value of a reference into a variable, a local
// or each.value was written (var.buckets["a"].versioning,
// each.value.versioning): the range of that element in the tfvars file,
// the module argument or the local's definition. It is zero when the
// element cannot be followed.
func (s *scope) writtenAt(t hcl.Traversal) graph.Range {
	name, ok := attrName(t, 1)
	if !ok {
		return graph.Range{}
	}
	var base graph.Value
	switch t.RootName() {
	case "var", "local":
		if len(t) < 3 {
			return graph.Range{}
		}
		m := s.vars
		if t.RootName() == "local" {
			m = s.locals
		}
		nv, ok := m[name]
		if !ok {
			return graph.Range{}
		}
		base = nv.gv
	case "each":
		if name != "value" || s.curEach == nil {
			return graph.Range{}
		}
		base = *s.curEach
	default:
		return graph.Range{}
	}
	v, ok := followExact(base, t[2:])
	if !ok || !v.IsKnown() {
		return graph.Range{}
	}
	if src := v.Source(); !src.IsZero() {
		return src
	}
	// An element of a computed value (a for expression, a function's
	// result) has the range of the whole: it was not written anywhere.
	if v.Range == base.Range {
		return graph.Range{}
	}
	return v.Range
}

// followExact is follow that reports whether every step was taken.
func followExact(v graph.Value, rest hcl.Traversal) (graph.Value, bool) {
	for _, step := range rest {
		var key string
		switch st := step.(type) {
		case hcl.TraverseIndex:
			if st.Key.Type() == cty.Number && st.Key.IsKnown() && !st.Key.IsNull() {
				i, acc := st.Key.AsBigFloat().Int64()
				e, ok := v.Index(int(i))
				if acc != 0 || !ok {
					return v, false
				}
				v = e
				continue
			}
			if st.Key.Type() != cty.String || !st.Key.IsKnown() || st.Key.IsNull() {
				return v, false
			}
			key = st.Key.AsString()
		case hcl.TraverseAttr:
			key = st.Name
		default:
			return v, false
		}
		f, ok := v.Get(key)
		if !ok || !v.IsKnown() {
			return v, false
		}
		v = f
	}
	return v, true
}

// objectKey evaluates an object constructor key: a bare name or an
// expression yielding a string.
func (s *scope) objectKey(expr hcl.Expression, ctx *hcl.EvalContext) (string, bool) {
	if name := hcl.ExprAsKeyword(expr); name != "" {
		return name, true
	}
	v, diags := expr.Value(ctx)
	if diags.HasErrors() || !v.IsKnown() || v.IsNull() {
		return "", false
	}
	v, _ = v.Unmark()
	if v.Type() == cty.String {
		return v.AsString(), true
	}
	if v.Type() == cty.Number {
		s, err := numberText(v.AsBigFloat())
		return s, err == nil
	}
	return "", false
}

// policyDocRef resolves data.aws_iam_policy_document.NAME.json (or
// NAME[key].json) to the structured document when its content is partly
// unknown.
func (s *scope) policyDocRef(t hcl.Traversal) (graph.Value, bool) {
	if len(t) < 4 || t.RootName() != "data" {
		return graph.Value{}, false
	}
	key := ""
	if idx, ok := t[3].(hcl.TraverseIndex); ok && len(t) == 5 {
		key = indexKey(idx.Key)
		t = append(t[:3:3], t[4])
	}
	return s.policyDocAttr(t, key)
}

// policyLookup returns the policy name looked up by the aws_iam_policy
// data source whose arn t is (data.aws_iam_policy.NAME.arn).
func (s *scope) policyLookup(t hcl.Traversal) (string, bool) {
	if len(t) != 4 || t.RootName() != "data" {
		return "", false
	}
	typ, ok1 := t[1].(hcl.TraverseAttr)
	name, ok2 := t[2].(hcl.TraverseAttr)
	attr, ok3 := t[3].(hcl.TraverseAttr)
	if !ok1 || !ok2 || !ok3 || typ.Name != "aws_iam_policy" || attr.Name != "arn" {
		return "", false
	}
	policy, ok := s.policyLookups[name.Name]
	return policy, ok
}

// policyDocIndexed resolves data.aws_iam_policy_document.NAME[expr].json,
// with the key evaluated, as policyDocRef does.
func (s *scope) policyDocIndexed(e *hclsyntax.RelativeTraversalExpr, ctx *hcl.EvalContext) (graph.Value, bool) {
	idx, ok := e.Source.(*hclsyntax.IndexExpr)
	if !ok || len(e.Traversal) != 1 {
		return graph.Value{}, false
	}
	coll, ok := idx.Collection.(*hclsyntax.ScopeTraversalExpr)
	if !ok || len(coll.Traversal) != 3 {
		return graph.Value{}, false
	}
	key, diags := idx.Key.Value(ctx)
	if diags.HasErrors() || !key.IsKnown() {
		return graph.Value{}, false
	}
	key, _ = key.Unmark()
	t := append(coll.Traversal[:3:3], e.Traversal[0])
	return s.policyDocAttr(t, indexKey(key))
}

// policyDocAttr is policyDocRef for a traversal data.TYPE.NAME.ATTR of
// the instance key.
func (s *scope) policyDocAttr(t hcl.Traversal, key string) (graph.Value, bool) {
	if len(t) != 4 {
		return graph.Value{}, false
	}
	typ, ok1 := t[1].(hcl.TraverseAttr)
	name, ok2 := t[2].(hcl.TraverseAttr)
	attr, ok3 := t[3].(hcl.TraverseAttr)
	if !ok1 || !ok2 || !ok3 || typ.Name != "aws_iam_policy_document" || (attr.Name != "json" && attr.Name != "minified_json") {
		return graph.Value{}, false
	}
	doc, ok := s.policyDocs[name.Name+key]
	if !ok || !doc.ContainsUnknown() {
		return graph.Value{}, false
	}
	return doc, true
}

// eval evaluates an expression with HCL and converts the result, saying why
// unknown parts are unknown and which resources they came from.
func (s *scope) eval(expr hcl.Expression, ctx *hcl.EvalContext) graph.Value {
	r := toRange(expr.Range())
	var v cty.Value
	var diags hcl.Diagnostics
	var refusals int
	if e, ok := expr.(hclsyntax.Expression); ok && s.pending.expr == e && s.pending.ctx == ctx {
		p := s.pending
		s.pending = evaluated{}
		v, diags, refusals = p.v, p.diags, p.refusals
	} else {
		refusals = s.l.budget.Refusals()
		v, diags = expr.Value(ctx)
	}
	// Reasons and references are only attached to unknown parts; a known
	// value (the common case) needs no explanation.
	if !diags.HasErrors() && v.IsWhollyKnown() {
		if !s.l.chargeValue(v, r) {
			return refused("this value", r)
		}
		return fromCty(v, r, "", nil, s.l.marked)
	}
	why, refs := s.explain(expr, ctx)
	for _, d := range diags {
		if d.Severity != hcl.DiagError {
			continue
		}
		if unknown, ok := hcl.DiagnosticExtra[hclsyntax.FunctionCallUnknownDiagExtra](d); ok {
			name := unknown.CalledFunctionName()
			if ns := unknown.CalledFunctionNamespace(); ns != "" {
				name = ns + name
			}
			s.l.diag(graph.Debugf(diagRange(d, r), "unsupported-function", "function %s is not supported; its result is treated as unknown", name))
			why = "function " + name + " is not evaluated by blindspot"
			v = cty.DynamicVal
			continue
		}
		switch {
		case isReferenceError(d):
			// A reference to a computed resource attribute or an
			// undeclared name: unknown, explained by explain.
		default:
			sev, msg := graph.Warning, d.Summary+": "+d.Detail
			if s.mayNotExist || s.exists != graph.True {
				sev, msg = graph.Debug, msg+" (in a resource that may not exist)"
			}
			s.l.diag(graph.Diagnostic{Severity: sev, Code: "evaluation-error", Message: msg, Range: diagRange(d, r)})
			if why == "" {
				why = "the expression could not be evaluated (" + d.Summary + ")"
			}
		}
		v = cty.DynamicVal
	}
	if why == "" && s.l.budget.Refusals() > refusals {
		why = budget.Reason("part of this value")
	}
	if why == "" {
		why = unknownCallReason(expr)
	}
	return fromCty(v, r, why, refs, s.l.marked)
}

// isReferenceError reports whether d is HCL's complaint about a lookup
// of something that is not there: an undeclared name, or an attribute,
// element or key a value does not have. It is told from the expression
// the diagnostic names, by taking its steps again, not from the message.
// A lookup in a null value is an evaluation error, not a missing
// reference; so is an error about a reference's value (a null in a
// template, a wrong function argument), whose lookup succeeds.
func isReferenceError(d *hcl.Diagnostic) bool {
	ctx := d.EvalContext
	switch e := d.Expression.(type) {
	case *hclsyntax.ScopeTraversalExpr:
		root, ok := ctxLookup(ctx, e.Traversal.RootName())
		if !ok {
			return true
		}
		return lookupFails(root, e.Traversal[1:])
	case *hclsyntax.RelativeTraversalExpr:
		src, diags := e.Source.Value(ctx)
		if diags.HasErrors() {
			return false
		}
		return lookupFails(src, e.Traversal)
	case *hclsyntax.IndexExpr:
		coll, diags := e.Collection.Value(ctx)
		key, keyDiags := e.Key.Value(ctx)
		if diags.HasErrors() || keyDiags.HasErrors() || coll.IsNull() {
			return false
		}
		_, diags = hcl.Index(coll, key, nil)
		return diags.HasErrors()
	}
	return false
}

// ctxLookup finds a root name in ctx or its parents.
func ctxLookup(ctx *hcl.EvalContext, name string) (cty.Value, bool) {
	for c := ctx; c != nil; c = c.Parent() {
		if v, ok := c.Variables[name]; ok {
			return v, true
		}
	}
	return cty.NilVal, false
}

// lookupFails reports whether following steps from v fails on a value
// that is not null.
func lookupFails(v cty.Value, steps hcl.Traversal) bool {
	for _, step := range steps {
		if v.IsNull() {
			return false
		}
		if _, ok := step.(hcl.TraverseSplat); ok {
			return false
		}
		next, diags := step.TraversalStep(v)
		if diags.HasErrors() {
			return true
		}
		v = next
	}
	return false
}

func diagRange(d *hcl.Diagnostic, fallback graph.Range) graph.Range {
	if d.Subject != nil {
		return toRange(*d.Subject)
	}
	return fallback
}

// unknownCallReason names a function known only at apply.
func unknownCallReason(expr hcl.Expression) string {
	reason := ""
	eachNode(asNode(expr), func(n hclsyntax.Node) {
		if fc, ok := n.(*hclsyntax.FunctionCallExpr); ok && reason == "" {
			if _, ok := unknownAtApply[fc.Name]; ok {
				reason = fc.Name + "() is known only when Terraform applies the plan"
			}
		}
	})
	if reason == "" {
		reason = "the value is known only after apply"
	}
	return reason
}

func asNode(expr hcl.Expression) hclsyntax.Node {
	if n, ok := expr.(hclsyntax.Node); ok {
		return n
	}
	return &hclsyntax.LiteralValueExpr{Val: cty.NullVal(cty.DynamicPseudoType)}
}

// explain finds why an expression's unknown parts are unknown, from the
// first reference that is unknown, and collects the resources it depends
// on (directly, or through variables, locals and module outputs).
func (s *scope) explain(expr hcl.Expression, ctx *hcl.EvalContext) (string, []graph.Ref) {
	why := ""
	var refs []graph.Ref
	seen := map[string]bool{}
	// The references indexed by expr, found when a resource reference
	// needs them.
	var indexed map[graph.Range]graph.Ref
	indexedFound := false
	for _, t := range variables(expr) {
		root := t.RootName()
		if root == "each" && s.curEach != nil {
			if name, ok := attrName(t, 1); ok && name == "value" {
				part := follow(*s.curEach, t[2:])
				for _, ref := range part.AllRefs() {
					if !seen[ref.String()] {
						seen[ref.String()] = true
						refs = append(refs, ref)
					}
				}
				if why == "" {
					why = whyOf(part)
				}
				continue
			}
		}
		var nv *named
		var reason string
		switch root {
		case "var", "local", "module":
			name, ok := attrName(t, 1)
			if !ok {
				continue
			}
			var m map[string]named
			switch root {
			case "var":
				m = s.vars
			case "local":
				m = s.locals
			default:
				m = s.modules
			}
			if v, ok := m[name]; ok {
				nv = &v
			} else {
				reason = fmt.Sprintf("%s.%s is not declared", root, name)
			}
		case "data":
			typ, ok1 := attrName(t, 1)
			name, ok2 := attrName(t, 2)
			if !ok1 || !ok2 {
				continue
			}
			if v, ok := s.data[typ][name]; ok {
				v.gv = follow(v.gv, t[3:])
				nv = &v
			}
			if reason == "" {
				reason = fmt.Sprintf("data.%s.%s is read when Terraform plans", typ, name)
			}
		case "count", "each", "path", "terraform", "self":
			v, diags := t.TraverseAbs(ctx)
			if !diags.HasErrors() && !v.IsWhollyKnown() && why == "" {
				why = root + " depends on a count or for_each that is not known before apply"
			}
			continue
		default:
			if reserved[root] {
				continue
			}
			if ev := s.iterValues[root]; ev != nil && !s.resourceTypes[root] {
				if name, ok := attrName(t, 1); ok && name == "value" {
					part := follow(*ev, t[2:])
					for _, ref := range part.AllRefs() {
						if !seen[ref.String()] {
							seen[ref.String()] = true
							refs = append(refs, ref)
						}
					}
					if why == "" {
						why = whyOf(part)
					}
					continue
				}
			}
			if !s.resourceTypes[root] && ctxDefines(ctx, root) {
				// A dynamic block's iterator or a for expression's symbol.
				if v, diags := t.TraverseAbs(ctx); (diags.HasErrors() || !v.IsWhollyKnown()) && why == "" {
					why = root + " iterates over a collection that is not known before apply"
				}
				continue
			}
			if !s.resourceTypes[root] {
				// Terraform rejects a reference to a resource the module
				// does not declare (or a bare word such as False).
				key := "undeclared:" + toRange(t.SourceRange()).String()
				if !s.l.reported[key] {
					s.l.reported[key] = true
					s.l.diag(graph.Warningf(toRange(t.SourceRange()), "undeclared-reference",
						"%s refers to nothing declared in this module; Terraform rejects it", describeTraversal(t)))
				}
				if why == "" {
					why = describeTraversal(t) + " is not declared in this module"
				}
				continue
			}
			ref, desc := s.resourceRef(t)
			if !indexedFound {
				indexed, indexedFound = s.indexedRefs(expr, ctx), true
			}
			if r, ok := indexed[toRange(t.SourceRange())]; ok {
				ref = r
				desc = r.String()
			}
			if !seen[ref.String()] {
				seen[ref.String()] = true
				refs = append(refs, ref)
			}
			if why == "" {
				why = desc + " is known only after apply"
			}
			continue
		}
		if nv != nil {
			part := nv.gv
			if root == "module" {
				part = follow(part, t[2:])
			}
			for _, ref := range part.AllRefs() {
				if !seen[ref.String()] {
					seen[ref.String()] = true
					refs = append(refs, ref)
				}
			}
			if why == "" {
				v, diags := t.TraverseAbs(ctx)
				if diags.HasErrors() || !v.IsWhollyKnown() {
					why = cmp.Or(whyOf(part), whyOf(nv.gv))
				}
			}
		} else if why == "" && reason != "" {
			why = reason
		}
	}
	return why, refs
}

// follow descends a module's output value along the rest of a reference
// (["key"].output), so that only the instance and output used count.
func follow(v graph.Value, rest hcl.Traversal) graph.Value {
	for _, step := range rest {
		var key string
		switch st := step.(type) {
		case hcl.TraverseIndex:
			if st.Key.Type() == cty.Number && v.Kind() == graph.KindList {
				i, _ := st.Key.AsBigFloat().Int64()
				e, ok := v.Index(int(i))
				if !ok {
					return v
				}
				v = e
				continue
			}
			key = indexKey(st.Key)
		case hcl.TraverseAttr:
			key = st.Name
		default:
			return v
		}
		f, ok := v.Get(key)
		if idx, isIndex := step.(hcl.TraverseIndex); !ok && isIndex && idx.Key.Type() == cty.String {
			// A for_each value keyed by the key itself, not the instance
			// address.
			f, ok = v.Get(idx.Key.AsString())
		}
		if !ok || !v.IsKnown() {
			return v
		}
		v = f
	}
	return v
}

// indexedRefs finds references indexed by an expression,
// aws_x.y[each.key].id, whose traversal alone (aws_x.y) does not say which
// instance and attribute is used: the key is evaluated, and the attribute
// read after the index is taken from the enclosing traversal.
func (s *scope) indexedRefs(expr hcl.Expression, ctx *hcl.EvalContext) map[graph.Range]graph.Ref {
	node, ok := expr.(hclsyntax.Node)
	if !ok {
		return nil
	}
	out := map[graph.Range]graph.Ref{}
	eachNode(node, func(n hclsyntax.Node) {
		var idx *hclsyntax.IndexExpr
		attr := ""
		switch e := n.(type) {
		case *hclsyntax.RelativeTraversalExpr:
			if ie, ok := e.Source.(*hclsyntax.IndexExpr); ok {
				idx = ie
				if len(e.Traversal) > 0 {
					if a, ok := e.Traversal[0].(hcl.TraverseAttr); ok {
						attr = a.Name
					}
				}
			}
		case *hclsyntax.IndexExpr:
			idx = e
		}
		if idx == nil {
			return
		}
		coll, ok := idx.Collection.(*hclsyntax.ScopeTraversalExpr)
		if !ok || !s.resourceTypes[coll.Traversal.RootName()] || len(coll.Traversal) != 2 {
			return
		}
		key, diags := idx.Key.Value(ctx)
		if diags.HasErrors() {
			return
		}
		key, _ = key.Unmark()
		r := toRange(coll.Traversal.SourceRange())
		if prev, ok := out[r]; ok && prev.Attr != "" && attr == "" {
			return
		}
		name, _ := attrName(coll.Traversal, 1)
		out[r] = graph.Ref{Address: s.prefix + coll.Traversal.RootName() + "." + name + indexKey(key), Attr: attr, Range: toRange(n.Range())}
	})
	return out
}

// ctxDefines reports whether a name is a variable of ctx or its parents.
func ctxDefines(ctx *hcl.EvalContext, name string) bool {
	_, ok := ctxLookup(ctx, name)
	return ok
}

// whyOf is the reason of the first unknown part of v.
func whyOf(v graph.Value) string {
	if !v.IsKnown() {
		return v.Why()
	}
	for _, e := range v.Elems() {
		if w := whyOf(e); w != "" {
			return w
		}
	}
	for _, f := range v.Fields() {
		if w := whyOf(f.Value); w != "" {
			return w
		}
	}
	return ""
}

func attrName(t hcl.Traversal, i int) (string, bool) {
	if len(t) <= i {
		return "", false
	}
	a, ok := t[i].(hcl.TraverseAttr)
	return a.Name, ok
}

// resourceRef names the resource instance and attribute a reference such as
// aws_s3_bucket.logs["a"].id points at, with the module path prefix.
func (s *scope) resourceRef(t hcl.Traversal) (graph.Ref, string) {
	i, dot := 1, ""
	name, ok := attrName(t, 1)
	if ok {
		i, dot = 2, "."
	}
	key := ""
	if i < len(t) {
		if idx, ok := t[i].(hcl.TraverseIndex); ok {
			key = indexKey(idx.Key)
			i++
		}
	}
	attr := ""
	if a, ok := attrName(t, i); ok {
		attr = a
	}
	// One allocation for the address.
	ref := graph.Ref{Address: s.prefix + t.RootName() + dot + name + key, Attr: attr, Range: toRange(t.SourceRange())}
	return ref, describeTraversal(t)
}
