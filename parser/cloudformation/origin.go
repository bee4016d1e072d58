package cloudformation

import (
	"strconv"

	"go.yaml.in/yaml/v3"

	"github.com/blindspot-iac/blindspot/graph"
)

// maxOriginLen bounds the key an origin is written to: a property that
// long is not worth comparing.
const maxOriginLen = 2048

// withOrigins records, on each unknown top-level property of a resource,
// how it is computed (graph.Value.Origin): the stack and the property's
// value written out, intrinsic functions in one form whether short or
// long. Every intrinsic function gives the same value wherever it is
// written in one stack, so the same text means the same value: a bucket
// policy whose Bucket is !Ref Name names the bucket whose BucketName is
// !Ref Name.
func (t *template) withOrigins(props *yaml.Node, v graph.Value) graph.Value {
	if v.Kind() != graph.KindObject {
		return v
	}
	var fields []graph.Field
	// One buffer for every property's text; only the texts kept are
	// copied out.
	var b []byte
	for i, f := range v.Fields() {
		if f.Value.IsKnown() {
			continue
		}
		_, n := lookup(deref(props), f.Key)
		b = append(append(b[:0], t.prefix...), '|')
		var ok bool
		if n == nil {
			continue
		}
		if b, ok = appendNodeOrigin(b, n, 0); !ok || len(b) > maxOriginLen {
			continue
		}
		if fields == nil {
			fields = append([]graph.Field(nil), v.Fields()...)
		}
		fields[i].Value = f.Value.WithOrigin(string(b))
	}
	if fields == nil {
		return v
	}
	return graph.Object(fields, v.Range)
}

// appendNodeOrigin appends a template value written out to b; ok is false
// when it cannot be (an unresolved alias, nesting too deep) or b grows
// beyond maxOriginLen.
func appendNodeOrigin(b []byte, n *yaml.Node, depth int) (_ []byte, ok bool) {
	n = deref(n)
	if n == nil || depth > maxDepth || len(b) > maxOriginLen {
		return b, false
	}
	if name, arg, ok := intrinsic(n); ok {
		b = append(append(b, name...), '(')
		if b, ok = appendNodeOrigin(b, arg, depth+1); !ok {
			return b, false
		}
		return append(b, ')'), true
	}
	switch n.Kind {
	case yaml.ScalarNode:
		return strconv.AppendQuote(b, n.Value), true
	case yaml.SequenceNode:
		b = append(b, '[')
		for i, c := range n.Content {
			if i > 0 {
				b = append(b, ',')
			}
			if b, ok = appendNodeOrigin(b, c, depth+1); !ok {
				return b, false
			}
		}
		return append(b, ']'), true
	case yaml.MappingNode:
		b = append(b, '{')
		for i, e := range entries(n) {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(strconv.AppendQuote(b, e.key.Value), '=')
			if b, ok = appendNodeOrigin(b, e.value, depth+1); !ok {
				return b, false
			}
		}
		return append(b, '}'), true
	}
	return b, false
}
