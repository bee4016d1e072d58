package yamlnode

import (
	"github.com/blindspot-iac/blindspot/internal/nodecheck"

	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/blindspot-iac/blindspot/internal/nesting"
)

// corpusYAML calls f with every YAML file (by extension, and not a JSON
// object, which internal/jsonnode reads) of the corpora beside the
// repository.
func corpusYAML(t testing.TB, corpora []string, f func(path string, data []byte)) {
	base := filepath.Join("..", "..", "..", "shared", "corpus")
	for _, corpus := range corpora {
		dir := filepath.Join(base, corpus)
		if _, err := os.Stat(dir); err != nil {
			continue
		}
		err := filepath.WalkDir(dir, func(path string, e fs.DirEntry, err error) error {
			if err != nil || !e.Type().IsRegular() {
				return err
			}
			switch strings.ToLower(filepath.Ext(path)) {
			case ".yaml", ".yml", ".template":
			default:
				return nil
			}
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			if isObject(data) {
				return nil
			}
			f(path, data)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// isObject reports whether data starts, after whitespace and a byte order
// mark, with '{': a JSON template, which internal/jsonnode reads.
func isObject(data []byte) bool {
	return bytes.HasPrefix(bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\ufeff")), " \t\r\n"), []byte("{"))
}

// TestCorpora decodes every YAML file of the corpora beside the
// repository with both decoders.
func TestCorpora(t *testing.T) {
	total := 0
	for _, corpus := range []string{"perf", "kics", "checkov", "realworld"} {
		var files, accepted, valid int
		var bytesAccepted, bytesValid int
		var why []string
		corpusYAML(t, []string{corpus}, func(path string, data []byte) {
			files++
			root, ok := Parse(data)
			_, err := nodecheck.Root(data)
			if err == nil && nesting.YAML(data) == nil {
				valid++
				bytesValid += len(data)
			}
			if !ok {
				if err == nil {
					why = append(why, path)
				}
				return
			}
			accepted++
			bytesAccepted += len(data)
			nodecheck.Same(t, path, data, root)
		})
		total += files
		if testing.Verbose() {
			sort.Strings(why)
			for _, p := range why {
				t.Logf("declined, yaml.v3 reads it: %s", p)
			}
		}
		t.Logf("%s: %d YAML files, yaml.v3 reads %d (%d bytes): %d accepted (%d bytes), identical",
			corpus, files, valid, bytesValid, accepted, bytesAccepted)
	}
	if total == 0 {
		t.Skip("no corpus under ../shared/corpus")
	}
}

func deep(depth int) string {
	var b strings.Builder
	for i := range depth {
		b.WriteString(strings.Repeat(" ", i) + "a:\n")
	}
	b.WriteString(strings.Repeat(" ", depth) + "b: 1\n")
	return b.String()
}

// TestEdgeCases checks what Parse accepts against yaml.v3, and what it
// declines.
func TestEdgeCases(t *testing.T) {
	long := func(n int) string { return strings.Repeat("k", n) }
	for _, tc := range []struct {
		name, in string
		accept   bool
	}{
		{"one entry", "a: b\n", true},
		{"no final line break", "a: b", true},
		{"template", "AWSTemplateFormatVersion: '2010-09-09'\nDescription: x\nResources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !Sub '${AWS::StackName}-b'\n", true},
		{"nested mappings", "a:\n  b:\n    c: 1\n  d: 2\ne: 3\n", true},
		{"odd indentation", "a:\n   b: 1\n   c:\n        d: 2\n", true},
		{"indented root", "  a: 1\n  b: 2\n", true},
		{"sequence", "a:\n  - 1\n  - x\n", true},
		{"indentless sequence", "a:\n- 1\n- x\nb: 2\n", true},
		{"compact mappings", "a:\n  - k: 1\n    l: 2\n  -   m: 3\n      n:\n      - x\n", true},
		{"compact sequences", "a:\n  - - 1\n    - 2\n  - - - 3\n", true},
		{"entry on the next line", "a:\n  -\n    k: 1\n  -\n    x\n", true},
		{"empty values", "a:\nb:   \nc: # c\nd:\n", true},
		{"empty value at the end", "a: 1\nb:", true},
		{"plain scalars", "a: hello world\nb: a:b\nc: a#b\nd: 'x' y\ne: -x\nf: ?x\ng: :x\nh: x]\ni: {x\nj: x, y\n", false},
		{"plain scalars accepted", "a: hello world\nb: a:b\nc: a#b\ne: -x\nf: ?x\ng: :x\nh: x]\ni: x}\nj: x, y\nk: a  b\nl: x   \n", true},
		{"resolved scalars", "a: [true, True, TRUE, false, yes, no, on, off, y, n, null, Null, NULL, ~, '']\n", true},
		{"numbers", "a: [0, -0, 1, +1, -1, 0x1F, 0o17, 017, 0b101, -0b101, -0o17, 1_000, 1e5, 1E+5, .5, -.5, +.5, 1., 0.5e-3, .inf, -.Inf, +.INF, .nan, .NaN, 9223372036854775807, 9223372036854775808, 18446744073709551616, 1e400, 0x, 0b2, 1__0, _1, 1_, 12e, 1.2.3, 0xFFFFFFFFFFFFFFFF, 0x1FFFFFFFFFFFFFFFF]\n", true},
		{"timestamps", "a: [2001-12-14, 2001-12-14t21:59:43.10-05:00, 2001-12-14 21:59:43.10, 2001-12-14T21:59:43Z, 2002-12-14, 2001-1-2, 2001-13-14, 201-12-14, 20011-12-14, 2001-12-14 21:59:43.10 -5]\n", true},
		{"plain keys that resolve", "1: a\ntrue: b\nnull: c\n~: d\n1.5: e\n2001-12-14: f\n", true},
		{"key before spaced colon", "a  : 1\nb : 2\n", true},
		{"quoted keys", "'a b': 1\n\"c\\td\": 2\n'': 3\n\"\": 4\n", true},
		{"single quotes", "a: 'it''s'\nb: ''''\nc: ' x '\nd: '#'\ne: 'a\"b'\n", true},
		{"double quotes", "a: \"x\\n\\t\\\\\\\"\\0\\a\\b\\v\\f\\r\\e\\ \\N\\_\\L\\P\\x41\\xe9\\u00e9\\U0001F600\\/\"\n", false},
		{"double quote escapes", "a: \"x\\n\\t\\\\\\\"\\0\\a\\b\\v\\f\\r\\e\\ \\N\\_\\L\\P\\x41\\xe9\\u00e9\\U0001F600\\'\"\n", true},
		{"quoted scalars followed by comments", "a: 'x' # c\nb: \"y\"   # d\n", true},
		{"comment right after a quote", "a: 'x'#c\n", false},
		{"non-ASCII", "é: ü\nb: 日本語 😀 x\n'ключ': \"значение\"\nc: [😀, é]\n", true},
		{"non-ASCII columns", "ключ: значение\nn:\n  - 😀😀: 1\n    é: !Ref x\n", true},
		{"comments everywhere", "# head\n\n---   # start\n# x\na: 1 # one\n  # indented\n# b\nb:\n  # inside\n  - x # y\n\n  # z\n  - y\nc: |  # literal\n  text\n# end\n", true},
		{"document start", "---\na: 1\n", true},
		{"CRLF", "a: 1\r\nb:\r\n  - 'x'\r\n  - \"y\"\r\nc: |\r\n  l1\r\n  l2\r\nd: >\r\n  f1\r\n  f2\r\n", true},
		{"literal", "a: |\n  l1\n    l2\n\n  l3\nb: 1\n", true},
		{"literal strip", "a: |-\n  l1\n  l2\n\n\nb: 1\n", true},
		{"literal keep", "a: |+\n  l1\n  l2\n\n\nb: 1\n", true},
		{"literal keep at the end", "a: |+\n  l1\n\n", true},
		{"literal without a final break", "a: |\n  l1", true},
		{"folded", "a: >\n  f1\n  f2\n\n  f3\n    more\n  f4\nb: >-\n  x\n  y\nc: >+\n  z\n\n", true},
		{"block scalar indentation indicator", "a: |2\n    x\n   y\nb: >-1\n  z\nc: |+2\n   w\n", true},
		{"block scalar leading empty lines", "a: |\n\n\n  x\nb: |\n \n  y\n", true},
		{"block scalar more indented empty line first", "a: |\n     \n  x\n", false},
		{"empty block scalar", "a: |\nb: >\n\nc: 1\n", true},
		{"block scalar in a sequence", "a:\n  - |\n    x\n  - >-\n    y\n- z\n", false},
		{"block scalar in sequences", "a:\n  - |\n    x\n  - >-\n    y\nb:\n- |\n  z\n- k: |\n    w\n", true},
		{"block scalar with a comment line inside", "a: |\n  x\n  # not a comment\n  y\n", true},
		{"block scalar with spaces lines", "a: |\n  x\n      \n  y\n   \n", true},
		{"flow sequences", "a: [a, 'b', \"c\", [d, []], {}]\nb: []\nc: [ x ,y ]\n", true},
		{"flow mappings", "a: {Ref: x}\nb: {'k': v, \"l\": [1, 2], m: {n: o}}\nc: {}\n", true},
		{"flow in sequences", "a:\n  - [1, 2]\n  - {k: v}\n", true},
		{"tags", "a: !Ref x\nb: !Sub 'y ${z}'\nc: !GetAtt R.Arn\nd: !Base64 \"w\"\ne: !Join [',', [a, b]]\nf: !If [C, !Ref a, !Ref AWS::NoValue]\ng: !Equals [!Ref E, prod]\n", true},
		{"tagged collections", "a: !If\n  - C\n  - x\n  - y\nb: !Sub\n  - '${a}'\n  - a: b\nc: !If\n- C\n- x\nd: !Transform\n  Name: x\n", true},
		{"tagged block scalars", "a: !Sub |\n  x ${y}\nb: !Base64 >-\n  z\n", true},
		{"tagged empty scalars", "a: !Ref\nb: !GetAZs\nc:\n  - !Ref\n  - x\n", true},
		{"tagged numbers", "a: !Ref 1\nb: !Ref true\nc: !Ref ~\n", true},
		{"tagged empty scalars in flow", "a: !Select [0, !GetAZs ]\nb: {c: !Ref , d: !Ref\n  }\ne: [!Ref\n, x]\n", true},
		{"tags in sequences", "a:\n  - !Ref x\n  - !GetAtt [a, b]\n  - !Sub\n    - x\n", true},
		{"tag then value on the next line", "a:\n  !Ref x\nb:\n  !If\n  - x\nc:\n  !Ref\nd: 1\n", true},
		{"duplicate keys", "a: 1\na: 2\n", true},
		{"depth at the limit", deep(MaxDepth - 1), true},
		{"key at the limit", long(maxKeySpan) + ": 1\n", true},

		{"depth beyond the limit", deep(MaxDepth), false},
		{"brackets the pre-scan counts in plain text", "a: b\n " + strings.Repeat("{", 300) + "\n", false},
		{"brackets the pre-scan counts after a dash", "a: b - " + strings.Repeat("[", 300) + "\n", false},
		{"brackets the pre-scan does not reach", "a: b\n " + strings.Repeat("{", 100) + "\n", true},
		{"key beyond the limit", long(maxKeySpan+1) + ": 1\n", false},
		{"anchor", "a: &x 1\nb: 2\n", false},
		{"alias", "a: 1\nb: *a\n", false},
		{"merge key", "a:\n  <<: {b: 1}\n", false},
		{"merge value", "a: <<\n", false},
		{"multi-line plain", "a: b\n  c\n   d  \n\n  e\n\n\n  f # g\nh: i\n  - j\n  k: l\n", false},
		{"multi-line plains", "a: b\n  c\n   d  \n\n  e\n\n\n  f # g\nh: i\n  - j\n  'k' [l] {m} \"n\" !o &p *q |r >s %t @u `v ?w ,x\n", true},
		{"multi-line plain on the next line", "a:\n  b\n  c\nd: 1\n", true},
		{"multi-line plain in a sequence", "a:\n- b\n  c\n-  d\n   e\n", true},
		{"multi-line plain in a compact mapping", "a:\n  - k: b\n     c\n    l: d\n", true},
		{"multi-line plain ending with empty lines", "a: b\n  c\n\n\nd: e\n", true},
		{"multi-line plain then a comment line", "a: b\n  c\n  # d\ne: f\n", true},
		{"multi-line plain with a colon", "a: b\n  c: d\n", false},
		{"multi-line plain after a comment", "a: b\n  # c\n  d\n", false},
		{"multi-line plain after a line comment", "a: b # c\n  d\n", false},
		{"multi-line plain key", "a\n b: c\n", false},
		{"multi-line single quotes", "a: 'b  \n  c''\n\n   d\n\n\n e '\nf: 1\n", true},
		{"multi-line double quotes", "a: \"b \\t \n  c\\\"\n\n   \\u00e9\n\n\n e \"\nf: 1\n", true},
		{"escaped line break", "a: \"b\\\n  c \\\n\n  d\\\n\"\n", true},
		{"multi-line quotes at column 0", "a: 'b\nc'\n", true},
		{"multi-line quotes in a sequence", "a:\n  - 'b\n    c'\n  - \"d\n\n    e\"\n", true},
		{"multi-line quotes and CRLF", "a: 'b\r\n  c\r\n\r\n  d'\r\n", true},
		{"multi-line quoted key", "'a\n b': c\n", false},
		{"multi-line quoted compact key", "a:\n  - 'a\n    b': c\n", false},
		{"document marker in quotes", "a: 'b\n---\n  c'\n", false},
		{"unterminated quotes", "a: 'b\n  c\n", false},
		{"unknown escape", "a: \"\\q\"\n", false},
		{"surrogate escape", "a: \"\\ud800\"\n", false},
		{"escape beyond Unicode", "a: \"\\U00110000\"\n", false},
		{"multi-line flow", "a: [1,\n  2]\nb: {\n  \"c\": 'd',\n  \"e\":\n    [f, \"g\"],\n\n  h: !Ref\n    i, j: k\n}\n", true},
		{"JSON in YAML", "a:\n  {\n    \"Version\":\"2012-10-17\",\n    \"Statement\": [ {\n      \"Effect\": Allow,\n      \"Action\": [\"s3:*\"],\n      \"N\": 1\n    } ]\n  }\nb: 1\n", true},
		{"multi-line flow at column 0", "a: [1,\n2]\n", true},
		{"plain at a line end in flow", "a: [b\n  , c\n  ]\nd: {e: f\n\n}\n", true},
		{"plain continued in flow", "a: [b\n  c]\n", false},
		{"comment in flow", "a: [1, # c\n  2]\n", true},
		{"comment after a plain in flow", "a: [1 # c\n  , 2]\n", true},
		{"comment right after a quote in flow", "a: ['1'# c\n  , 2]\n", false},
		{"document marker in flow", "a: [1,\n---\n  2]\n", false},
		{"flow key over two lines", "a: {b\n  : c}\n", false},
		{"JSON key without a space", "a: {\"b\":c, 'd':[1]}\n", true},
		{"trailing commas", "a: [1, 2,]\nb: {c: d, }\ne: [\n  f,\n  ]\ng: [[],]\n", true},
		{"trailing comma in the wrong collection", "a: [1, 2,}\n", false},
		{"two commas", "a: [1, , 2]\n", false},
		{"comma alone", "a: [,]\n", false},
		{"flow pair in a sequence", "a: [b: c]\n", false},
		{"flow mapping without a space", "a: {b:c}\n", false},
		{"empty flow value", "a: {b: , c: d}\n", false},
		{"flow key", "[a]: b\n", false},
		{"explicit key", "? a\n: b\n", false},
		{"directive", "%YAML 1.1\n---\na: 1\n", false},
		{"document end", "a: 1\n...\n", false},
		{"document end first", "... :\n", false},
		{"document end after comments", "# a\n\n...\nb: 1\n", false},
		{"second document", "a: 1\n---\nb: 2\n", false},
		{"tab indentation", "a:\n\tb: 1\n", false},
		{"tab in a value", "a: b\tc\n", false},
		{"BOM", "\ufeffa: 1\n", false},
		{"NEL", "a: b\u0085c\n", false},
		{"line separator", "a: b\u2028c\n", false},
		{"invalid UTF-8", "a: \xff\n", false},
		{"NUL", "a: \x00\n", false},
		{"lone CR", "a: 1\rb: 2\n", false},
		{"C1 control", "a: \u0090\n", false},
		{"noncharacter", "a: \uffff\n", false},
		{"mapping on the value's line", "a: b: c\n", false},
		{"sequence on the value's line", "a: - b\n", false},
		{"more indented key", "a: 1\n  b: 2\n", false},
		{"less indented key", "a:\n    b: 1\n  c: 2\n", false},
		{"key without a value indicator", "a: 1\nb\n", false},
		{"empty sequence entry", "a:\n  -\n  - x\n", false},
		{"entry after a value", "a: 1\n- b\n", false},
		{"tagged key", "!Ref a: b\n", false},
		{"tag and key in an entry", "a:\n  - !Ref b: c\n", false},
		{"non-specific tag", "a: ! b\n", false},
		{"secondary tag", "a: !!str b\n", false},
		{"verbatim tag", "a: !<x> b\n", false},
		{"tag without a blank", "a: !Ref,x\n", false},
		{"root sequence", "- a\n", false},
		{"root scalar", "a\n", false},
		{"empty", "", false},
		{"only comments", "# x\n", false},
		{"text after a flow collection", "a: [b] c\n", false},
		{"text after a quoted scalar", "a: 'b' c\n", false},
		{"block scalar header text", "a: | x\n  y\n", false},
		{"zero indentation indicator", "a: |0\n  y\n", false},
		{"less indented block scalar line", "a: |\n    x\n  y\n", false},
		{"question mark in flow", "a: [b?c]\n", false},
		{"alias in flow", "a: [*b]\n", false},
		{"JSON", "{\"a\": 1}\n", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root, ok := Parse([]byte(tc.in))
			if ok != tc.accept {
				_, err := nodecheck.Root([]byte(tc.in))
				t.Fatalf("Parse accepted %v, want %v (yaml.v3: %v)", ok, tc.accept, err)
			}
			if ok {
				nodecheck.Same(t, tc.name, []byte(tc.in), root)
			}
		})
	}
}

// TestDepthLimit checks that documents at MaxDepth pass the nesting
// pre-scan.
func TestDepthLimit(t *testing.T) {
	for _, doc := range []string{
		deep(MaxDepth - 1),
		"a:\n" + strings.Repeat("- ", MaxDepth-1) + "x\n",
		"a: " + strings.Repeat("[", MaxDepth-1) + strings.Repeat("]", MaxDepth-1) + "\n",
	} {
		if _, ok := Parse([]byte(doc)); !ok {
			t.Errorf("Parse declines %.40q", doc)
		}
		if err := nesting.YAML([]byte(doc)); err != nil {
			t.Errorf("nesting.YAML rejects %.40q: %v", doc, err)
		}
	}
}

// TestContentAppend checks that appending to one node's content leaves
// its neighbours' alone, as with yaml.v3's separately allocated slices.
func TestContentAppend(t *testing.T) {
	root, ok := Parse([]byte("a: [1, 2]\nb: [3, 4]\n"))
	if !ok {
		t.Fatal("declined")
	}
	a, b := root.Content[1], root.Content[3]
	a.Content = append(a.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: "x"})
	if b.Content[0].Value != "3" || root.Content[2].Value != "b" {
		t.Errorf("append to one sequence changed another node: %+v, %+v", root.Content[2], b.Content[0])
	}
}

// TestResolve compares resolveTag with yaml.v3 on generated plain
// scalars: every string of up to three characters from an alphabet of
// the characters that matter, and variations of the numbers, booleans,
// nulls and timestamps yaml.v3 knows.
func TestResolve(t *testing.T) {
	const alphabet = "0179aAbBeEfFinNoOtTxXyY_.-+:~< "
	var words []string
	var gen func(prefix string, n int)
	gen = func(prefix string, n int) {
		words = append(words, prefix)
		if n == 0 {
			return
		}
		for _, c := range alphabet {
			gen(prefix+string(c), n-1)
		}
	}
	gen("", 3)
	for _, w := range []string{
		"true", "True", "TRUE", "tRUE", "false", "False", "FALSE", "null", "Null", "NULL", "nULL", "yes", "on", "off",
		".inf", ".Inf", ".INF", "+.inf", "-.Inf", "+.INF", ".nan", ".NaN", ".NAN", ".nAn", "-.nan", ".infinity",
		"0x1F", "0X1F", "0x_1F", "0o17", "0O17", "-0o17", "0b101", "-0b101", "0b1_01", "017", "018", "-017", "+0x1F",
		"1_000", "1__000", "_1000", "1000_", "1_000.5", "1e5", "1E5", "1e+5", "1.5e-3", "1.", ".5", "-.5", "+.5e3",
		"9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
		"18446744073709551615", "18446744073709551616", "0xFFFFFFFFFFFFFFFF", "0x10000000000000000", "1e400", "-1e400",
		"0b1111111111111111111111111111111111111111111111111111111111111111", "0o1777777777777777777777",
		"2001-12-14", "2001-12-14t21:59:43.10-05:00", "2001-12-14T21:59:43.10Z", "2001-12-14 21:59:43.10",
		"2001-12-14 21:59:43.10 -5", "2001-1-2", "2001-13-01", "2001-02-30", "20011-12-14", "201-12-14", "2001-12",
		"2001-12-14T21:59:43", "2001-12-14 21:59:43", "1:30", "1:30:00", "190:20:30", "0.1.2", "1,000", "$1", "1e",
		"0x", "0o", "0b", "-", "+", ".", "..", "-0", "+0", "0.0", "-0.0", "00", "08", "0e0", "Infinity", "NaN", "inf",
	} {
		words = append(words, w)
	}
	for _, w := range words {
		var n yaml.Node
		if err := yaml.Unmarshal([]byte("a: "+w), &n); err != nil {
			continue
		}
		v := n.Content[0].Content[1]
		if v.Style != 0 || v.Value != w {
			continue // not read as this plain scalar
		}
		if got := resolveTag(w); got != v.Tag && w != "<<" {
			t.Errorf("resolveTag(%q) = %s, yaml.v3 says %s", w, got, v.Tag)
		}
	}
	t.Logf("%d words", len(words))
}

// TestBufferBoundaries moves pieces of YAML across the boundary of
// yaml.v3's 512-byte reads, where its byte-order-mark check misread JSON
// (see internal/jsonnode): Parse must agree with yaml.v3 at every offset.
func TestBufferBoundaries(t *testing.T) {
	for _, piece := range []string{
		"é: 日本\n", "'😀 x': \"\\u00e9\\n\"\n", "b: |\n    é\n\n    x\n", "b: >-\n    f\n    g\n", "b: [1,\n    2]\n",
		"b: 'x\n    y'\n", "b: c\n    d\n", "b:\r\n  - !Ref x\r\n", "b: {c: d}   # é\n", "b:\n- x\n- y\n",
	} {
		for pad := 460; pad < 540; pad++ {
			doc := []byte("a: " + strings.Repeat("0", pad) + "\n" + piece)
			root, ok := Parse(doc)
			if !ok {
				t.Fatalf("declined %q after %d bytes", piece, pad)
			}
			nodecheck.Same(t, fmt.Sprintf("%q after %d bytes", piece, pad), doc, root)
		}
	}
}

// TestGuessBounded checks that text full of what looks like entries does
// not make Parse allocate nodes for all of it at once.
func TestGuessBounded(t *testing.T) {
	doc := []byte("a: '" + strings.Repeat(", - : ", 200_000) + "'\n")
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	root, ok := Parse(doc)
	runtime.ReadMemStats(&after)
	if !ok {
		t.Fatal("declined")
	}
	nodecheck.Same(t, "commas", doc, root)
	if n := after.TotalAlloc - before.TotalAlloc; n > 32<<20 {
		t.Errorf("Parse allocated %d MB for a %d MB document of two nodes", n>>20, len(doc)>>20)
	}
}

// TestNoCommentReaders keeps true what Parse relies on to leave comments
// out of its trees: no Go file of the repository outside this package
// reads a node's comments (internal/nodecheck, these tests' comparison
// with yaml.v3, clears them).
func TestNoCommentReaders(t *testing.T) {
	root := filepath.Join("..", "..")
	err := filepath.WalkDir(root, func(path string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if e.IsDir() {
			if name := e.Name(); name == "testdata" || name == "yamlnode" || name == "nodecheck" || strings.HasPrefix(name, ".") && path != root {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, field := range []string{"HeadComment", "LineComment", "FootComment"} {
			if bytes.Contains(data, []byte(field)) {
				t.Errorf("%s uses yaml.Node's %s, which internal/yamlnode leaves empty: fill it in there first", path, field)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
