package integration

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// repoRoot is the checkout under test.
func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	return root
}

func goEnv(t *testing.T, name string) string {
	t.Helper()
	out, err := exec.Command("go", "env", name).Output()
	if err != nil {
		t.Fatalf("go env %s: %v", name, err)
	}
	return strings.TrimSpace(string(out))
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

// TestPreCommitHook installs the hook from this checkout with pre-commit
// and runs it on a clean and on a vulnerable Terraform module. Passing one
// file of a module must evaluate the whole module.
//
// Building the hook is most of the test's time, so it is built once (and
// alongside the other end-to-end checks, which run in parallel): the
// checkout, with its uncommitted changes, is committed to a snapshot
// repository that both runs name at one revision, and they share
// pre-commit's store. (pre-commit try-repo would build it once per run
// when the checkout has changes.)
func TestPreCommitHook(t *testing.T) {
	t.Parallel()
	if _, err := exec.LookPath("pre-commit"); err != nil {
		t.Skip("pre-commit is not installed")
	}
	if testing.Short() {
		t.Skip("builds the hook; skipped with -short")
	}
	work := t.TempDir()
	files := map[string]string{
		// The bucket is in one file, the finding needs the variable from
		// the other: only a whole-module evaluation sees it.
		"bad/main.tf":       "resource \"aws_kms_key\" \"k\" {\n  description         = \"app\"\n  enable_key_rotation = var.rotate\n}\n",
		"bad/variables.tf":  "variable \"rotate\" {\n  default = false\n}\n",
		"good/main.tf":      "resource \"aws_kms_key\" \"k\" {\n  description         = \"app\"\n  enable_key_rotation = var.rotate\n}\n",
		"good/variables.tf": "variable \"rotate\" {\n  default = true\n}\n",
		"k8s/service.yaml":  "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n",
	}
	repo, rev := snapshot(t, repoRoot(t))
	files[".pre-commit-config.yaml"] = "repos:\n  - repo: " + repo + "\n    rev: " + rev + "\n    hooks:\n      - id: blindspot\n"
	for name, content := range files {
		p := filepath.Join(work, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	commit(t, work, "fixtures")

	// Keep pre-commit's environments out of the user's home, but reuse the
	// Go caches so building the hook does not download anything.
	env := []string{
		"PRE_COMMIT_HOME=" + filepath.Join(t.TempDir(), "pre-commit"),
		"GOMODCACHE=" + goEnv(t, "GOMODCACHE"),
		"GOCACHE=" + goEnv(t, "GOCACHE"),
		"GOFLAGS=-buildvcs=false",
	}
	run := func(files ...string) (string, error) {
		args := append([]string{"run", "blindspot", "--verbose", "--files"}, files...)
		cmd := exec.Command("pre-commit", args...)
		cmd.Dir = work
		cmd.Env = append(os.Environ(), env...)
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	if out, err := run("good/variables.tf", "k8s/service.yaml"); err != nil {
		t.Errorf("hook failed on the clean module: %v\n%s", err, out)
	}
	out, err := run("bad/variables.tf")
	if err == nil {
		t.Errorf("hook passed on the vulnerable module:\n%s", out)
	}
	if !strings.Contains(out, "aws-kms-rotation-disabled") {
		t.Errorf("hook output does not name the finding:\n%s", out)
	}
}

// snapshot commits the checkout at root as it is, uncommitted changes and
// untracked files included (ignored ones left out), to a new repository,
// and returns the repository and the revision.
func snapshot(t *testing.T, root string) (repo, rev string) {
	t.Helper()
	out, err := exec.Command("git", "-C", root, "ls-files", "-z", "--cached", "--others", "--exclude-standard").Output()
	if err != nil {
		t.Fatalf("git ls-files: %v", err)
	}
	repo = t.TempDir()
	for _, name := range strings.Split(strings.TrimRight(string(out), "\x00"), "\x00") {
		data, err := os.ReadFile(filepath.Join(root, name))
		if os.IsNotExist(err) {
			continue // deleted in the working tree
		}
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(repo, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	commit(t, repo, "snapshot")
	head, err := exec.Command("git", "-C", repo, "rev-parse", "HEAD").Output()
	if err != nil {
		t.Fatalf("git rev-parse: %v", err)
	}
	return repo, strings.TrimSpace(string(head))
}

// commit makes a repository of dir and commits everything in it.
func commit(t *testing.T, dir, message string) {
	t.Helper()
	gitEnv := []string{"GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com"}
	mustRun(t, dir, gitEnv, "git", "init", "-q")
	mustRun(t, dir, gitEnv, "git", "add", ".")
	mustRun(t, dir, gitEnv, "git", "commit", "-qm", message)
}

// TestWorkflowsLint runs actionlint over the workflows, which also checks
// how they use this repository's action.yml.
func TestWorkflowsLint(t *testing.T) {
	t.Parallel()
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
	t.Parallel()
	tool, err := exec.LookPath("sarif-multitool")
	if err != nil {
		t.Skip("sarif-multitool is not installed (npm install -g @microsoft/sarif-multitool)")
	}
	root := repoRoot(t)
	work := t.TempDir()
	bin := filepath.Join(work, "blindspot")
	mustRun(t, root, nil, "go", "build", "-o", bin, "./cmd/blindspot")
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
