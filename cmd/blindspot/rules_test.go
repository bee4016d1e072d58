package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	rulesref "github.com/blindspot-iac/blindspot/docs/rules"
	"github.com/blindspot-iac/blindspot/internal/ruledocs"
	"github.com/blindspot-iac/blindspot/rules/builtin"
)

// TestRuleDocsInSync regenerates the rule reference and compares it with
// the committed docs/rules, so rule metadata and documentation never
// disagree.
func TestRuleDocsInSync(t *testing.T) {
	tmp := t.TempDir()
	var stdout, stderr bytes.Buffer
	if code := run([]string{"rules", "--format", "markdown", "--output", tmp}, &stdout, &stderr); code != exitClean {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	committed := filepath.Join("..", "..", "docs", "rules")
	generated, err := os.ReadDir(tmp)
	if err != nil {
		t.Fatal(err)
	}
	stale := false
	for _, e := range generated {
		want, _ := os.ReadFile(filepath.Join(tmp, e.Name()))
		got, err := os.ReadFile(filepath.Join(committed, e.Name()))
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("docs/rules/%s is missing or out of date", e.Name())
			stale = true
		}
	}
	existing, _ := filepath.Glob(filepath.Join(committed, "aws-*.md"))
	for _, path := range existing {
		if _, err := os.Stat(filepath.Join(tmp, filepath.Base(path))); err != nil {
			t.Errorf("docs/rules/%s documents a rule that does not exist", filepath.Base(path))
			stale = true
		}
	}
	if stale {
		t.Errorf("regenerate the rule reference with `%s` and commit docs/rules", ruledocs.Command)
	}
	if !strings.Contains(stdout.String(), tmp) {
		t.Errorf("stdout = %q", stdout.String())
	}
}

// TestRulesCommand checks that a rule explains itself from the command line
// and that the JSON list carries its remediation.
func TestRulesCommand(t *testing.T) {
	t.Run("explain", func(t *testing.T) {
		for _, args := range [][]string{{"rules", "aws-kms-rotation-disabled"}, {"rules", "--explain", "aws-kms-rotation-disabled"}} {
			code, out, stderr := runCLI(t, args...)
			if code != exitClean {
				t.Fatalf("%v: exit %d: %s", args, code, stderr)
			}
			for _, want := range []string{
				"aws-kms-rotation-disabled: KMS key rotation is not enabled\n",
				"severity medium, precision ",
				"\nHow to fix\n  Enable automatic key rotation.",
				"\n  Terraform:\n    resource \"aws_kms_key\"",
				"\n  CloudFormation:\n    ",
				"EnableKeyRotation: true",
				"\nCompliance\n  CIS AWS Foundations Benchmark v3.0.0 (cis-aws)",
				"\nReferences\n  https://docs.aws.amazon.com/",
				"Documentation: https://github.com/blindspot-iac/blindspot/blob/main/docs/rules/aws-kms-rotation-disabled.md",
			} {
				if !strings.Contains(out, want) {
					t.Errorf("%v lacks %q:\n%s", args, want, out)
				}
			}
		}
	})
	t.Run("list by pattern", func(t *testing.T) {
		_, out, _ := runCLI(t, "rules", "tag:encryption", "--compliance", "CIS-AWS")
		if !strings.HasPrefix(out, "ID ") || !strings.Contains(out, "aws-kms-rotation-disabled") || strings.Contains(out, "aws-s3-versioning-disabled") {
			t.Errorf("list:\n%s", out)
		}
	})
	t.Run("json", func(t *testing.T) {
		code, out, _ := runCLI(t, "rules", "--format", "JSON", "aws-kms-rotation-disabled")
		var rs []struct {
			ID          string
			Remediation struct{ Text, Terraform, CloudFormation string }
			Compliance  []struct{ Framework, FrameworkID, Control string }
		}
		if err := json.Unmarshal([]byte(out), &rs); err != nil || code != exitClean {
			t.Fatalf("exit %d, %v:\n%s", code, err, out)
		}
		if len(rs) != 1 || rs[0].Remediation.Terraform == "" || rs[0].Remediation.CloudFormation == "" || len(rs[0].Compliance) == 0 || rs[0].Compliance[0].FrameworkID == "" {
			t.Errorf("rules JSON = %+v", rs)
		}
	})
	t.Run("markdown to stdout", func(t *testing.T) {
		_, out, _ := runCLI(t, "rules", "--format", "markdown", "aws-kms-rotation-disabled")
		if !strings.Contains(out, "# KMS key rotation is not enabled") || !strings.Contains(out, "```hcl") {
			t.Errorf("markdown:\n%s", out)
		}
	})
	t.Run("markdown never overwrites", func(t *testing.T) {
		dir := t.TempDir()
		page := filepath.Join(dir, "aws-kms-rotation-disabled.md")
		if err := os.WriteFile(page, []byte("mine"), 0o644); err != nil {
			t.Fatal(err)
		}
		code, _, stderr := runCLI(t, "rules", "--format", "markdown", "--output", dir)
		if code != exitError || !strings.Contains(stderr, "--force") {
			t.Errorf("exit %d, stderr %q: want 2 and a hint at --force", code, stderr)
		}
		if data, _ := os.ReadFile(page); string(data) != "mine" {
			t.Error("the page was overwritten")
		}
		if code, _, stderr := runCLI(t, "rules", "--format", "markdown", "--output", dir, "--force"); code != exitClean {
			t.Errorf("--force: exit %d: %s", code, stderr)
		}
	})
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"rules", "aws-kms-rotation-disable"}, `did you mean "aws-kms-rotation-disabled"?`},
		{[]string{"rules", "--explain", "aws-kms-*"}, "--explain takes a rule ID"},
		{[]string{"rules", "--format", "xml"}, "unknown --format"},
		{[]string{"rules", "--output", "x"}, "use it with --format markdown"},
	} {
		if code, _, stderr := runCLI(t, tt.args...); code != exitError || !strings.Contains(stderr, tt.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", tt.args, code, stderr, tt.want)
		}
	}
}

// TestEquivalentsCoverEveryRule keeps docs/rules/equivalents.tsv in step
// with the rules: one row per rule, in ID order, and no row for a rule that
// does not exist.
func TestEquivalentsCoverEveryRule(t *testing.T) {
	rows, err := rulesref.Equivalents()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range rows {
		got = append(got, r.Rule)
	}
	var want []string
	for _, r := range builtin.Registry().All() {
		want = append(want, r.ID)
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("docs/rules/equivalents.tsv must have one row per rule, in rule ID order (a rule without equivalents has empty cells)\n got %v\nwant %v", got, want)
	}
}

// referenceServicesCovered are the services of the reference list
// (../shared/reference/trivy-aws-checks.tsv) whose every control is mapped
// to a rule in docs/rules/equivalents.tsv or listed in
// docs/rules/out-of-scope.tsv. A service is added when its rules are
// written; when every service is here, the list can go.
var referenceServicesCovered = []string{"ami", "cloudtrail", "ec2", "ecr", "ecs", "eks", "elb", "iam", "s3"}

// TestReferenceCoverage checks that every control of the reference list
// in a covered service has a rule or a reason, and that the out-of-scope
// table names only controls of the list that no rule covers.
func TestReferenceCoverage(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "reference", "trivy-aws-checks.tsv"))
	if err != nil {
		t.Skipf("reference list not available: %v", err)
	}
	reference := map[string]bool{}
	for _, line := range strings.Split(string(data), "\n")[1:] {
		if id, _, _ := strings.Cut(line, "\t"); id != "" {
			reference[id] = true
		}
	}
	rows, err := rulesref.Equivalents()
	if err != nil {
		t.Fatal(err)
	}
	mapped := map[string]bool{}
	for _, r := range rows {
		for _, id := range r.LongIDs {
			mapped[id] = true
		}
	}
	outOfScope, err := rulesref.OutOfScopeControls()
	if err != nil {
		t.Fatal(err)
	}
	excluded := map[string]bool{}
	for _, o := range outOfScope {
		excluded[o.Reference] = true
		switch {
		case !reference[o.Reference]:
			t.Errorf("out-of-scope.tsv: %s is not a control of the reference list", o.Reference)
		case mapped[o.Reference]:
			t.Errorf("out-of-scope.tsv: %s is also mapped to a rule in equivalents.tsv", o.Reference)
		}
	}
	for id := range reference {
		service := strings.SplitN(strings.TrimPrefix(id, "aws-"), "-", 2)[0]
		if slices.Contains(referenceServicesCovered, service) && !mapped[id] && !excluded[id] {
			t.Errorf("%s has neither a rule (a long_id in docs/rules/equivalents.tsv) nor a reason (docs/rules/out-of-scope.tsv)", id)
		}
	}
}
