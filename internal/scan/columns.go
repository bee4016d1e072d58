package scan

import (
	"bytes"
	"unicode/utf8"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/rules"
)

// Reports count columns in Unicode code points (SARIF's columnKind
// unicodeCodePoints). HCL counts its native syntax's columns in grapheme
// clusters and its JSON syntax's in bytes, so a line with combining
// characters, emoji or non-ASCII text in a .tf file put findings at the
// wrong column. Every range that knows its byte offset is given the column
// of that offset in code points, from the file's text.

// columnFixer converts the columns of ranges, reading each file once.
type columnFixer struct {
	read  func(string) ([]byte, error)
	files map[string]*lineIndex
}

// lineIndex is a file's text and where its lines start.
type lineIndex struct {
	data   []byte
	starts []int
}

func (c *columnFixer) index(file string) *lineIndex {
	if li, ok := c.files[file]; ok {
		return li
	}
	var li *lineIndex
	if data, err := c.read(file); err == nil {
		li = &lineIndex{data: data, starts: []int{0}}
		for i, b := range data {
			if b == '\n' {
				li.starts = append(li.starts, i+1)
			}
		}
	}
	c.files[file] = li
	return li
}

// pos converts one position, when its byte offset lies on its line.
func (c *columnFixer) pos(file string, p *graph.Pos) {
	if p.Line <= 0 || p.Byte < 0 {
		return
	}
	li := c.index(file)
	if li == nil || p.Line > len(li.starts) {
		return
	}
	start := li.starts[p.Line-1]
	end := len(li.data)
	if p.Line < len(li.starts) {
		end = li.starts[p.Line]
	}
	if p.Byte < start || p.Byte > end {
		return
	}
	prefix := li.data[start:p.Byte]
	if isASCII(prefix) {
		p.Column = len(prefix) + 1
		return
	}
	p.Column = utf8.RuneCount(prefix) + 1
}

func (c *columnFixer) fix(r *graph.Range) {
	if r.File == "" || r.Start.Line <= 0 || r.Start.Byte < 0 || !hclSource(r.File) {
		return
	}
	c.pos(r.File, &r.Start)
	c.pos(r.File, &r.End)
}

// hclSource reports whether a file is read by HCL (native or JSON).
func hclSource(file string) bool {
	for _, ext := range []string{".tf", ".tf.json", ".tfvars", ".tfvars.json"} {
		if len(file) >= len(ext) && file[len(file)-len(ext):] == ext {
			return true
		}
	}
	return false
}

func isASCII(b []byte) bool {
	return bytes.IndexFunc(b, func(r rune) bool { return r >= utf8.RuneSelf }) < 0
}

// fixColumns converts the columns of the findings' and diagnostics'
// ranges to code points.
func fixColumns(findings []rules.Finding, diags []graph.Diagnostic, read func(string) ([]byte, error)) {
	c := &columnFixer{read: read, files: map[string]*lineIndex{}}
	for i := range findings {
		f := &findings[i]
		c.fix(&f.Loc.Range)
		c.fix(&f.Loc.Source)
		for j := range f.Related {
			c.fix(&f.Related[j].Loc.Range)
			c.fix(&f.Related[j].Loc.Source)
		}
		if f.Fix != nil {
			for j := range f.Fix.Edits {
				c.fix(&f.Fix.Edits[j].Range)
			}
		}
	}
	for i := range diags {
		c.fix(&diags[i].Range)
	}
}
