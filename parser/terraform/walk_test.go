package terraform

import (
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// TestEachNodeVisitsAsVisitAll walks every Terraform file of the
// repository's test data with eachNode and with hclsyntax.VisitAll: the
// same syntax nodes, in the same order, but for the for expressions'
// scopes (not visited by eachNode); and variables finds what Variables()
// does.
func TestEachNodeVisitsAsVisitAll(t *testing.T) {
	var files []string
	for _, dir := range []string{"testdata", filepath.Join("..", "..", "rules"), filepath.Join("..", "..", "examples")} {
		_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(p, ".tf") {
				files = append(files, p)
			}
			return nil
		})
	}
	if len(files) < 100 {
		t.Fatalf("only %d files found", len(files))
	}
	for _, p := range files {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		f, _ := hclsyntax.ParseConfig(src, p, hcl.InitialPos)
		if f == nil {
			continue
		}
		body := f.Body.(*hclsyntax.Body)
		// Bodies hold attributes in a map, which both walk in its own
		// order: the whole walks are compared by count, each attribute's
		// walk node by node.
		var attrs []*hclsyntax.Attribute
		want := 0
		_ = hclsyntax.VisitAll(body, func(n hclsyntax.Node) hcl.Diagnostics {
			if a, ok := n.(*hclsyntax.Attribute); ok {
				attrs = append(attrs, a)
			}
			if _, ok := n.(hclsyntax.ChildScope); !ok {
				want++
			}
			return nil
		})
		walk := func(node hclsyntax.Node) []hclsyntax.Node {
			var out []hclsyntax.Node
			eachNode(node, func(n hclsyntax.Node) { out = append(out, n) })
			return out
		}
		if got := len(walk(body)); got != want {
			t.Errorf("%s: eachNode visits %d nodes, VisitAll %d", p, got, want)
		}
		for _, a := range attrs {
			var want []hclsyntax.Node
			_ = hclsyntax.VisitAll(a, func(n hclsyntax.Node) hcl.Diagnostics {
				if _, ok := n.(hclsyntax.ChildScope); !ok {
					want = append(want, n)
				}
				return nil
			})
			if got := walk(a); !reflect.DeepEqual(got, want) {
				t.Errorf("%s:%d: eachNode visits %d nodes of attribute %s, VisitAll %d (or in another order)", p, a.SrcRange.Start.Line, len(got), a.Name, len(want))
			}
			if got, want := variables(a.Expr), a.Expr.Variables(); !reflect.DeepEqual(got, want) {
				t.Errorf("%s:%d: variables of %s = %d traversals, Variables() %d (or others)", p, a.SrcRange.Start.Line, a.Name, len(got), len(want))
			}
		}
	}
}
