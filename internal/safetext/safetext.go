// Package safetext makes text that came from scanned files safe to show on
// a terminal or in a CI log. Paths, resource names, keys, values and
// messages written by strangers may hold control characters, ANSI escape
// sequences (which rewrite a terminal), bidirectional overrides (which
// reorder what a reviewer reads), and CI workflow commands: a line of a
// GitHub Actions log that starts with "::" is a command to the runner
// (::add-mask::, ::error::, ::stop-commands::), and "##[" and "##vso[" are
// Azure Pipelines' logging commands.
package safetext

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// Escape replaces control characters (C0 other than tab, DEL, C1),
// bidirectional controls (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F,
// U+061C), line and paragraph separators, and the byte order mark with a
// visible \u escape; with keepNewlines, '\n' is kept. Invalid UTF-8 bytes
// become \xNN. Azure logging command prefixes are broken up.
func Escape(s string, keepNewlines bool) string {
	if clean(s, keepNewlines) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\n' && keepNewlines, r == '\t':
			b.WriteRune(r)
		case unsafe(r):
			if r < 0x80 {
				fmt.Fprintf(&b, `\x%02x`, r)
			} else {
				fmt.Fprintf(&b, `\u%04x`, r)
			}
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	out := b.String()
	return breakAzure(out)
}

// clean reports whether s needs no escaping (the common case).
func clean(s string, keepNewlines bool) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 || c < 0x20 && c != '\t' && !(c == '\n' && keepNewlines) || c == 0x7f {
			return false
		}
	}
	return !strings.Contains(s, "##")
}

// unsafe reports whether r must not reach a terminal as it is.
func unsafe(r rune) bool {
	switch {
	case r < 0x20, r == 0x7f, r >= 0x80 && r < 0xa0:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0x061c:
		return true
	case r == 0x2028, r == 0x2029, r == 0xfeff:
		return true
	}
	return false
}

// breakAzure breaks up Azure Pipelines logging commands, which the agent
// recognises anywhere in a line.
func breakAzure(s string) string {
	if !strings.Contains(s, "##") {
		return s
	}
	return strings.NewReplacer("##[", `##\x5b`, "##vso[", `##vso\x5b`).Replace(s)
}

// Line makes one line of output safe: its text escaped (newlines too), and
// a line that would start with "::" (a GitHub workflow command) changed
// so that it does not.
func Line(s string) string {
	return GuardLine(Escape(s, false))
}

// GuardLine changes a line that starts, after blanks, with "::" so that
// the runner does not take it for a workflow command.
func GuardLine(line string) string {
	trimmed := strings.TrimLeft(line, " \t")
	if strings.HasPrefix(trimmed, "::") {
		at := len(line) - len(trimmed)
		return line[:at] + `\x3a` + line[at+1:]
	}
	return line
}

// Writer guards every line written through it (GuardLine): what a report
// writes cannot start a workflow command, whatever its fields hold.
type Writer struct {
	w io.Writer
	// start is true when the next byte begins a line; pending holds the
	// blanks and colons seen at the start of a line so far.
	start   bool
	pending []byte
}

// NewWriter returns a Writer writing to w.
func NewWriter(w io.Writer) *Writer { return &Writer{w: w, start: true} }

// Write writes p, guarded.
func (g *Writer) Write(p []byte) (int, error) {
	var out bytes.Buffer
	for _, c := range p {
		if !g.start {
			out.WriteByte(c)
			if c == '\n' {
				g.start = true
			}
			continue
		}
		switch {
		case c == ' ' || c == '\t':
			g.pending = append(g.pending, c)
			continue
		case c == ':' && len(g.pending) > 0 && g.pending[len(g.pending)-1] == ':':
			// "::" at the start of a line.
			blanks := g.pending[:len(g.pending)-1]
			out.Write(blanks)
			out.WriteString(`\x3a:`)
			g.pending, g.start = nil, false
			continue
		case c == ':' && (len(g.pending) == 0 || g.pending[len(g.pending)-1] != ':'):
			g.pending = append(g.pending, c)
			continue
		}
		out.Write(g.pending)
		g.pending = nil
		out.WriteByte(c)
		g.start = c == '\n'
	}
	if _, err := g.w.Write(out.Bytes()); err != nil {
		return 0, err
	}
	return len(p), nil
}

// Flush writes what a line start held back.
func (g *Writer) Flush() error {
	if len(g.pending) == 0 {
		return nil
	}
	_, err := g.w.Write(g.pending)
	g.pending = nil
	return err
}

// JSON escapes, in encoded JSON, the characters encoding/json leaves as
// they are but a terminal or a log viewer would act on: C1 controls,
// bidirectional controls and the byte order mark. They can only occur
// inside JSON strings, where \u escapes keep the value identical.
func JSON(data []byte) []byte {
	// Reports are large and mostly ASCII: runs of ASCII and of safe
	// non-ASCII text are copied whole, and nothing is copied at all until
	// the first character that needs escaping.
	var out []byte
	copied := 0
	for i := 0; i < len(data); {
		// Eight bytes at a time while none has its high bit set: a
		// report is megabytes of ASCII.
		for i+8 <= len(data) && binary.LittleEndian.Uint64(data[i:])&0x8080808080808080 == 0 {
			i += 8
		}
		if i == len(data) {
			break
		}
		if data[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		if r != utf8.RuneError && unsafe(r) {
			if out == nil {
				out = make([]byte, 0, len(data)+64)
			}
			out = append(out, data[copied:i]...)
			out = fmt.Appendf(out, `\u%04x`, r)
			copied = i + size
		}
		i += size
	}
	if out == nil {
		return data
	}
	return append(out, data[copied:]...)
}
