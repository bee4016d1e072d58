package cloudformation

import (
	"strconv"
	"strings"

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
	for i, f := range v.Fields() {
		if f.Value.IsKnown() {
			continue
		}
		_, n := lookup(deref(props), f.Key)
		var b strings.Builder
		b.WriteString(t.prefix)
		b.WriteByte('|')
		if n == nil || !writeNodeOrigin(&b, n, 0) || b.Len() > maxOriginLen {
			continue
		}
		if fields == nil {
			fields = append([]graph.Field(nil), v.Fields()...)
		}
		fields[i].Value = f.Value.WithOrigin(b.String())
	}
	if fields == nil {
		return v
	}
	return graph.Object(fields, v.Range)
}

// writeNodeOrigin writes a template value to b.
func writeNodeOrigin(b *strings.Builder, n *yaml.Node, depth int) bool {
	n = deref(n)
	if n == nil || depth > maxDepth || b.Len() > maxOriginLen {
		return false
	}
	if name, arg, ok := intrinsic(n); ok {
		b.WriteString(name + "(")
		if !writeNodeOrigin(b, arg, depth+1) {
			return false
		}
		b.WriteByte(')')
		return true
	}
	switch n.Kind {
	case yaml.ScalarNode:
		b.WriteString(strconv.Quote(n.Value))
		return true
	case yaml.SequenceNode:
		b.WriteByte('[')
		for i, c := range n.Content {
			if i > 0 {
				b.WriteByte(',')
			}
			if !writeNodeOrigin(b, c, depth+1) {
				return false
			}
		}
		b.WriteByte(']')
		return true
	case yaml.MappingNode:
		b.WriteByte('{')
		for i, e := range entries(n) {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(strconv.Quote(e.key.Value) + "=")
			if !writeNodeOrigin(b, e.value, depth+1) {
				return false
			}
		}
		b.WriteByte('}')
		return true
	}
	return false
}
