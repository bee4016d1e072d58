// Package jsonfmt formats JSON fast for the reports: indentation in one
// pass that skips over strings, and string literals escaped exactly as
// encoding/json escapes them (without HTML escaping), so that a writer
// that appends JSON itself produces the bytes encoding/json would.
package jsonfmt

import (
	"bytes"
	"strings"
)

// AppendIndented appends src, compact JSON as encoding/json writes it (no
// whitespace outside strings), to dst with each element on its own line
// and indent repeated once per level: byte for byte what json.Indent
// gives with an empty prefix, empty objects and arrays kept as {} and [].
// Unlike json.Indent it does not validate src or step through strings
// byte by byte; it skips from quote to quote, which is most of a log.
func AppendIndented(dst, src []byte, indent string) []byte {
	return AppendIndentedAt(dst, src, indent, 0)
}

// AppendIndentedAt is AppendIndented for a piece of a document that
// starts depth levels deep, just after a ':' or ',' or with a whole value
// (not just after a '{' or '['): a run of elements or members of one
// array or object, their separating commas included, or a value, or the
// closing brackets that end the document. Indenting a document's pieces
// one by one, each at the depth it starts at, gives the bytes indenting
// it whole does, so the pieces can be indented apart, on several cores.
func AppendIndentedAt(dst, src []byte, indent string, depth int) []byte {
	breaks := newLineBreaks(indent)
	// open is set after { or [, whose line break waits for the next byte:
	// an empty object or array stays on one line.
	open := false
	for i := 0; i < len(src); i++ {
		c := src[i]
		if open && c != '}' && c != ']' {
			open = false
			depth++
			dst = breaks.append(dst, depth)
		}
		switch c {
		case '"':
			end := stringEnd(src, i)
			dst = append(dst, src[i:end]...)
			i = end - 1
		case '{', '[':
			open = true
			dst = append(dst, c)
		case ',':
			dst = append(dst, c)
			dst = breaks.append(dst, depth)
		case ':':
			dst = append(dst, c, ' ')
		case '}', ']':
			if open {
				open = false
			} else {
				depth--
				dst = breaks.append(dst, depth)
			}
			dst = append(dst, c)
		default:
			dst = append(dst, c)
		}
	}
	return dst
}

// stringEnd returns the index just after the string literal that starts
// with the quote at src[start] (len(src) when it is not closed).
func stringEnd(src []byte, start int) int {
	for i := start + 1; i < len(src); {
		q := bytes.IndexByte(src[i:], '"')
		if q < 0 {
			return len(src)
		}
		i += q
		// The quote is escaped when an odd number of backslashes
		// precede it.
		n := 0
		for j := i - 1; j > start && src[j] == '\\'; j-- {
			n++
		}
		if n%2 == 0 {
			return i + 1
		}
		i++
	}
	return len(src)
}

// AppendLineBreak appends a line break and depth indents: what
// AppendIndented writes after an opening bracket or a comma, for a writer
// that opens or closes an array itself around pieces it indents apart.
func AppendLineBreak(dst []byte, indent string, depth int) []byte {
	breaks := newLineBreaks(indent)
	return breaks.append(dst, depth)
}

// newlineSpaces is a line break and the spaces of the deepest lines
// indented with spaces are written from.
var newlineSpaces = "\n" + strings.Repeat(" ", 256)

// lineBreaks appends line breaks with their indentation in one copy each,
// from a line break followed by as many indents as the deepest so far:
// a log has hundreds of thousands of them.
type lineBreaks struct {
	indent string
	// spaces is set when indent is only spaces.
	spaces bool
	// text is a line break and indents.
	text []byte
}

func newLineBreaks(indent string) lineBreaks {
	return lineBreaks{indent: indent, spaces: strings.Trim(indent, " ") == ""}
}

func (b *lineBreaks) append(dst []byte, depth int) []byte {
	n := 1 + max(depth, 0)*len(b.indent)
	if b.spaces && n <= len(newlineSpaces) {
		// Indented with spaces (the reports' two): no text of its own
		// to build, for a caller that indents many small pieces.
		return append(dst, newlineSpaces[:n]...)
	}
	if len(b.text) < n {
		if b.text == nil {
			b.text = append(make([]byte, 0, 64), '\n')
		}
		for len(b.text) < n {
			b.text = append(b.text, b.indent...)
		}
	}
	return append(dst, b.text[:n]...)
}
