//go:build slow

// The tests of this file drive the real pre-commit, which builds the
// hook: minutes on two cores. .ci/run runs them with -tags slow.

package integration

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// The hook is built once for every test of this file: the checkout, with
// its uncommitted changes, is committed to a snapshot repository that the
// tests name at one revision, with one pre-commit store. (pre-commit
// try-repo builds the hook for each run when the checkout has changes.)
// The tests run in parallel; the first to need the hook builds it.
var (
	hookOnce                   sync.Once
	hookRepo, hookRev, hookDir string
	hookErr                    error
)

// runHook runs the blindspot hook of this checkout with pre-commit on
// files of the git repository work.
func runHook(t *testing.T, work string, files ...string) (string, error) {
	t.Helper()
	hookOnce.Do(func() {
		hookRepo, hookRev, hookErr = snapshot(repoRoot(t))
		if hookErr == nil {
			hookDir, hookErr = os.MkdirTemp(shared, "pre-commit")
		}
	})
	if hookErr != nil {
		t.Fatal(hookErr)
	}
	config := filepath.Join(t.TempDir(), "pre-commit-config.yaml")
	content := "repos:\n  - repo: " + hookRepo + "\n    rev: " + hookRev + "\n    hooks:\n      - id: blindspot\n"
	if err := os.WriteFile(config, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	args := append([]string{"run", "blindspot", "--config", config, "--verbose", "--files"}, files...)
	cmd := exec.Command("pre-commit", args...)
	cmd.Dir = work
	// Keep pre-commit's environments out of the user's home, but reuse the
	// Go caches so building the hook does not download anything.
	cmd.Env = append(os.Environ(),
		"PRE_COMMIT_HOME="+hookDir,
		"GOMODCACHE="+goEnv(t, "GOMODCACHE"),
		"GOCACHE="+goEnv(t, "GOCACHE"),
		"GOFLAGS=-buildvcs=false")
	out, err := cmd.CombinedOutput()
	return string(out), err
}

func goEnv(t *testing.T, name string) string {
	t.Helper()
	out, err := exec.Command("go", "env", name).Output()
	if err != nil {
		t.Fatalf("go env %s: %v", name, err)
	}
	return strings.TrimSpace(string(out))
}

// snapshot commits the checkout at root as it is, uncommitted changes and
// untracked files included (ignored ones left out), to a new repository,
// and returns the repository and the revision.
func snapshot(root string) (repo, rev string, err error) {
	out, err := exec.Command("git", "-C", root, "ls-files", "-z", "--cached", "--others", "--exclude-standard").Output()
	if err != nil {
		return "", "", fmt.Errorf("git ls-files: %w", err)
	}
	if repo, err = os.MkdirTemp(shared, "snapshot"); err != nil {
		return "", "", err
	}
	for _, name := range strings.Split(strings.TrimRight(string(out), "\x00"), "\x00") {
		src := filepath.Join(root, name)
		info, err := os.Lstat(src)
		if os.IsNotExist(err) {
			continue // deleted in the working tree
		}
		if err != nil {
			return "", "", err
		}
		if !info.Mode().IsRegular() {
			continue
		}
		data, err := os.ReadFile(src)
		if err != nil {
			return "", "", err
		}
		dst := filepath.Join(repo, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return "", "", err
		}
		if err := os.WriteFile(dst, data, info.Mode().Perm()); err != nil {
			return "", "", err
		}
	}
	env := append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com")
	for _, args := range [][]string{{"init", "-q"}, {"add", "."}, {"commit", "-qm", "snapshot"}} {
		cmd := exec.Command("git", args...)
		cmd.Dir, cmd.Env = repo, env
		if out, err := cmd.CombinedOutput(); err != nil {
			return "", "", fmt.Errorf("git %v: %v\n%s", args, err, out)
		}
	}
	head, err := exec.Command("git", "-C", repo, "rev-parse", "HEAD").Output()
	if err != nil {
		return "", "", fmt.Errorf("git rev-parse: %w", err)
	}
	return repo, strings.TrimSpace(string(head)), nil
}

// TestPreCommitSeesWhatAFullScanSees drives the hook with the real
// pre-commit (Debian package pre-commit) on the files a commit would
// change: an excluded file is left out, and a change to a tfvars file the
// configuration names, or to the configuration itself, scans the modules
// it affects, with the configuration's inputs. It skips when pre-commit is
// not installed.
func TestPreCommitSeesWhatAFullScanSees(t *testing.T) {
	t.Parallel()
	if _, err := exec.LookPath("pre-commit"); err != nil {
		t.Skip("pre-commit is not installed (apt-get install pre-commit)")
	}
	work := t.TempDir()
	files := map[string]string{
		".blindspot.yaml": "exclude:\n  - legacy/**\nterraform:\n  var_files: [env/prod.tfvars]\n",
		"app/main.tf":     "resource \"aws_kms_key\" \"k\" {\n  description         = \"app\"\n  enable_key_rotation = var.rotate\n}\n",
		// Rotation is on by default; the production inputs turn it off.
		"app/variables.tf": "variable \"rotate\" {\n  default = true\n}\n",
		"env/prod.tfvars":  "rotate = false\n",
		"legacy/main.tf":   "resource \"aws_kms_key\" \"old\" {\n  description         = \"old\"\n  enable_key_rotation = false\n}\n",
		"docs/notes.md":    "not scanned\n",
	}
	for name, content := range files {
		p := filepath.Join(work, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	gitEnv := []string{"GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com"}
	mustRun(t, work, gitEnv, "git", "init", "-q")
	mustRun(t, work, gitEnv, "git", "add", ".")
	mustRun(t, work, gitEnv, "git", "commit", "-qm", "fixtures")

	// A full scan, for reference: the app module fails with the
	// production inputs; legacy is excluded.
	bin := blindspotBinary(t)
	full := exec.Command(bin, "scan", ".")
	full.Dir = work
	out, err := full.CombinedOutput()
	// The configuration lies inside the scanned tree, so what it excludes
	// is reported (a warning naming the glob), never scanned.
	if err == nil || !strings.Contains(string(out), "app/main.tf:3:") || strings.Contains(string(out), "legacy/main.tf:") || !strings.Contains(string(out), "excluded-by-config") {
		t.Fatalf("full scan: %v\n%s", err, out)
	}

	hook := func(files ...string) (string, error) { return runHook(t, work, files...) }
	tests := []struct {
		name  string
		files []string
		fails bool
	}{
		{"an excluded file is left out", []string{"legacy/main.tf", "docs/notes.md"}, false},
		{"a tfvars file the configuration names scans what reads it", []string{"env/prod.tfvars"}, true},
		{"the configuration scans the tree", []string{".blindspot.yaml"}, true},
		{"a module file scans its module with the configured inputs", []string{"app/variables.tf"}, true},
	}
	for _, tt := range tests {
		out, err := hook(tt.files...)
		if failed := err != nil; failed != tt.fails {
			t.Errorf("%s: hook failed=%v, want %v:\n%s", tt.name, failed, tt.fails, out)
			continue
		}
		if tt.fails && !strings.Contains(out, "app/main.tf:3:") {
			t.Errorf("%s: the finding of the full scan is missing:\n%s", tt.name, out)
		}
		if strings.Contains(out, "legacy/main.tf:") {
			t.Errorf("%s: the excluded module was scanned:\n%s", tt.name, out)
		}
	}
}

// TestPreCommitHook installs the hook from this checkout with pre-commit
// and runs it on a clean and on a vulnerable Terraform module. Passing one
// file of a module must evaluate the whole module.
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
		// The repository's custom policy applies to what the hook scans;
		// its fixture, bad on purpose, is never scanned.
		".blindspot/policies/owner.yaml":                     ownerPolicy,
		".blindspot/policies/testdata/acme-owner-tag/bad.tf": "resource \"aws_sns_topic\" \"t\" {}\n",
		"untagged/main.tf":                                   "resource \"aws_sns_topic\" \"t\" {\n  name = \"events\"\n}\n",
	}
	for name, content := range files {
		p := filepath.Join(work, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	gitEnv := []string{"GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com"}
	mustRun(t, work, gitEnv, "git", "init", "-q")
	mustRun(t, work, gitEnv, "git", "add", ".")
	mustRun(t, work, gitEnv, "git", "commit", "-qm", "fixtures")

	hook := func(files ...string) (string, error) { return runHook(t, work, files...) }
	if out, err := hook("good/variables.tf", "k8s/service.yaml"); err != nil {
		t.Errorf("hook failed on the clean module: %v\n%s", err, out)
	}
	// The vulnerable module, a module the repository's own policy fails,
	// and a policy fixture, which the hook must not scan.
	out, err := hook("bad/variables.tf", "untagged/main.tf", ".blindspot/policies/testdata/acme-owner-tag/bad.tf")
	if err == nil {
		t.Errorf("hook passed on the vulnerable module:\n%s", out)
	}
	if !strings.Contains(out, "aws-kms-rotation-disabled") {
		t.Errorf("hook output does not name the finding:\n%s", out)
	}
	if !strings.Contains(out, "untagged/main.tf") || !strings.Contains(out, "acme-owner-tag") {
		t.Errorf("hook did not apply the repository's policy:\n%s", out)
	}
	if strings.Contains(out, "testdata/acme-owner-tag") {
		t.Errorf("hook scanned a policy fixture:\n%s", out)
	}
}

// ownerPolicy is a custom policy the hook test's repository keeps.
const ownerPolicy = `id: acme-owner-tag
title: Topics carry an owner tag
severity: medium
description: Every topic names its owner.
match: [aws_sns_topic]
condition: '!("owner" in resource.tags)'
`
