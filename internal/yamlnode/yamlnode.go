// Package yamlnode decodes the block-style YAML CloudFormation templates
// are written in into the yaml.Node trees yaml.v3 builds for them,
// several times faster than yaml.v3's general YAML 1.1 scanner.
//
// The trees are the same field for field, but for comments: block
// mappings and sequences (compact and indentless ones too), flow
// collections, plain scalars with the tags yaml.v3 resolves for them,
// single- and double-quoted scalars, literal and folded block scalars,
// scalars and flow collections over several lines, local tags such as
// !Ref and !Sub with the Tag and Style yaml.v3 gives them, and yaml.v3's
// lines and columns (columns counted in characters). HeadComment,
// LineComment and FootComment are left empty: nothing in blindspot reads
// them (keep it so, or fill them in here first). The decoder accepts only
// what it is sure to decode as yaml.v3 does; on anything else (anchors,
// aliases and merge keys, explicit keys, directives, several documents,
// tags other than local ones, single-pair mappings in flow sequences,
// tabs, a byte order mark, characters YAML treats as line breaks or
// forbids, deep nesting, syntax errors) it declines, and the caller
// parses with yaml.v3, whose diagnostics then stay what they were.
package yamlnode

import (
	"github.com/blindspot-iac/blindspot/internal/nodeslab"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/blindspot-iac/blindspot/internal/nesting"
)

// MaxDepth is the deepest nesting of collections Parse accepts. The
// nesting pre-scan counts a line's indentation and each "- " on it as
// levels, which a document of MaxDepth collections never exceeds at half
// its limit.
const MaxDepth = nesting.MaxDepth / 2

// maxKeySpan bounds, in characters, how far the ':' after a key may be
// from the key's start: yaml.v3 takes a simple key only within 1024
// characters; Parse declines well before the edge.
const maxKeySpan = 1000

// Parse decodes data, a YAML document whose root is a block mapping, into
// the node yaml.v3's Decoder puts in the document node it decodes from
// data. ok is false when data is not such a document or when yaml.v3
// might read it differently; the caller then parses data with yaml.v3. A
// document Parse accepts passes nesting.YAML, the pre-scan yaml.v3's input
// goes through.
func Parse(data []byte) (root *yaml.Node, ok bool) {
	nodes, mayNest, ok := plainText(data)
	if !ok {
		return nil, false
	}
	d := decoder{src: data, line: 1}
	// Commas and colons in text could make the guess far too large:
	// past maxGuess, slabs follow as needed.
	nodes = min(nodes, maxGuess)
	// A guess at the distinct short strings, to grow their map less.
	d.slab = nodeslab.New(nodes, len(data)/40)
	if !d.skipBlank() || d.eof() {
		return nil, false
	}
	// A leading "---" line starts the document explicitly.
	d.started = true
	if d.ind == 0 && d.marker('.') {
		return nil, false
	}
	if d.ind == 0 && d.marker('-') {
		d.pos += 3
		if !d.endLine() || !d.skipBlank() || d.eof() {
			return nil, false
		}
	}
	d.pos += d.ind
	root, ok = d.blockMapping(d.ind)
	if !ok || !d.eof() {
		return nil, false
	}
	// The nesting pre-scan is lexical: brackets, "- " and deeper lines in
	// plain text (a scalar continued on a line starting with "{{{") count
	// as levels for it. Documents where that could pass its limit are
	// declined when it would reject them, so that its diagnostic stays.
	if mayNest && nesting.YAML(data) != nil {
		return nil, false
	}
	return root, true
}

// plainText reports whether data is UTF-8 text without the characters
// Parse leaves to yaml.v3: tabs (which YAML treats specially in
// indentation), a carriage return not followed by a line feed, other
// control characters, NEL, the line and paragraph separators (line
// breaks to YAML, not to editors), byte order marks, and the noncharacters
// U+FFFE and U+FFFF. It also guesses the nodes of the document, to
// allocate them at once: two a ':' before a blank (a key and its value),
// one a "- " or ',' (an entry). Colons in text and collections themselves
// make up for each other in templates, within a few percent.
//
// mayNest is false when the nesting pre-scan cannot reject data: it counts
// at most a level per bracket and per column of a line.
func plainText(data []byte) (nodes int, mayNest, ok bool) {
	nodes = 1
	brackets, lineStart, longest := 0, 0, 0
	for i := 0; i < len(data); {
		c := data[i]
		switch byteClass[c] {
		case ordinary:
			i++
			continue
		case bracket:
			brackets++
		case lineFeed:
			longest = max(longest, i-lineStart)
			lineStart = i + 1
		case colon:
			if i+1 < len(data) && (data[i+1] == ' ' || data[i+1] == '\n' || data[i+1] == '\r') {
				nodes += 2
			}
		case dash:
			if i+1 < len(data) && data[i+1] == ' ' {
				nodes++
			}
		case comma:
			nodes++
		case carriageReturn:
			if i+1 >= len(data) || data[i+1] != '\n' {
				return 0, false, false
			}
		case control:
			return 0, false, false
		case nonASCII:
			r, size := utf8.DecodeRune(data[i:])
			switch {
			case r == utf8.RuneError && size == 1:
				return 0, false, false
			case r < 0xa0, r == 0x2028, r == 0x2029, r == 0xfeff, r == 0xfffe, r == 0xffff:
				return 0, false, false
			}
			i += size
			continue
		}
		i++
	}
	longest = max(longest, len(data)-lineStart)
	return nodes, brackets+longest+1 > nesting.MaxDepth, true
}

// Classes of bytes for plainText.
const (
	ordinary = iota
	colon
	dash
	comma
	carriageReturn
	control
	nonASCII
	bracket
	lineFeed
)

// byteClass is the class of each byte for plainText.
var byteClass = func() (t [256]uint8) {
	for c := range t {
		switch {
		case c >= utf8.RuneSelf:
			t[c] = nonASCII
		case c == '\n':
			t[c] = lineFeed
		case c == '\r':
			t[c] = carriageReturn
		case c < 0x20 || c == 0x7f:
			t[c] = control
		}
	}
	t[':'], t['-'], t[','] = colon, dash, comma
	t['['], t['{'] = bracket, bracket
	return t
}()

// decoder is the state of one Parse.
type decoder struct {
	// src is the document. Nothing keeps it: the tree's strings are
	// copies, so that no string in a finding pins a whole template.
	src []byte
	pos int
	// line is the current line (from 1), lineStart the offset where it
	// starts.
	line, lineStart int
	// col is the column of offset colAt on the line starting at colLine.
	colLine, colAt, col int
	// ind is the indentation of the line skipBlank stopped at.
	ind int
	// started is set after the document's first line with content, where
	// a "---" may start it: later ones are other documents.
	started bool
	depth   int
	// slab holds the tree's nodes and strings.
	slab nodeslab.Slab
	// buf holds a scalar's text while it is decoded.
	buf []byte
}

// maxGuess bounds the nodes allocated at once from plainText's guess
// (64 Ki nodes are about 10 MB).
const maxGuess = 1 << 16

func (d *decoder) eof() bool { return d.pos >= len(d.src) }

// at returns the byte at i, 0 beyond the end (where yaml.v3 sees NUL).
func (d *decoder) at(i int) byte {
	if i < len(d.src) {
		return d.src[i]
	}
	return 0
}

// blankz reports whether the byte at i is a space, a line break or the
// end (yaml.v3's is_blankz, without tabs, which Parse declines).
func (d *decoder) blankz(i int) bool {
	switch d.at(i) {
	case ' ', '\r', '\n', 0:
		return true
	}
	return false
}

// column is the column of offset p on the current line, in characters
// from 1. It counts on from the last offset asked for on the line.
func (d *decoder) column(p int) int {
	if d.col == 0 || d.colLine != d.lineStart || p < d.colAt {
		d.colLine, d.colAt, d.col = d.lineStart, d.lineStart, 1
	}
	n := d.col
	for _, c := range d.src[d.colAt:p] {
		if c < 0x80 || c >= 0xc0 {
			n++
		}
	}
	d.colAt, d.col = p, n
	return n
}

// node returns a new node at offset p of the current line.
func (d *decoder) node(kind yaml.Kind, style yaml.Style, tag, value string, p int) *yaml.Node {
	return d.slab.Node(kind, style, tag, value, d.line, d.column(p))
}

// enter counts one more level of nesting, declining beyond MaxDepth.
func (d *decoder) enter() bool {
	d.depth++
	return d.depth <= MaxDepth
}

// newline moves past the line break at pos.
func (d *decoder) newline() {
	if d.src[d.pos] == '\r' {
		d.pos++
	}
	d.pos++
	d.line, d.lineStart = d.line+1, d.pos
}

func (d *decoder) skipSpaces() {
	for d.pos < len(d.src) && d.src[d.pos] == ' ' {
		d.pos++
	}
}

// atLineEnd reports whether only a line break or the end is at pos.
func (d *decoder) atLineEnd() bool {
	c := d.at(d.pos)
	return c == '\n' || c == '\r' || c == 0 && d.eof()
}

// endLine moves past the rest of a line after a token: spaces, a comment
// after a space, the line break. It fails on anything else.
func (d *decoder) endLine() bool {
	d.skipSpaces()
	if d.at(d.pos) == '#' {
		if d.pos > d.lineStart && d.src[d.pos-1] != ' ' {
			return false // "#" right after a token
		}
		for !d.atLineEnd() {
			d.pos++
		}
	}
	if d.eof() {
		return true
	}
	if !d.atLineEnd() {
		return false
	}
	d.newline()
	return true
}

// skipBlank moves from the start of a line past empty lines and comment
// lines to the start of the next line with content (or the end), and sets
// ind to its indentation. It fails on a document marker ("---", "...").
func (d *decoder) skipBlank() bool {
	for {
		i := d.pos
		for i < len(d.src) && d.src[i] == ' ' {
			i++
		}
		d.ind = i - d.pos
		switch c := d.at(i); {
		case i >= len(d.src):
			d.pos = i
			return true
		case c == '#':
			d.pos = i
			for !d.atLineEnd() {
				d.pos++
			}
			if d.eof() {
				return true
			}
			d.newline()
		case c == '\n' || c == '\r':
			d.pos = i
			d.newline()
		default:
			if d.started && d.ind == 0 && (d.marker('-') || d.marker('.')) {
				return false
			}
			return true
		}
	}
}

// marker reports whether the line at pos starts with "---" or "..." (c
// thrice) and a blank.
func (d *decoder) marker(c byte) bool {
	return d.at(d.pos) == c && d.at(d.pos+1) == c && d.at(d.pos+2) == c && d.blankz(d.pos+3)
}

// nextLine moves past the rest of the line after a value, then to the next
// line with content. It fails on text after the value.
func (d *decoder) nextLine() bool {
	return d.endLine() && d.skipBlank()
}

// isEntry reports whether a block sequence entry ("- ") starts at pos.
func (d *decoder) isEntry() bool {
	return d.at(d.pos) == '-' && d.blankz(d.pos+1)
}

// key reads the simple key at pos (a plain or quoted scalar, then ':' and
// a blank), leaving pos after the ':'.
func (d *decoder) key() (*yaml.Node, bool) {
	start := d.pos
	k, _, ok := d.keyScalar(false)
	if !ok || !d.blankz(d.pos+1) || d.keyTooLong(start) {
		return nil, false
	}
	d.pos++
	return k, true
}

// keyScalar reads the scalar of a simple key at pos, on one line, up to
// the ':' after it, where it leaves pos.
func (d *decoder) keyScalar(flow bool) (k *yaml.Node, quoted, ok bool) {
	start := d.pos
	if c := d.at(start); c == '"' || c == '\'' {
		k = d.node(yaml.ScalarNode, 0, nodeslab.StrTag, "", start)
		line := d.line
		s, style, ok := d.quoted()
		if !ok || d.line != line {
			return nil, false, false // a key is on one line
		}
		k.Value, k.Style = s, style
		d.skipSpaces()
		return k, true, d.at(d.pos) == ':'
	}
	if !d.plainStart(flow) {
		return nil, false, false
	}
	end, stop := d.plain(flow)
	if stop != stopColon {
		return nil, false, false
	}
	text := d.src[start:end]
	if string(text) == "<<" {
		return nil, false, false // a merge key
	}
	s := d.slab.Intern(text)
	return d.node(yaml.ScalarNode, 0, resolveTag(s), s, start), false, true
}

// keyTooLong reports whether the ':' at pos is too far from the key
// starting at start, on the same line.
func (d *decoder) keyTooLong(start int) bool {
	if d.pos-start <= maxKeySpan {
		return false // bytes are at least characters
	}
	return d.column(d.pos)-d.column(start) > maxKeySpan
}

// Why a plain scalar ended.
const (
	stopLine    = iota // at a line break or the end
	stopComment        // at " #"
	stopColon          // at ": " or ':' before a line break
	stopFlow           // at a flow indicator (in a flow collection)
)

// plainStart reports whether a plain scalar may start at pos.
func (d *decoder) plainStart(flow bool) bool {
	switch c := d.at(d.pos); c {
	case '-':
		return !d.blankz(d.pos + 1)
	case '?', ':':
		return !flow && !d.blankz(d.pos+1)
	case ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`', ' ', '\r', '\n', 0:
		return false
	}
	return true
}

// plain scans a plain scalar on one line, from pos (where plainStart
// holds), as yaml.v3 does: it returns the end of its text and why it
// ended, leaving pos there.
func (d *decoder) plain(flow bool) (end int, stop int) {
	s := d.src
	i := d.pos
	for {
		// A word.
		if i < len(s) && s[i] == '#' {
			d.pos = end
			return end, stopComment
		}
		word := i
		for !d.blankz(i) {
			c := s[i]
			stop = -1
			if c == ':' && d.blankz(i+1) {
				stop = stopColon
			} else if flow {
				switch c {
				case ',', '?', '[', ']', '{', '}':
					stop = stopFlow
				}
			}
			if stop >= 0 {
				if i > word {
					end = i
				}
				d.pos = i
				return end, stop
			}
			i++
		}
		end = i
		// Spaces, then another word or the end of the line.
		for i < len(s) && s[i] == ' ' {
			i++
		}
		if c := d.at(i); c == '\r' || c == '\n' || i >= len(s) {
			d.pos = end
			return end, stopLine
		}
	}
}

// quoted reads the single- or double-quoted scalar at pos, returning its
// text and style; pos moves past the closing quote.
func (d *decoder) quoted() (string, yaml.Style, bool) {
	s := d.src
	single := s[d.pos] == '\''
	style := yaml.DoubleQuotedStyle
	if single {
		style = yaml.SingleQuotedStyle
	}
	start := d.pos + 1
	buf := d.buf[:0]
	escaped := false
	for i := start; i < len(s); {
		c := s[i]
		switch {
		case c == '\n' || c == '\r' || !single && c == '\\' && (d.at(i+1) == '\n' || d.at(i+1) == '\r'):
			v, ok := d.folded(single, start)
			return v, style, ok
		case single && c == '\'':
			if d.at(i+1) == '\'' {
				if !escaped {
					buf, escaped = append(buf, s[start:i]...), true
				}
				buf = append(buf, '\'')
				i += 2
				continue
			}
			return d.closeQuote(i, start, buf, escaped), style, true
		case !single && c == '"':
			return d.closeQuote(i, start, buf, escaped), style, true
		case !single && c == '\\':
			if !escaped {
				buf, escaped = append(buf, s[start:i]...), true
			}
			var ok bool
			if buf, i, ok = escape(s, i, buf); !ok {
				return "", 0, false
			}
		default:
			if escaped {
				buf = append(buf, c)
			}
			i++
		}
	}
	return "", 0, false
}

// closeQuote ends a quoted scalar on one line at its closing quote i.
func (d *decoder) closeQuote(i, start int, buf []byte, escaped bool) string {
	d.pos = i + 1
	if !escaped {
		return d.slab.Intern(d.src[start:i])
	}
	d.buf = buf
	return d.slab.Intern(buf)
}

// folded reads a quoted scalar over several lines, from start after its
// opening quote, as yaml.v3 does: spaces around a line break are dropped,
// a line break becomes a space and n+1 breaks n line feeds; in double
// quotes an escaped line break joins the lines.
func (d *decoder) folded(single bool, start int) (string, bool) {
	s := d.src
	buf := d.buf[:0]
	d.pos = start
	quote := byte('"')
	if single {
		quote = '\''
	}
	for {
		if d.pos == d.lineStart && (d.marker('-') || d.marker('.')) || d.eof() {
			return "", false
		}
		leadingBlanks := false
		for !d.blankz(d.pos) {
			c := s[d.pos]
			if single && c == '\'' && d.at(d.pos+1) == '\'' {
				buf = append(buf, '\'')
				d.pos += 2
				continue
			}
			if c == quote {
				break
			}
			if !single && c == '\\' {
				if n := d.at(d.pos + 1); n == '\n' || n == '\r' {
					d.pos++
					d.newline()
					leadingBlanks = true
					break
				}
				var ok bool
				if buf, d.pos, ok = escape(s, d.pos, buf); !ok {
					return "", false
				}
				continue
			}
			buf = append(buf, c)
			d.pos++
		}
		if d.at(d.pos) == quote {
			break
		}
		spaces, leadingBreak, trailing := 0, false, 0
		for {
			c := d.at(d.pos)
			if c == ' ' {
				if !leadingBlanks {
					spaces++
				}
				d.pos++
				continue
			}
			if c != '\n' && c != '\r' {
				break
			}
			if !leadingBlanks {
				spaces, leadingBreak, leadingBlanks = 0, true, true
			} else {
				trailing++
			}
			d.newline()
		}
		switch {
		case leadingBreak && trailing == 0:
			buf = append(buf, ' ')
		case leadingBlanks:
			for ; trailing > 0; trailing-- {
				buf = append(buf, '\n')
			}
		default:
			for ; spaces > 0; spaces-- {
				buf = append(buf, ' ')
			}
		}
	}
	d.pos++
	d.buf = buf
	return d.slab.Intern(buf), true
}

// escape decodes the double-quoted escape at i, appending it to buf.
func escape(s []byte, i int, buf []byte) ([]byte, int, bool) {
	if i+1 >= len(s) {
		return nil, 0, false
	}
	var code int
	switch s[i+1] {
	case '0':
		buf = append(buf, 0)
	case 'a':
		buf = append(buf, '\a')
	case 'b':
		buf = append(buf, '\b')
	case 't':
		buf = append(buf, '\t')
	case 'n':
		buf = append(buf, '\n')
	case 'v':
		buf = append(buf, '\v')
	case 'f':
		buf = append(buf, '\f')
	case 'r':
		buf = append(buf, '\r')
	case 'e':
		buf = append(buf, 0x1b)
	case ' ':
		buf = append(buf, ' ')
	case '"':
		buf = append(buf, '"')
	case '\'':
		buf = append(buf, '\'')
	case '\\':
		buf = append(buf, '\\')
	case 'N':
		buf = append(buf, "\u0085"...)
	case '_':
		buf = append(buf, "\u00a0"...)
	case 'L':
		buf = append(buf, "\u2028"...)
	case 'P':
		buf = append(buf, "\u2029"...)
	case 'x':
		code = 2
	case 'u':
		code = 4
	case 'U':
		code = 8
	default:
		// Including an escaped line break and \/, which yaml.v3 does
		// not know.
		return nil, 0, false
	}
	i += 2
	if code == 0 {
		return buf, i, true
	}
	if i+code > len(s) {
		return nil, 0, false
	}
	v := 0
	for _, c := range s[i : i+code] {
		switch {
		case c >= '0' && c <= '9':
			v = v<<4 | int(c-'0')
		case c >= 'a' && c <= 'f':
			v = v<<4 | int(c-'a'+10)
		case c >= 'A' && c <= 'F':
			v = v<<4 | int(c-'A'+10)
		default:
			return nil, 0, false
		}
	}
	if v >= 0xd800 && v <= 0xdfff || v > 0x10ffff {
		return nil, 0, false
	}
	if v <= 0x7f {
		buf = append(buf, byte(v))
	} else {
		buf = utf8.AppendRune(buf, rune(v))
	}
	return buf, i + code, true
}

// tag reads a local tag ("!Ref", "!Rain::Embed") at pos, which a blank
// must follow.
func (d *decoder) tag() (string, bool) {
	i := d.pos + 1
	for i < len(d.src) && tagChar(d.src[i]) {
		i++
	}
	if i == d.pos+1 || !d.blankz(i) {
		// "!", "!!str", "!<...>", "!a%21" and the like.
		return "", false
	}
	t := d.slab.Intern(d.src[d.pos:i])
	d.pos = i
	return t, true
}

// tagChar reports whether c may be part of a tag Parse reads: yaml.v3's
// URI characters, without '!' (tag handles), '%' (escapes), ',', '[' and
// ']' (which end flow content) and the single quote.
func tagChar(c byte) bool {
	switch {
	case c >= '0' && c <= '9', c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z':
		return true
	}
	switch c {
	case '_', '-', ';', '/', '?', ':', '@', '&', '=', '+', '$', '.', '~', '*', '(', ')':
		return true
	}
	return false
}

// blockMapping reads a block mapping whose first key is at pos, its keys
// at indentation col.
func (d *decoder) blockMapping(col int) (*yaml.Node, bool) {
	if !d.enter() {
		return nil, false
	}
	n := d.node(yaml.MappingNode, 0, nodeslab.MapTag, "", d.pos)
	mark := len(d.slab.Open)
	for {
		k, ok := d.key()
		if !ok {
			return nil, false
		}
		v, ok := d.value(col, true)
		if !ok {
			return nil, false
		}
		d.slab.Open = append(d.slab.Open, k, v)
		if d.eof() || d.ind < col {
			break
		}
		if d.ind > col {
			return nil, false
		}
		d.pos += col
		if d.isEntry() {
			return nil, false
		}
	}
	d.depth--
	n.Content = d.slab.Content(mark)
	return n, true
}

// blockSequence reads a block sequence whose first "-" is at pos, its
// entries at indentation col. An indentless sequence (at the indentation
// of the mapping whose value it is) ends at a line without "- ".
func (d *decoder) blockSequence(col int, indentless bool) (*yaml.Node, bool) {
	if !d.enter() {
		return nil, false
	}
	n := d.node(yaml.SequenceNode, 0, nodeslab.SeqTag, "", d.pos)
	mark := len(d.slab.Open)
	for {
		d.pos++ // -
		v, ok := d.value(col, false)
		if !ok {
			return nil, false
		}
		d.slab.Open = append(d.slab.Open, v)
		if d.eof() || d.ind < col {
			break
		}
		if d.ind > col {
			return nil, false
		}
		d.pos += col
		if !d.isEntry() {
			if !indentless {
				return nil, false
			}
			d.pos -= col
			break
		}
	}
	d.depth--
	n.Content = d.slab.Content(mark)
	return n, true
}

// value reads the value of a mapping entry (inMap, pos after its ':') or
// of a sequence entry (pos after its '-'), in a block collection at
// indentation indent, and moves to the start of the next line with
// content, setting ind.
func (d *decoder) value(indent int, inMap bool) (*yaml.Node, bool) {
	line, column := d.line, d.column(d.pos) // an empty value is a null scalar here
	d.skipSpaces()
	// Compact collections in a sequence entry ("- a: b", "- - a").
	return d.valueAt(indent, inMap, !inMap, line, column)
}

// valueAt reads a value from pos, where a tag, the node or the end of
// the line is: collections says a block mapping or sequence may start at
// pos, and an empty value is a null scalar at line and column.
func (d *decoder) valueAt(indent int, inMap, collections bool, line, column int) (*yaml.Node, bool) {
	if d.at(d.pos) == '!' {
		line, column := d.line, d.column(d.pos)
		tag, ok := d.tag()
		if !ok {
			return nil, false
		}
		d.skipSpaces()
		var n *yaml.Node
		if d.atLineEnd() || d.at(d.pos) == '#' {
			n, ok = d.following(indent, inMap, true, line, column)
		} else {
			n, ok = d.inline(indent, d.pos-d.lineStart, false, true)
		}
		if !ok {
			return nil, false
		}
		n.Tag, n.Style = tag, n.Style|yaml.TaggedStyle
		n.Line, n.Column = line, column
		return n, true
	}
	if d.atLineEnd() || d.at(d.pos) == '#' {
		return d.following(indent, inMap, false, line, column)
	}
	return d.inline(indent, d.pos-d.lineStart, collections, false)
}

// following reads a value that is not on the line of its key, "-" or tag
// (tagged): on the lines after it, or empty.
func (d *decoder) following(indent int, inMap, tagged bool, line, column int) (*yaml.Node, bool) {
	if !d.nextLine() {
		return nil, false
	}
	switch {
	case !d.eof() && d.ind > indent:
		d.pos += d.ind
		if d.at(d.pos) == '!' {
			if tagged {
				return nil, false
			}
			return d.valueAt(indent, inMap, false, line, column)
		}
		return d.inline(indent, d.ind, true, tagged)
	case inMap && !d.eof() && d.ind == indent && d.src[d.pos+d.ind] == '-' && d.blankz(d.pos+d.ind+1):
		d.pos += d.ind
		return d.blockSequence(indent, true)
	case tagged:
		return d.node(yaml.ScalarNode, 0, "", "", d.pos), true
	case inMap:
		n := d.node(yaml.ScalarNode, 0, nodeslab.NullTag, "", d.pos)
		n.Line, n.Column = line, column
		return n, true
	}
	return nil, false // an empty sequence entry
}

// inline reads a node starting at pos, at column col (from 0) of its
// line, in a block collection at indentation indent: a scalar, a flow
// collection or, when collections is set (at the start of a line or after
// "- "), a block mapping or sequence. It moves to the next line with
// content. tagged says a tag precedes it.
func (d *decoder) inline(indent, col int, collections, tagged bool) (*yaml.Node, bool) {
	start := d.pos
	switch c := d.at(start); c {
	case '-':
		if d.blankz(start + 1) {
			if !collections {
				return nil, false
			}
			return d.blockSequence(col, false)
		}
	case '|', '>':
		return d.blockScalar(indent)
	case '[', '{':
		n, ok := d.flow()
		if !ok {
			return nil, false
		}
		d.skipSpaces()
		if d.at(d.pos) == ':' || !d.nextLine() {
			return nil, false
		}
		return n, true
	case '"', '\'':
		n := d.node(yaml.ScalarNode, 0, nodeslab.StrTag, "", start)
		line := d.line
		s, style, ok := d.quoted()
		if !ok {
			return nil, false
		}
		n.Value, n.Style = s, style
		d.skipSpaces()
		if d.at(d.pos) == ':' {
			if !collections || !d.blankz(d.pos+1) || d.line != line {
				return nil, false
			}
			d.pos = start
			return d.blockMapping(col)
		}
		if !d.nextLine() {
			return nil, false
		}
		return n, true
	case '!':
		return nil, false // a second tag, or a tag on a key
	}
	if !d.plainStart(false) {
		return nil, false
	}
	end, stop := d.plain(false)
	switch stop {
	case stopColon:
		if !collections {
			return nil, false
		}
		d.pos = start
		return d.blockMapping(col)
	case stopFlow:
		return nil, false
	}
	n := d.node(yaml.ScalarNode, 0, "", "", start)
	text := d.src[start:end]
	if stop == stopLine {
		var ok bool
		if text, ok = d.continued(indent, text); !ok {
			return nil, false
		}
	}
	if string(text) == "<<" {
		return nil, false
	}
	n.Value = d.slab.Intern(text)
	n.Tag = nodeslab.StrTag
	if !tagged {
		n.Tag = resolveTag(n.Value)
	}
	if !d.nextLine() {
		return nil, false
	}
	return n, true
}

// continued reads the lines that continue a plain scalar in a block
// collection at indentation indent, whose first line's text, ending at
// pos, is text: lines more indented than the collection, joined as
// yaml.v3 folds them (a line break becomes a space, n+1 breaks n line
// feeds). It returns the whole text, leaving pos after the last line's.
func (d *decoder) continued(indent int, text []byte) ([]byte, bool) {
	s := d.src
	end, line, lineStart := d.pos, d.line, d.lineStart
	buf := d.buf[:0]
	joined := false
	breaks := 0
	d.skipSpaces()
	for !d.eof() {
		d.newline()
		breaks++
		d.skipSpaces()
		if d.atLineEnd() {
			continue // an empty line
		}
		if d.pos-d.lineStart <= indent || s[d.pos] == '#' {
			break
		}
		start := d.pos
		e, stop := d.plain(false)
		if stop == stopColon {
			return nil, false // "mapping values are not allowed in this context"
		}
		if !joined {
			buf, joined = append(buf, text...), true
		}
		if breaks == 1 {
			buf = append(buf, ' ')
		}
		for ; breaks > 1; breaks-- {
			buf = append(buf, '\n')
		}
		breaks = 0
		buf = append(buf, s[start:e]...)
		end, line, lineStart = e, d.line, d.lineStart
		if stop == stopComment {
			break
		}
		d.pos = e
		d.skipSpaces()
	}
	d.pos, d.line, d.lineStart = end, line, lineStart
	if !joined {
		return text, true
	}
	d.buf = buf
	return buf, true
}

// flow reads a flow sequence or mapping, from its opening bracket at pos
// to after its closing one.
func (d *decoder) flow() (*yaml.Node, bool) {
	if !d.enter() {
		return nil, false
	}
	mapping := d.src[d.pos] == '{'
	n := d.node(yaml.SequenceNode, yaml.FlowStyle, nodeslab.SeqTag, "", d.pos)
	closing := byte(']')
	if mapping {
		n.Kind, n.Tag, closing = yaml.MappingNode, nodeslab.MapTag, '}'
	}
	d.pos++
	if !d.flowSpace() {
		return nil, false
	}
	mark := len(d.slab.Open)
	if d.at(d.pos) == closing {
		d.pos++
		d.depth--
		return n, true
	}
	for {
		if mapping {
			k, ok := d.flowKey()
			if !ok {
				return nil, false
			}
			d.slab.Open = append(d.slab.Open, k)
		}
		v, ok := d.flowNode()
		if !ok {
			return nil, false
		}
		d.slab.Open = append(d.slab.Open, v)
		if !d.flowSpace() {
			return nil, false
		}
		switch d.at(d.pos) {
		case ',':
			d.pos++
			if !d.flowSpace() {
				return nil, false
			}
			switch d.at(d.pos) {
			case closing: // a trailing comma
				d.pos++
				d.depth--
				n.Content = d.slab.Content(mark)
				return n, true
			case ',', ']', '}':
				return nil, false
			}
		case closing:
			d.pos++
			d.depth--
			n.Content = d.slab.Content(mark)
			return n, true
		default:
			return nil, false
		}
	}
}

// flowKey reads a key of a flow mapping and the ':' after it, on the
// key's line.
func (d *decoder) flowKey() (*yaml.Node, bool) {
	start := d.pos
	k, quoted, ok := d.keyScalar(true)
	// After a quoted key, ':' need not be followed by a blank ("a":1).
	if !ok || !quoted && !d.blankz(d.pos+1) || d.keyTooLong(start) {
		return nil, false
	}
	d.pos++
	if !d.flowSpace() {
		return nil, false
	}
	return k, true
}

// flowNode reads a node in a flow collection: a scalar, possibly tagged,
// or a flow collection.
func (d *decoder) flowNode() (*yaml.Node, bool) {
	tag, tagLine, tagColumn := "", d.line, d.column(d.pos)
	if d.at(d.pos) == '!' {
		var ok bool
		if tag, ok = d.tag(); !ok || !d.flowSpace() {
			return nil, false
		}
	}
	start := d.pos
	var n *yaml.Node
	switch c := d.at(start); c {
	case ',', ']', '}':
		if tag == "" {
			return nil, false
		}
		n = d.node(yaml.ScalarNode, 0, "", "", start) // "[!GetAZs ]"
	case '[', '{':
		var ok bool
		if n, ok = d.flow(); !ok {
			return nil, false
		}
	case '"', '\'':
		n = d.node(yaml.ScalarNode, 0, nodeslab.StrTag, "", start)
		s, style, ok := d.quoted()
		if !ok {
			return nil, false
		}
		n.Value, n.Style = s, style
	default:
		if !d.plainStart(true) {
			return nil, false
		}
		end, stop := d.plain(true)
		if stop == stopColon || stop == stopLine && !d.flowEnds() {
			return nil, false
		}
		text := d.src[start:end]
		if string(text) == "<<" {
			return nil, false
		}
		s := d.slab.Intern(text)
		t := nodeslab.StrTag
		if tag == "" {
			t = resolveTag(s)
		}
		n = d.node(yaml.ScalarNode, 0, t, s, start)
	}
	if tag != "" {
		n.Tag, n.Style = tag, n.Style|yaml.TaggedStyle
		n.Line, n.Column = tagLine, tagColumn
	}
	return n, true
}

// flowSpace skips spaces, line breaks and comments in a flow collection.
func (d *decoder) flowSpace() bool {
	for {
		switch c := d.at(d.pos); c {
		case ' ':
			d.pos++
		case '#':
			if d.pos > d.lineStart && d.src[d.pos-1] != ' ' {
				return false // "#" right after a token
			}
			for !d.atLineEnd() {
				d.pos++
			}
		case '\n', '\r':
			d.newline()
			if d.marker('-') || d.marker('.') {
				return false
			}
		default:
			return true
		}
	}
}

// flowEnds reports whether a plain scalar in a flow collection that
// reaches the end of its line ends there: whether, after empty lines and
// indentation, a ',', ']', '}' or a comment comes (otherwise yaml.v3 would
// continue it).
func (d *decoder) flowEnds() bool {
	for i := d.pos; i < len(d.src); i++ {
		switch d.src[i] {
		case ' ', '\n', '\r':
		case ',', ']', '}', '#':
			return true
		default:
			return false
		}
	}
	return false
}

// blockScalar reads a literal (|) or folded (>) scalar at pos, in a block
// collection at indentation indent, as yaml.v3 does, and moves to the
// next line with content.
func (d *decoder) blockScalar(indent int) (*yaml.Node, bool) {
	s := d.src
	literal := s[d.pos] == '|'
	style := yaml.FoldedStyle
	if literal {
		style = yaml.LiteralStyle
	}
	n := d.node(yaml.ScalarNode, style, nodeslab.StrTag, "", d.pos)
	d.pos++
	chomping, increment := 0, 0
	switch c := d.at(d.pos); {
	case c == '+' || c == '-':
		chomping = chomp(c)
		d.pos++
		if c := d.at(d.pos); c >= '1' && c <= '9' {
			increment = int(c - '0')
			d.pos++
		}
	case c >= '1' && c <= '9':
		increment = int(c - '0')
		d.pos++
		if c := d.at(d.pos); c == '+' || c == '-' {
			chomping = chomp(c)
			d.pos++
		}
	}
	if !d.blankz(d.pos) || !d.endLine() {
		return nil, false
	}
	blockIndent := 0
	if increment > 0 {
		blockIndent = indent + increment
	}
	buf := d.buf[:0]
	trailing := 0
	d.blockBreaks(&blockIndent, &trailing, indent)
	leadingBreak, leadingBlank := false, false
	for d.pos-d.lineStart == blockIndent && !d.eof() {
		trailingBlank := s[d.pos] == ' '
		if !literal && !leadingBlank && !trailingBlank && leadingBreak {
			if trailing == 0 {
				buf = append(buf, ' ')
			}
		} else if leadingBreak {
			buf = append(buf, '\n')
		}
		leadingBreak = false
		for ; trailing > 0; trailing-- {
			buf = append(buf, '\n')
		}
		leadingBlank = s[d.pos] == ' '
		end := d.pos
		for end < len(s) && s[end] != '\n' && s[end] != '\r' {
			end++
		}
		buf = append(buf, s[d.pos:end]...)
		d.pos = end
		if !d.eof() {
			d.newline()
			leadingBreak = true
		}
		d.blockBreaks(&blockIndent, &trailing, indent)
	}
	if chomping != -1 && leadingBreak {
		buf = append(buf, '\n')
	}
	if chomping == 1 {
		for ; trailing > 0; trailing-- {
			buf = append(buf, '\n')
		}
	}
	d.buf = buf
	n.Value = string(buf)
	// The scalar ends before a less indented line (or the end): go on
	// from its start.
	if !d.eof() {
		d.pos = d.lineStart
	}
	if !d.skipBlank() {
		return nil, false
	}
	return n, true
}

func chomp(c byte) int {
	if c == '+' {
		return 1
	}
	return -1
}

// blockBreaks is yaml.v3's yaml_parser_scan_block_scalar_breaks: it eats
// indentation and empty lines, counting the line breaks, and settles the
// scalar's indentation if it is not yet known.
func (d *decoder) blockBreaks(blockIndent, trailing *int, indent int) {
	maxIndent := 0
	for {
		for (*blockIndent == 0 || d.pos-d.lineStart < *blockIndent) && d.at(d.pos) == ' ' {
			d.pos++
		}
		maxIndent = max(maxIndent, d.pos-d.lineStart)
		if c := d.at(d.pos); c != '\n' && c != '\r' {
			break
		}
		d.newline()
		*trailing++
	}
	if *blockIndent == 0 {
		*blockIndent = max(maxIndent, indent+1, 1)
	}
}
