package terraform

import (
	"cmp"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/blindspot-iac/blindspot/graph"
)

// decodeJSON parses JSON text (a policy document given as a string) into
// a graph value whose every node carries r: a string has no positions
// inside it.
func decodeJSON(text string, r graph.Range) (graph.Value, error) {
	return decodeJSONWithHoles(text, r, nil)
}

// decodeJSONWithHoles is decodeJSON for text rendered with placeholders
// for the unknown values holes (see rendering): a string that is one
// placeholder is its value; a string holding placeholders among other text
// is unknown, with that text as its literal text; an object with a
// placeholder in a key is unknown.
func decodeJSONWithHoles(text string, r graph.Range, holes []hole) (graph.Value, error) {
	dec := json.NewDecoder(strings.NewReader(text))
	dec.UseNumber()
	var x any
	if err := dec.Decode(&x); err != nil {
		return graph.Value{}, err
	}
	if dec.More() {
		return graph.Value{}, fmt.Errorf("unexpected content after the JSON document")
	}
	return fromJSON(x, r, holes, 0), nil
}

func fromJSON(x any, r graph.Range, holes []hole, depth int) graph.Value {
	if depth > maxDepth {
		return graph.UnknownValue("JSON nested too deeply", r)
	}
	switch t := x.(type) {
	case nil:
		return graph.Null(r)
	case bool:
		return graph.Bool(t, r)
	case json.Number:
		f, err := t.Float64()
		if err != nil {
			return graph.String(t.String(), r)
		}
		return graph.Number(f, r)
	case string:
		if len(holes) > 0 && strings.Contains(t, holePrefix) {
			return holeString(t, r, holes)
		}
		return graph.String(t, r)
	case []any:
		elems := make([]graph.Value, len(t))
		for i, e := range t {
			elems[i] = fromJSON(e, r, holes, depth+1)
		}
		return graph.List(elems, r)
	case map[string]any:
		keys := make([]string, 0, len(t))
		for k := range t {
			if len(holes) > 0 && strings.Contains(k, holePrefix) {
				u := holeString(k, r, holes)
				return graph.UnknownValue("an object key is not known before apply: "+u.Why(), r).WithRefs(u.AllRefs()...)
			}
			keys = append(keys, k)
		}
		sort.Strings(keys)
		fields := make([]graph.Field, len(keys))
		for i, k := range keys {
			fields[i] = graph.Field{Key: k, KeyRange: r, Value: fromJSON(t[k], r, holes, depth+1)}
		}
		return graph.Object(fields, r)
	}
	return graph.UnknownValue("unsupported JSON value", r)
}

// holeString is the value of a JSON string holding placeholders.
func holeString(s string, r graph.Range, holes []hole) graph.Value {
	var literal strings.Builder
	why := ""
	var refs []graph.Ref
	parts := 0
	var only hole
	for s != "" {
		i := strings.Index(s, holePrefix)
		if i < 0 {
			literal.WriteString(s)
			parts++
			break
		}
		if i > 0 {
			literal.WriteString(s[:i])
			parts++
		}
		rest := s[i+len(holePrefix):]
		j := strings.Index(rest, "@@")
		n, err := strconv.Atoi(rest[:max(j, 0)])
		if j < 0 || err != nil || n < 0 || n >= len(holes) {
			// Not a placeholder of ours after all: unknown, never read.
			return graph.UnknownValue("the rendered text is not known before apply", r)
		}
		h := holes[n]
		only = h
		parts++
		why = cmp.Or(why, whyOf(h.value), h.value.Why())
		refs = append(refs, h.value.AllRefs()...)
		s = rest[j+2:]
	}
	// A part alone is its value, unless it was written inside a JSON
	// string and holds a structure: then it is text (a document inside a
	// string), which is not known.
	if k := only.value.Kind(); parts == 1 && literal.Len() == 0 && !(only.inString && (k == graph.KindObject || k == graph.KindList)) {
		return only.value
	}
	why = cmp.Or(why, "part of the text is not known before apply")
	return graph.UnknownValue(why, r).WithRefs(refs...).WithLiteralText(literal.String())
}
