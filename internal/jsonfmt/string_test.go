package jsonfmt

import (
	"bytes"
	"encoding/json"
	"math/rand"
	"strings"
	"testing"
	"unicode/utf8"
)

// marshalString is s as encoding/json writes it with HTML escaping off.
func marshalString(t testing.TB, s string) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		t.Fatal(err)
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

// TestAppendStringIsEncodingJSON compares AppendString with encoding/json
// on every byte value, the characters JSON and JavaScript treat specially,
// invalid and truncated UTF-8, and random mixes of them.
func TestAppendStringIsEncodingJSON(t *testing.T) {
	values := []string{"", "plain", `"`, `\`, "<>&", "\u2028\u2029", "\u007f", "é🙂", "\xff", "\xe2\x80", "\xed\xa0\x80", "\ufffd"}
	for c := range 256 {
		values = append(values, string([]byte{byte(c)}), "a"+string([]byte{byte(c)})+"b")
	}
	pieces := []string{"a", `"`, `\`, "\n", "\x00", "\x1f", "\b", "\f", "\r", "\t", "é", "🙂", "\u2028", "\xff", "\xc3", "<", "&", "\u0085", "\u202e"}
	r := rand.New(rand.NewSource(1))
	for range 5000 {
		var b strings.Builder
		for range r.Intn(10) {
			b.WriteString(pieces[r.Intn(len(pieces))])
		}
		values = append(values, b.String())
	}
	for _, s := range values {
		if got, want := AppendString(nil, s), marshalString(t, s); !bytes.Equal(got, want) {
			t.Errorf("AppendString(%q) = %s, want %s", s, got, want)
		}
	}
}

func FuzzAppendString(f *testing.F) {
	f.Add("a\"b\\c\n\u2028\xff")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := AppendString(nil, s), marshalString(t, s); !bytes.Equal(got, want) {
			t.Errorf("AppendString(%q) = %s, want %s", s, got, want)
		}
		if !utf8.Valid(AppendString(nil, s)) {
			t.Errorf("AppendString(%q) is not valid UTF-8", s)
		}
	})
}
