package main

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/blindspot-iac/blindspot/sarif/sariftest"
)

// copyTree copies the directory src into dst.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// exampleRepo makes a git work tree (a .git directory is what marks one)
// holding the Terraform and CloudFormation examples under infra/, and
// returns its root.
func exampleRepo(t *testing.T) string {
	t.Helper()
	examples, err := filepath.Abs(filepath.Join("..", "..", "examples"))
	if err != nil {
		t.Fatal(err)
	}
	repo := t.TempDir()
	copyTree(t, filepath.Join(examples, "terraform"), filepath.Join(repo, "infra", "terraform"))
	copyTree(t, filepath.Join(examples, "cloudformation"), filepath.Join(repo, "infra", "cloudformation"))
	if err := os.Mkdir(filepath.Join(repo, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	return repo
}

// TestPathsRelativeToBase checks issue 15's acceptance for item 3: a
// baseline written from the repository root applies unchanged from a
// subdirectory, with an absolute path and with ./path/..., and the SARIF
// of the same findings is byte-identical across those invocations.
func TestPathsRelativeToBase(t *testing.T) {
	repo := exampleRepo(t)
	baseline := filepath.Join(t.TempDir(), "baseline.json")
	t.Chdir(repo)
	code, _, stderr := runCLI(t, "scan", "--write-baseline", baseline, "infra")
	if code != exitClean {
		t.Fatalf("writing the baseline: exit %d; stderr:\n%s", code, stderr)
	}
	data, err := os.ReadFile(baseline)
	if err != nil {
		t.Fatal(err)
	}
	var b struct {
		Findings []struct{ File string }
	}
	if err := json.Unmarshal(data, &b); err != nil || len(b.Findings) == 0 {
		t.Fatalf("baseline: %v, %d findings\n%s", err, len(b.Findings), data)
	}
	for _, f := range b.Findings {
		if !strings.HasPrefix(f.File, "infra/") {
			t.Errorf("baseline entry file %q is not relative to the repository root", f.File)
		}
	}

	invocations := []struct {
		name, dir string
		paths     []string
	}{
		{"root", ".", []string{"infra"}},
		{"subdirectory", "infra", []string{"."}},
		{"deeper subdirectory", filepath.Join("infra", "terraform"), []string{".", "../cloudformation"}},
		{"absolute path", filepath.Join("infra", "terraform"), []string{filepath.Join(repo, "infra")}},
		{"dot-slash tree", ".", []string{"./infra/..."}},
		{"elsewhere, absolute", t.TempDir(), []string{filepath.Join(repo, "infra")}},
	}
	var firstSARIF string
	for _, inv := range invocations {
		t.Run(inv.name, func(t *testing.T) {
			dir := inv.dir
			if !filepath.IsAbs(dir) {
				dir = filepath.Join(repo, dir)
			}
			t.Chdir(dir)
			args := append([]string{"scan", "--baseline", baseline, "--format", "json"}, inv.paths...)
			code, out, stderr := runCLI(t, args...)
			if code != exitClean {
				t.Errorf("with the baseline: exit %d, want 0 (every finding baselined); stderr:\n%s\n%s", code, stderr, out)
			}
			var report struct {
				Findings []json.RawMessage
				Summary  struct{ Findings int }
			}
			if err := json.Unmarshal([]byte(out), &report); err != nil {
				t.Fatal(err)
			}
			if len(report.Findings) != 0 {
				t.Errorf("%d findings not matched by the baseline", len(report.Findings))
			}
			if !strings.Contains(stderr, "recorded in the baseline are not reported") {
				t.Errorf("stderr does not say the baseline dropped findings:\n%s", stderr)
			}

			args = append([]string{"scan", "--format", "sarif"}, inv.paths...)
			_, sarifOut, _ := runCLI(t, args...)
			if firstSARIF == "" {
				firstSARIF = sarifOut
				if !strings.Contains(sarifOut, `"uri": "infra/terraform/app/main.tf"`) {
					t.Errorf("SARIF URIs are not relative to the repository root:\n%s", sarifOut)
				}
			} else if sarifOut != firstSARIF {
				t.Errorf("SARIF differs from the scan at the repository root")
			}
		})
	}
}

// TestBaseFlag checks --base and the base of a scan outside a git work
// tree (the directory scanned).
func TestBaseFlag(t *testing.T) {
	repo := exampleRepo(t)
	if err := os.Remove(filepath.Join(repo, ".git")); err != nil {
		t.Fatal(err)
	}
	t.Chdir(repo)
	file := func(args ...string) string {
		t.Helper()
		_, out, stderr := runCLI(t, append([]string{"scan", "--format", "json"}, args...)...)
		var report struct {
			Findings []struct{ File string }
		}
		if err := json.Unmarshal([]byte(out), &report); err != nil || len(report.Findings) == 0 {
			t.Fatalf("%v: %v, stderr:\n%s", args, err, stderr)
		}
		return report.Findings[0].File
	}
	if got := file("infra/cloudformation"); got != "network.json" {
		t.Errorf("outside git, first finding in %q, want it relative to the scanned directory", got)
	}
	if got := file("infra/cloudformation", "infra/terraform"); got != "cloudformation/network.json" {
		t.Errorf("outside git, two directories: first finding in %q, want it relative to their parent", got)
	}
	if got := file("--base", ".", "infra/cloudformation"); got != "infra/cloudformation/network.json" {
		t.Errorf("--base .: first finding in %q", got)
	}
	if got := file("--base", "infra/terraform", "infra/cloudformation"); got != "../cloudformation/network.json" {
		t.Errorf("--base infra/terraform: first finding in %q", got)
	}
	if code, _, stderr := runCLI(t, "scan", "--base", "absent", "infra"); code != exitError || !strings.Contains(stderr, "absent") {
		t.Errorf("--base absent: exit %d, stderr %q; want 2 naming it", code, stderr)
	}
}

// TestBaselineAdoption checks issue 15's item 8: --write-baseline records
// the findings, says how many and exits 0; a later scan with --baseline
// reports only new findings (SARIF baselineState "new"), and the entries
// of fixed findings as notes, in every format.
func TestBaselineAdoption(t *testing.T) {
	repo := t.TempDir()
	if err := os.Mkdir(filepath.Join(repo, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	template := filepath.Join(repo, "keys.yaml")
	key := func(name, rotation string) string {
		return "  " + name + ":\n    Type: AWS::KMS::Key\n    Properties:\n      EnableKeyRotation: " + rotation + "\n"
	}
	write := func(body string) {
		t.Helper()
		if err := os.WriteFile(template, []byte("AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n"+body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(repo, ".blindspot.yaml"), []byte("rules:\n  enable: [aws-kms-rotation-disabled]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(repo)

	write(key("KeyA", "false") + key("KeyB", "false"))
	code, _, stderr := runCLI(t, "scan", "--write-baseline", "baseline.json", ".")
	if code != exitClean || !strings.Contains(stderr, "recorded 2 findings in the baseline baseline.json") {
		t.Fatalf("--write-baseline: exit %d, stderr:\n%s\nwant 0 and the count", code, stderr)
	}
	if code, out, stderr := runCLI(t, "scan", "--baseline", "baseline.json", "."); code != exitClean || !strings.Contains(out, "no findings") {
		t.Fatalf("with the baseline, unchanged code: exit %d\n%s%s", code, out, stderr)
	}

	// KeyA is fixed, KeyC is new.
	write(key("KeyA", "true") + key("KeyB", "false") + key("KeyC", "false"))
	code, _, stderr = runCLI(t, "scan", "--baseline", "baseline.json", "--format", "sarif=r.sarif", "--format", "json=r.json", ".")
	if code != exitFindings {
		t.Errorf("a new finding: exit %d, want 1; stderr:\n%s", code, stderr)
	}
	if !strings.Contains(stderr, "keys.yaml:6:1: note: aws-kms-rotation-disabled recorded in the baseline") || !strings.Contains(stderr, "no longer matches a finding") {
		t.Errorf("stderr does not name the baseline entry of the fixed finding:\n%s", stderr)
	}
	if !strings.Contains(stderr, "1 finding recorded in the baseline is not reported; 1 of its entries matches no finding any more") {
		t.Errorf("stderr does not sum up the baseline:\n%s", stderr)
	}
	data, err := os.ReadFile("r.sarif")
	if err != nil {
		t.Fatal(err)
	}
	sariftest.Validate(t, data)
	var log struct {
		Runs []struct {
			Results []struct {
				BaselineState string `json:"baselineState"`
				Message       struct{ Text string }
			}
			Invocations []struct {
				Notifications []struct {
					Descriptor struct{ ID string }
				} `json:"toolExecutionNotifications"`
			}
		}
	}
	if err := json.Unmarshal(data, &log); err != nil {
		t.Fatal(err)
	}
	results := log.Runs[0].Results
	if len(results) != 1 || results[0].BaselineState != "new" || !strings.Contains(results[0].Message.Text, "KeyC") {
		t.Errorf("SARIF results = %+v, want KeyC alone, baselineState new", results)
	}
	found := false
	for _, n := range log.Runs[0].Invocations[0].Notifications {
		found = found || n.Descriptor.ID == "baseline-entry-unmatched"
	}
	if !found {
		t.Errorf("SARIF notifications lack the unmatched baseline entry")
	}
	data, _ = os.ReadFile("r.json")
	if !strings.Contains(string(data), `"code": "baseline-entry-unmatched"`) {
		t.Errorf("JSON diagnostics lack the unmatched baseline entry:\n%s", data)
	}

	// Without a baseline, no result has a baseline state.
	_, out, _ := runCLI(t, "scan", "--format", "sarif", ".")
	if strings.Contains(out, "baselineState") {
		t.Errorf("SARIF without a baseline has baseline states")
	}
}
