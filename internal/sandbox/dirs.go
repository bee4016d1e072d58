package sandbox

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// maxOpenDirs bounds the directories a Root keeps open.
const maxOpenDirs = 128

// dirCache keeps the directories a Root read from most recently open, as
// roots of their own, so that the files of a directory are read without
// walking the path to it again: os.Root opens and closes every directory
// on the way to a name, for each name, which for a file a few levels deep
// was four times the system calls of the read itself.
//
// A name read through a directory's root resolves inside that directory,
// and so inside the Root: whatever it finds, the Root would find by the
// full name. What fails there (a symbolic link out of the directory,
// a missing file) is tried again through the Root, which then says what
// it says. Like the Root itself, a directory kept open follows its
// directory if it is renamed while the scan runs.
type dirCache struct {
	mu    sync.Mutex
	open  map[string]*dirHandle
	clock uint64
}

// dirHandle is a directory kept open, with the reads under way in it; or,
// with a nil root, a directory that could not be opened (most often
// a .terraform directory looked for in every module), remembered so that
// its reads go to the Root at once instead of failing twice.
type dirHandle struct {
	root *os.Root
	refs int
	used uint64
	// dropped is set when the handle left the cache; the last read in
	// it closes it.
	dropped bool
}

// acquire returns the directory rel (relative to root, slash-separated)
// opened, for a read to release, or nil when it cannot be opened or is
// root itself.
func (c *dirCache) acquire(root *os.Root, rel string) *dirHandle {
	if rel == "." || rel == "" {
		return nil
	}
	c.mu.Lock()
	if h := c.use(rel); h != nil {
		c.mu.Unlock()
		return h.opened()
	}
	c.mu.Unlock()
	sub := c.openDir(root, rel)
	c.mu.Lock()
	defer c.mu.Unlock()
	if h := c.use(rel); h != nil {
		// Opened meanwhile by another read.
		if sub != nil {
			sub.Close()
		}
		return h.opened()
	}
	if c.open == nil {
		c.open = map[string]*dirHandle{}
	}
	c.clock++
	h := &dirHandle{root: sub, refs: 1, used: c.clock}
	c.open[rel] = h
	if len(c.open) > maxOpenDirs {
		c.evictOldest()
	}
	return h.opened()
}

// openDir opens the directory rel: from its parent's handle (one system
// call instead of one per element of rel), or from root when that fails
// otherwise than for a missing directory (a symbolic link out of the
// parent) or rel has no parent. It returns nil when rel cannot be opened,
// or when its parent cannot: root would have to go through it.
func (c *dirCache) openDir(root *os.Root, rel string) *os.Root {
	if i := strings.LastIndexByte(rel, '/'); i > 0 {
		parent := c.acquire(root, rel[:i])
		if parent == nil {
			return nil
		}
		sub, err := parent.root.OpenRoot(rel[i+1:])
		c.release(parent)
		switch {
		case err == nil:
			return sub
		case errors.Is(err, fs.ErrNotExist):
			return nil
		}
	}
	sub, err := root.OpenRoot(filepath.FromSlash(rel))
	if err != nil {
		return nil
	}
	return sub
}

// use returns the cached handle of rel, if any, with a read more under
// way in it; c.mu is held.
func (c *dirCache) use(rel string) *dirHandle {
	h := c.open[rel]
	if h != nil {
		c.clock++
		h.used = c.clock
		if h.root != nil {
			h.refs++
		}
	}
	return h
}

// opened is h, or nil when its directory could not be opened.
func (h *dirHandle) opened() *dirHandle {
	if h.root == nil {
		return nil
	}
	return h
}

// evictOldest drops the directory used least recently.
func (c *dirCache) evictOldest() {
	var oldest string
	var h *dirHandle
	for name, d := range c.open {
		if h == nil || d.used < h.used {
			oldest, h = name, d
		}
	}
	delete(c.open, oldest)
	h.drop()
}

// drop closes h once no read is under way in it; c.mu is held.
func (h *dirHandle) drop() {
	h.dropped = true
	if h.refs == 0 && h.root != nil {
		h.root.Close()
	}
}

// release ends a read in h.
func (c *dirCache) release(h *dirHandle) {
	c.mu.Lock()
	defer c.mu.Unlock()
	h.refs--
	if h.dropped && h.refs == 0 {
		h.root.Close()
	}
}

// close closes the directories no read is under way in, and drops the
// others, closed when their reads end.
func (c *dirCache) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for name, h := range c.open {
		delete(c.open, name)
		h.drop()
	}
}
