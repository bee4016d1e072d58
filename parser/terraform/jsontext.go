package terraform

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/blindspot-iac/blindspot/graph"
)

// decodeJSON parses JSON text (a policy document given as a string) into
// a graph value whose every node carries r: a string has no positions
// inside it.
func decodeJSON(text string, r graph.Range) (graph.Value, error) {
	dec := json.NewDecoder(strings.NewReader(text))
	dec.UseNumber()
	var x any
	if err := dec.Decode(&x); err != nil {
		return graph.Value{}, err
	}
	if dec.More() {
		return graph.Value{}, fmt.Errorf("unexpected content after the JSON document")
	}
	return fromJSON(x, r, 0), nil
}

func fromJSON(x any, r graph.Range, depth int) graph.Value {
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
		return graph.String(t, r)
	case []any:
		elems := make([]graph.Value, len(t))
		for i, e := range t {
			elems[i] = fromJSON(e, r, depth+1)
		}
		return graph.List(elems, r)
	case map[string]any:
		keys := make([]string, 0, len(t))
		for k := range t {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		fields := make([]graph.Field, len(keys))
		for i, k := range keys {
			fields[i] = graph.Field{Key: k, KeyRange: r, Value: fromJSON(t[k], r, depth+1)}
		}
		return graph.Object(fields, r)
	}
	return graph.UnknownValue("unsupported JSON value", r)
}
