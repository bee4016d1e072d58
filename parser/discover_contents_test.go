package parser

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/blindspot-iac/blindspot/internal/sandbox"
)

// TestDiscoveryHandsTemplatesOver: discovery keeps what it read of the
// templates it found (a large one read to its end), within the budget,
// and a loader takes each once, through a root on the same directory
// only; files that are not templates are not kept.
func TestDiscoveryHandsTemplatesOver(t *testing.T) {
	large := cfnYAML + strings.Repeat("# padding\n", headSize/10+10)
	root := tree(t, map[string]string{
		"a/small.yaml":   cfnYAML,
		"a/large.yaml":   large,
		"a/package.json": `{"name": "app"}`,
		"main.tf":        `resource "aws_s3_bucket" "b" {}`,
	})
	contents := NewContents(1 << 20)
	units, _ := Discover([]string{root}, Options{Contents: contents})
	if len(units) != 3 {
		t.Fatalf("units %v, want 2 templates and a module", units)
	}
	r, err := sandbox.Open(root)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	sub, err := sandbox.Open(filepath.Join(root, "a"))
	if err != nil {
		t.Fatal(err)
	}
	defer sub.Close()

	path := func(name string) string { return filepath.Join(root, filepath.FromSlash(name)) }
	if _, ok := contents.Take(r, path("a/package.json"), 1<<20); ok {
		t.Error("package.json, not a template, was kept")
	}
	if _, ok := contents.Take(sub, path("a/small.yaml"), 1<<20); ok {
		t.Error("small.yaml was given for a root on another directory than discovery read it through")
	}
	if _, ok := contents.Take(r, path("a/small.yaml"), 1<<20); ok {
		t.Error("small.yaml was given a second time")
	}
	if data, ok := contents.Take(r, path("a/large.yaml"), 1<<20); !ok || string(data) != large {
		t.Errorf("large.yaml: got %d bytes (%v), want its %d", len(data), ok, len(large))
	}
	// Two templates fit the budget; the third is read again.
	root2 := tree(t, map[string]string{"a.yaml": cfnYAML, "b.yaml": cfnYAML, "c.yaml": cfnYAML})
	r2, err := sandbox.Open(root2)
	if err != nil {
		t.Fatal(err)
	}
	defer r2.Close()
	contents = NewContents(int64(2 * len(cfnYAML)))
	Discover([]string{root2}, Options{Contents: contents})
	kept := 0
	for _, name := range []string{"a.yaml", "b.yaml", "c.yaml"} {
		if data, ok := contents.Take(r2, filepath.Join(root2, name), int64(len(cfnYAML))); ok {
			if string(data) != cfnYAML {
				t.Errorf("%s: got %q", name, data)
			}
			kept++
		}
	}
	if kept != 2 {
		t.Errorf("%d of three templates kept, want the two the budget has room for", kept)
	}
	contents = NewContents(1 << 20)
	contents.Put(r, path("a/small.yaml"), []byte(cfnYAML))
	contents.Clear()
	if _, ok := contents.Take(r, path("a/small.yaml"), 1<<20); ok {
		t.Error("a content was given after Clear")
	}
	contents = NewContents(1 << 20)
	contents.Put(r, path("a/small.yaml"), []byte(cfnYAML))
	if _, ok := contents.Take(r, path("a/small.yaml"), int64(len(cfnYAML)-1)); ok {
		t.Error("a content larger than the limit was given")
	}
}
