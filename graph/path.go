package graph

import (
	"path/filepath"
	"strings"
)

// RelPath is file as reports, fingerprints and baselines show it: relative
// to the directory base, with forward slashes, whatever directory the scan
// was started from and however the path was given. A relative file is
// relative to the working directory, as the operating system reads it.
// A file outside base named by a relative path stays relative, with "..";
// one named by an absolute path stays absolute, so that reports hold no
// absolute path the user did not write. With base "" the path is shown as
// given.
func RelPath(base, file string) string {
	if file == "" || base == "" {
		return filepath.ToSlash(file)
	}
	abs, err := filepath.Abs(file)
	if err != nil {
		return filepath.ToSlash(file)
	}
	absBase, err := filepath.Abs(base)
	if err != nil {
		return filepath.ToSlash(abs)
	}
	rel, err := filepath.Rel(absBase, abs)
	if err != nil {
		return filepath.ToSlash(abs)
	}
	outside := rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator))
	if outside && filepath.IsAbs(file) {
		return filepath.ToSlash(abs)
	}
	return filepath.ToSlash(rel)
}
