package sarif_test

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/internal/findingtest"
	"github.com/blindspot-iac/blindspot/internal/scan"
	"github.com/blindspot-iac/blindspot/rules"
	"github.com/blindspot-iac/blindspot/rules/builtin"
	"github.com/blindspot-iac/blindspot/sarif"
)

// BenchmarkWrite writes a log at GitHub's limit of 25,000 results.
func BenchmarkWrite(b *testing.B) {
	dir := "/repo"
	var fs []rules.Finding
	for i := 0; i < sarif.GitHubMaxResults; i++ {
		res := &graph.Resource{Unit: dir, Type: "aws_s3_bucket", Address: fmt.Sprintf("aws_s3_bucket.b%d", i)}
		fs = append(fs, rules.Finding{
			RuleID: "aws-s3-versioning-disabled", Severity: rules.Medium, Status: rules.Failed,
			Message: fmt.Sprintf("versioning of %s is not enabled", res.Address),
			Loc:     graph.Loc{Resource: res, Path: "versioning", Range: findingtest.Range(fmt.Sprintf("%s/m%d/main.tf", dir, i%100), i%500+1, 3, i%500+1, 20)},
			Related: []rules.Related{{Loc: graph.Loc{Range: findingtest.Range(dir+"/main.tf", 1, 1, 1, 10)}, Message: "via module.m"}},
		})
	}
	opts := sarif.Options{ToolVersion: "1.0.0", BaseDir: dir}
	b.ReportAllocs()
	for b.Loop() {
		if err := sarif.Write(io.Discard, findingtest.Rules(), fs, nil, opts); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWriteCorpus writes the log of a scan of the perf corpus
// (../shared/corpus/perf), as the command does; it skips without it.
func BenchmarkWriteCorpus(b *testing.B) {
	dir := filepath.Join("..", "..", "shared", "corpus", "perf")
	if _, err := os.Stat(dir); err != nil {
		b.Skipf("perf corpus not available: %v", err)
	}
	res, err := scan.Run(context.Background(), scan.Options{Paths: []string{dir}, Rules: builtin.Rules()})
	if err != nil {
		b.Fatal(err)
	}
	opts := sarif.Options{ToolVersion: "1.0.0", BaseDir: dir, ShowUnknown: true}
	b.ReportAllocs()
	for b.Loop() {
		if err := sarif.Write(io.Discard, res.Rules, res.Findings, res.Diagnostics, opts); err != nil {
			b.Fatal(err)
		}
	}
}
