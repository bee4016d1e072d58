// Package jsonfmt formats JSON fast for the reports: indentation in one
// pass that skips over strings, and string literals escaped exactly as
// encoding/json escapes them (without HTML escaping), so that a writer
// that appends JSON itself produces the bytes encoding/json would.
package jsonfmt

import "bytes"

// AppendIndented appends src, compact JSON as encoding/json writes it (no
// whitespace outside strings), to dst with each element on its own line
// and indent repeated once per level: byte for byte what json.Indent
// gives with an empty prefix, empty objects and arrays kept as {} and [].
// Unlike json.Indent it does not validate src or step through strings
// byte by byte; it skips from quote to quote, which is most of a log.
func AppendIndented(dst, src []byte, indent string) []byte {
	depth := 0
	// open is set after { or [, whose line break waits for the next byte:
	// an empty object or array stays on one line.
	open := false
	for i := 0; i < len(src); i++ {
		c := src[i]
		if open && c != '}' && c != ']' {
			open = false
			depth++
			dst = appendLineBreak(dst, indent, depth)
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
			dst = appendLineBreak(dst, indent, depth)
		case ':':
			dst = append(dst, c, ' ')
		case '}', ']':
			if open {
				open = false
			} else {
				depth--
				dst = appendLineBreak(dst, indent, depth)
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

func appendLineBreak(dst []byte, indent string, depth int) []byte {
	dst = append(dst, '\n')
	for range depth {
		dst = append(dst, indent...)
	}
	return dst
}
