package scan

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/blindspot-iac/blindspot/rules/builtin"
)

// perfCorpus is ../shared/corpus/perf/<format> beside the repository.
func perfCorpus(tb testing.TB, format string) string {
	tb.Helper()
	dir := filepath.Join("..", "..", "..", "shared", "corpus", "perf", format)
	if _, err := os.Stat(dir); err != nil {
		tb.Skipf("perf corpus not available: %v", err)
	}
	return dir
}

// TestCorpusHasNoInternalErrors scans every real-world repository of the
// perf corpus and requires that nothing panics and no diagnostic is an
// internal error (issues 6 and 7). Run with -v to see diagnostics by code.
func TestCorpusHasNoInternalErrors(t *testing.T) {
	if testing.Short() {
		t.Skip("scans the whole perf corpus; skipped with -short")
	}
	for _, format := range []string{"terraform", "cloudformation"} {
		t.Run(format, func(t *testing.T) {
			dir := perfCorpus(t, format)
			res, err := Run(context.Background(), Options{Paths: []string{dir}, Rules: builtin.Rules(), KeepResources: true})
			if err != nil {
				t.Fatal(err)
			}
			byCode := map[string]int{}
			for _, d := range res.Diagnostics {
				byCode[d.Severity.String()+" "+d.Code]++
				if d.Code == "internal-error" {
					t.Errorf("%s", d)
				}
			}
			t.Logf("%d units, %d resources, %d findings; diagnostics by kind: %v", len(res.Units), len(res.Graph.Resources), len(res.Findings), byCode)
		})
	}
}
