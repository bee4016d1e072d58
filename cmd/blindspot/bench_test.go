package main

import (
	"github.com/blindspot-iac/blindspot/internal/benchcpu"

	"context"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/blindspot-iac/blindspot/internal/parsefloor"
	"github.com/blindspot-iac/blindspot/internal/scan"
	"github.com/blindspot-iac/blindspot/rules/builtin"
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

// benchPolicies are the 50 custom policies of issue 19's benchmark.
const benchPolicies = "../../internal/scan/testdata/bench-policies"

// The command over the whole perf corpus as issue 19 measures it, with and
// without the 50 policies, writing SARIF or JSON (to io.Discard); their
// difference is what the policies add.
//
//	go test ./cmd/blindspot -run '^$' -bench 'Command' -benchtime 3x -benchmem
func BenchmarkCommandSARIF(b *testing.B)         { benchmarkCommand(b, "sarif", false) }
func BenchmarkCommandSARIFPolicies(b *testing.B) { benchmarkCommand(b, "sarif", true) }
func BenchmarkCommandJSON(b *testing.B)          { benchmarkCommand(b, "json", false) }
func BenchmarkCommandJSONPolicies(b *testing.B)  { benchmarkCommand(b, "json", true) }

func benchmarkCommand(b *testing.B, format string, policies bool) {
	args := []string{"scan", perfCorpus(b, "terraform"), perfCorpus(b, "cloudformation"), "--format", format}
	if policies {
		args = append(args, "--policy-dir", benchPolicies)
	}
	b.ReportAllocs()
	defer benchcpu.Report(b)()
	for b.Loop() {
		var report countingWriter
		if code := run(args, &report, io.Discard); code > exitError || report == 0 {
			b.Fatalf("exit code %d, %d bytes of %s", code, report, format)
		}
	}
}

// The reports alone: the scan runs once, then each iteration writes the
// report of its result, the part of the command that grows with the
// number of findings.
//
//	go test ./cmd/blindspot -run '^$' -bench 'Report' -benchtime 5x -benchmem
func BenchmarkReportSARIF(b *testing.B)         { benchmarkReport(b, "sarif", false) }
func BenchmarkReportSARIFPolicies(b *testing.B) { benchmarkReport(b, "sarif", true) }
func BenchmarkReportJSON(b *testing.B)          { benchmarkReport(b, "json", false) }
func BenchmarkReportJSONPolicies(b *testing.B)  { benchmarkReport(b, "json", true) }

func benchmarkReport(b *testing.B, format string, policies bool) {
	opts := scan.Options{Paths: []string{perfCorpus(b, "terraform"), perfCorpus(b, "cloudformation")}, Rules: builtin.Rules()}
	if policies {
		opts.PolicyPaths = []string{benchPolicies}
	}
	res, err := scan.Run(context.Background(), opts)
	if err != nil {
		b.Fatal(err)
	}
	outs, err := parseOutputs([]string{format}, "")
	if err != nil {
		b.Fatal(err)
	}
	in := reportInput{result: res, base: res.Base, stats: scanStats(res)}
	b.ReportAllocs()
	defer benchcpu.Report(b)()
	for b.Loop() {
		var report countingWriter
		if err := writeOutputs(outs, in, true, &report); err != nil || report == 0 {
			b.Fatalf("%v, %d bytes of %s", err, report, format)
		}
	}
}
