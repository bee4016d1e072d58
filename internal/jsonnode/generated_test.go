package jsonnode

import (
	"github.com/blindspot-iac/blindspot/internal/nodecheck"

	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestGenerated compares Parse with yaml.v3 on random JSON documents made
// of the pieces most likely to differ: whitespace of every kind between
// tokens, escapes, non-ASCII text, numbers at the edges of int64 and
// float64, strings YAML would resolve if they were plain, keys near
// YAML's 1024-character limit.
func TestGenerated(t *testing.T) {
	g := generator{rand.New(rand.NewPCG(1, 2))}
	accepted := 0
	const docs = 2000
	for i := range docs {
		var b strings.Builder
		if g.r.IntN(8) == 0 {
			b.WriteString(bom)
		}
		b.WriteString(g.pick("", " ", "\n", "\r\n", "  \n "))
		g.object(&b, 0)
		b.WriteString(g.pick("", " ", "\n", "\t", "\r\n", " \n\n"))
		data := []byte(b.String())
		root, ok := Parse(data)
		if !ok {
			continue
		}
		accepted++
		nodecheck.Same(t, fmt.Sprint("document ", i), data, root)
		if t.Failed() {
			t.Fatalf("document %d: %q", i, data)
		}
	}
	if accepted < docs/2 {
		t.Errorf("only %d of %d documents accepted", accepted, docs)
	}
	t.Logf("%d of %d documents accepted", accepted, docs)
}

type generator struct{ r *rand.Rand }

func (g generator) pick(s ...string) string { return s[g.r.IntN(len(s))] }

func (g generator) space() string {
	if g.r.IntN(3) == 0 {
		return ""
	}
	return g.pick(" ", "\t", "\n", "\r\n", "\n  ", "\n\t\t", "  ", " \t ")
}

func (g generator) object(b *strings.Builder, depth int) {
	b.WriteString("{" + g.space())
	n := g.r.IntN(5)
	for i := range n {
		if i > 0 {
			b.WriteString("," + g.space())
		}
		g.str(b, true)
		// A key's colon stays on its line: yaml.v3 needs it there.
		b.WriteString(g.pick("", " ", "\t") + ":" + g.space())
		g.value(b, depth+1)
		b.WriteString(g.space())
	}
	b.WriteString("}")
}

func (g generator) value(b *strings.Builder, depth int) {
	switch k := g.r.IntN(10); {
	case k < 2 && depth < 6:
		g.object(b, depth)
	case k < 4 && depth < 6:
		b.WriteString("[" + g.space())
		n := g.r.IntN(4)
		for i := range n {
			if i > 0 {
				b.WriteString("," + g.space())
			}
			g.value(b, depth+1)
			b.WriteString(g.space())
		}
		b.WriteString("]")
	case k < 6:
		g.str(b, false)
	case k < 9:
		b.WriteString(g.pick("0", "-0", "1", "-1", "42", "0.5", "-0.0", "1e5", "1E+5", "1e-5", "2.5E-10",
			"9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
			"18446744073709551615", "18446744073709551616", "10000000000000000000000", "1e308", "1e309",
			"-1e400", "1e-400", "123456789012345678", "1234567890123456789", "0e0", "3.14159"))
	default:
		b.WriteString(g.pick("true", "false", "null"))
	}
}

func (g generator) str(b *strings.Builder, key bool) {
	b.WriteByte('"')
	if key && g.r.IntN(20) == 0 {
		b.WriteString(strings.Repeat("k", 1015+g.r.IntN(12)))
	}
	n := g.r.IntN(6)
	for range n {
		b.WriteString(g.pick("a", "Type", " ", "yes", "~", "0x1F", "1_000", "null", "true", "#", " #", ": ", "- ",
			"é", "日本", "😀", "\u00a0", `\"`, `\\`, `\n`, `\t`, `\r`, `\b`, `\f`, `\u00e9`, `\u0000`,
			`\u001F`, `\u2028`, `\uFFFF`, `\ud83d\ude00`, `\/`, "'", "${AWS::Region}", "!Ref", "&a", "*a", "%", "@"))
	}
	b.WriteByte('"')
}
