package org

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/internal/config"
	"github.com/blindspot-iac/blindspot/internal/scan"
	"github.com/blindspot-iac/blindspot/rules"
)

// TestConfiguredAccounts checks the account mapping of the configuration
// (.blindspot.yaml accounts) for a stack whose code does not say where it
// is deployed.
func TestConfiguredAccounts(t *testing.T) {
	dir := t.TempDir()
	stack := filepath.Join(dir, "app.yaml")
	template := "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  Orders:\n    Type: AWS::SQS::Queue\n"
	if err := os.WriteFile(stack, []byte(template), 0o644); err != nil {
		t.Fatal(err)
	}
	cfgFile := filepath.Join(dir, ".blindspot.yaml")
	mapping := graph.Range{File: cfgFile, Start: graph.Pos{Line: 2, Column: 5}, End: graph.Pos{Line: 2, Column: 5}}
	for _, tc := range []struct {
		name    string
		config  string
		mgmt    []string
		want    rules.Status
		message string
	}{
		{"mapped to the management account", "accounts:\n  - id: \"111111111111\"\n    role: management\n    paths: [app.yaml]\n", nil,
			rules.Failed, "the configuration maps " + stack + " to account 111111111111"},
		{"mapped to a member account", "accounts:\n  - id: \"222222222222\"\n    paths: [app.yaml]\n", []string{"111111111111"}, 0, ""},
		{"not mapped", "accounts:\n  - id: \"222222222222\"\n    paths: [other/**]\n", []string{"111111111111"}, rules.Undetermined, "is not known"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg, err := config.Parse(cfgFile, []byte(tc.config))
			if err != nil {
				t.Fatal(err)
			}
			opts := scan.Options{Paths: []string{stack}, Rules: []*rules.Rule{ManagementAccountWorkload}, ManagementAccountIDs: tc.mgmt, Config: cfg}
			res, err := scan.Run(context.Background(), opts)
			if err != nil {
				t.Fatal(err)
			}
			if tc.want == 0 {
				if len(res.Findings) != 0 {
					t.Errorf("got %d results, want none: %v", len(res.Findings), res.Findings[0].Message)
				}
				return
			}
			if len(res.Findings) != 1 {
				t.Fatalf("got %d results, want 1", len(res.Findings))
			}
			f := res.Findings[0]
			if f.Status != tc.want || !strings.Contains(f.Message, tc.message) {
				t.Errorf("got %s %q, want %s containing %q", f.Status, f.Message, tc.want, tc.message)
			}
			if tc.want == rules.Failed && (len(f.Related) != 1 || f.Related[0].Loc.Range.File != mapping.File || f.Related[0].Loc.Range.Start.Line != mapping.Start.Line) {
				t.Errorf("related locations %+v, want the mapping entry", f.Related)
			}
		})
	}
}
