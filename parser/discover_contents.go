package parser

import (
	"sync"

	"github.com/blindspot-iac/blindspot/internal/sandbox"
)

// Contents keeps the content of the templates discovery read to classify
// them, for their loader to take instead of reading each file a second
// time. It holds at most a budget of bytes: what does not fit is read
// again, as without it. A Contents is safe for concurrent use.
type Contents struct {
	mu    sync.Mutex
	left  int64
	files map[string]kept
}

// kept is a file's content and the directory of the root it was read
// through.
type kept struct {
	dir  string
	data []byte
}

// NewContents returns a Contents that holds at most budget bytes at once.
func NewContents(budget int64) *Contents {
	return &Contents{left: budget, files: map[string]kept{}}
}

// Put keeps data, the content of path read through root, when it fits
// and none is kept for path; the caller no longer changes data.
func (c *Contents) Put(root *sandbox.Root, path string, data []byte) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.files[path]; ok || int64(len(data)) > c.left {
		return
	}
	c.left -= int64(len(data))
	c.files[path] = kept{dir: root.Dir(), data: data}
}

// Take returns the content of path discovery read, and forgets it, when
// it was read through a root on the directory of root (so that it is what
// reading path through root gives) and holds at most limit bytes; ok is
// false otherwise, and path must be read.
func (c *Contents) Take(root *sandbox.Root, path string, limit int64) (data []byte, ok bool) {
	if c == nil {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	k, found := c.files[path]
	if !found {
		return nil, false
	}
	delete(c.files, path)
	c.left += int64(len(k.data))
	if k.dir != root.Dir() || int64(len(k.data)) > limit {
		return nil, false
	}
	return k.data, true
}

// Clear forgets every content not taken.
func (c *Contents) Clear() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	clear(c.files)
	c.left = 0
}
