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
