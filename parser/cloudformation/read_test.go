package cloudformation

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/internal/sandbox"
	"github.com/blindspot-iac/blindspot/parser"
)

// TestTemplatesTakenAndHandedOn: a template whose content the scan has
// already (Options.Take) is not read again, and every template read,
// nested ones too, is handed to Options.Read with the root read through.
func TestTemplatesTakenAndHandedOn(t *testing.T) {
	dir := t.TempDir()
	parent := filepath.Join(dir, "parent.yaml")
	child := filepath.Join(dir, "child.yaml")
	for name, text := range map[string]string{
		parent: "Resources:\n  OnDisk:\n    Type: AWS::S3::Bucket\n",
		child:  "Resources:\n  Inner:\n    Type: AWS::SQS::Queue\n",
	} {
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	root, err := sandbox.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	taken := "Resources:\n  Taken:\n    Type: AWS::S3::Bucket\n  Nested:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: ./child.yaml\n"
	read := map[string]string{}
	g := LoadTemplate(parent, Options{
		Root: root,
		Take: func(r *sandbox.Root, path string, limit int64) ([]byte, bool) {
			if r != root || limit < int64(len(taken)) {
				t.Errorf("Take(%s, %s, %d)", r.Dir(), path, limit)
			}
			return []byte(taken), path == parent
		},
		Read: func(r *sandbox.Root, path string, data []byte) {
			if r != root {
				t.Errorf("%s read through %s", path, r.Dir())
			}
			read[path] = string(data)
		},
	})
	var addrs []string
	for _, r := range g.Resources {
		addrs = append(addrs, r.Address)
	}
	if len(addrs) != 3 || addrs[0] != "Taken" || addrs[2] != "Nested.Inner" {
		t.Errorf("resources %v, want Taken, Nested and Nested.Inner: the parent as taken, the child read", addrs)
	}
	if len(read) != 2 || read[parent] != taken || read[child] == "" {
		t.Errorf("handed on %v, want the parent as taken and the child as read", read)
	}
}

// TestRangeEnding: the range of every node of the perf corpus's
// templates, each handed the end of its last element by its parent as
// evaluation hands it, is the range nodeRange finds.
func TestRangeEnding(t *testing.T) {
	dir := "../../../shared/corpus/perf/cloudformation"
	contents := parser.NewContents(1 << 40)
	units, _ := parser.Discover([]string{dir}, parser.Options{Contents: contents})
	r, err := sandbox.Open(dir)
	if err != nil {
		t.Skip("no corpus under ../shared/corpus/perf/cloudformation")
	}
	defer r.Close()
	nodes := 0
	var walk func(file string, n *yaml.Node, end graph.Pos)
	walk = func(file string, n *yaml.Node, end graph.Pos) {
		nodes++
		got, lastEnd := rangeEnding(file, n, end)
		if want := nodeRange(file, n); got != want {
			t.Fatalf("%s:%d:%d: range %v, want %v", file, n.Line, n.Column, got, want)
		}
		for i, c := range n.Content {
			var end graph.Pos
			if i == len(n.Content)-1 {
				end = lastEnd
			}
			walk(file, c, end)
		}
	}
	for _, u := range units {
		data, ok := contents.Take(r, u.Path, maxFileSize)
		if !ok {
			continue
		}
		if root, _ := parseDocument(u.Path, data); root != nil {
			walk(u.Path, root, graph.Pos{})
		}
	}
	t.Logf("%d nodes", nodes)
}

// TestDeeperThan: the node reported too deep is the one a walk with a
// stack (each node before its elements, the last element first) meets
// first, on random trees.
func TestDeeperThan(t *testing.T) {
	stackWalk := func(root *yaml.Node, max int) (*yaml.Node, bool) {
		type item struct {
			n     *yaml.Node
			depth int
		}
		stack := []item{{root, 0}}
		for len(stack) > 0 {
			it := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if it.depth > max {
				return it.n, true
			}
			for _, c := range it.n.Content {
				stack = append(stack, item{c, it.depth + 1})
			}
		}
		return nil, false
	}
	rnd := rand.New(rand.NewPCG(3, 4))
	var grow func(depth int) *yaml.Node
	grow = func(depth int) *yaml.Node {
		n := &yaml.Node{Kind: yaml.SequenceNode, Line: rnd.IntN(1000)}
		if depth < 8 {
			for range rnd.IntN(4) {
				n.Content = append(n.Content, grow(depth+1))
			}
		}
		return n
	}
	for range 500 {
		root := grow(0)
		for max := range 9 {
			want, wantOK := stackWalk(root, max)
			if got, ok := deeperThan(root, max); got != want || ok != wantOK {
				t.Fatalf("depth %d: got %p %v, want %p %v", max, got, ok, want, wantOK)
			}
		}
	}
}

// TestDuplicateKeys: in small and large mappings, every repeated key is
// reported with the line of its first occurrence.
func TestDuplicateKeysSmallAndLarge(t *testing.T) {
	for _, n := range []int{3, smallMapping, smallMapping + 1, 40} {
		var b strings.Builder
		b.WriteString("Resources:\n")
		for i := range n {
			fmt.Fprintf(&b, "  K%d: 1\n", i%(n-1)) // the last key repeats the first
		}
		fmt.Fprintf(&b, "  K1: 2\n")
		var doc yaml.Node
		if err := yaml.Unmarshal([]byte(b.String()), &doc); err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, d := range duplicateKeys("t.yaml", doc.Content[0]) {
			got = append(got, fmt.Sprintf("%d:%s", d.Range.Start.Line, d.Message))
		}
		want := []string{
			fmt.Sprintf("%d:duplicate key \"K0\" (first at line 2); CloudFormation rejects the template", n+1),
			fmt.Sprintf("%d:duplicate key \"K1\" (first at line 3); CloudFormation rejects the template", n+2),
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%d keys: got %q, want %q", n, got, want)
		}
	}
}
