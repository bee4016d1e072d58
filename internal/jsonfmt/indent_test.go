package jsonfmt

import (
	"bytes"
	"encoding/json"
	"math/rand"
	"strings"
	"testing"
)

// TestAppendIndentedIsJSONIndent compares AppendIndented with the
// standard library's indentation on values chosen to find the edges:
// empty and nested containers, escapes (quotes, backslashes before
// quotes, Unicode), numbers and literals at every level.
func TestAppendIndentedIsJSONIndent(t *testing.T) {
	values := []any{
		nil, true, 1.5, "", `a"b`, `a\`, `\"`, `\\"quoted\\"`, "tab\tnew\nline", "<html>&", "ünïcödé 🙂",
		[]any{}, map[string]any{}, []any{[]any{}, map[string]any{}},
		map[string]any{"a": []any{1, 2, map[string]any{"b": nil, "c": []any{}}}, `k"ey`: `v\`},
		[]any{[]any{[]any{"deep", []any{1}}}},
	}
	r := rand.New(rand.NewSource(1))
	for range 200 {
		values = append(values, randomJSON(r, 0))
	}
	for _, v := range values {
		var compact bytes.Buffer
		enc := json.NewEncoder(&compact)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(v); err != nil {
			t.Fatal(err)
		}
		var want bytes.Buffer
		enc = json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(v); err != nil {
			t.Fatal(err)
		}
		if got := AppendIndented(nil, compact.Bytes(), "  "); !bytes.Equal(got, want.Bytes()) {
			t.Errorf("AppendIndented(%s) =\n%s\nwant\n%s", compact.Bytes(), got, want.Bytes())
		}
	}
}

func randomJSON(r *rand.Rand, depth int) any {
	n := 4
	if depth < 4 {
		n = 7
	}
	switch r.Intn(n) {
	case 0:
		return nil
	case 1:
		return r.Intn(2) == 0
	case 2:
		return r.NormFloat64() * 1e6
	case 3:
		return randomString(r)
	case 4, 5:
		list := make([]any, r.Intn(4))
		for i := range list {
			list[i] = randomJSON(r, depth+1)
		}
		return list
	default:
		obj := map[string]any{}
		for range r.Intn(4) {
			obj[randomString(r)] = randomJSON(r, depth+1)
		}
		return obj
	}
}

func randomString(r *rand.Rand) string {
	pieces := []string{"a", `"`, `\`, `\"`, "{", "}", "[", "]", ",", ":", " ", "\n", "\x01", "é", "🙂", "<", "&"}
	var b strings.Builder
	for range r.Intn(8) {
		b.WriteString(pieces[r.Intn(len(pieces))])
	}
	return b.String()
}

func FuzzAppendIndented(f *testing.F) {
	f.Add(`{"a":[1,{"b":"c\"d\\"},[]],"e":{}}`)
	f.Fuzz(func(t *testing.T, s string) {
		var v any
		if json.Unmarshal([]byte(s), &v) != nil {
			return
		}
		var compact, want bytes.Buffer
		enc := json.NewEncoder(&compact)
		enc.SetEscapeHTML(false)
		_ = enc.Encode(v)
		enc = json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		_ = enc.Encode(v)
		if got := AppendIndented(nil, compact.Bytes(), "  "); !bytes.Equal(got, want.Bytes()) {
			t.Errorf("AppendIndented(%s) =\n%s\nwant\n%s", compact.Bytes(), got, want.Bytes())
		}
	})
}

// TestAppendIndentedAtPieces: a document cut into pieces where the
// writers cut theirs (after an array's '[', between its elements, before
// its ']') and indented piece by piece, each at its depth, is the document
// indented whole.
func TestAppendIndentedAtPieces(t *testing.T) {
	r := rand.New(rand.NewSource(2))
	for range 300 {
		elems := make([][]byte, r.Intn(6))
		for i := range elems {
			data, err := json.Marshal(randomJSON(r, 1))
			if err != nil {
				t.Fatal(err)
			}
			elems[i] = data
		}
		// {"head":V,"list":[E1,E2,...],"tail":V}, nested depth levels
		// deep in arrays.
		nest := r.Intn(3)
		head := []byte(strings.Repeat("[", nest) + `{"head":1,"list":`)
		tail := []byte(`,"tail":{"a":[]}}` + strings.Repeat("]", nest))
		whole := append(append([]byte(nil), head...), '[')
		for i, e := range elems {
			if i > 0 {
				whole = append(whole, ',')
			}
			whole = append(whole, e...)
		}
		whole = append(append(whole, ']'), tail...)
		want := AppendIndented(nil, whole, "  ")

		// The writers' way: the head, then the list's brackets and line
		// breaks by hand, runs of elements at their depth, and the tail.
		got := AppendIndented(nil, head, "  ")
		depth := nest + 1
		got = append(got, '[')
		if len(elems) == 0 {
			got = append(got, ']')
		} else {
			got = AppendLineBreak(got, "  ", depth+1)
			for i := 0; i < len(elems); {
				n := 1 + r.Intn(3)
				var run []byte
				for j := i; j < min(i+n, len(elems)); j++ {
					if j > 0 {
						run = append(run, ',')
					}
					run = append(run, elems[j]...)
				}
				got = AppendIndentedAt(got, run, "  ", depth+1)
				i += n
			}
			got = AppendLineBreak(got, "  ", depth)
			got = append(got, ']')
		}
		got = AppendIndentedAt(got, tail, "  ", depth)
		if !bytes.Equal(got, want) {
			t.Fatalf("pieces indented apart:\n%s\nwhole:\n%s", got, want)
		}
	}
}

// BenchmarkAppendIndented indents a log of 2,000 SARIF-like results.
func BenchmarkAppendIndented(b *testing.B) {
	var src []byte
	src = append(src, `{"runs":[{"results":[`...)
	for i := range 2000 {
		if i > 0 {
			src = append(src, ',')
		}
		src = append(src, `{"ruleId":"aws-s3-versioning-disabled","ruleIndex":12,"kind":"fail","level":"warning","message":{"text":"versioning of aws_s3_bucket.logs is not enabled"},"locations":[{"physicalLocation":{"artifactLocation":{"uri":"modules/s3/main.tf","uriBaseId":"%SRCROOT%"},"region":{"startLine":12,"startColumn":3,"endLine":12,"endColumn":20}}}],"partialFingerprints":{"blindspotFingerprint/v1":"0123456789abcdef0123456789abcdef","primaryLocationLineHash":"0123456789abcdef0123456789abcdef:1"}}`...)
	}
	src = append(src, "]}]}\n"...)
	b.SetBytes(int64(len(src)))
	dst := make([]byte, 0, len(src)*3)
	for b.Loop() {
		dst = AppendIndented(dst[:0], src, "  ")
	}
}

// TestAppendIndentedIndents: indents of spaces (written from a shared line
// of spaces up to its length, built beyond), tabs and others, at depths
// on both sides of that length, give json.Indent's bytes.
func TestAppendIndentedIndents(t *testing.T) {
	deep := func(n int) string { return strings.Repeat(`{"a":[`, n) + "1" + strings.Repeat("]}", n) }
	for _, indent := range []string{"", " ", "  ", "    ", "\t", " \t", "--"} {
		for _, depth := range []int{1, 60, 64, 65, 129, 300} {
			src := []byte(deep(depth))
			var want bytes.Buffer
			if err := json.Indent(&want, src, "", indent); err != nil {
				t.Fatal(err)
			}
			if got := AppendIndented(nil, src, indent); !bytes.Equal(got, want.Bytes()) {
				t.Errorf("indent %q, depth %d: got %d bytes, want %d", indent, depth, len(got), want.Len())
			}
		}
	}
}
