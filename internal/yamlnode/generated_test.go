package yamlnode

import (
	"github.com/blindspot-iac/blindspot/internal/nodecheck"

	"github.com/blindspot-iac/blindspot/internal/benchcpu"

	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
)

// TestGenerated compares Parse with yaml.v3 on random block documents
// made of the pieces most likely to differ: every kind of value after a
// key or "- ", indentation that varies, compact and indentless
// collections, tags, scalars YAML resolves, quotes and escapes, block
// scalars with every header, comments and empty lines between entries,
// non-ASCII text and CRLF line ends.
func TestGenerated(t *testing.T) {
	g := generator{r: rand.New(rand.NewPCG(1, 2))}
	accepted := 0
	const docs = 3000
	for i := range docs {
		data := []byte(g.document())
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
	if accepted < docs/3 {
		t.Errorf("only %d of %d documents accepted", accepted, docs)
	}
	t.Logf("%d of %d documents accepted", accepted, docs)
}

type generator struct {
	r   *rand.Rand
	b   strings.Builder
	eol string
}

func (g *generator) pick(s ...string) string { return s[g.r.IntN(len(s))] }

func (g *generator) document() string {
	g.b.Reset()
	g.eol = "\n"
	if g.r.IntN(6) == 0 {
		g.eol = "\r\n"
	}
	if g.r.IntN(5) == 0 {
		g.b.WriteString(g.pick("---", "--- # x", "# head") + g.eol)
	}
	g.mapping(g.pick("", "", "", " "), 0)
	if g.r.IntN(4) == 0 {
		g.b.WriteString(g.pick("", "# foot", "  ", "\n") + g.pick("", g.eol))
	}
	return g.b.String()
}

// gap writes what may come between entries: nothing, empty lines,
// comment lines at any indentation.
func (g *generator) gap(indent string) {
	switch g.r.IntN(8) {
	case 0:
		g.b.WriteString(g.eol)
	case 1:
		g.b.WriteString(indent + "# c" + g.eol)
	case 2:
		g.b.WriteString(g.pick("", " ", "    ") + "#" + g.eol)
	case 3:
		g.b.WriteString("   " + g.eol)
	}
}

func (g *generator) key() string {
	return g.pick("a", "Type", "Properties", "b c", "1", "true", "~", "null", "é", "日本", "'q'", "\"dq\"", "''", "'it''s'",
		"\"e\\tf\"", "x-y", "a.b", "AWS::Region", "k:v", "k#", "-k", "?k", ":k", "2001-12-14", "0x1F", "y", ".5")
}

func (g *generator) scalar(flow bool) string {
	if flow {
		return g.pick("a", "b c", "1", "-1", "0.5", "true", "no", "null", "~", "'q'", "\"dq\"", "''", "\"\\u00e9\"", "AWS::Region",
			"x.y", "2001-12-14", "0o17", "1_000", "é", "😀", "-x", "a:b", "a#b", "!Ref x", "!GetAtt R.Arn", "!Sub '${x}'", "1e3", ".inf")
	}
	return g.pick("a", "b c", "  spaced  ", "1", "-1", "+1", "0.5", "1e3", "0x1F", "0o17", "017", "0b11", "1_000", ".inf", "-.Inf", ".NaN",
		"true", "True", "yes", "no", "on", "off", "null", "Null", "~", "2001-12-14", "2001-12-14 21:59:43.10", "2001-12-14t21:59:43.10-05:00",
		"'q'", "'it''s'", "''", "\"\"", "\"dq\"", "\"\\n\\t\\\\\\\"\\x41\\u00e9\\U0001F600\"", "\"\\/\"", "\"a b \"", "AWS::Region", "a:b", "a#b",
		"a # comment", "-x", "?x", ":x", "x]", "x}", "x, y", "[a, b]", "[]", "{}", "{a: b}", "{Ref: x, 'k': [1, 2]}", "[a, [b, c], {d: e}]",
		"[a,b]", "[ a , b ]", "[a, b,]", "{a:b}", "é", "日本語", "😀 x", "<<", "&a x", "*a", "!Ref x", "!Sub '${x}'", "!GetAtt R.Arn",
		"!If [C, a, b]", "!Ref", "!!str x", "! x", "x: y", "'x' y", "- x", "%x", "@x", "`x`", "\"multi", "|x")
}

func (g *generator) mapping(indent string, depth int) {
	n := 1 + g.r.IntN(4)
	for range n {
		g.gap(indent)
		g.b.WriteString(indent + g.key() + g.pick(":", ":", ":", " :"))
		g.value(indent, depth, true)
	}
}

func (g *generator) sequence(indent string, depth int) {
	n := 1 + g.r.IntN(3)
	for range n {
		g.gap(indent)
		g.b.WriteString(indent + "-")
		g.value(indent, depth, false)
	}
}

// value writes what follows "key:" or "-" at indentation indent.
func (g *generator) value(indent string, depth int, inMap bool) {
	deeper := indent + g.pick("  ", "  ", "    ", " ", "   ")
	k := g.r.IntN(14)
	if depth > 4 {
		k = 0
	}
	tag := ""
	if g.r.IntN(8) == 0 {
		tag = " " + g.pick("!If", "!Sub", "!Ref", "!GetAZs", "!Join")
	}
	switch {
	case k < 5:
		g.b.WriteString(tag + " " + g.scalar(false) + g.pick("", "", " ", " # c") + g.eol)
	case k < 6:
		// A scalar or flow collection over several lines.
		g.b.WriteString(tag + " " + g.pick("a b", "'q r", "\"d \\\"", "[a,", "{k: v,", "[", "{", "\"x\\", "'", "- x", "x:", "[a # c"))
		for range 1 + g.r.IntN(3) {
			g.b.WriteString(g.pick("", " ", "  ") + g.eol + g.pick("", g.eol, "  "+g.eol) +
				g.pick(deeper, indent, "", deeper+"  ", deeper+"# c"+g.eol+deeper) +
				g.pick("more", "x y ", "'q'", "s'", "s\"", "b, c", "]", "}", "],", "k: v", "- z", "# c", "\\ u", "é", "---", "x]"))
		}
		g.b.WriteString(g.pick("", "'", "\"", "]", "}", "]]") + g.eol)
	case k < 8:
		g.b.WriteString(tag + g.pick("", " # c") + g.eol)
		g.mapping(deeper, depth+1)
	case k < 9:
		g.b.WriteString(tag + g.pick("", " ") + g.eol)
		g.sequence(deeper, depth+1)
	case k < 10 && inMap:
		g.b.WriteString(tag + g.eol)
		g.sequence(indent, depth+1) // indentless
	case k < 11 && !inMap:
		// Compact: "- a: b" or "- - a".
		inner := indent + " " + strings.Repeat(" ", 1+g.r.IntN(2))
		g.b.WriteString(strings.Repeat(" ", len(inner)-len(indent)-1))
		if g.r.IntN(2) == 0 {
			g.b.WriteString(g.key() + ":")
			g.value(inner, depth+1, true)
			if g.r.IntN(2) == 0 {
				g.mapping(inner, depth+1)
			}
		} else {
			g.b.WriteString("-")
			g.value(inner, depth+1, false)
		}
	case k < 13:
		g.b.WriteString(tag + " " + g.pick("|", ">", "|-", ">-", "|+", ">+", "|2", ">1-", "|-1", "|0", "| # c", "|x") + g.eol)
		lines := g.r.IntN(4)
		extra := strings.Repeat(" ", g.r.IntN(3))
		for range lines {
			switch g.r.IntN(6) {
			case 0:
				g.b.WriteString(g.eol)
			case 1:
				g.b.WriteString(deeper + extra + "  more" + g.eol)
			case 2:
				g.b.WriteString(deeper + "# not a comment" + g.eol)
			case 3:
				g.b.WriteString(deeper + extra + "   " + g.eol)
			default:
				g.b.WriteString(deeper + extra + g.pick("text", "a: b", "- x", "é 😀", "'q'") + g.eol)
			}
		}
	default:
		g.b.WriteString(g.eol) // an empty value
	}
}

// FuzzYAML checks that whatever Parse accepts, yaml.v3 decodes to the
// same tree (comments aside), and the nesting pre-scan passes.
func FuzzYAML(f *testing.F) {
	for _, s := range []string{
		"a: b\n", "a:\n  - 1\n  - x\n", "a:\n- 1\nb: {c: [d, 'e']}\n", "a: !Ref x\nb: !If\n  - C\n  - \"y\\n\"\n",
		"a: |\n  x\n\n  y\nb: >-\n  z\n", "---\n# c\na: 1 # d\n", "é: 😀\r\nb: 'it''s'\r\n", "a:\n  - k: 1\n    l: [2]\n",
		"a: 2001-12-14\nb: 0x1F\nc: .inf\nd: ~\n", "a: |2+\n    x\n\n", deep(8),
	} {
		f.Add([]byte(s))
	}
	g := generator{r: rand.New(rand.NewPCG(3, 4))}
	for range 30 {
		f.Add([]byte(g.document()))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		root, ok := Parse(data)
		if !ok {
			return
		}
		nodecheck.Same(t, "input", data, root)
	})
}

// BenchmarkParse decodes the YAML templates of the CloudFormation perf
// corpus with yaml.v3 and with Parse (declining to yaml.v3, as the
// template loader does).
func BenchmarkParse(b *testing.B) {
	var docs [][]byte
	size, accepted := 0, 0
	corpusYAML(b, []string{filepath.Join("perf", "cloudformation")}, func(_ string, data []byte) {
		if _, err := nodecheck.Root(data); err != nil {
			return
		}
		docs = append(docs, data)
		size += len(data)
		if _, ok := Parse(data); ok {
			accepted++
		}
	})
	if len(docs) == 0 {
		b.Skip("no corpus under ../shared/corpus/perf/cloudformation")
	}
	b.Logf("%d YAML templates, %d bytes; %d accepted", len(docs), size, accepted)
	b.Run("yaml.v3", func(b *testing.B) {
		b.SetBytes(int64(size))
		b.ReportAllocs()
		defer benchcpu.Report(b)()
		for b.Loop() {
			for _, d := range docs {
				if _, err := nodecheck.Decode(d); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("yamlnode", func(b *testing.B) {
		b.SetBytes(int64(size))
		b.ReportAllocs()
		defer benchcpu.Report(b)()
		for b.Loop() {
			for _, d := range docs {
				if _, ok := Parse(d); !ok {
					if _, err := nodecheck.Decode(d); err != nil {
						b.Fatal(err)
					}
				}
			}
		}
	})
}
