package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestFilters checks the report filters and rule selection flags on the
// examples: what they show, and that bad values are refused before the
// scan starts.
func TestFilters(t *testing.T) {
	inRepoRoot(t)
	t.Run("severity", func(t *testing.T) {
		code, out, _ := runCLI(t, "scan", "--severity", "critical", "--format", "JSON", "examples/terraform")
		var rep struct {
			Findings []struct{ Severity string } `json:"findings"`
			Summary  struct{ Filtered int }      `json:"summary"`
		}
		if err := json.Unmarshal([]byte(out), &rep); err != nil {
			t.Fatal(err)
		}
		// Every other finding of the unfiltered scan is counted as filtered.
		_, all, _ := runCLI(t, "scan", "--format", "json", "examples/terraform")
		var full struct {
			Findings []struct{ Severity string } `json:"findings"`
		}
		if err := json.Unmarshal([]byte(all), &full); err != nil {
			t.Fatal(err)
		}
		if code != exitFindings || len(rep.Findings) != 1 || rep.Findings[0].Severity != "critical" || rep.Summary.Filtered != len(full.Findings)-1 {
			t.Errorf("exit %d, findings %v, filtered %d: want the one critical finding and the other %d filtered", code, rep.Findings, rep.Summary.Filtered, len(full.Findings)-1)
		}
		code, out, _ = runCLI(t, "scan", "--severity", "critical", "examples/terraform/management")
		if code != exitClean || !strings.Contains(out, "no findings") || !strings.Contains(out, "of other severities not shown (--severity)") {
			t.Errorf("exit %d with only other severities, report:\n%s", code, out)
		}
	})
	t.Run("rule and skip-rule", func(t *testing.T) {
		_, out, _ := runCLI(t, "scan", "--rule", "aws-org-*", "--skip-rule", "tag:scp", "--compact", "examples/terraform")
		for _, line := range strings.Split(out, "\n") {
			if strings.Contains(line, ": high ") || strings.Contains(line, ": medium ") || strings.Contains(line, ": low ") {
				if !strings.Contains(line, " aws-org-") || strings.Contains(line, "aws-org-leave-organization-allowed") {
					t.Errorf("unselected rule reported: %s", line)
				}
			}
		}
		if !strings.Contains(out, "aws-org-management-account-workload") {
			t.Errorf("selected rule missing:\n%s", out)
		}
	})
	t.Run("compliance table", func(t *testing.T) {
		_, out, _ := runCLI(t, "scan", "--compliance", "cis-aws", "--quiet", "examples/terraform")
		if strings.Contains(out, "compliance with") {
			t.Errorf("--quiet printed the compliance table:\n%s", out)
		}
		_, out, _ = runCLI(t, "scan", "--compliance", "cis-aws", "--compact", "examples/terraform")
		for _, want := range []string{"compliance with CIS AWS Foundations Benchmark v3.0.0 (cis-aws):", "3.6 ", "failed", "aws-kms-rotation-disabled"} {
			if !strings.Contains(out, want) {
				t.Errorf("compliance table lacks %q:\n%s", want, out)
			}
		}
	})
	t.Run("compact and quiet", func(t *testing.T) {
		_, full, _ := runCLI(t, "scan", "examples/terraform/app")
		_, compact, _ := runCLI(t, "scan", "--compact", "examples/terraform/app")
		_, quiet, _ := runCLI(t, "scan", "--quiet", "examples/terraform/app")
		if !strings.Contains(full, "fix: ") || !strings.Contains(full, "docs: ") || !strings.Contains(full, "   83 | ") {
			t.Errorf("full report lacks explanations:\n%s", full)
		}
		if strings.Contains(compact, "fix: ") || strings.Contains(compact, " | ") || !strings.Contains(compact, "scanned ") {
			t.Errorf("compact report:\n%s", compact)
		}
		nonBlank := func(s string) int {
			n := 0
			for _, l := range strings.Split(s, "\n") {
				if strings.TrimSpace(l) != "" {
					n++
				}
			}
			return n
		}
		// The quiet report is the compact one without the "scanned" line
		// (the number of findings grows with the rules).
		if strings.Contains(quiet, "scanned ") || nonBlank(quiet) != nonBlank(compact)-1 {
			t.Errorf("quiet report should be the compact report's findings, instance lines and summary line:\n%s", quiet)
		}
	})
	t.Run("statistics", func(t *testing.T) {
		_, out, _ := runCLI(t, "scan", "--statistics", "examples/terraform")
		for _, want := range []string{"statistics:", "format", "units   files  resources", "aws-kms-rotation-disabled", "elapsed: "} {
			if !strings.Contains(out, want) {
				t.Errorf("statistics lack %q:\n%s", want, out)
			}
		}
		// The columns are as wide as the longest rule ID, which grows with
		// the rules.
		if !regexp.MustCompile(`\n  terraform +2 `).MatchString(out) {
			t.Errorf("statistics lack the terraform row with 2 units:\n%s", out)
		}
		_, out, _ = runCLI(t, "scan", "--format", "json", "--statistics", "examples/terraform")
		if !strings.Contains(out, `"elapsedMs":`) {
			t.Error("JSON with --statistics has no elapsedMs")
		}
		_, _, stderr := runCLI(t, "scan", "-v", "--format", "json", "examples/terraform")
		if !strings.Contains(stderr, "terraform examples/terraform/app: 4 files") || !strings.Contains(stderr, "2 units scanned in ") {
			t.Errorf("-v does not list units:\n%s", stderr)
		}
	})
	for _, tt := range []struct {
		name string
		args []string
		want string
	}{
		{"jobs zero", []string{"--jobs", "0"}, "--jobs: 0 is not a positive number"},
		{"bad severity", []string{"--severity", "high,urgent"}, `--severity: unknown severity "urgent"`},
		{"bad account", []string{"--management-account-id", "12345"}, `"12345" is not a 12-digit AWS account ID`},
		{"bad exclude", []string{"--exclude", "a/[b"}, "is not a valid glob"},
		{"unknown rule", []string{"--rule", "aws-s3-versoning-disabled"}, `did you mean "aws-s3-versioning-disabled"?`},
		{"unknown framework", []string{"--compliance", "nist"}, `did you mean "nist-csf"?`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, out, stderr := runCLI(t, append(append([]string{"scan"}, tt.args...), "examples/terraform")...)
			if code != exitError || !strings.Contains(stderr, tt.want) || out != "" {
				t.Errorf("exit %d, stderr %q, stdout %q: want 2, %q and no report", code, stderr, out, tt.want)
			}
		})
	}
}

// TestForeignSuppressionsFlag checks that another scanner's suppression is
// honoured, with a note, and that --no-foreign-suppressions turns it off.
func TestForeignSuppressionsFlag(t *testing.T) {
	dir := t.TempDir()
	src := "#tfsec:ignore:aws-kms-auto-rotate-keys\nresource \"aws_kms_key\" \"k\" {\n}\n"
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, stderr := runCLI(t, "scan", "--rule", "aws-kms-rotation-disabled", "--include-suppressed", dir)
	if code != exitClean || !strings.Contains(out, "(suppressed: suppressed by tfsec:ignore:aws-kms-auto-rotate-keys)") ||
		!strings.Contains(stderr, "blindspot's own form is # blindspot:ignore aws-kms-rotation-disabled -- <reason>") {
		t.Errorf("exit %d\n%s\n%s", code, out, stderr)
	}
	code, out, _ = runCLI(t, "scan", "--rule", "aws-kms-rotation-disabled", "--no-foreign-suppressions", dir)
	if code != exitFindings || !strings.Contains(out, "1 finding") {
		t.Errorf("--no-foreign-suppressions: exit %d\n%s", code, out)
	}
}
