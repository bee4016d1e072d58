// Package ruletest runs a rule's fixtures through the real scan pipeline
// and checks the results against markers in the fixtures, as a Go test.
//
// Fixtures live in testdata/<rule-id>/ beside the rule; internal/fixture
// documents their layout, the markers (`# want: <rule-id>`,
// `# unknown: <rule-id>`), `# args:` lines and exemptions.txt.
// `blindspot policy test` runs custom policies' fixtures the same way.
package ruletest

import (
	"path/filepath"
	"testing"

	"github.com/blindspot-iac/blindspot/internal/fixture"
	"github.com/blindspot-iac/blindspot/internal/scan"
	"github.com/blindspot-iac/blindspot/rules"
)

// Run checks every fixture of rule in testdata/<rule.ID>.
func Run(t *testing.T, rule *rules.Rule) {
	t.Helper()
	cases, problems, err := fixture.Cases(filepath.Join("testdata", rule.ID), rule.ID)
	if err != nil {
		t.Fatalf("rule %v", err)
	}
	for _, p := range problems {
		t.Error(p)
	}
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			problems, log, err := c.Check(rule.ID, scan.Options{Rules: []*rules.Rule{rule}}, t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			for _, l := range log {
				t.Log(l)
			}
			for _, p := range problems {
				t.Error(p)
			}
		})
	}
}
