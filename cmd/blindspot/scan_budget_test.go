package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// --eval-budget sizes each unit's evaluation budget: a unit that fits the
// default is cut short by a smaller one (and the scan is incomplete), and
// a bad value is a usage error.
func TestEvalBudgetFlag(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"main.tf": `resource "aws_s3_bucket" "b" {
  count  = 50
  bucket = "b-${count.index}"
}
`})
	code, _, stderr := runCLI(t, "scan", "--fail-on-incomplete", "--format", "json", "--output", filepath.Join(dir, "r.json"), dir)
	if strings.Contains(stderr, "evaluation-budget") {
		t.Fatalf("the default budget was spent (exit %d):\n%s", code, stderr)
	}
	code, _, stderr = runCLI(t, "scan", "--fail-on-incomplete", "--eval-budget", "2000", "--format", "json", "--output", filepath.Join(dir, "r.json"), dir)
	if code != exitError || !strings.Contains(stderr, "evaluation-budget") {
		t.Errorf("a budget of 2000 values: exit %d, want %d and an evaluation-budget warning:\n%s", code, exitError, stderr)
	}
	for _, bad := range [][]string{{"--eval-budget", "0"}, {"--eval-budget", "-5"}, {"--unit-timeout", "0s"}} {
		if code, _, _ := runCLI(t, append(append([]string{"scan"}, bad...), dir)...); code != exitError {
			t.Errorf("%v: exit %d, want %d", bad, code, exitError)
		}
	}
}
