package scan

import (
	"os"
	"path/filepath"
	"strings"
)

// findBase is the directory report paths, fingerprints and baseline entries
// are relative to when the user names none: the root of the git work tree
// the scanned paths lie in, or else the directory scanned (the deepest
// directory holding every scanned path). Paths are relative to the working
// directory, which must be absolute.
func findBase(paths []string, wd string) string {
	if len(paths) == 0 {
		paths = []string{"."}
	}
	common := ""
	for i, p := range paths {
		// "dir/..." is dir, as in discovery.
		if trimmed, ok := strings.CutSuffix(filepath.ToSlash(p), "/..."); ok {
			p = filepath.FromSlash(trimmed)
			if p == "" {
				p = "/"
			}
		} else if p == "..." {
			p = "."
		}
		if !filepath.IsAbs(p) {
			p = filepath.Join(wd, p)
		}
		p = filepath.Clean(p)
		if info, err := os.Stat(p); err != nil || !info.IsDir() {
			p = filepath.Dir(p)
		}
		if i == 0 {
			common = p
			continue
		}
		common = commonDir(common, p)
	}
	if root, ok := gitWorkTree(common); ok {
		return root
	}
	return common
}

// commonDir is the deepest directory holding both absolute directories.
func commonDir(a, b string) string {
	for {
		if rel, err := filepath.Rel(a, b); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return a
		}
		parent := filepath.Dir(a)
		if parent == a {
			return a
		}
		a = parent
	}
}

// gitWorkTree returns the root of the git work tree dir lies in: the
// nearest directory at or above it holding .git (a directory, or the file
// of a linked work tree or submodule).
func gitWorkTree(dir string) (string, bool) {
	for {
		if _, err := os.Lstat(filepath.Join(dir, ".git")); err == nil {
			return dir, true
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false
		}
		dir = parent
	}
}
