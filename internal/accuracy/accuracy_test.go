package accuracy

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/blindspot-iac/blindspot/rules/builtin"
)

// corpusDir is ../shared/corpus beside the repository.
func corpusDir(t *testing.T) string {
	t.Helper()
	dir := filepath.Join("..", "..", "..", "shared", "corpus")
	for _, sub := range []string{"kics", "checkov"} {
		if _, err := os.Stat(filepath.Join(dir, sub, "MANIFEST.json")); err != nil {
			t.Skipf("accuracy corpus not available: %v", err)
		}
	}
	return dir
}

// TestMappingCoversCorpus keeps the mapping complete and current: every
// corpus entry is either mapped to rules that exist or explained.
func TestMappingCoversCorpus(t *testing.T) {
	dir := corpusDir(t)
	m, err := ReadMapping("mapping.yaml")
	if err != nil {
		t.Fatal(err)
	}
	reg := builtin.Registry()
	check := func(corpus string, entries map[string]Entry, pattern string) {
		dirs, err := filepath.Glob(filepath.Join(dir, corpus, pattern))
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for _, d := range dirs {
			rel, _ := filepath.Rel(filepath.Join(dir, corpus), d)
			key := filepath.ToSlash(rel)
			seen[key] = true
			e, ok := entries[key]
			if !ok {
				t.Errorf("%s entry %s is not in mapping.yaml", corpus, key)
				continue
			}
			if len(e.Rules) == 0 && e.Note == "" {
				t.Errorf("%s entry %s maps to no rule and has no note saying why", corpus, key)
			}
			for _, id := range e.Rules {
				if _, ok := reg.Lookup(id); !ok && !slices.Contains(m.Pending, id) {
					t.Errorf("%s entry %s maps to unknown rule %s", corpus, key, id)
				}
			}
		}
		for key := range entries {
			if !seen[key] {
				t.Errorf("mapping.yaml names %s entry %s, which the corpus does not have", corpus, key)
			}
		}
	}
	for _, id := range m.Pending {
		if _, ok := reg.Lookup(id); ok {
			t.Errorf("rule %s exists: remove it from pending in mapping.yaml", id)
		}
	}
	check("kics", m.KICS, "*/*")
	check("checkov", m.Checkov, "*/*")
}

// TestAccuracy scans both corpora and prints the table (go test -v -run
// TestAccuracy ./internal/accuracy). Every false negative and false
// positive must be explained in mapping.yaml: a rule that misses what an
// independent tool finds, or fires where it expects nothing, is either
// fixed or argued for with AWS's documented behaviour.
func TestAccuracy(t *testing.T) {
	dir := corpusDir(t)
	m, err := ReadMapping("mapping.yaml")
	if err != nil {
		t.Fatal(err)
	}
	h := &Harness{CorpusDir: dir, Mapping: m, Rules: builtin.Rules()}
	scores, err := h.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var table bytes.Buffer
	if err := WriteTable(&table, scores); err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + table.String())
	for _, s := range scores {
		for _, miss := range s.Misses {
			t.Errorf("%s %s: %s is not explained in mapping.yaml", s.Corpus, s.Entry, miss)
		}
		if len(s.Missing) > 0 {
			t.Errorf("%s %s: rules not built: %v", s.Corpus, s.Entry, s.Missing)
		}
	}
}
