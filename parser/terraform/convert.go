package terraform

import (
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/blindspot-iac/blindspot/graph"
)

// sensitiveMark marks cty values derived from sensitive variables.
const sensitiveMark = "sensitive"

// toRange converts an HCL range.
func toRange(r hcl.Range) graph.Range {
	if r.Filename == "" {
		return graph.Range{}
	}
	return graph.Range{
		File:  r.Filename,
		Start: graph.Pos{Line: r.Start.Line, Column: r.Start.Column, Byte: r.Start.Byte},
		End:   graph.Pos{Line: r.End.Line, Column: r.End.Column, Byte: r.End.Byte},
	}
}

// fromCty converts an evaluated cty value. Unknown parts say why with
// reason and keep refs. marked says whether the unit has marked any value
// sensitive; finding the marks of a value means walking all of it.
func fromCty(v cty.Value, r graph.Range, reason string, refs []graph.Ref, marked bool) graph.Value {
	sensitive := false
	if marked && v.ContainsMarked() {
		var marks []cty.PathValueMarks
		v, marks = v.UnmarkDeepWithPaths()
		sensitive = len(marks) > 0
	}
	out := convertCty(v, r, reason, refs, 0)
	if sensitive {
		out = out.WithSensitive(true)
	}
	return out
}

func convertCty(v cty.Value, r graph.Range, reason string, refs []graph.Ref, depth int) graph.Value {
	if depth > maxDepth {
		return graph.UnknownValue("value nested too deeply", r)
	}
	if !v.IsKnown() {
		return graph.UnknownValue(reason, r).WithRefs(refs...)
	}
	if v.IsNull() {
		return graph.Null(r)
	}
	ty := v.Type()
	switch {
	case ty == cty.String:
		return graph.String(v.AsString(), r)
	case ty == cty.Number:
		f, _ := v.AsBigFloat().Float64()
		return graph.Number(f, r)
	case ty == cty.Bool:
		return graph.Bool(v.True(), r)
	case ty.IsListType() || ty.IsSetType() || ty.IsTupleType():
		elems := make([]graph.Value, 0, v.LengthInt())
		for it := v.ElementIterator(); it.Next(); {
			_, e := it.Element()
			elems = append(elems, convertCty(e, r, reason, refs, depth+1))
		}
		return graph.List(elems, r)
	case ty.IsMapType() || ty.IsObjectType():
		m := v.AsValueMap()
		keys := slices.Sorted(maps.Keys(m))
		fields := make([]graph.Field, 0, len(keys))
		for _, k := range keys {
			fields = append(fields, graph.Field{Key: k, KeyRange: r, Value: convertCty(m[k], r, reason, refs, depth+1)})
		}
		return graph.Object(fields, r)
	}
	return graph.UnknownValue(reason, r).WithRefs(refs...)
}

// describeTraversal renders a reference the way it was written.
func describeTraversal(t hcl.Traversal) string {
	var b strings.Builder
	for i, step := range t {
		switch s := step.(type) {
		case hcl.TraverseRoot:
			b.WriteString(s.Name)
		case hcl.TraverseAttr:
			b.WriteByte('.')
			b.WriteString(s.Name)
		case hcl.TraverseIndex:
			b.WriteString(indexKey(s.Key))
		case hcl.TraverseSplat:
			b.WriteString("[*]")
		}
		if i > 8 {
			break
		}
	}
	return b.String()
}

// indexKey renders an instance key: [0] or ["a"].
func indexKey(k cty.Value) string {
	if !k.IsKnown() || k.IsNull() {
		return "[?]"
	}
	switch k.Type() {
	case cty.String:
		return `["` + k.AsString() + `"]`
	case cty.Number:
		if s, err := numberText(k.AsBigFloat()); err == nil {
			return "[" + s + "]"
		}
	}
	return "[?]"
}

// literalValue converts v, the value of a literal expression (a tfvars
// attribute), keeping the range of each element and key as written, so
// that a finding about one element can say where it was set.
func literalValue(expr hcl.Expression, v cty.Value, marked bool) graph.Value {
	return literalAt(expr, v, marked, 0)
}

func literalAt(expr hcl.Expression, v cty.Value, marked bool, depth int) graph.Value {
	r := toRange(expr.Range())
	if depth > maxDepth || !v.IsWhollyKnown() || v.IsNull() || (marked && v.ContainsMarked()) {
		return fromCty(v, r, "", nil, marked)
	}
	ty := v.Type()
	switch e := expr.(type) {
	case *hclsyntax.TemplateWrapExpr:
		return literalAt(e.Wrapped, v, marked, depth+1).WithRange(r)
	case *hclsyntax.TupleConsExpr:
		if !(ty.IsTupleType() || ty.IsListType()) || v.LengthInt() != len(e.Exprs) {
			break
		}
		elems := make([]graph.Value, 0, len(e.Exprs))
		for i, x := range e.Exprs {
			elems = append(elems, literalAt(x, v.Index(cty.NumberIntVal(int64(i))), marked, depth+1))
		}
		return graph.List(elems, r)
	case *hclsyntax.ObjectConsExpr:
		if !(ty.IsObjectType() || ty.IsMapType()) {
			break
		}
		fields := make([]graph.Field, 0, len(e.Items))
		seen := make(map[string]bool, len(e.Items))
		for _, item := range e.Items {
			key := hcl.ExprAsKeyword(item.KeyExpr)
			if key == "" {
				kv, diags := item.KeyExpr.Value(nil)
				if diags.HasErrors() || !kv.IsKnown() || kv.IsNull() || kv.Type() != cty.String {
					return fromCty(v, r, "", nil, marked)
				}
				key = kv.AsString()
			}
			if seen[key] || !v.Type().IsObjectType() && !v.Type().IsMapType() {
				return fromCty(v, r, "", nil, marked)
			}
			seen[key] = true
			var ev cty.Value
			switch {
			case ty.IsObjectType() && ty.HasAttribute(key):
				ev = v.GetAttr(key)
			case ty.IsMapType() && v.HasIndex(cty.StringVal(key)).True():
				ev = v.Index(cty.StringVal(key))
			default:
				return fromCty(v, r, "", nil, marked)
			}
			fields = append(fields, graph.Field{Key: key, KeyRange: toRange(item.KeyExpr.Range()), Value: literalAt(item.ValueExpr, ev, marked, depth+1)})
		}
		// Object values list their fields in key order, as fromCty does.
		sort.Slice(fields, func(i, j int) bool { return fields[i].Key < fields[j].Key })
		return graph.Object(fields, r)
	}
	return fromCty(v, r, "", nil, marked)
}
