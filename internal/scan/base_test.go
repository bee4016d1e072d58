package scan

import (
	"os"
	"path/filepath"
	"testing"
)

func TestFindBase(t *testing.T) {
	tmp := t.TempDir()
	repo := filepath.Join(tmp, "repo")
	for _, d := range []string{"repo/.git", "repo/infra/app", "repo/stacks", "plain/a", "plain/b", "linked/sub"} {
		if err := os.MkdirAll(filepath.Join(tmp, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	// A linked work tree or submodule has a .git file.
	if err := os.WriteFile(filepath.Join(tmp, "linked", ".git"), []byte("gitdir: ../repo/.git/worktrees/linked\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(tmp, "plain", "a", "t.yaml"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		wd    string
		paths []string
		want  string
	}{
		{"repository root", repo, nil, repo},
		{"subdirectory of a repository", filepath.Join(repo, "infra"), []string{"app"}, repo},
		{"absolute path into a repository", tmp, []string{filepath.Join(repo, "stacks")}, repo},
		{"tree", repo, []string{"./infra/..."}, repo},
		{"linked work tree", filepath.Join(tmp, "linked", "sub"), []string{"."}, filepath.Join(tmp, "linked")},
		{"outside git: the directory", tmp, []string{"plain/a"}, filepath.Join(tmp, "plain", "a")},
		{"outside git: a file's directory", tmp, []string{"plain/a/t.yaml"}, filepath.Join(tmp, "plain", "a")},
		{"outside git: common parent", tmp, []string{"plain/a", "plain/b"}, filepath.Join(tmp, "plain")},
		{"outside git: a missing path", tmp, []string{"plain/a/missing.tf"}, filepath.Join(tmp, "plain", "a")},
	}
	for _, tt := range tests {
		if got := findBase(tt.paths, tt.wd); got != tt.want {
			t.Errorf("%s: findBase(%q) from %s = %s, want %s", tt.name, tt.paths, tt.wd, got, tt.want)
		}
	}
}
