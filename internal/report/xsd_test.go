package report

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// This file validates XML against an XML Schema (XSD 1.0) for the tests.
// It implements the part of XSD the published JUnit schema uses — global
// and local elements (by name, type or ref), named and anonymous complex
// types (mixed or not) with sequence and choice groups and minOccurs /
// maxOccurs, attributes (optional or required), xs:string and simple
// types restricting it by pattern — and rejects a schema using anything
// else, so that a construct it does not know cannot pass unchecked.

const xsdNS = "http://www.w3.org/2001/XMLSchema"

// xsdNode is a parsed element of the schema document.
type xsdNode struct {
	XMLName  xml.Name
	Attrs    []xml.Attr `xml:",any,attr"`
	Children []xsdNode  `xml:",any"`
}

func (n *xsdNode) attr(name string) (string, bool) {
	for _, a := range n.Attrs {
		if a.Name.Space == "" && a.Name.Local == name {
			return a.Value, true
		}
	}
	return "", false
}

// xsdSchema is a compiled schema.
type xsdSchema struct {
	elements    map[string]*xsdElement
	types       map[string]*xsdComplex
	simpleTypes map[string]*regexp.Regexp // nil pattern: any string
	// pending are element references and type names resolved once every
	// global declaration is read.
	pending []func() error
}

type xsdElement struct {
	name string
	// Exactly one of complex and simple is set once resolved; simple is
	// nil for xs:string without a pattern.
	complex  *xsdComplex
	simple   *regexp.Regexp
	isSimple bool
}

type xsdComplex struct {
	mixed   bool
	content *xsdParticle // nil: no child elements
	attrs   []xsdAttribute
}

type xsdAttribute struct {
	name     string
	pattern  *regexp.Regexp
	required bool
}

// xsdParticle is an element or a group (sequence or choice) with its
// occurrence bounds; max < 0 is unbounded.
type xsdParticle struct {
	kind     string // "element", "sequence" or "choice"
	elem     *xsdElement
	children []*xsdParticle
	min, max int
}

func compileXSD(data []byte) (*xsdSchema, error) {
	var root xsdNode
	if err := xml.Unmarshal(data, &root); err != nil {
		return nil, fmt.Errorf("parsing the schema: %w", err)
	}
	if root.XMLName.Space != xsdNS || root.XMLName.Local != "schema" {
		return nil, fmt.Errorf("not an XML Schema: %v", root.XMLName)
	}
	s := &xsdSchema{elements: map[string]*xsdElement{}, types: map[string]*xsdComplex{}, simpleTypes: map[string]*regexp.Regexp{}}
	for i := range root.Children {
		n := &root.Children[i]
		if err := s.checkNS(n); err != nil {
			return nil, err
		}
		name, _ := n.attr("name")
		switch n.XMLName.Local {
		case "element":
			e, err := s.element(n)
			if err != nil {
				return nil, err
			}
			s.elements[name] = e
		case "complexType":
			t, err := s.complexType(n)
			if err != nil {
				return nil, err
			}
			s.types[name] = t
		case "simpleType":
			p, err := s.simpleType(n)
			if err != nil {
				return nil, err
			}
			s.simpleTypes[name] = p
		default:
			return nil, fmt.Errorf("unsupported top-level xs:%s", n.XMLName.Local)
		}
	}
	for _, resolve := range s.pending {
		if err := resolve(); err != nil {
			return nil, err
		}
	}
	return s, nil
}

func (s *xsdSchema) checkNS(n *xsdNode) error {
	if n.XMLName.Space != xsdNS {
		return fmt.Errorf("unexpected element %v in the schema", n.XMLName)
	}
	return nil
}

// checkAttrs rejects attributes of a schema element outside allowed.
func checkAttrs(n *xsdNode, allowed ...string) error {
	for _, a := range n.Attrs {
		if a.Name.Space != "" {
			continue
		}
		ok := false
		for _, name := range allowed {
			ok = ok || a.Name.Local == name
		}
		if !ok {
			return fmt.Errorf("unsupported attribute %s on xs:%s", a.Name.Local, n.XMLName.Local)
		}
	}
	return nil
}

func (s *xsdSchema) simpleType(n *xsdNode) (*regexp.Regexp, error) {
	if err := checkAttrs(n, "name"); err != nil {
		return nil, err
	}
	if len(n.Children) != 1 || n.Children[0].XMLName.Local != "restriction" {
		return nil, fmt.Errorf("simple type: only a restriction is supported")
	}
	r := &n.Children[0]
	if base, _ := r.attr("base"); base != "xs:string" {
		return nil, fmt.Errorf("simple type: restriction of %q is not supported", base)
	}
	var patterns []string
	for i := range r.Children {
		f := &r.Children[i]
		if f.XMLName.Local != "pattern" {
			return nil, fmt.Errorf("simple type: facet xs:%s is not supported", f.XMLName.Local)
		}
		v, _ := f.attr("value")
		patterns = append(patterns, v)
	}
	if len(patterns) == 0 {
		return nil, nil
	}
	// Patterns of one step are alternatives; XSD patterns match the
	// whole value.
	return regexp.Compile("^(?:" + strings.Join(patterns, "|") + ")$")
}

// simpleByName resolves a simple type reference; ok is false for a name
// that is not a simple type.
func (s *xsdSchema) simpleByName(name string) (*regexp.Regexp, bool) {
	if name == "xs:string" {
		return nil, true
	}
	p, ok := s.simpleTypes[name]
	return p, ok
}

func (s *xsdSchema) element(n *xsdNode) (*xsdElement, error) {
	if err := checkAttrs(n, "name", "type", "ref", "minOccurs", "maxOccurs"); err != nil {
		return nil, err
	}
	name, _ := n.attr("name")
	e := &xsdElement{name: name}
	typ, hasType := n.attr("type")
	switch {
	case hasType:
		if len(n.Children) > 0 {
			return nil, fmt.Errorf("element %s: both a type and a definition", name)
		}
		s.pending = append(s.pending, func() error {
			if p, ok := s.simpleByName(typ); ok {
				e.simple, e.isSimple = p, true
				return nil
			}
			t, ok := s.types[typ]
			if !ok {
				return fmt.Errorf("element %s: unknown type %s", name, typ)
			}
			e.complex = t
			return nil
		})
	case len(n.Children) == 1 && n.Children[0].XMLName.Local == "complexType":
		t, err := s.complexType(&n.Children[0])
		if err != nil {
			return nil, fmt.Errorf("element %s: %w", name, err)
		}
		e.complex = t
	default:
		return nil, fmt.Errorf("element %s: unsupported definition", name)
	}
	return e, nil
}

func (s *xsdSchema) complexType(n *xsdNode) (*xsdComplex, error) {
	if err := checkAttrs(n, "name", "mixed"); err != nil {
		return nil, err
	}
	t := &xsdComplex{}
	if m, ok := n.attr("mixed"); ok {
		t.mixed = m == "true"
	}
	for i := range n.Children {
		c := &n.Children[i]
		if err := s.checkNS(c); err != nil {
			return nil, err
		}
		switch c.XMLName.Local {
		case "sequence", "choice":
			if t.content != nil {
				return nil, fmt.Errorf("complex type with two content groups")
			}
			p, err := s.particle(c)
			if err != nil {
				return nil, err
			}
			t.content = p
		case "attribute":
			a, err := s.attribute(c)
			if err != nil {
				return nil, err
			}
			t.attrs = append(t.attrs, a)
		default:
			return nil, fmt.Errorf("unsupported xs:%s in a complex type", c.XMLName.Local)
		}
	}
	return t, nil
}

func (s *xsdSchema) attribute(n *xsdNode) (xsdAttribute, error) {
	if err := checkAttrs(n, "name", "type", "use"); err != nil {
		return xsdAttribute{}, err
	}
	name, _ := n.attr("name")
	typ, _ := n.attr("type")
	use, _ := n.attr("use")
	if use != "" && use != "required" && use != "optional" {
		return xsdAttribute{}, fmt.Errorf("attribute %s: use=%q is not supported", name, use)
	}
	a := xsdAttribute{name: name, required: use == "required"}
	p, ok := s.simpleByName(typ)
	if !ok {
		return xsdAttribute{}, fmt.Errorf("attribute %s: unknown simple type %q", name, typ)
	}
	a.pattern = p
	return a, nil
}

func occurs(n *xsdNode) (min, max int, err error) {
	min, max = 1, 1
	if v, ok := n.attr("minOccurs"); ok {
		if min, err = strconv.Atoi(v); err != nil {
			return 0, 0, fmt.Errorf("minOccurs %q: %w", v, err)
		}
	}
	if v, ok := n.attr("maxOccurs"); ok {
		if v == "unbounded" {
			max = -1
		} else if max, err = strconv.Atoi(v); err != nil {
			return 0, 0, fmt.Errorf("maxOccurs %q: %w", v, err)
		}
	}
	return min, max, nil
}

func (s *xsdSchema) particle(n *xsdNode) (*xsdParticle, error) {
	min, max, err := occurs(n)
	if err != nil {
		return nil, err
	}
	p := &xsdParticle{kind: n.XMLName.Local, min: min, max: max}
	switch p.kind {
	case "element":
		if ref, ok := n.attr("ref"); ok {
			if err := checkAttrs(n, "ref", "minOccurs", "maxOccurs"); err != nil {
				return nil, err
			}
			s.pending = append(s.pending, func() error {
				e, ok := s.elements[ref]
				if !ok {
					return fmt.Errorf("reference to undeclared element %s", ref)
				}
				p.elem = e
				return nil
			})
			return p, nil
		}
		e, err := s.element(n)
		if err != nil {
			return nil, err
		}
		p.elem = e
	case "sequence", "choice":
		if err := checkAttrs(n, "minOccurs", "maxOccurs"); err != nil {
			return nil, err
		}
		for i := range n.Children {
			c := &n.Children[i]
			if err := s.checkNS(c); err != nil {
				return nil, err
			}
			cp, err := s.particle(c)
			if err != nil {
				return nil, err
			}
			p.children = append(p.children, cp)
		}
	default:
		return nil, fmt.Errorf("unsupported particle xs:%s", p.kind)
	}
	return p, nil
}

// instance is a parsed element of the document validated.
type instance struct {
	name     string
	attrs    []xml.Attr
	children []*instance
	text     strings.Builder
	line     int
}

func parseInstance(data []byte) (*instance, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	var stack []*instance
	var root *instance
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		line, _ := dec.InputPos()
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Space != "" {
				return nil, fmt.Errorf("line %d: element %s in namespace %s", line, t.Name.Local, t.Name.Space)
			}
			e := &instance{name: t.Name.Local, attrs: t.Attr, line: line}
			if len(stack) == 0 {
				if root != nil {
					return nil, fmt.Errorf("line %d: second root element", line)
				}
				root = e
			} else {
				parent := stack[len(stack)-1]
				parent.children = append(parent.children, e)
			}
			stack = append(stack, e)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].text.Write(t)
			}
		}
	}
	if root == nil {
		return nil, fmt.Errorf("no root element")
	}
	return root, nil
}

// validate checks an XML document against the schema; the root must be a
// global element.
func (s *xsdSchema) validate(data []byte) error {
	doc, err := parseInstance(data)
	if err != nil {
		return fmt.Errorf("parsing: %w", err)
	}
	decl, ok := s.elements[doc.name]
	if !ok {
		return fmt.Errorf("line %d: root element %s is not declared", doc.line, doc.name)
	}
	return s.validateElement(doc, decl)
}

func (s *xsdSchema) validateElement(e *instance, decl *xsdElement) error {
	if decl.isSimple {
		if len(e.children) > 0 || len(e.attrs) > 0 {
			return fmt.Errorf("line %d: %s has a simple type: no attributes or child elements", e.line, e.name)
		}
		if decl.simple != nil && !decl.simple.MatchString(e.text.String()) {
			return fmt.Errorf("line %d: %s: %q does not match %s", e.line, e.name, e.text.String(), decl.simple)
		}
		return nil
	}
	t := decl.complex
	seen := map[string]bool{}
	for _, a := range e.attrs {
		if a.Name.Space == "xmlns" || a.Name.Local == "xmlns" {
			continue
		}
		var ad *xsdAttribute
		for i := range t.attrs {
			if t.attrs[i].name == a.Name.Local && a.Name.Space == "" {
				ad = &t.attrs[i]
			}
		}
		if ad == nil {
			return fmt.Errorf("line %d: %s: attribute %s is not allowed", e.line, e.name, a.Name.Local)
		}
		if ad.pattern != nil && !ad.pattern.MatchString(a.Value) {
			return fmt.Errorf("line %d: %s: attribute %s=%q does not match %s", e.line, e.name, a.Name.Local, a.Value, ad.pattern)
		}
		seen[a.Name.Local] = true
	}
	for _, ad := range t.attrs {
		if ad.required && !seen[ad.name] {
			return fmt.Errorf("line %d: %s: required attribute %s is missing", e.line, e.name, ad.name)
		}
	}
	if !t.mixed && strings.TrimSpace(e.text.String()) != "" {
		return fmt.Errorf("line %d: %s may not hold text", e.line, e.name)
	}
	var names []string
	for _, c := range e.children {
		names = append(names, c.name)
	}
	// decls[i] is the declaration the content model matched child i to.
	decls := make([]*xsdElement, len(names))
	if t.content == nil {
		if len(names) > 0 {
			return fmt.Errorf("line %d: %s may not have child elements", e.line, e.name)
		}
	} else if !matchAll(t.content, e.children, decls) {
		return fmt.Errorf("line %d: the children of %s (%s) do not match its content model", e.line, e.name, strings.Join(names, ", "))
	}
	for i, c := range e.children {
		if err := s.validateElement(c, decls[i]); err != nil {
			return err
		}
	}
	return nil
}

// matchAll reports whether the particle matches all the children, and
// records which declaration each child matched.
func matchAll(p *xsdParticle, children []*instance, decls []*xsdElement) bool {
	for _, end := range match(p, children, 0, decls) {
		if end == len(children) {
			// decls holds the last declaration matched for each child.
			// XSD requires elements of one name in a content model to
			// have one type (Element Declarations Consistent), so any
			// match is the right one.
			return true
		}
	}
	return false
}

// match returns the positions the particle can end at when it starts at
// pos, recording the declaration each consumed child matched.
func match(p *xsdParticle, children []*instance, pos int, decls []*xsdElement) []int {
	once := func(start int) []int {
		switch p.kind {
		case "element":
			if start < len(children) && children[start].name == p.elem.name {
				decls[start] = p.elem
				return []int{start + 1}
			}
			return nil
		case "sequence":
			ends := []int{start}
			for _, c := range p.children {
				var next []int
				for _, e := range ends {
					next = appendUnique(next, match(c, children, e, decls)...)
				}
				ends = next
			}
			return ends
		default: // choice
			var ends []int
			for _, c := range p.children {
				ends = appendUnique(ends, match(c, children, start, decls)...)
			}
			return ends
		}
	}
	// Repeat the particle min..max times, breadth first over positions.
	// Past min, an iteration must reach a position not reached before,
	// so the loop ends.
	var result []int
	frontier := []int{pos}
	for n := 0; ; n++ {
		if n >= p.min {
			result = appendUnique(result, frontier...)
		}
		if len(frontier) == 0 || (p.max >= 0 && n >= p.max) {
			return result
		}
		var next []int
		for _, at := range frontier {
			for _, end := range once(at) {
				if n >= p.min && slices.Contains(result, end) {
					continue
				}
				next = appendUnique(next, end)
			}
		}
		frontier = next
	}
}

func appendUnique(list []int, vs ...int) []int {
	for _, v := range vs {
		found := false
		for _, x := range list {
			found = found || x == v
		}
		if !found {
			list = append(list, v)
		}
	}
	return list
}
