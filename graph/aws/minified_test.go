package aws

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"testing"

	"github.com/blindspot-iac/blindspot/graph"
)

// writeJSON writes a known value as minified JSON with encoding/json's
// escaping: what minifiedSize counts without writing.
func writeJSON(b *bytes.Buffer, v graph.Value) bool {
	switch v.Kind() {
	case graph.KindNull:
		b.WriteString("null")
	case graph.KindBool, graph.KindNumber:
		s, _ := v.AsString()
		b.WriteString(s)
	case graph.KindString:
		s, _ := v.AsString()
		enc, _ := json.Marshal(s)
		b.Write(enc)
	case graph.KindList:
		b.WriteByte('[')
		for i, e := range v.Elems() {
			if i > 0 {
				b.WriteByte(',')
			}
			if !writeJSON(b, e) {
				return false
			}
		}
		b.WriteByte(']')
	case graph.KindObject:
		b.WriteByte('{')
		for i, f := range v.Fields() {
			if i > 0 {
				b.WriteByte(',')
			}
			k, _ := json.Marshal(f.Key)
			b.Write(k)
			b.WriteByte(':')
			if !writeJSON(b, f.Value) {
				return false
			}
		}
		b.WriteByte('}')
	default:
		return false
	}
	return true
}

// TestJSONStringSize: every byte alone, every rune class, invalid UTF-8
// and random strings take what json.Marshal writes.
func TestJSONStringSize(t *testing.T) {
	var cases []string
	for b := range 256 {
		cases = append(cases, string([]byte{byte(b)}), "a"+string([]byte{byte(b)})+"z")
	}
	cases = append(cases, "", "é", "日本語", "😀", "\u2028", "\u2029", "\u2027", "\ufeff", "\uffff", "\xed\xa0\x80",
		"\xf0\x9f", "<a href=\"x\">&amp;</a>", "C:\\path\\n", "\x7f\u0085")
	rnd := rand.New(rand.NewPCG(1, 2))
	alphabet := []string{"a", "\"", "\\", "<", ">", "&", "\n", "\t", "\x00", "\x1f", "\x7f", "é", "\u2028", "😀", "\xff", "\xe2\x80"}
	for range 2000 {
		var b []byte
		for range rnd.IntN(12) {
			b = append(b, alphabet[rnd.IntN(len(alphabet))]...)
		}
		cases = append(cases, string(b))
	}
	for _, s := range cases {
		enc, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		if got := jsonStringSize(s); got != len(enc) {
			t.Errorf("jsonStringSize(%q) = %d, want %d (%s)", s, got, len(enc), enc)
		}
	}
}

// TestMinifiedSize: the size of values of every kind is the length of
// their minified JSON; a value with an unknown part has none.
func TestMinifiedSize(t *testing.T) {
	var r graph.Range
	obj := graph.Object([]graph.Field{
		{Key: "Version", Value: graph.String("2012-10-17", r)},
		{Key: "Statement", Value: graph.List([]graph.Value{
			graph.Object([]graph.Field{
				{Key: "Effect", Value: graph.String("Allow", r)},
				{Key: "Action", Value: graph.List([]graph.Value{graph.String("s3:Get*", r), graph.String("<&>", r)}, r)},
				{Key: "Resource", Value: graph.String("arn:aws:s3:::b/\u2028é\"", r)},
				{Key: "Condition", Value: graph.Object(nil, r)},
				{Key: "n", Value: graph.Number(1.5, r)},
				{Key: "b", Value: graph.Bool(true, r)},
				{Key: "z", Value: graph.Null(r)},
				{Key: "e", Value: graph.List(nil, r)},
				{Key: "k\x01", Value: graph.Number(-12, r)},
			}, r),
		}, r)},
	}, r)
	for _, v := range []graph.Value{obj, graph.String("x", r), graph.List([]graph.Value{graph.Null(r)}, r), graph.Object(nil, r)} {
		var b bytes.Buffer
		if !writeJSON(&b, v) {
			t.Fatalf("%v not written", v)
		}
		if n, ok := minifiedSize(v); !ok || n != b.Len() {
			t.Errorf("minifiedSize = %d, %v; want %d (%s)", n, ok, b.Len(), b.Bytes())
		}
	}
	partly := graph.Object([]graph.Field{{Key: "a", Value: graph.List([]graph.Value{graph.UnknownValue("x", r)}, r)}}, r)
	if n, ok := minifiedSize(partly); ok {
		t.Errorf("minifiedSize of a partly unknown value = %d, want none", n)
	}
}
