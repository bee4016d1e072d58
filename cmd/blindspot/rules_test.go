package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/blindspot-iac/blindspot/internal/ruledocs"
)

// TestRuleDocsInSync regenerates the rule reference and compares it with
// the committed docs/rules, so rule metadata and documentation never
// disagree.
func TestRuleDocsInSync(t *testing.T) {
	tmp := t.TempDir()
	var stdout, stderr bytes.Buffer
	if code := run([]string{"rules", "--format", "markdown", "--output-dir", tmp}, &stdout, &stderr); code != exitClean {
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
