package org

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/blindspot-iac/blindspot/internal/scan"
	"github.com/blindspot-iac/blindspot/rules"
)

// TestOrganizationExamples checks examples/organization: every
// organisation rule fires on the landing zone without guardrails and none
// on the one with them, in Terraform and in CloudFormation.
func TestOrganizationExamples(t *testing.T) {
	root := filepath.Join("..", "..", "..", "examples", "organization")
	for _, format := range []string{"terraform", "cloudformation"} {
		for _, variant := range []string{"without-guardrails", "with-guardrails"} {
			t.Run(format+"/"+variant, func(t *testing.T) {
				dir := filepath.Join(root, format, variant)
				if format == "cloudformation" {
					dir += ".yaml"
				}
				if _, err := os.Stat(dir); err != nil {
					// The examples are part of the repository.
					t.Fatal(err)
				}
				res, err := scan.Run(context.Background(), scan.Options{Paths: []string{dir}, Rules: Rules()})
				if err != nil {
					t.Fatal(err)
				}
				for _, d := range res.Diagnostics {
					t.Errorf("diagnostic: %v", d)
				}
				fired := map[string]bool{}
				for _, f := range res.Findings {
					t.Logf("%s:%d: %s %s: %s", f.Loc.Range.File, f.Loc.Range.Start.Line, f.Status, f.RuleID, f.Message)
					if f.Status == rules.Failed {
						fired[f.RuleID] = true
					} else {
						t.Errorf("undetermined result in the %s example: %s", variant, f.Message)
					}
				}
				var missing, unexpected []string
				for _, r := range Rules() {
					switch {
					case variant == "without-guardrails" && !fired[r.ID]:
						missing = append(missing, r.ID)
					case variant == "with-guardrails" && fired[r.ID]:
						unexpected = append(unexpected, r.ID)
					}
				}
				sort.Strings(missing)
				if len(missing) > 0 {
					t.Errorf("rules silent on the bad example: %s", strings.Join(missing, ", "))
				}
				if len(unexpected) > 0 {
					t.Errorf("rules firing on the good example: %s", strings.Join(unexpected, ", "))
				}
			})
		}
	}
}
