package scan

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2/hclparse"
	"go.yaml.in/yaml/v3"

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

// BenchmarkScanTerraform is the full pipeline (discovery, evaluation, model,
// every rule) over the Terraform perf corpus; compare with
// BenchmarkParseTerraform, which only parses the same files with hclparse.
func BenchmarkScanTerraform(b *testing.B) { benchmarkScan(b, "terraform") }

// BenchmarkScanCloudFormation is the full pipeline over the CloudFormation
// perf corpus; compare with BenchmarkParseCloudFormation.
func BenchmarkScanCloudFormation(b *testing.B) { benchmarkScan(b, "cloudformation") }

func benchmarkScan(b *testing.B, format string) {
	dir := perfCorpus(b, format)
	rs := builtin.Rules()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Run(context.Background(), Options{Paths: []string{dir}, Rules: rs}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseTerraform parses every .tf file of the corpus with hclparse
// and nothing else: the floor a scan is measured against.
func BenchmarkParseTerraform(b *testing.B) {
	files := corpusFiles(b, "terraform", func(p string) bool { return strings.HasSuffix(p, ".tf") })
	b.ReportAllocs()
	for b.Loop() {
		p := hclparse.NewParser()
		for _, f := range files {
			p.ParseHCLFile(f)
		}
	}
}

// BenchmarkParseCloudFormation decodes every template of the corpus into
// yaml.v3 nodes and nothing else.
func BenchmarkParseCloudFormation(b *testing.B) {
	files := corpusFiles(b, "cloudformation", func(p string) bool {
		base := filepath.Base(p)
		return !strings.HasPrefix(base, "LICENSE") && !strings.HasPrefix(base, "NOTICE")
	})
	b.ReportAllocs()
	for b.Loop() {
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				b.Fatal(err)
			}
			var n yaml.Node
			_ = yaml.NewDecoder(bytes.NewReader(data)).Decode(&n)
		}
	}
}

func corpusFiles(b *testing.B, format string, keep func(string) bool) []string {
	dir := perfCorpus(b, format)
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && keep(p) {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return files
}
