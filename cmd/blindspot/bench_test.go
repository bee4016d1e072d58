package main

import (
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/blindspot-iac/blindspot/internal/parsefloor"
)

// The benchmarks here measure what issue 17 asks of a scan: the whole
// command as users run it (discovery, evaluation, rules, the organisation
// pass, suppressions and the SARIF report, written to io.Discard), against
// the floor, reading and parsing the same files on as many cores and doing
// nothing else (internal/parsefloor). Their ratio is the cost of everything
// a scan adds to parsing. Both skip when ../shared/corpus/perf is absent;
// internal/tools/perfratio measures the same as process wall times.
//
//	go test ./cmd/blindspot -run '^$' -bench . -benchtime 3x -benchmem

func BenchmarkScanTerraform(b *testing.B)      { benchmarkScan(b, "terraform") }
func BenchmarkParseTerraform(b *testing.B)     { benchmarkParse(b, "terraform") }
func BenchmarkScanCloudFormation(b *testing.B) { benchmarkScan(b, "cloudformation") }
func BenchmarkParseCloudFormation(b *testing.B) {
	benchmarkParse(b, "cloudformation")
}

// perfCorpus is ../shared/corpus/perf/<format> beside the repository.
func perfCorpus(b *testing.B, format string) string {
	b.Helper()
	dir := filepath.Join("..", "..", "..", "shared", "corpus", "perf", format)
	if _, err := os.Stat(dir); err != nil {
		b.Skipf("perf corpus not available: %v", err)
	}
	return dir
}

func benchmarkScan(b *testing.B, format string) {
	dir := perfCorpus(b, format)
	b.ReportAllocs()
	for b.Loop() {
		// The corpora hold templates that do not parse, so the exit
		// status is 2; a report must still be written.
		var report countingWriter
		if code := run([]string{"scan", dir, "--format", "sarif", "--show-unknown"}, &report, io.Discard); code > exitError || report == 0 {
			b.Fatalf("exit code %d, %d bytes of SARIF", code, report)
		}
	}
}

func benchmarkParse(b *testing.B, format string) {
	dir := perfCorpus(b, format)
	b.ReportAllocs()
	for b.Loop() {
		st, err := parsefloor.Parse([]string{dir}, 0)
		if err != nil {
			b.Fatal(err)
		}
		if st.Files == 0 {
			b.Fatal("no files parsed")
		}
	}
}

// countingWriter counts the bytes written to it and keeps none.
type countingWriter int

func (c *countingWriter) Write(p []byte) (int, error) {
	*c += countingWriter(len(p))
	return len(p), nil
}
