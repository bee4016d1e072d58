package safetext

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestEscape(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain text", "plain text"},
		{"ansi \x1b[31mred\x1b[0m", `ansi \x1b[31mred\x1b[0m`},
		{"bidi \u202eevil\u202c", `bidi \u202eevil\u202c`},
		{"isolate \u2066x\u2069", `isolate \u2066x\u2069`},
		{"c1 \u009b", `c1 \u009b`},
		{"line\nbreak", `line\x0abreak`},
		{"bad \xff utf8", `bad \xff utf8`},
		{"azure ##vso[task.setvariable]x", `azure ##vso\x5btask.setvariable]x`},
		{"azure ##[error]x", `azure ##\x5berror]x`},
		{"tab\tkept", "tab\tkept"},
	}
	for _, tt := range tests {
		if got := Escape(tt.in, false); got != tt.want {
			t.Errorf("Escape(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := Escape("a\nb", true); got != "a\nb" {
		t.Errorf("newlines not kept: %q", got)
	}
}

func TestLineAndWriter(t *testing.T) {
	if got := Line("::add-mask::secret"); strings.HasPrefix(got, "::") {
		t.Errorf("Line = %q", got)
	}
	var buf bytes.Buffer
	w := NewWriter(&buf)
	for _, chunk := range []string{"ok line\n", ":", ":error::x\n", "  ::warning::y\n", "a::b\n", ":single\n", "::"} {
		w.Write([]byte(chunk))
	}
	w.Flush()
	for _, line := range strings.Split(buf.String(), "\n") {
		if strings.HasPrefix(strings.TrimLeft(line, " \t"), "::") {
			t.Errorf("a line starts a workflow command: %q", line)
		}
	}
	if !strings.Contains(buf.String(), "a::b\n:single\n") || !strings.Contains(buf.String(), "ok line\n") {
		t.Errorf("other lines changed: %q", buf.String())
	}
}

func TestJSON(t *testing.T) {
	data, _ := json.Marshal(map[string]string{"k": "x\u202ey\u0085z\ufeff"})
	out := JSON(data)
	if bytes.ContainsAny(out, "\u202e\u0085\ufeff") {
		t.Errorf("JSON left control characters: %s", out)
	}
	var back map[string]string
	if err := json.Unmarshal(out, &back); err != nil || back["k"] != "x\u202ey\u0085z\ufeff" {
		t.Errorf("JSON changed the value: %s (%v)", out, err)
	}
}

// TestJSONRuneByRune checks JSON, which copies runs of safe text whole,
// against escaping rune by rune, on text mixing ASCII, safe and unsafe
// non-ASCII characters and invalid UTF-8.
func TestJSONRuneByRune(t *testing.T) {
	// Runs of ASCII of every length, which JSON skips eight bytes at a
	// time, around the rest.
	pieces := []string{"a", `"x"`, "0123456", "abcdefghijklmnopq", "é", "🙂", "\u202e", "\u0085", "\ufeff", "\u2028", "\ufffd", "\xff", "\xe2\x80", "\n"}
	r := rand.New(rand.NewSource(1))
	for range 2000 {
		var b strings.Builder
		for range r.Intn(24) {
			b.WriteString(pieces[r.Intn(len(pieces))])
		}
		in := []byte(b.String())
		var want bytes.Buffer
		for i := 0; i < len(in); {
			c, size := utf8.DecodeRune(in[i:])
			if c != utf8.RuneError && c >= 0x80 && unsafe(c) {
				fmt.Fprintf(&want, `\u%04x`, c)
			} else {
				want.Write(in[i : i+size])
			}
			i += size
		}
		if got := JSON(in); !bytes.Equal(got, want.Bytes()) {
			t.Errorf("JSON(%q) = %q, want %q", in, got, want.Bytes())
		}
	}
}
