package nesting

import "bytes"

// YAML checks YAML (and JSON, which is YAML): flow collections ([ and {
// outside quotes, comments and block scalars) and block collections
// (deeper indentation, and "- " entries written on one line).
func YAML(src []byte) error {
	y := &yamlScanner{src: src}
	return y.run()
}

type yamlScanner struct {
	src     []byte
	indents []int // indentation of the open block collections
	flow    int   // open flow collections
	quote   byte  // the open quote, 0 when none
	// block holds the indentation of the line that opened a block
	// scalar (| or >), -1 when none is open.
	block int
}

func (y *yamlScanner) fail(off int) error {
	line, col := position(y.src, off)
	return &Error{Line: line, Column: col, Msg: msgDepth}
}

func (y *yamlScanner) run() error {
	y.block = -1
	off := 0
	for off < len(y.src) {
		end := bytes.IndexByte(y.src[off:], '\n')
		if end < 0 {
			end = len(y.src)
		} else {
			end += off
		}
		if err := y.scanLine(off, end); err != nil {
			return err
		}
		off = end + 1
	}
	return nil
}

func (y *yamlScanner) scanLine(start, end int) error {
	line := y.src[start:end]
	indent := 0
	for indent < len(line) && line[indent] == ' ' {
		indent++
	}
	blank := len(bytes.TrimSpace(line)) == 0
	if y.block >= 0 {
		if blank || indent > y.block {
			return nil // block scalar text
		}
		y.block = -1
	}
	i := indent
	if y.quote == 0 && y.flow == 0 {
		if blank || line[indent] == '#' {
			return nil
		}
		if bytes.HasPrefix(line, []byte("---")) || bytes.HasPrefix(line, []byte("...")) {
			y.indents = y.indents[:0]
			return nil
		}
		for len(y.indents) > 0 && y.indents[len(y.indents)-1] >= indent {
			y.indents = y.indents[:len(y.indents)-1]
		}
		y.indents = append(y.indents, indent)
		// "- - - a" and "? - a" open a collection per marker.
		for i+1 < len(line) && (line[i] == '-' || line[i] == '?') && (line[i+1] == ' ' || line[i+1] == '\t') {
			i += 2
			for i < len(line) && line[i] == ' ' {
				i++
			}
			y.indents = append(y.indents, i)
		}
		if len(y.indents)+y.flow > MaxDepth {
			return y.fail(start + i)
		}
	}
	// valueStart is true where a scalar or collection may begin: after
	// indentation, "- ", ": ", "? ", a flow separator, or a tag or anchor.
	valueStart := y.quote == 0
	for ; i < len(line); i++ {
		c := line[i]
		switch y.quote {
		case '"':
			if c == '\\' {
				i++
			} else if c == '"' {
				y.quote = 0
			}
			continue
		case '\'':
			if c == '\'' {
				if i+1 < len(line) && line[i+1] == '\'' {
					i++
				} else {
					y.quote = 0
				}
			}
			continue
		}
		switch {
		case c == ' ' || c == '\t':
			continue
		case c == '#' && (i == 0 || line[i-1] == ' ' || line[i-1] == '\t'):
			return nil
		case (c == '"' || c == '\'') && (valueStart || y.flow > 0 && prevIsFlowStart(line, i)):
			y.quote = c
		case (c == '[' || c == '{') && (valueStart || y.flow > 0):
			y.flow++
			if len(y.indents)+y.flow > MaxDepth {
				return y.fail(start + i)
			}
			valueStart = true
			continue
		case (c == ']' || c == '}') && y.flow > 0:
			y.flow--
		case c == ',' && y.flow > 0:
			valueStart = true
			continue
		case (c == '-' || c == '?' || c == ':') && (i+1 == len(line) || line[i+1] == ' ' || line[i+1] == '\t'):
			valueStart = true
			continue
		case (c == '!' || c == '&') && valueStart:
			for i+1 < len(line) && line[i+1] != ' ' && line[i+1] != '\t' {
				i++
			}
			continue
		case (c == '|' || c == '>') && valueStart && y.flow == 0 && blockIndicator(line[i+1:]):
			y.block = indent
			return nil
		}
		valueStart = false
	}
	return nil
}

// prevIsFlowStart reports whether the last non-blank before i opens a flow
// entry.
func prevIsFlowStart(line []byte, i int) bool {
	for j := i - 1; j >= 0; j-- {
		switch line[j] {
		case ' ', '\t':
			continue
		case '[', '{', ',', ':':
			return true
		}
		return false
	}
	return true
}

// blockIndicator reports whether what follows | or > is a block scalar
// header: indentation and chomping indicators, then a comment or nothing.
func blockIndicator(rest []byte) bool {
	for i, c := range rest {
		switch {
		case c == '+' || c == '-' || c >= '1' && c <= '9':
		case c == ' ' || c == '\t':
			return len(bytes.TrimSpace(rest[i:])) == 0 || bytes.TrimSpace(rest[i:])[0] == '#'
		case c == '\r':
		default:
			return false
		}
	}
	return true
}
