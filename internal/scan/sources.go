package scan

import (
	"fmt"
	"sync"

	"github.com/blindspot-iac/blindspot/internal/sandbox"
)

// sources reads the files of a scan again once it has evaluated them (for
// suppression comments and columns) through the scan's roots, as
// readSource does, but opens each root once, on first use, instead of for
// every file: a root keeps the directories it read from open, so the
// files of one directory are read one after another without walking the
// path to it each time.
type sources struct {
	dirs []string

	mu     sync.Mutex
	roots  []*sandbox.Root
	opened []bool
}

func newSources(dirs []string) *sources {
	return &sources{dirs: dirs, roots: make([]*sandbox.Root, len(dirs)), opened: make([]bool, len(dirs))}
}

// read reads path through the first of the roots that holds it.
func (s *sources) read(path string) ([]byte, error) {
	for i := range s.dirs {
		root := s.root(i)
		if root == nil {
			continue
		}
		if _, err := root.Rel(path); err != nil {
			continue
		}
		return root.ReadFile(path, maxSourceSize)
	}
	return nil, fmt.Errorf("%s: %w", path, sandbox.ErrOutside)
}

// readsThrough reports whether read(path) reads through a root on the
// directory of root, and so reads what a read of path through root read:
// only then is what root read the same as what read would.
func (s *sources) readsThrough(root *sandbox.Root, path string) bool {
	for i := range s.dirs {
		r := s.root(i)
		if r == nil {
			continue
		}
		if _, err := r.Rel(path); err != nil {
			continue
		}
		return r.Dir() == root.Dir()
	}
	return false
}

// root is the i-th root, opened on first use; nil when it cannot be
// opened.
func (s *sources) root(i int) *sandbox.Root {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.opened[i] {
		s.opened[i] = true
		if r, err := sandbox.Open(s.dirs[i]); err == nil {
			s.roots[i] = r
		}
	}
	return s.roots[i]
}

// close releases the roots opened.
func (s *sources) close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, r := range s.roots {
		if r != nil {
			r.Close()
			s.roots[i] = nil
		}
	}
}
