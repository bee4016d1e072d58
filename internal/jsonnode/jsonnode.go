// Package jsonnode decodes JSON documents into the yaml.Node trees yaml.v3
// builds for them, several times faster than yaml.v3's YAML 1.1 scanner.
//
// The trees are the same field for field: flow-style mappings and
// sequences, double-quoted string scalars tagged !!str, plain scalars for
// numbers, true, false and null with the tags yaml.v3 resolves for them,
// and yaml.v3's lines and columns (columns counted in characters). The
// decoder accepts only what it is sure to decode as yaml.v3 does; on
// anything else (syntax errors, escapes or characters YAML reads
// differently, keys yaml.v3 cannot take as simple keys, deep nesting) it
// declines, and the caller parses with yaml.v3, whose diagnostics then
// stay what they were.
package jsonnode

import (
	"bytes"
	"github.com/blindspot-iac/blindspot/internal/nodeslab"
	"strconv"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/blindspot-iac/blindspot/internal/nesting"
)

// MaxDepth is the deepest nesting of objects and arrays Parse accepts.
// nesting.YAML counts the line the top-level object opens on as one block
// level and every object and array as one flow level, so the documents it
// passes nest at most one level less than its limit.
const MaxDepth = nesting.MaxDepth - 1

// maxKeySpan is how far, in characters, the ':' after a key may be from
// the key's opening quote for yaml.v3 to take the key as a simple key
// (YAML's 1024-character limit on implicit keys).
const maxKeySpan = 1024

// bom is the UTF-8 byte order mark, which yaml.v3 skips at the start.
const bom = "\ufeff"

// Parse decodes data, a JSON object after an optional byte order mark and
// whitespace, into the mapping node that yaml.v3's Decoder puts in the
// document node it decodes from data. ok is false when data is not such
// a document or when yaml.v3 might read it differently; the caller then
// parses data with yaml.v3. A document Parse accepts passes nesting.YAML,
// the pre-scan yaml.v3's input goes through.
func Parse(data []byte) (root *yaml.Node, ok bool) {
	if !IsObject(data) {
		return nil, false
	}
	d := decoder{src: data, line: 1}
	d.slab = nodeslab.New(estimateNodes(data), 0)
	hasBOM := bytes.HasPrefix(data, []byte(bom))
	if hasBOM {
		d.pos = len(bom)
		d.lineStart = d.pos
	}
	if !d.space(false) || d.pos >= len(d.src) || d.src[d.pos] != '{' {
		return nil, false
	}
	root, ok = d.object()
	if !ok || !d.trailingSpace() {
		return nil, false
	}
	// After a byte order mark, nesting.YAML does not see the opening brace
	// as the start of a flow collection and counts lines differently: ask
	// it. (Without one, it counts exactly the levels above.)
	if hasBOM && nesting.YAML(data) != nil {
		return nil, false
	}
	return root, true
}

// estimateNodes guesses the nodes of a JSON document, to allocate them
// at once: a non-empty object of k entries has k colons and k-1 commas,
// an array of m elements m-1 commas, so the nodes number colons + commas
// + non-empty collections + 1. Counting the colons right after a quote
// leaves out most colons in strings ("AWS::S3::Bucket") and misses those
// after a space, which more slabs make up for.
func estimateNodes(data []byte) int {
	n := bytes.Count(data, []byte(`":`)) + bytes.Count(data, []byte(",")) +
		bytes.Count(data, []byte("{")) + bytes.Count(data, []byte("[")) + 1
	return min(n, len(data)/2+1)
}

// IsObject reports whether data starts, after an optional byte order mark
// and whitespace, with '{': whether Parse may take it.
func IsObject(data []byte) bool {
	data = bytes.TrimPrefix(data, []byte(bom))
	for _, c := range data {
		switch c {
		case ' ', '\t', '\r', '\n':
			continue
		}
		return c == '{'
	}
	return false
}

// decoder is the state of one Parse.
type decoder struct {
	// src is the document. Nothing keeps it: the tree's strings are
	// copies, so that no string in a finding pins a whole template.
	src []byte
	pos int
	// line is the current line (from 1), lineStart the offset where it
	// starts, and wide the bytes beyond the first of the line's
	// multi-byte characters read so far: the column of pos, in
	// characters as yaml.v3 counts, is pos-lineStart-wide+1.
	line, lineStart, wide int
	depth                 int
	// slab holds the tree's nodes and strings.
	slab nodeslab.Slab
	// buf holds a string's text while its escapes are decoded.
	buf []byte
}

func (d *decoder) column() int { return d.pos - d.lineStart - d.wide + 1 }

// node returns a new node at the current position.
func (d *decoder) node(kind yaml.Kind, style yaml.Style, tag, value string) *yaml.Node {
	return d.slab.Node(kind, style, tag, value, d.line, d.column())
}

// newline moves past a line break at pos: LF or CR LF (a CR alone
// declines: yaml.v3 breaks lines there, the nesting pre-scan does not).
func (d *decoder) newline() bool {
	if d.src[d.pos] == '\r' {
		if d.pos+1 >= len(d.src) || d.src[d.pos+1] != '\n' {
			return false
		}
		d.pos++
	}
	d.pos++
	d.line, d.lineStart, d.wide = d.line+1, d.pos, 0
	return true
}

// space skips JSON whitespace. Inside the top-level object yaml.v3 (in a
// flow collection) takes tabs as it does spaces (tabs true); before it, in
// YAML's block context, a tab cannot start a line (tabs false).
func (d *decoder) space(tabs bool) bool {
	for d.pos < len(d.src) {
		switch c := d.src[d.pos]; {
		case c == ' ' || c == '\t' && tabs:
			d.pos++
		case c == '\r' || c == '\n':
			if !d.newline() {
				return false
			}
		default:
			return true
		}
	}
	return true
}

// trailingSpace checks that only whitespace follows the top-level object:
// tabs only on its last line (after a flow collection ends, yaml.v3 skips
// tabs until the line does).
func (d *decoder) trailingSpace() bool {
	tabs := true
	for d.pos < len(d.src) {
		switch d.src[d.pos] {
		case ' ':
			d.pos++
		case '\t':
			if !tabs {
				return false
			}
			d.pos++
		case '\r', '\n':
			if !d.newline() {
				return false
			}
			tabs = false
		default:
			return false
		}
	}
	return true
}

// value decodes the value at pos, after whitespace.
func (d *decoder) value() (*yaml.Node, bool) {
	if d.pos >= len(d.src) {
		return nil, false
	}
	switch c := d.src[d.pos]; {
	case c == '{':
		return d.object()
	case c == '[':
		return d.array()
	case c == '"':
		n := d.node(yaml.ScalarNode, yaml.DoubleQuotedStyle, nodeslab.StrTag, "")
		s, ok := d.str()
		n.Value = s
		return n, ok
	case c == '-' || c >= '0' && c <= '9':
		return d.number()
	case c == 't':
		return d.literal("true", nodeslab.BoolTag)
	case c == 'f':
		return d.literal("false", nodeslab.BoolTag)
	case c == 'n':
		return d.literal("null", nodeslab.NullTag)
	}
	return nil, false
}

// enter counts one more level of nesting, declining beyond MaxDepth.
func (d *decoder) enter() bool {
	d.depth++
	return d.depth <= MaxDepth
}

func (d *decoder) object() (*yaml.Node, bool) {
	if !d.enter() {
		return nil, false
	}
	n := d.node(yaml.MappingNode, yaml.FlowStyle, nodeslab.MapTag, "")
	d.pos++ // {
	mark := len(d.slab.Open)
	if !d.space(true) {
		return nil, false
	}
	if d.pos < len(d.src) && d.src[d.pos] == '}' {
		d.pos++
		d.depth--
		return n, true
	}
	for {
		if d.pos >= len(d.src) || d.src[d.pos] != '"' {
			return nil, false
		}
		keyLine, keyColumn := d.line, d.column()
		key := d.node(yaml.ScalarNode, yaml.DoubleQuotedStyle, nodeslab.StrTag, "")
		s, ok := d.str()
		if !ok || !d.space(true) || d.pos >= len(d.src) || d.src[d.pos] != ':' {
			return nil, false
		}
		// yaml.v3 takes a key before ':' only on one line and within
		// 1024 characters.
		if d.line != keyLine || d.column()-keyColumn > maxKeySpan {
			return nil, false
		}
		key.Value = s
		d.pos++ // :
		if !d.space(true) {
			return nil, false
		}
		v, ok := d.value()
		if !ok || !d.space(true) || d.pos >= len(d.src) {
			return nil, false
		}
		d.slab.Open = append(d.slab.Open, key, v)
		switch d.src[d.pos] {
		case ',':
			d.pos++
			if !d.space(true) {
				return nil, false
			}
		case '}':
			d.pos++
			d.depth--
			n.Content = d.slab.Content(mark)
			return n, true
		default:
			return nil, false
		}
	}
}

func (d *decoder) array() (*yaml.Node, bool) {
	if !d.enter() {
		return nil, false
	}
	n := d.node(yaml.SequenceNode, yaml.FlowStyle, nodeslab.SeqTag, "")
	d.pos++ // [
	mark := len(d.slab.Open)
	if !d.space(true) {
		return nil, false
	}
	if d.pos < len(d.src) && d.src[d.pos] == ']' {
		d.pos++
		d.depth--
		return n, true
	}
	for {
		v, ok := d.value()
		if !ok || !d.space(true) || d.pos >= len(d.src) {
			return nil, false
		}
		d.slab.Open = append(d.slab.Open, v)
		switch d.src[d.pos] {
		case ',':
			d.pos++
			if !d.space(true) {
				return nil, false
			}
		case ']':
			d.pos++
			d.depth--
			n.Content = d.slab.Content(mark)
			return n, true
		default:
			return nil, false
		}
	}
}

// literal decodes true, false or null, which must be followed by a
// delimiter.
func (d *decoder) literal(word, tag string) (*yaml.Node, bool) {
	end := d.pos + len(word)
	if end > len(d.src) || string(d.src[d.pos:end]) != word || !delimiter(d.src, end) {
		return nil, false
	}
	n := d.node(yaml.ScalarNode, 0, tag, word)
	d.pos = end
	return n, true
}

// delimiter reports whether a number or literal may end at i: a plain
// scalar in a flow collection ends there as JSON's token does.
func delimiter(s []byte, i int) bool {
	if i >= len(s) {
		return false // the object is not closed
	}
	switch s[i] {
	case ' ', '\t', '\r', '\n', ',', ']', '}':
		return true
	}
	return false
}

// number decodes a JSON number: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func (d *decoder) number() (*yaml.Node, bool) {
	s, i := d.src, d.pos
	if s[i] == '-' {
		i++
	}
	switch {
	case i < len(s) && s[i] == '0':
		i++
	case i < len(s) && s[i] >= '1' && s[i] <= '9':
		i = digits(s, i)
	default:
		return nil, false
	}
	integer := true
	if i < len(s) && s[i] == '.' {
		j := digits(s, i+1)
		if j == i+1 {
			return nil, false
		}
		i, integer = j, false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		j := digits(s, i)
		if j == i {
			return nil, false
		}
		i, integer = j, false
	}
	if !delimiter(s, i) {
		return nil, false
	}
	text := d.slab.Intern(s[d.pos:i])
	n := d.node(yaml.ScalarNode, 0, numberTag(text, integer), text)
	d.pos = i
	return n, true
}

func digits(s []byte, i int) int {
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i
}

// numberTag is the tag yaml.v3 resolves a JSON number's text to: !!int
// when it fits 64 bits signed or unsigned, else !!float when it is a
// finite float64, else (1e400) !!str.
func numberTag(text string, integer bool) string {
	if integer {
		if len(text) <= 18 {
			return nodeslab.IntTag // fits int64 whatever its digits
		}
		if _, err := strconv.ParseInt(text, 10, 64); err == nil {
			return nodeslab.IntTag
		}
		if _, err := strconv.ParseUint(text, 10, 64); err == nil {
			return nodeslab.IntTag
		}
	}
	if _, err := strconv.ParseFloat(text, 64); err == nil {
		return nodeslab.FloatTag
	}
	return nodeslab.StrTag
}

// str decodes the string whose opening quote is at pos.
func (d *decoder) str() (string, bool) {
	s := d.src
	start := d.pos + 1
	for i := start; i < len(s); {
		c := s[i]
		switch {
		case c == '"':
			d.pos = i + 1
			return d.slab.Intern(s[start:i]), true
		case c == '\\':
			return d.escaped(start, i)
		case c < 0x20 || c == 0x7f:
			// JSON forbids control characters in strings; yaml.v3
			// rejects DEL.
			return "", false
		case c < utf8.RuneSelf:
			i++
		default:
			size, ok := d.char(i)
			if !ok {
				return "", false
			}
			i += size
		}
	}
	return "", false
}

// char checks the multi-byte character at i, which yaml.v3 must read as
// an ordinary printable character, and counts its width.
func (d *decoder) char(i int) (int, bool) {
	r, size := utf8.DecodeRune(d.src[i:])
	switch {
	case r == utf8.RuneError && size == 1:
		return 0, false
	case r < 0xa0: // C1 controls, NEL (a line break to YAML)
		return 0, false
	case r == 0x2028 || r == 0x2029: // YAML's line and paragraph separators
		return 0, false
	case r == 0xfffe || r == 0xffff: // not printable to YAML
		return 0, false
	case r == 0xfeff:
		// yaml.v3 skips a byte order mark at the start of a line, and
		// where one lies in its buffers can make it skip the character
		// starting a later line instead (FuzzJSON found this).
		return 0, false
	}
	d.wide += size - 1
	return size, true
}

// escaped decodes a string from start, at the first backslash i on.
func (d *decoder) escaped(start, i int) (string, bool) {
	s := d.src
	buf := append(d.buf[:0], s[start:i]...)
	for i < len(s) {
		c := s[i]
		switch {
		case c == '"':
			d.pos = i + 1
			d.buf = buf
			return d.slab.Intern(buf), true
		case c == '\\':
			if i+1 >= len(s) {
				return "", false
			}
			i += 2
			switch s[i-1] {
			case '"', '\\':
				buf = append(buf, s[i-1])
			case 'b':
				buf = append(buf, '\b')
			case 'f':
				buf = append(buf, '\f')
			case 'n':
				buf = append(buf, '\n')
			case 'r':
				buf = append(buf, '\r')
			case 't':
				buf = append(buf, '\t')
			case 'u':
				r, ok := hex4(s, i)
				// yaml.v3 rejects escaped surrogates, even paired.
				if !ok || r >= 0xd800 && r <= 0xdfff {
					return "", false
				}
				buf = utf8.AppendRune(buf, r)
				i += 4
			default:
				// Including \/, which YAML does not know.
				return "", false
			}
		case c < 0x20 || c == 0x7f:
			return "", false
		case c < utf8.RuneSelf:
			buf = append(buf, c)
			i++
		default:
			size, ok := d.char(i)
			if !ok {
				return "", false
			}
			buf = append(buf, s[i:i+size]...)
			i += size
		}
	}
	return "", false
}

func hex4(s []byte, i int) (rune, bool) {
	if i+4 > len(s) {
		return 0, false
	}
	var r rune
	for _, c := range s[i : i+4] {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c -= 'a' - 10
		case c >= 'A' && c <= 'F':
			c -= 'A' - 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}
