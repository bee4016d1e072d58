package integration

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// shared is a temporary directory for what the tests build once and share
// (the binary, the pre-commit hook's snapshot and store); TestMain removes
// it.
var shared string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "blindspot-integration")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	shared = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// repoRoot is the checkout under test.
func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	return root
}

func mustRun(t *testing.T, dir string, env []string, name string, args ...string) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
}

// TestWorkflowsLint runs actionlint over the workflows, which also checks
// how they use this repository's action.yml.
func TestWorkflowsLint(t *testing.T) {
	path, err := exec.LookPath("actionlint")
	if err != nil {
		t.Skip("actionlint is not installed")
	}
	cmd := exec.Command(path)
	cmd.Dir = repoRoot(t)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("actionlint: %v\n%s", err, out)
	}
}

// TestGitHubCodeScanningAcceptsSARIF validates the SARIF of every example
// with Microsoft's SARIF multitool and GitHub's rule set, as code scanning
// does on upload: no error and no warning is allowed. The multitool comes
// from npm (npm install -g @microsoft/sarif-multitool); the test skips
// when it is not installed.
func TestGitHubCodeScanningAcceptsSARIF(t *testing.T) {
	tool, err := exec.LookPath("sarif-multitool")
	if err != nil {
		t.Skip("sarif-multitool is not installed (npm install -g @microsoft/sarif-multitool)")
	}
	root := repoRoot(t)
	work := t.TempDir()
	bin := blindspotBinary(t)
	for _, example := range []string{"examples/terraform", "examples/cloudformation", "examples/organization"} {
		t.Run(example, func(t *testing.T) {
			report := filepath.Join(work, strings.ReplaceAll(example, "/", "-")+".sarif")
			cmd := exec.Command(bin, "scan", "--format", "sarif", "--show-unknown", "--include-suppressed", "--output", report, example)
			cmd.Dir = root
			if out, err := cmd.CombinedOutput(); err != nil && cmd.ProcessState.ExitCode() != 1 {
				t.Fatalf("scan: %v\n%s", err, out)
			}
			// The npm launcher runs the tool through a shell, where the
			// unquoted ';' would end the command.
			kinds := "Gh;Sarif"
			if head, err := os.ReadFile(tool); err == nil && strings.HasPrefix(string(head), "#!/usr/bin/env node") {
				kinds = `"Gh;Sarif"`
			}
			out, err := exec.Command(tool, "validate", "--rule-kind", kinds, report).CombinedOutput()
			if err != nil {
				t.Fatalf("sarif-multitool: %v\n%s", err, out)
			}
			for _, line := range strings.Split(string(out), "\n") {
				if strings.Contains(line, ": error ") || strings.Contains(line, ": warning ") {
					t.Errorf("%s", line)
				}
			}
		})
	}
}
