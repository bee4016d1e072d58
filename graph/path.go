package graph

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// RelPath is file as reports, fingerprints and baselines show it: relative
// to the directory base, with forward slashes, whatever directory the scan
// was started from and however the path was given. A relative file is
// relative to the working directory, as the operating system reads it.
// A file outside base named by a relative path stays relative, with "..";
// one named by an absolute path stays absolute, so that reports hold no
// absolute path the user did not write. With base "" the path is shown as
// given.
//
// It asks the operating system for the working directory; a report that
// shows many paths uses one PathBase instead.
func RelPath(base, file string) string {
	return pathBase(base).rel(file)
}

// PathBase shows paths relative to one base directory, as RelPath does,
// with the working directory and the base's absolute path looked up once,
// and each file's answer remembered: a report names the same files
// thousands of times. It is safe for concurrent use.
type PathBase struct {
	base string
	// wd is the working directory; wdErr is set when it could not be
	// read.
	wd    string
	wdErr bool
	// absBase is base as an absolute path; absErr is set when it could
	// not be made absolute.
	absBase string
	absErr  bool
	// seen remembers Rel's answers; nil in the zero PathBase.
	seen *relMemo
}

// relMemo maps files to their paths relative to the base.
type relMemo struct {
	mu  sync.Mutex
	rel map[string]string
}

// NewPathBase returns the PathBase of base ("" shows paths as given).
func NewPathBase(base string) PathBase {
	b := pathBase(base)
	if base != "" {
		b.seen = &relMemo{rel: map[string]string{}}
	}
	return b
}

// pathBase is NewPathBase without the memory of answers.
func pathBase(base string) PathBase {
	b := PathBase{base: base}
	if base == "" {
		return b
	}
	wd, err := os.Getwd()
	b.wd, b.wdErr = wd, err != nil
	abs, ok := b.abs(base)
	b.absBase, b.absErr = abs, !ok
	return b
}

// abs is filepath.Abs with the working directory read once.
func (b PathBase) abs(p string) (string, bool) {
	if filepath.IsAbs(p) {
		return filepath.Clean(p), true
	}
	if b.wdErr {
		return "", false
	}
	return filepath.Join(b.wd, p), true
}

// Rel is RelPath(base, file).
func (b PathBase) Rel(file string) string {
	if file == "" || b.base == "" {
		return filepath.ToSlash(file)
	}
	if b.seen == nil {
		return b.rel(file)
	}
	b.seen.mu.Lock()
	defer b.seen.mu.Unlock()
	rel, ok := b.seen.rel[file]
	if !ok {
		rel = b.rel(file)
		b.seen.rel[file] = rel
	}
	return rel
}

func (b PathBase) rel(file string) string {
	if file == "" || b.base == "" {
		return filepath.ToSlash(file)
	}
	abs, ok := b.abs(file)
	if !ok {
		return filepath.ToSlash(file)
	}
	if b.absErr {
		return filepath.ToSlash(abs)
	}
	rel, err := filepath.Rel(b.absBase, abs)
	if err != nil {
		return filepath.ToSlash(abs)
	}
	outside := rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator))
	if outside && filepath.IsAbs(file) {
		return filepath.ToSlash(abs)
	}
	return filepath.ToSlash(rel)
}
