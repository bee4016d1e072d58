package policy

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// runPolicy compiles one policy matching aws_s3_bucket, runs it over
// buckets as a scan would (one pass per bucket, as units), and returns
// what the scan keeps.
func runPolicy(t *testing.T, opts Options, cond string, buckets int) ([]rules.Finding, []graph.Diagnostic) {
	t.Helper()
	env, err := NewEnv(opts)
	if err != nil {
		t.Fatal(err)
	}
	p := &Policy{ID: "acme-test", Title: "t", Severity: rules.Low, Description: "d", Match: []string{"aws_s3_bucket"},
		Condition: cond, File: "p.yaml", matchAt: []graph.Range{{}}}
	set, err := Compile(env, []*Policy{p}, nil)
	if err != nil {
		t.Fatal(err)
	}
	run := set.NewRun(RunOptions{})
	rule := run.Rules()[0]
	var all []rules.Finding
	for i := range buckets {
		r := tfResource("aws_s3_bucket", obj("bucket", fmt.Sprintf("b%d", i), "grants", []any{"a", "b", "c", "d", "e", "f", "g", "h"}))
		r.Range.Start.Line, r.NameRange.Start.Line = i+1, i+1
		g := &graph.Graph{Resources: []*graph.Resource{r}}
		fs, _, diags := rules.RunCounting([]*rules.Rule{rule}, g, aws.Build(g, aws.Options{}))
		if len(diags) > 0 {
			t.Fatalf("rule diagnostics: %v", diags)
		}
		all = append(all, fs...)
	}
	return run.Finish(all)
}

func TestCostLimits(t *testing.T) {
	// Within the limits every bucket is a finding.
	fs, diags := runPolicy(t, Options{}, `resource.attributes.grants.exists(g, g == "h")`, 20)
	if len(fs) != 20 || len(diags) != 0 {
		t.Fatalf("got %d findings, %v", len(fs), diags)
	}

	// One evaluation over the limit stops the policy: none of its
	// results are kept, and an error says why.
	fs, diags = runPolicy(t, Options{CostLimit: 20}, `resource.attributes.grants.exists(g, g == "h")`, 20)
	if len(fs) != 0 || len(diags) != 1 || diags[0].Severity != graph.Error || !strings.Contains(diags[0].Message, "cost more than the limit of 20") {
		t.Fatalf("per evaluation: %d findings, %v", len(fs), diags)
	}

	// The scan's budget is spent by every evaluation together.
	fs, diags = runPolicy(t, Options{ScanCostLimit: 200}, `resource.attributes.grants.exists(g, g == "h")`, 20)
	if len(fs) != 0 || len(diags) != 1 || !strings.Contains(diags[0].Message, "limit of 200 for one scan") {
		t.Fatalf("per scan: %d findings, %v", len(fs), diags)
	}

	// A hostile condition (a comprehension nested to billions of steps)
	// is stopped at once.
	start := time.Now()
	hostile := `[1,2,3,4,5,6,7,8,9,10].all(a, [1,2,3,4,5,6,7,8,9,10].all(b, [1,2,3,4,5,6,7,8,9,10].all(c,
		[1,2,3,4,5,6,7,8,9,10].all(d, [1,2,3,4,5,6,7,8,9,10].all(e, [1,2,3,4,5,6,7,8,9,10].all(f,
		[1,2,3,4,5,6,7,8,9,10].all(g, [1,2,3,4,5,6,7,8,9,10].all(h, a+b+c+d+e+f+g+h > 0))))))))`
	fs, diags = runPolicy(t, Options{}, hostile, 3)
	if len(fs) != 0 || len(diags) != 1 || diags[0].Code != "policy-stopped" {
		t.Fatalf("hostile: %d findings, %v", len(fs), diags)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("the hostile policy ran for %v", d)
	}

	// So are loops without a condition to stop them (map, filter), over
	// a resource's values or over lists a condition builds.
	for _, hostile := range []string{
		`resource.attributes.grants.map(a, resource.attributes.grants.map(b, resource.attributes.grants.map(c,
			resource.attributes.grants.map(d, resource.attributes.grants.map(e, resource.attributes.grants.map(f,
			resource.attributes.grants.map(g, resource.attributes.grants.filter(h, h == a)))))))).size() == 0`,
		`[1,2,3,4,5,6,7,8,9,10].map(a, [1,2,3,4,5,6,7,8,9,10].map(b, [1,2,3,4,5,6,7,8,9,10].map(c,
			[1,2,3,4,5,6,7,8,9,10].map(d, [1,2,3,4,5,6,7,8,9,10].map(e, [1,2,3,4,5,6,7,8,9,10].map(f,
			[1,2,3,4,5,6,7,8,9,10].map(g, a+b+c+d+e+f+g)))))))[0][0][0][0][0][0][0] > 0`,
	} {
		start := time.Now()
		fs, diags = runPolicy(t, Options{}, hostile, 3)
		if len(fs) != 0 || len(diags) != 1 || diags[0].Code != "policy-stopped" || !strings.Contains(diags[0].Message, "cost more than the limit of 100000") {
			t.Fatalf("hostile: %d findings, %v", len(fs), diags)
		}
		if d := time.Since(start); d > 10*time.Second {
			t.Errorf("the hostile policy ran for %v", d)
		}
	}
}

// An evaluation error is an undetermined result and one warning for the
// policy, naming the first resource in source order.
func TestEvaluationErrors(t *testing.T) {
	fs, diags := runPolicy(t, Options{}, `resource.attributes.versioning.enabled`, 3)
	if len(fs) != 3 || fs[0].Status != rules.Undetermined || !strings.Contains(fs[0].Message, "no such key: versioning") {
		t.Fatalf("findings: %+v", fs)
	}
	if len(diags) != 1 || diags[0].Severity != graph.Warning || !strings.Contains(diags[0].Message, "could not be evaluated on 3 resource(s), first on main.tf:1:1") {
		t.Fatalf("diagnostics: %v", diags)
	}
}
