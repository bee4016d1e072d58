package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/blindspot-iac/blindspot/sarif"
	"github.com/blindspot-iac/blindspot/sarif/sariftest"
)

// writeTree writes files (slash-separated path -> content) under dir.
func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// The example policies pass their own fixtures: the repository's tests
// run them as a platform team's CI would.
func TestPolicyTestExamples(t *testing.T) {
	inRepoRoot(t)
	code, out, stderr := runCLI(t, "policy", "test", "examples/policies")
	if code != exitClean {
		t.Fatalf("exit %d\n%s%s", code, out, stderr)
	}
	for _, id := range []string{"acme-owner-tag", "acme-no-internet-in-production", "acme-approved-regions", "acme-kms-alias-naming"} {
		if !strings.Contains(out, "ok    "+id+" (") {
			t.Errorf("%s did not pass:\n%s", id, out)
		}
	}
	if !strings.Contains(out, "4 passed, 0 failed") {
		t.Errorf("no summary:\n%s", out)
	}
}

const lintPolicy = `id: acme-bucket-name
title: Bucket names start with acme-
severity: low
description: Bucket names carry the company prefix.
match: [aws_s3_bucket, AWS::S3::Bucket]
condition: |
  !resource.attributes.?bucket.orValue(resource.attributes.?BucketName.orValue("acme-")).startsWith("acme-")
`

// A fixture that does not produce what its markers say fails, with the
// position of each difference.
func TestPolicyTestReportsFailures(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"bucket-name.yaml": lintPolicy,
		// The marker is on the wrong line, and a good fixture fails.
		"testdata/acme-bucket-name/bad.tf":   "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"other\" # want: acme-bucket-name\n}\n",
		"testdata/acme-bucket-name/good.tf":  "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"x\"\n}\n",
		"testdata/acme-bucket-name/bad.yaml": "Resources:\n  B: # want: acme-bucket-name\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: other\n",
	})
	code, out, _ := runCLI(t, "policy", "test", dir)
	if code != exitFindings {
		t.Fatalf("exit %d, want %d\n%s", code, exitFindings, out)
	}
	for _, want := range []string{
		"FAIL  acme-bucket-name (" + filepath.Join(dir, "bucket-name.yaml") + ":1:5)",
		"unexpected result " + filepath.Join(dir, "testdata/acme-bucket-name/bad.tf") + ":1: failed acme-bucket-name",
		filepath.Join(dir, "testdata/acme-bucket-name/bad.tf") + ":2: no failed result of acme-bucket-name",
		"good fixture " + filepath.Join(dir, "testdata/acme-bucket-name/good.tf") + " produced 1 results",
		"acme-bucket-name has no unknown terraform fixture",
		"acme-bucket-name has no good cloudformation fixture",
		"0 passed, 1 failed",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestPolicyLint(t *testing.T) {
	inRepoRoot(t)
	code, out, stderr := runCLI(t, "policy", "lint", "examples/policies")
	if code != exitClean || !strings.Contains(out, "4 policies in 4 files load and type-check") {
		t.Errorf("examples: exit %d\n%s%s", code, out, stderr)
	}
	if strings.Contains(stderr, "no fixtures") {
		t.Errorf("examples lack fixtures:\n%s", stderr)
	}

	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"ok.yaml": lintPolicy})
	code, out, stderr = runCLI(t, "policy", "lint", dir)
	if code != exitClean {
		t.Errorf("exit %d\n%s%s", code, out, stderr)
	}
	for _, want := range []string{"has no remediation", "has no references", "has no fixtures"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("lint warnings lack %q:\n%s", want, stderr)
		}
	}

	broken := t.TempDir()
	writeTree(t, broken, map[string]string{"broken.yaml": strings.Replace(lintPolicy, "startsWith", "startsWit", 1)})
	code, _, stderr = runCLI(t, "policy", "lint", broken)
	want := filepath.Join(broken, "broken.yaml") + ":7:99: policy acme-bucket-name: condition: undeclared reference to 'startsWit'"
	if code != exitError || !strings.Contains(stderr, want) {
		t.Errorf("exit %d, want %d and %q in\n%s", code, exitError, want, stderr)
	}
}

// Custom policies run in every output format, with configuration,
// suppressions, baselines and --show-unknown as for built-in rules.
func TestScanWithPolicies(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	writeTree(t, dir, map[string]string{
		".blindspot/policies/bucket-name.yaml": lintPolicy,
		"infra/main.tf": `variable "name" {
  type = string
}

resource "aws_s3_bucket" "bad" {
  bucket = "other"
}

resource "aws_s3_bucket" "good" {
  bucket = "acme-logs"
}

resource "aws_s3_bucket" "unknown" {
  bucket = var.name
}

# blindspot:ignore acme-bucket-name -- a legacy name, kept for its data
resource "aws_s3_bucket" "legacy" {
  bucket = "legacy-data"
}
`,
		"infra/.blindspot.yaml": "rules:\n  enable: [acme-bucket-name]\n",
	})

	// JSON: one finding, one undetermined result, the suppressed one
	// left out.
	code, out, stderr := runCLI(t, "scan", "--format", "json", "--show-unknown", "--config", "infra/.blindspot.yaml", "infra")
	if code != exitFindings {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	var report struct {
		Findings []json.RawMessage `json:"findings"`
		Unknowns []json.RawMessage `json:"unknowns"`
	}
	if err := json.Unmarshal([]byte(out), &report); err != nil {
		t.Fatal(err)
	}
	if len(report.Findings) != 1 || len(report.Unknowns) != 1 || !strings.Contains(out, `"acme-bucket-name"`) || !strings.Contains(out, "depends on resource.attributes.bucket: var.name has no value") {
		t.Errorf("JSON report:\n%s", out)
	}
	if strings.Contains(out, "aws-s3-") {
		t.Errorf("the configuration enables only the policy:\n%s", out)
	}

	// Every other format names the policy.
	for _, format := range []string{"text", "github", "junit", "gitlab"} {
		_, out, _ := runCLI(t, "scan", "--format", format, "--config", "infra/.blindspot.yaml", "infra")
		if !strings.Contains(out, "acme-bucket-name") || !strings.Contains(out, "Bucket names start with acme-") {
			t.Errorf("%s report lacks the policy:\n%s", format, out)
		}
	}

	// SARIF: the policy is in a tool extension, its results point there,
	// and the log is valid.
	code, out, _ = runCLI(t, "scan", "--format", "sarif", "--show-unknown", "--include-suppressed", "--config", "infra/.blindspot.yaml", "infra")
	if code != exitFindings {
		t.Fatalf("exit %d", code)
	}
	sariftest.Validate(t, []byte(out))
	var log struct {
		Runs []struct {
			Tool struct {
				Driver     struct{ Rules []struct{ ID string } }
				Extensions []struct {
					Name  string
					Rules []struct{ ID string }
				}
			}
			Results []struct {
				RuleID string
				Kind   string
				Rule   struct {
					Index         int
					ToolComponent struct{ Name string }
				}
				Suppressions []any
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	if len(run.Tool.Driver.Rules) != 0 || len(run.Tool.Extensions) != 1 || run.Tool.Extensions[0].Name != sarif.PoliciesComponent ||
		len(run.Tool.Extensions[0].Rules) != 1 || run.Tool.Extensions[0].Rules[0].ID != "acme-bucket-name" {
		t.Errorf("tool: %+v", run.Tool)
	}
	kinds := map[string]int{}
	for _, r := range run.Results {
		if r.RuleID != "acme-bucket-name" || r.Rule.ToolComponent.Name != sarif.PoliciesComponent || r.Rule.Index != 0 {
			t.Errorf("result %+v does not point at the extension", r)
		}
		if len(r.Suppressions) > 0 {
			kinds["suppressed"]++
		}
		kinds[r.Kind]++
	}
	if kinds["fail"] != 2 || kinds["open"] != 1 || kinds["suppressed"] != 1 {
		t.Errorf("results by kind: %v", kinds)
	}

	// A baseline records the finding; severities and disabling apply.
	baseline := filepath.Join(dir, "baseline.json")
	if code, _, stderr := runCLI(t, "scan", "--config", "infra/.blindspot.yaml", "--write-baseline", baseline, "infra"); code != exitClean {
		t.Fatalf("write baseline: exit %d\n%s", code, stderr)
	}
	if code, out, _ := runCLI(t, "scan", "--config", "infra/.blindspot.yaml", "--baseline", baseline, "infra"); code != exitClean {
		t.Errorf("with the baseline: exit %d\n%s", code, out)
	}
	writeTree(t, dir, map[string]string{"infra/.blindspot.yaml": "rules:\n  enable: [acme-bucket-name]\nseverity:\n  acme-bucket-name: critical\n"})
	if _, out, _ := runCLI(t, "scan", "--config", "infra/.blindspot.yaml", "infra"); !strings.Contains(out, "1 finding (1 critical)") {
		t.Errorf("severity override:\n%s", out)
	}
	writeTree(t, dir, map[string]string{"infra/.blindspot.yaml": "rules:\n  disable: [acme-bucket-name]\n"})
	if _, out, _ := runCLI(t, "scan", "--config", "infra/.blindspot.yaml", "infra"); strings.Contains(out, "acme-bucket-name") {
		t.Errorf("disabled policy ran:\n%s", out)
	}
}

// A policy that does not load stops the scan with exit 2 and its
// position, as an invalid configuration does.
func TestScanWithBrokenPolicy(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"p.yaml":  strings.Replace(lintPolicy, "severity: low", "severity: urgent", 1),
		"main.tf": `resource "aws_s3_bucket" "b" {}`,
	})
	code, _, stderr := runCLI(t, "scan", "--policy-dir", filepath.Join(dir, "p.yaml"), dir)
	if code != exitError || !strings.Contains(stderr, filepath.Join(dir, "p.yaml")+`:3:11: unknown severity "urgent"`) {
		t.Errorf("exit %d\n%s", code, stderr)
	}
	code, _, stderr = runCLI(t, "scan", "--policy-dir", filepath.Join(dir, "absent"), dir)
	if code != exitError || !strings.Contains(stderr, "absent") {
		t.Errorf("missing policy dir: exit %d\n%s", code, stderr)
	}
}

// The rules command lists and explains custom policies beside the
// built-in rules, with their own references as documentation.
func TestRulesListsPolicies(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"p.yaml": lintPolicy + "references: [https://wiki.example.com/naming]\n"})
	p := filepath.Join(dir, "p.yaml")
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"list", []string{"rules", "--policy-dir", p}, []string{"acme-bucket-name", "aws-s3-versioning-disabled"}},
		{"explain", []string{"rules", "--policy-dir", p, "acme-bucket-name"}, []string{"Bucket names start with acme-", "Documentation: https://wiki.example.com/naming"}},
		{"json", []string{"rules", "--policy-dir", p, "--format", "json", "acme-*"}, []string{`"documentation": "https://wiki.example.com/naming"`}},
	}
	for _, tt := range tests {
		code, out, stderr := runCLI(t, tt.args...)
		if code != 0 {
			t.Errorf("%s: exit %d\n%s", tt.name, code, stderr)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(out, w) {
				t.Errorf("%s: %q missing:\n%.2000s", tt.name, w, out)
			}
		}
	}
	if code, _, _ := runCLI(t, "rules", "--policy-dir", filepath.Join(dir, "absent")); code != exitError {
		t.Errorf("a missing policy directory: exit %d, want %d", code, exitError)
	}
}
