package scan

import (
	"context"
	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/parser"
	"github.com/blindspot-iac/blindspot/rules"
	"testing"

	"github.com/blindspot-iac/blindspot/rules/builtin"
	"github.com/blindspot-iac/blindspot/rules/policy"
)

// benchPolicies holds 50 custom policies of every kind: tags and
// attributes of common types in both formats, typed collections, wildcards
// over every resource, and the helpers (IAM documents, CIDRs, ports).
const benchPolicies = "testdata/bench-policies"

// TestBenchPoliciesLoad keeps the benchmark's policies loadable.
func TestBenchPoliciesLoad(t *testing.T) {
	files, err := PolicyFiles([]string{benchPolicies}, nil)
	if err != nil {
		t.Fatal(err)
	}
	set, err := LoadPolicies(files, builtin.Rules(), policy.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(set.Policies()); n != 50 {
		t.Errorf("%d policies, want 50", n)
	}
}

// BenchmarkScanCorpus is the full pipeline over the whole perf corpus;
// BenchmarkScanCorpusPolicies adds the 50 policies of testdata/bench-policies
// (loaded and compiled in each iteration, as a scan does).
func BenchmarkScanCorpus(b *testing.B)         { benchmarkCorpus(b, nil) }
func BenchmarkScanCorpusPolicies(b *testing.B) { benchmarkCorpus(b, []string{benchPolicies}) }

func benchmarkCorpus(b *testing.B, policies []string) {
	dirs := []string{perfCorpus(b, "terraform"), perfCorpus(b, "cloudformation")}
	rs := builtin.Rules()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Run(context.Background(), Options{Paths: dirs, Rules: rs, PolicyPaths: policies}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPolicyEvaluation is the policies' share of a scan alone: the
// 50 policies of testdata/bench-policies evaluated on the models of every
// unit of the perf corpus, built once before timing. It measures what
// the policies cost a scan without the noise of parsing.
func BenchmarkPolicyEvaluation(b *testing.B) {
	dirs := []string{perfCorpus(b, "terraform"), perfCorpus(b, "cloudformation")}
	files, err := PolicyFiles([]string{benchPolicies}, nil)
	if err != nil {
		b.Fatal(err)
	}
	set, err := LoadPolicies(files, builtin.Rules(), policy.Options{})
	if err != nil {
		b.Fatal(err)
	}
	s, err := settle(Options{Paths: dirs, Policies: set})
	if err != nil {
		b.Fatal(err)
	}
	s.sources = newSources(s.roots)
	defer s.sources.close()
	units, _ := parser.Discover(s.paths, parser.Options{})
	c := newChecker(context.Background(), units, s)
	defer c.close()
	type built struct {
		g *graph.Graph
		m *aws.Model
	}
	var models []built
	for i := range units {
		g := c.loadUnit(i)
		g.Sort()
		models = append(models, built{g, aws.Build(g, c.modelOpts)})
	}
	b.ReportAllocs()
	for b.Loop() {
		policies := set.NewRun(policy.RunOptions{}).Rules()
		for _, u := range models {
			rules.RunCounting(policies, u.g, u.m)
		}
	}
}
