// Package nodeslab allocates the yaml.Node trees the exact decoders
// (internal/jsonnode, internal/yamlnode) build: nodes and content slices
// cut from slabs, and a document's repeated short strings allocated once,
// instead of one allocation each as yaml.v3 makes them.
package nodeslab

import "go.yaml.in/yaml/v3"

// Slabs start small, for the many short templates, and grow to maxSlab
// once the first guess is used up.
const (
	minSlab = 64
	maxSlab = 4096
)

// maxInterned is the longest string Intern shares.
const maxInterned = 40

// A Slab hands out the nodes, content slices and strings of one document.
type Slab struct {
	nodes []yaml.Node
	ptrs  []*yaml.Node
	// nodeSlab and ptrSlab are the sizes of the last slabs.
	nodeSlab, ptrSlab int
	// Open holds the children of the collections being decoded: a
	// decoder appends each child as it is decoded, and Content moves
	// those since a mark into their collection's content.
	Open []*yaml.Node
	// strs holds the document's short strings; strsHint sizes it.
	strs     map[string]string
	strsHint int
}

// New returns a slab for a document of about nodes nodes and strs
// distinct short strings.
func New(nodes, strs int) Slab {
	return Slab{nodes: make([]yaml.Node, nodes), ptrs: make([]*yaml.Node, nodes), strsHint: strs}
}

// grow returns the size of the next slab after one of size n.
func grow(n int) int { return min(max(2*n, minSlab), maxSlab) }

// Node returns a new node with these fields.
func (s *Slab) Node(kind yaml.Kind, style yaml.Style, tag, value string, line, column int) *yaml.Node {
	if len(s.nodes) == 0 {
		s.nodeSlab = grow(s.nodeSlab)
		s.nodes = make([]yaml.Node, s.nodeSlab)
	}
	n := &s.nodes[0]
	s.nodes = s.nodes[1:]
	n.Kind, n.Style, n.Tag, n.Value = kind, style, tag, value
	n.Line, n.Column = line, column
	return n
}

// Content moves the children opened since mark into a content slice, nil
// when there are none (as yaml.v3 leaves an empty collection's).
func (s *Slab) Content(mark int) []*yaml.Node {
	kids := s.Open[mark:]
	s.Open = s.Open[:mark]
	if len(kids) == 0 {
		return nil
	}
	if len(kids) > len(s.ptrs) {
		s.ptrSlab = grow(s.ptrSlab)
		s.ptrs = make([]*yaml.Node, max(s.ptrSlab, len(kids)))
	}
	// The full slice expression makes appends to one node's content
	// reallocate instead of overwriting its neighbour's.
	c := s.ptrs[:len(kids):len(kids)]
	s.ptrs = s.ptrs[len(kids):]
	copy(c, kids)
	clear(kids)
	return c
}

// Intern returns text as a string, the same string for the same short
// text within a document: a template repeats its keys and values (Type,
// Properties, Ref, AWS::IAM::Role) hundreds of times, and yaml.v3 would
// allocate each.
func (s *Slab) Intern(text []byte) string {
	if len(text) > maxInterned {
		return string(text)
	}
	if str, ok := s.strs[string(text)]; ok {
		return str
	}
	if s.strs == nil {
		s.strs = make(map[string]string, s.strsHint)
	}
	str := string(text)
	s.strs[str] = str
	return str
}
