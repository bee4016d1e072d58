package jsonnode

import (
	"github.com/blindspot-iac/blindspot/internal/nodecheck"

	"github.com/blindspot-iac/blindspot/internal/benchcpu"

	"encoding/json"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/blindspot-iac/blindspot/internal/nesting"
)

// TestCorpora decodes every JSON (or JSON-looking) template and YAML file
// of the corpora beside the repository with both decoders.
func TestCorpora(t *testing.T) {
	base := filepath.Join("..", "..", "..", "shared", "corpus")
	var files, accepted, declined int
	var bytesAccepted int
	for _, corpus := range []string{"perf", "kics", "checkov", "realworld"} {
		dir := filepath.Join(base, corpus)
		if _, err := os.Stat(dir); err != nil {
			continue
		}
		err := filepath.WalkDir(dir, func(path string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() {
				return err
			}
			switch strings.ToLower(filepath.Ext(path)) {
			case ".json", ".template", ".yaml", ".yml":
			default:
				return nil
			}
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			if !IsObject(data) {
				return nil
			}
			files++
			root, ok := Parse(data)
			if !ok {
				declined++
				if _, err := nodecheck.Root(data); err == nil && nesting.YAML(data) == nil && plainJSON(data) {
					t.Logf("declined valid JSON that yaml.v3 reads: %s", path)
				}
				return nil
			}
			accepted++
			bytesAccepted += len(data)
			nodecheck.Same(t, path, data, root)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if files == 0 {
		t.Skip("no corpus under ../shared/corpus")
	}
	t.Logf("%d files start with '{': %d accepted (%d bytes), %d declined", files, accepted, bytesAccepted, declined)
}

// plainJSON reports whether data is valid JSON without \/ escapes, surrogate
// escapes or raw characters YAML reads differently (what Parse declines
// on purpose), to log only the documents it declines unexpectedly.
func plainJSON(data []byte) bool {
	s := string(data)
	if strings.Contains(s, `\/`) || strings.Contains(s, `\ud`) || strings.Contains(s, `\uD`) ||
		strings.ContainsAny(s, "\u0085\u2028\u2029\u007f") {
		return false
	}
	var v any
	return json.Unmarshal(data, &v) == nil
}

func deep(depth int) string {
	return strings.Repeat(`{"a":`, depth-1) + `[]` + strings.Repeat(`}`, depth-1)
}

// TestEdgeCases checks what Parse accepts against yaml.v3, and what it
// declines.
func TestEdgeCases(t *testing.T) {
	long := func(n int) string { return strings.Repeat("k", n) }
	for _, tc := range []struct {
		name, in string
		accept   bool
	}{
		{"empty object", `{}`, true},
		{"empty collections", `{"a":{},"b":[],"c":[{}]}`, true},
		{"numbers", `{"n":[0,-0,1,-1,1e5,1E+5,1e-5,0.5,-0.0,1.5E-3,123456789012345678,9223372036854775807,9223372036854775808,18446744073709551615,18446744073709551616,-9223372036854775808,-9223372036854775809,10000000000000000000000,1e400,-1e400,1e-400]}`, true},
		{"literals", `{"t":true,"f":false,"n":null}`, true},
		{"strings that look like YAML", `{"a":["yes","no","on","off","~","null","true","0x1F","0o17","1_000","2001-12-14","<<","*a","&a","!tag","- x","? x",": x","# x","|","> x","%x","@x","` + "`" + `x","...","---",".inf",".NaN","y","n"]}`, true},
		{"keys that look like YAML", `{"yes":1,"~":2,"<<":3,"1":4,"":5,"null":6}`, true},
		{"escapes", `{"a":"\"\\\b\f\n\r\t","b":"\u00e9\u0000\u001f\u007f\u0085\u2028\uFEFF\uffff"}`, true},
		{"non-ASCII", `{"é": {"ü": "日本語 😀 x", "z": 1}, "ok": "\u00a0x"}`, true},
		{"non-ASCII columns", "{\"ключ\": \"значение\", \"n\":\n [\"😀😀\", 1]}", true},
		{"whitespace", "  \n\n   {\n\t\"a\" :\t[ 1 ,\n\t\t2\n\t] ,\"b\"\t: {\n}\n}  \t\n \n", true},
		{"CRLF", "{\r\n  \"a\": [\r\n    1\r\n  ]\r\n}\r\n", true},
		{"BOM", "\ufeff{\"a\": 1}", true},
		{"BOM multiline", "\ufeff{\n  \"a\": {\n    \"b\": [1, 2]\n  }\n}\n", true},
		{"value on the next line", "{\"a\":\n1,\n\"b\":\n\"x\"\n}", true},
		{"comma first", "{\"a\": 1\n,\"b\": 2}", true},
		{"less indented", "    {\n\"a\": 1\n}", true},
		{"key at the 1024 limit", `{"` + long(1022) + `":1}`, true},
		{"non-ASCII key at the limit", `{"` + strings.Repeat("é", 1022) + `":1}`, true},
		{"escaped key at the limit", `{"` + strings.Repeat(`\n`, 511) + `":1}`, true},
		{"deep after a BOM", bom + deep(MaxDepth), true},
		{"duplicate keys", `{"a":1,"a":2}`, true},
		{"depth at the limit", deep(MaxDepth), true},

		{"key beyond the 1024 limit", `{"` + long(1023) + `":1}`, false},
		{"key beyond the limit by spaces", `{"` + long(1020) + `"   :1}`, false},
		{"non-ASCII key beyond the limit", `{"` + strings.Repeat("é", 1023) + `":1}`, false},
		{"escaped key beyond the limit", `{"` + strings.Repeat(`\n`, 511) + `x":1}`, false},
		{"too deep after a BOM", bom + deep(MaxDepth+1), false},
		{"colon on the next line", "{\"a\"\n: 1}", false},
		{"depth beyond the limit", deep(MaxDepth + 1), false},
		{"escaped slash", `{"a":"\/"}`, false},
		{"surrogate pair", `{"a":"\ud83d\ude00"}`, false},
		{"lone surrogate", `{"a":"\udc00"}`, false},
		{"raw DEL", "{\"a\":\"x\x7fy\"}", false},
		{"raw NEL", "{\"a\":\"x\u0085y\"}", false},
		{"raw line separator", "{\"a\":\"x\u2028y\"}", false},
		{"raw C1 control", "{\"a\":\"x\u0090y\"}", false},
		{"raw tab in string", "{\"a\":\"x\ty\"}", false},
		{"invalid UTF-8", "{\"a\":\"x\xffy\"}", false},
		{"noncharacter", "{\"a\":\"x\uffffy\"}", false},
		{"BOM in a string", "{\"a\":\"x\ufeffy\"}", false},
		{"BOM in a string at yaml.v3's buffer boundary", "{ \"" + long(499) + "\": {\"\ufeff\":[\n]}}", false},
		{"leading tab", "\t{\"a\": 1}", false},
		{"tab on a trailing line", "{\"a\": 1}\n\t\n", false},
		{"lone CR", "{\r\"a\": 1\r}", false},
		{"trailing comma", `{"a":1,}`, false},
		{"trailing comma in array", `{"a":[1,]}`, false},
		{"comment", "{\"a\":1 # x\n}", false},
		{"single quotes", `{'a':1}`, false},
		{"unquoted key", `{a:1}`, false},
		{"leading zero", `{"a":01}`, false},
		{"plus sign", `{"a":+1}`, false},
		{"bare dot", `{"a":.5}`, false},
		{"hex", `{"a":0x1F}`, false},
		{"NaN", `{"a":NaN}`, false},
		{"truncated", `{"a":[1,2`, false},
		{"unterminated string", `{"a":"x`, false},
		{"second document", "{\"a\":1}\n{\"b\":2}", false},
		{"trailing text", `{"a":1} x`, false},
		{"array at the top", `[1]`, false},
		{"not JSON", "a: 1\n", false},
		{"empty", "", false},
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

// TestDepthLimit checks that MaxDepth is the nesting pre-scan's limit.
func TestDepthLimit(t *testing.T) {
	if err := nesting.YAML([]byte(deep(MaxDepth))); err != nil {
		t.Errorf("nesting.YAML rejects %d levels: %v", MaxDepth, err)
	}
	if err := nesting.YAML([]byte(deep(MaxDepth + 1))); err == nil {
		t.Errorf("nesting.YAML accepts %d levels", MaxDepth+1)
	}
}

// TestContentAppend checks that appending to one node's content leaves
// its neighbours' alone, as with yaml.v3's separately allocated slices.
func TestContentAppend(t *testing.T) {
	root, ok := Parse([]byte(`{"a":[1,2],"b":[3,4]}`))
	if !ok {
		t.Fatal("declined")
	}
	a, b := root.Content[1], root.Content[3]
	a.Content = append(a.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: "x"})
	if b.Content[0].Value != "3" || root.Content[2].Value != "b" {
		t.Errorf("append to one sequence changed another node: %+v, %+v", root.Content[2], b.Content[0])
	}
}

// FuzzJSON checks that whatever Parse accepts, yaml.v3 decodes to the
// same tree, and the nesting pre-scan passes.
func FuzzJSON(f *testing.F) {
	for _, s := range []string{
		`{}`, `{"a":1}`, `{"a":[1,-0,1e5,1E+5,0.5,true,false,null,"x"]}`, "\ufeff{\"a\": {\"b\": []}}",
		"{\r\n\t\"a\": \"\\u00e9\\n\"\r\n}\r\n", `{"a":"\/"}`, `{"a":"\ud83d\ude00"}`, "{\"é\":\"😀\"}",
		`{"yes":"~","0x1F":"1_000"}`, `{"a":10000000000000000000000,"b":1e400}`, deep(8),
		"{\"a\"\n:1}", "{\"a\":1}\n\t", "  {\n\"a\": 1\n}", `{"a":{"b":{"c":[[["d"]]]}}}`,
	} {
		f.Add([]byte(s))
	}
	// Documents of the shapes TestGenerated makes, for the fuzzer to
	// mutate.
	g := generator{rand.New(rand.NewPCG(3, 4))}
	for range 20 {
		var b strings.Builder
		g.object(&b, 0)
		f.Add([]byte(b.String()))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		root, ok := Parse(data)
		if !ok {
			return
		}
		nodecheck.Same(t, "input", data, root)
	})
}

// BenchmarkParse decodes the JSON templates of the CloudFormation perf
// corpus with yaml.v3 and with Parse.
func BenchmarkParse(b *testing.B) {
	dir := filepath.Join("..", "..", "..", "shared", "corpus", "perf", "cloudformation")
	var docs [][]byte
	size := 0
	filepath.WalkDir(dir, func(path string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err == nil && IsObject(data) {
			docs = append(docs, data)
			size += len(data)
		}
		return nil
	})
	if len(docs) == 0 {
		b.Skip("no corpus under ../shared/corpus/perf/cloudformation")
	}
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
	b.Run("jsonnode", func(b *testing.B) {
		b.SetBytes(int64(size))
		b.ReportAllocs()
		defer benchcpu.Report(b)()
		for b.Loop() {
			for _, d := range docs {
				if _, ok := Parse(d); !ok {
					b.Fatal("declined")
				}
			}
		}
	})
}

// TestBufferBoundaries moves pieces of JSON across the boundary of
// yaml.v3's 512-byte reads, where its byte-order-mark check misread
// (see "BOM in a string"): Parse must agree with yaml.v3 at every offset.
func TestBufferBoundaries(t *testing.T) {
	for _, piece := range []string{
		"{\"é\":[\n]}", "[\"日本\"\n]", "\"😀\"\n", "[1\n,2]", "{\"a\":\n-1.5e3\n}", "\"\\u00e9\\n\"\r\n",
		"[true\r\n,false,null]", "{\"k\" :\t\"v\"\t}", "[\n\t\"x\"\n]", "\"\u00a0\"\n", "[\"a\"\n\n\n]",
	} {
		for pad := 460; pad < 540; pad++ {
			doc := []byte("{ \"" + strings.Repeat("0", pad) + "\": " + piece + "}")
			root, ok := Parse(doc)
			if !ok {
				t.Fatalf("declined %q after %d bytes", piece, pad)
			}
			nodecheck.Same(t, fmt.Sprintf("%q after %d bytes", piece, pad), doc, root)
		}
	}
}
