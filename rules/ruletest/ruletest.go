// Package ruletest runs a rule package's fixtures as a Go test, as
// golang.org/x/tools/go/analysis/analysistest does for analyzers:
//
//	func TestRules(t *testing.T) { ruletest.RunAll(t, Rules()) }
//
// internal/fixture documents the fixtures: testdata/<rule-id>/ and
// testdata/shared/, markers with message patterns (`# want: <rule-id>
// "regexp"`), JSON expectations in Metadata.ruletest, golden files of
// fixes, and remediation snippets. go test -update writes the golden files.
package ruletest

import (
	"context"
	"flag"
	"testing"

	"github.com/blindspot-iac/blindspot/internal/fixture"
	"github.com/blindspot-iac/blindspot/rules"
)

var update = flag.Bool("update", false, "write the golden files of the fixtures' fixes")

// RunAll checks the fixtures of rs in testdata: each rule's own, the
// shared ones, and the rules' remediation snippets, one subtest each.
func RunAll(t *testing.T, rs []*rules.Rule) {
	t.Helper()
	s := &fixture.Suite{Root: "testdata", Rules: rs, Update: *update}
	fixtures, problems := s.Plan()
	for _, p := range problems {
		t.Error(p)
	}
	for _, f := range fixtures {
		t.Run(f.Name, func(t *testing.T) {
			out := s.Check(context.Background(), f)
			for _, l := range out.Logs {
				t.Log(l)
			}
			for _, p := range out.Problems {
				t.Error(p)
			}
		})
	}
}
