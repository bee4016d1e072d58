package terraform

import (
	"maps"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
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
			b.WriteString("." + s.Name)
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
		return "[" + k.AsBigFloat().Text('f', -1) + "]"
	}
	return "[?]"
}
