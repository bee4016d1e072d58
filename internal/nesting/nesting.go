// Package nesting measures, before a parser sees them, how deeply HCL,
// JSON and YAML sources nest, so that no input can make a recursive parser
// (or the evaluation of what it parsed) overflow the Go stack, which is a
// crash no recover catches.
//
// The checks are lexical pre-scans, linear in the input: brackets, braces
// and parentheses outside strings and comments, template interpolations
// and directives, and, for HCL, the operators of one expression (a chain of
// a million "!" or "+" nests as deeply as a million parentheses once
// parsed). They also bound the work of HCL's template parser, which is
// quadratic in the number of literal pieces of one template (the lines of a
// heredoc).
package nesting

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"
)

// Limits of the checks.
const (
	// MaxDepth bounds nesting: brackets, interpolations, template
	// directives, YAML block and flow collections.
	MaxDepth = 256
	// MaxChain bounds the operators and postfix accesses of the
	// expressions open at one point of an HCL source.
	MaxChain = 4096
	// MaxTemplateWork bounds, for one source, the sum over its templates
	// of pieces × (pieces + bytes/16): the work of HCL's template parser.
	// A 2,000-line heredoc of 60-character lines is about 4.5 million.
	MaxTemplateWork = 1 << 24
	// MaxExponent bounds the decimal exponent of a number literal; a
	// number like 1e600000000 takes 600 MB to print.
	MaxExponent = 4000
)

// Error is input nested beyond a limit, at a 1-based line and column.
type Error struct {
	Line, Column int
	Msg          string
}

func (e *Error) Error() string { return fmt.Sprintf("line %d, column %d: %s", e.Line, e.Column, e.Msg) }

// errDepth and the others are the messages of Error.
var (
	msgDepth    = fmt.Sprintf("nested more than %d levels deep", MaxDepth)
	msgChain    = fmt.Sprintf("more than %d operators in one expression", MaxChain)
	msgTemplate = "templates too long for the template parser (too many lines or escapes)"
	msgNumber   = fmt.Sprintf("a number literal with an exponent above %d", MaxExponent)
	msgFor      = "for expressions nested in one JSON string (blindspot cannot bound their evaluation there)"
)

// HCL checks HCL native syntax (.tf, .tfvars).
func HCL(src []byte) error {
	s := &scanner{src: src}
	s.push(frame{kind: code})
	return s.run()
}

// Template checks a template file (templatefile) or template string.
func Template(src []byte) error {
	s := &scanner{src: src}
	s.push(frame{kind: templateFile})
	return s.run()
}

// JSON checks JSON. With templates set (HCL's JSON syntax, where strings
// are templates), every string is checked as a template too.
func JSON(src []byte, templates bool) error {
	dec := json.NewDecoder(bytes.NewReader(src))
	dec.UseNumber()
	depth, work := 0, 0
	at := func(msg string) error {
		line, col := position(src, int(dec.InputOffset()))
		return &Error{Line: line, Column: col, Msg: msg}
	}
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			// Not JSON: the parser reports it, and nothing deeper was
			// met up to here.
			return nil
		}
		switch t := tok.(type) {
		case json.Delim:
			if t == '[' || t == '{' {
				depth++
				if depth > MaxDepth {
					return at(msgDepth)
				}
			} else {
				depth--
			}
		case json.Number:
			if hugeExponent([]byte(t)) {
				return at(msgNumber)
			}
		case string:
			if !templates || !bytes.ContainsAny([]byte(t), "$%\n") {
				continue
			}
			s := &scanner{src: []byte(t), work: work}
			s.push(frame{kind: templateFile})
			if err := s.run(); err != nil {
				return at(err.(*Error).Msg)
			}
			// HCL evaluates the templates of JSON strings itself, out of
			// reach of the evaluation budget: one loop is bounded by its
			// collection, nested loops are not.
			if s.fors > 1 {
				return at(msgFor)
			}
			work = s.work
		}
	}
}

// position turns a byte offset into a line and a column in characters.
func position(src []byte, off int) (line, col int) {
	off = min(max(off, 0), len(src))
	line = 1 + bytes.Count(src[:off], []byte("\n"))
	start := bytes.LastIndexByte(src[:off], '\n') + 1
	return line, 1 + utf8.RuneCount(src[start:off])
}

type kind uint8

const (
	code         kind = iota + 1 // top level, or inside brackets
	interp                       // ${ ... } or %{ ... }
	quoted                       // "..."
	heredoc                      // <<EOT ... EOT
	templateFile                 // a whole template
)

type frame struct {
	kind  kind
	close byte // the bracket that ends a code frame (0 at the top)
	// chain counts operators in the current element of a code frame.
	chain int
	// marker ends a heredoc.
	marker []byte
	// pieces and size measure a template; directives counts its open
	// if and for directives.
	pieces, size, directives int
}

func (f *frame) isTemplate() bool {
	return f.kind == quoted || f.kind == heredoc || f.kind == templateFile
}

// scanner is the HCL pre-scan: a lexer that knows strings, heredocs,
// comments and templates well enough to count what nests.
type scanner struct {
	src       []byte
	i         int
	stack     []frame
	depth     int // frames plus open directives
	chain     int // sum of the frames' chains
	work      int // template work so far
	lineStart bool
	// fors counts for keywords in interpolations.
	fors int
}

func (s *scanner) fail(msg string) error {
	line, col := position(s.src, s.i)
	return &Error{Line: line, Column: col, Msg: msg}
}

func (s *scanner) top() *frame { return &s.stack[len(s.stack)-1] }

func (s *scanner) push(f frame) error {
	s.stack = append(s.stack, f)
	s.depth++
	if s.depth > MaxDepth {
		return s.fail(msgDepth)
	}
	return nil
}

func (s *scanner) pop() error {
	f := s.top()
	s.chain -= f.chain
	s.depth -= 1 + f.directives
	if f.isTemplate() {
		s.work += f.pieces * (f.pieces + f.size/16)
		if s.work > MaxTemplateWork {
			return s.fail(msgTemplate)
		}
	}
	s.stack = s.stack[:len(s.stack)-1]
	return nil
}

func (s *scanner) addChain(n int) error {
	s.top().chain += n
	s.chain += n
	if s.chain > MaxChain {
		return s.fail(msgChain)
	}
	return nil
}

func (s *scanner) resetChain() {
	f := s.top()
	s.chain -= f.chain
	f.chain = 0
}

func (s *scanner) run() error {
	s.lineStart = true
	for s.i < len(s.src) {
		var err error
		if s.top().isTemplate() {
			err = s.template()
		} else {
			err = s.code()
		}
		if err != nil {
			return err
		}
		if len(s.stack) == 0 {
			// Unbalanced closers: what follows is top-level code.
			s.stack = append(s.stack, frame{kind: code})
			s.depth = 1
		}
	}
	for len(s.stack) > 0 {
		if err := s.pop(); err != nil {
			return err
		}
	}
	return nil
}

func isIdent(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

// code scans one token of code.
func (s *scanner) code() error {
	c := s.src[s.i]
	f := s.top()
	switch {
	case c == '\n':
		s.i++
		if f.kind == code && (f.close == 0 || f.close == '}') {
			s.resetChain()
		}
		return nil
	case c == '#' || c == '/' && s.peek(1) == '/':
		for s.i < len(s.src) && s.src[s.i] != '\n' {
			s.i++
		}
		return nil
	case c == '/' && s.peek(1) == '*':
		end := bytes.Index(s.src[s.i+2:], []byte("*/"))
		if end < 0 {
			s.i = len(s.src)
		} else {
			s.i += end + 4
		}
		return nil
	case c == '"':
		s.i++
		return s.push(frame{kind: quoted})
	case c == '<' && s.peek(1) == '<':
		if marker, next, ok := s.heredocStart(); ok {
			s.i = next
			s.lineStart = true
			return s.push(frame{kind: heredoc, marker: marker})
		}
		s.i += 2
		return s.addChain(2)
	case c == '(' || c == '[' || c == '{':
		s.i++
		if c == '[' {
			// An index after a value nests (a[x][y]).
			if err := s.addChain(1); err != nil {
				return err
			}
		}
		closer := map[byte]byte{'(': ')', '[': ']', '{': '}'}[c]
		return s.push(frame{kind: code, close: closer})
	case c == ')' || c == ']' || c == '}':
		s.i++
		if f.kind == interp && c != '}' {
			return nil
		}
		if f.kind == code && f.close == 0 {
			return nil // unbalanced at the top: the parser reports it
		}
		return s.pop()
	case c == ',':
		s.i++
		s.resetChain()
		return nil
	case c >= '0' && c <= '9' && (s.i == 0 || !isIdent(s.src[s.i-1])):
		start := s.i
		for s.i < len(s.src) && (isIdent(s.src[s.i]) || s.src[s.i] == '.' ||
			(s.src[s.i] == '+' || s.src[s.i] == '-') && (s.src[s.i-1] == 'e' || s.src[s.i-1] == 'E')) {
			s.i++
		}
		if hugeExponent(s.src[start:s.i]) {
			s.i = start
			return s.fail(msgNumber)
		}
		return nil
	case c == 'f' && (s.i == 0 || !isIdent(s.src[s.i-1])) && s.peek(1) == 'o' && s.peek(2) == 'r' && !isIdent(s.peek(3)):
		s.i += 3
		if f.kind == interp || len(s.stack) > 1 {
			s.fors++
		}
		return nil
	case c == '-' && s.i > 0 && isIdent(s.src[s.i-1]) && isIdent(s.peek(1)):
		s.i++ // a dash inside an identifier (my-name)
		return nil
	case bytes.IndexByte([]byte("!-+*/%<>=&|?.:"), c) >= 0:
		s.i++
		return s.addChain(1)
	}
	s.i++
	return nil
}

func (s *scanner) peek(n int) byte {
	if s.i+n < len(s.src) {
		return s.src[s.i+n]
	}
	return 0
}

// heredocStart recognises <<EOT or <<-EOT followed by a line break, and
// returns the marker and where the heredoc's text starts.
func (s *scanner) heredocStart() (marker []byte, next int, ok bool) {
	j := s.i + 2
	if j < len(s.src) && s.src[j] == '-' {
		j++
	}
	start := j
	for j < len(s.src) && (isIdent(s.src[j]) || s.src[j] == '-') {
		j++
	}
	if j == start {
		return nil, 0, false
	}
	marker = s.src[start:j]
	if j < len(s.src) && s.src[j] == '\r' {
		j++
	}
	if j >= len(s.src) || s.src[j] != '\n' {
		return nil, 0, false
	}
	return marker, j + 1, true
}

// template scans template text up to the next interpolation, directive,
// line break or end.
func (s *scanner) template() error {
	f := s.top()
	if f.kind == heredoc && s.lineStart {
		s.lineStart = false
		j := s.i
		for j < len(s.src) && (s.src[j] == ' ' || s.src[j] == '\t') {
			j++
		}
		if rest := s.src[j:]; bytes.HasPrefix(rest, f.marker) {
			after := j + len(f.marker)
			if after == len(s.src) || s.src[after] == '\n' || s.src[after] == '\r' {
				s.i = after
				return s.pop()
			}
		}
	}
	c := s.src[s.i]
	switch {
	case c == '\n':
		s.i++
		if f.kind == quoted {
			// An unterminated string: HCL reports it.
			return s.pop()
		}
		f.pieces++
		f.size++
		s.lineStart = true
		return nil
	case c == '\\' && f.kind == quoted:
		s.i += 2
		f.size += 2
		return nil
	case c == '"' && f.kind == quoted:
		s.i++
		return s.pop()
	case (c == '$' || c == '%') && s.peek(1) == c && s.peek(2) == '{':
		// An escaped $${ or %%{ splits the literal.
		s.i += 3
		f.pieces++
		f.size += 3
		return nil
	case (c == '$' || c == '%') && s.peek(1) == '{':
		s.i += 2
		f.pieces += 2
		if c == '%' {
			switch s.directive() {
			case "if", "for":
				f.directives++
				s.depth++
				if s.depth > MaxDepth {
					return s.fail(msgDepth)
				}
			case "endif", "endfor":
				if f.directives > 0 {
					f.directives--
					s.depth--
				}
			}
		}
		return s.push(frame{kind: interp, close: '}'})
	}
	s.i++
	f.size++
	return nil
}

// directive reads the keyword of a %{ directive.
func (s *scanner) directive() string {
	j := s.i
	if j < len(s.src) && s.src[j] == '~' {
		j++
	}
	for j < len(s.src) && (s.src[j] == ' ' || s.src[j] == '\t') {
		j++
	}
	start := j
	for j < len(s.src) && isIdent(s.src[j]) {
		j++
	}
	return string(s.src[start:j])
}

// hugeExponent reports whether a number literal's decimal exponent (or
// its number of digits) passes MaxExponent.
func hugeExponent(num []byte) bool {
	mant, exp, hasExp := bytes.Cut(bytes.ToLower(num), []byte("e"))
	if len(mant) > MaxExponent {
		return true
	}
	if !hasExp {
		return false
	}
	exp = bytes.TrimLeft(exp, "+-")
	exp = bytes.TrimLeft(exp, "0")
	if len(exp) > 4 {
		return true
	}
	n := 0
	for _, d := range exp {
		if d < '0' || d > '9' {
			return false
		}
		n = n*10 + int(d-'0')
	}
	return n > MaxExponent
}
