package terraform

import (
	"fmt"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/internal/budget"
)

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
	expr, isCount := metaExpr(b.Body, "count")
	if !isCount {
		var ok bool
		if expr, ok = metaExpr(b.Body, "for_each"); !ok {
			return false
		}
	}
	refersToResource := false
	for _, t := range variables(expr) {
		refersToResource = refersToResource || s.resourceTypes[t.RootName()]
	}
	v, diags := expr.Value(s.context())
	v = s.unmarked(v)
	if diags.HasErrors() || !v.IsWhollyKnown() || v.IsNull() {
		return refersToResource
	}
	if !refersToResource {
		// Final: it does not depend on resource shapes. expand reuses it.
		if s.shaped == nil {
			s.shaped = map[hcl.Expression]cty.Value{}
		}
		s.shaped[expr] = v
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
	ctx := s.context()
	if a, ok := metaExpr(body, "count"); ok {
		v, diags := s.shapedValue(a, ctx)
		v, _ = v.Unmark()
		if diags.HasErrors() || !v.IsKnown() || v.IsNull() {
			why, _ := s.explain(a, ctx)
			if why == "" {
				why = "count is not known before apply"
			}
			return []instance{{key: "[0]", exists: graph.Unknown, existsWhy: "count of " + what + " is unknown: " + why,
				each: map[string]cty.Value{"count": cty.ObjectVal(map[string]cty.Value{"index": cty.UnknownVal(cty.Number)})}}}
		}
		n, _ := v.AsBigFloat().Int64()
		if n > maxInstances {
			s.l.diag(graph.Warningf(toRange(a.Range()), "expansion-limit", "count = %d: only the first %d instances of %s are evaluated", n, maxInstances, what))
			n = maxInstances
		}
		if !s.l.budget.Values(max(n, 0)*blockWeight(body), toRange(a.Range())) {
			return []instance{{key: "[0]", exists: graph.Unknown, existsWhy: "count of " + what + " is " + budget.Reason("its expansion"),
				each: map[string]cty.Value{"count": cty.ObjectVal(map[string]cty.Value{"index": cty.UnknownVal(cty.Number)})}}}
		}
		out := make([]instance, 0, n)
		for i := int64(0); i < n; i++ {
			out = append(out, instance{key: fmt.Sprintf("[%d]", i), exists: graph.True,
				each: map[string]cty.Value{"count": cty.ObjectVal(map[string]cty.Value{"index": cty.NumberIntVal(i)})}})
		}
		return out
	}
	if a, ok := metaExpr(body, "for_each"); ok {
		v, diags := s.shapedValue(a, ctx)
		v = s.unmarked(v)
		if diags.HasErrors() || !v.IsKnown() || v.IsNull() || !v.CanIterateElements() {
			why, _ := s.explain(a, ctx)
			if why == "" {
				why = "for_each is not known before apply"
			}
			each := cty.ObjectVal(map[string]cty.Value{"key": cty.UnknownVal(cty.String), "value": cty.DynamicVal})
			return []instance{{key: "[?]", exists: graph.Unknown, existsWhy: "for_each of " + what + " is unknown: " + why,
				each: map[string]cty.Value{"each": each}}}
		}
		if !s.l.budget.Values(int64(min(v.LengthInt(), maxInstances))*blockWeight(body), toRange(a.Range())) {
			each := cty.ObjectVal(map[string]cty.Value{"key": cty.UnknownVal(cty.String), "value": cty.DynamicVal})
			return []instance{{key: "[?]", exists: graph.Unknown, existsWhy: "for_each of " + what + " is " + budget.Reason("its expansion"),
				each: map[string]cty.Value{"each": each}}}
		}
		gv := s.valueOf(a, ctx, v, false)
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
				if addr, ok := s.resourceTraversal(a); ok {
					ref := graph.Ref{Address: s.prefix + addr + indexKey(k), Range: toRange(a.Range())}
					u := graph.UnknownValue(addr+indexKey(k)+" is known only after apply", toRange(a.Range())).WithRefs(ref)
					ev = &u
				}
			}
			if !k.IsKnown() || k.IsNull() || k.Type() != cty.String {
				if k.Type() == cty.Number && k.IsKnown() {
					s, err := numberText(k.AsBigFloat())
					if err != nil {
						return []instance{{key: "[?]", exists: graph.Unknown, existsWhy: "for_each of " + what + " has a key too large to print",
							each: map[string]cty.Value{"each": cty.ObjectVal(map[string]cty.Value{"key": cty.UnknownVal(cty.String), "value": cty.DynamicVal})}}}
					}
					k = cty.StringVal(s)
				} else {
					why := "a for_each key is not known before apply"
					return []instance{{key: "[?]", exists: graph.Unknown, existsWhy: "for_each of " + what + " is unknown: " + why,
						each: map[string]cty.Value{"each": cty.ObjectVal(map[string]cty.Value{"key": cty.UnknownVal(cty.String), "value": cty.DynamicVal})}}}
				}
			}
			if len(out) >= maxInstances {
				s.l.diag(graph.Warningf(toRange(a.Range()), "expansion-limit", "for_each has more than %d elements: only the first %d instances of %s are evaluated", maxInstances, maxInstances, what))
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

// metaExpr is the expression of one attribute of a body, read as
// metaAttributes reads it.
func metaExpr(body hcl.Body, name string) (hcl.Expression, bool) {
	if sb, ok := body.(*hclsyntax.Body); ok {
		a, ok := sb.Attributes[name]
		if !ok {
			return nil, false
		}
		return a.Expr, true
	}
	a, ok := metaAttributes(body)[name]
	if !ok {
		return nil, false
	}
	return a.Expr, true
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
