package parser

import (
	"sync"

	"go.yaml.in/yaml/v3"

	"github.com/blindspot-iac/blindspot/internal/sandbox"
)

// Contents keeps the content of the templates discovery read to classify
// them, for their loader to take instead of reading each file a second
// time. It holds at most a budget of bytes: what does not fit is read
// again, as without it. A Contents is safe for concurrent use.
//
// It also keeps the syntax trees classification parsed (templates that
// declare no AWSTemplateFormatVersion line are parsed to be recognised),
// so that their loader does not parse them again, within a budget of
// their source's bytes of its own: a tree takes about thirteen times its
// source.
type Contents struct {
	mu    sync.Mutex
	left  int64
	files map[string]kept
	// treesLeft is how many more bytes of source may have their tree
	// kept.
	treesLeft int64
}

// kept is a file's content, the directory of the root it was read
// through, and the root node of its document when it was parsed.
type kept struct {
	dir  string
	data []byte
	tree *yaml.Node
}

// NewContents returns a Contents that holds at most budget bytes at once,
// and the trees of at most treeBudget bytes of them.
func NewContents(budget, treeBudget int64) *Contents {
	return &Contents{left: budget, files: map[string]kept{}, treesLeft: treeBudget}
}

// Put keeps data, the content of path read through root, when it fits
// and none is kept for path; the caller no longer changes data.
func (c *Contents) Put(root *sandbox.Root, path string, data []byte) {
	c.PutTemplate(root, path, data, nil)
}

// PutTemplate is Put for a template, with tree, the root node of the
// document data holds, when classification parsed it (nil otherwise);
// the tree is kept only while the budget of trees allows, and the caller
// no longer changes it.
func (c *Contents) PutTemplate(root *sandbox.Root, path string, data []byte, tree *yaml.Node) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.files[path]; ok || int64(len(data)) > c.left {
		return
	}
	c.left -= int64(len(data))
	if tree != nil && int64(len(data)) <= c.treesLeft {
		c.treesLeft -= int64(len(data))
	} else {
		tree = nil
	}
	c.files[path] = kept{dir: root.Dir(), data: data, tree: tree}
}

// Take returns the content of path discovery read, and forgets it, when
// it was read through a root on the directory of root (so that it is what
// reading path through root gives) and holds at most limit bytes; ok is
// false otherwise, and path must be read.
func (c *Contents) Take(root *sandbox.Root, path string, limit int64) (data []byte, ok bool) {
	data, _, ok = c.TakeTemplate(root, path, limit)
	return data, ok
}

// TakeTemplate is Take for a template: it also returns the root node of
// its document when classification parsed it and it was kept (nil
// otherwise). The caller owns the tree.
func (c *Contents) TakeTemplate(root *sandbox.Root, path string, limit int64) (data []byte, tree *yaml.Node, ok bool) {
	if c == nil {
		return nil, nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	k, found := c.files[path]
	if !found {
		return nil, nil, false
	}
	delete(c.files, path)
	c.left += int64(len(k.data))
	if k.tree != nil {
		c.treesLeft += int64(len(k.data))
	}
	if k.dir != root.Dir() || int64(len(k.data)) > limit {
		return nil, nil, false
	}
	return k.data, k.tree, true
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
