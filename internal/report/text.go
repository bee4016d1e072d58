package report

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/rules"
)

// maxSourceFile bounds the size of a file the text report reads to show a
// source line; larger files are shown without it.
const maxSourceFile = 16 << 20

// maxShownLine bounds how much of a source line is shown.
const maxShownLine = 240

// ANSI escape sequences used when Options.Color is set.
const (
	ansiReset   = "\033[0m"
	ansiBold    = "\033[1m"
	ansiDim     = "\033[2m"
	ansiRed     = "\033[31m"
	ansiYellow  = "\033[33m"
	ansiBlue    = "\033[34m"
	ansiMagenta = "\033[35m"
	ansiCyan    = "\033[36m"
)

// WriteText writes the report people read: findings grouped by file, each
// with its source line and a caret under the offending text, then a
// summary by severity with the number of checks that could not be
// evaluated and of suppressed findings. Diagnostics are not repeated here
// (the command line prints them on stderr); the summary counts them.
func WriteText(w io.Writer, rs []*rules.Rule, fs []rules.Finding, diags []graph.Diagnostic, opts Options) error {
	tw := textWriter{w: bufio.NewWriter(w), opts: opts, sources: map[string][]string{}}
	for _, r := range rs {
		if tw.titles == nil {
			tw.titles = map[string]string{}
		}
		tw.titles[r.ID] = r.Title
	}
	sel := selectFindings(fs, opts)
	tw.findings(sel.listed)
	tw.summary(sel, rs, visibleDiagnostics(diags))
	if err := tw.w.Flush(); err != nil {
		return fmt.Errorf("writing report: %w", err)
	}
	return nil
}

type textWriter struct {
	w       *bufio.Writer
	opts    Options
	titles  map[string]string
	sources map[string][]string // file -> lines; nil when unreadable
}

func (tw *textWriter) paint(code, s string) string {
	if !tw.opts.Color || s == "" {
		return s
	}
	return code + s + ansiReset
}

func severityColor(s rules.Severity) string {
	switch s {
	case rules.Critical:
		return ansiBold + ansiMagenta
	case rules.High:
		return ansiRed
	case rules.Medium:
		return ansiYellow
	}
	return ansiBlue
}

func (tw *textWriter) findings(fs []rules.Finding) {
	current := "\x00"
	for i := range fs {
		f := &fs[i]
		file := displayPath(tw.opts.BaseDir, f.Loc.Range.File)
		if file != current {
			if current != "\x00" {
				tw.w.WriteString("\n")
			}
			current = file
			name := file
			if name == "" {
				name = "(no file)"
			}
			tw.w.WriteString(tw.paint(ansiBold, name) + "\n")
		}
		tw.finding(f)
	}
	if len(fs) > 0 {
		tw.w.WriteString("\n")
	}
}

func (tw *textWriter) finding(f *rules.Finding) {
	r := f.Loc.Range
	pos := "-"
	if r.Start.Line > 0 {
		pos = fmt.Sprintf("%d:%d", r.Start.Line, max(r.Start.Column, 1))
	}
	label, color := f.Severity.String(), severityColor(f.Severity)
	switch {
	case f.Status == rules.Undetermined:
		label, color = "unknown", ansiCyan
	case f.Suppressed != nil:
		label, color = "suppressed", ansiDim
	}
	fmt.Fprintf(tw.w, "  %s  %s  %s  %s\n", pos, tw.paint(color, fmt.Sprintf("%-8s", label)), tw.paint(ansiBold, f.RuleID), f.Message)
	if addr := resourceAddress(f.Loc); addr != "" {
		fmt.Fprintf(tw.w, "      %s %s\n", tw.paint(ansiDim, "resource:"), addr)
	}
	tw.source(r, color)
	for _, rel := range f.Related {
		if rel.Loc.Range.IsZero() {
			continue
		}
		fmt.Fprintf(tw.w, "      %s %s %s\n", tw.paint(ansiDim, "related:"), tw.position(rel.Loc.Range), rel.Message)
	}
	if s := f.Suppressed; s != nil {
		what := s.Justification
		if s.Until != "" {
			what += " (until " + s.Until + ")"
		}
		fmt.Fprintf(tw.w, "      %s %s\n", tw.paint(ansiDim, "suppressed:"), what)
	}
	if f.BaselineState == rules.BaselineUnchanged {
		fmt.Fprintf(tw.w, "      %s unchanged\n", tw.paint(ansiDim, "baseline:"))
	}
	if f.Fix != nil && f.Fix.Description != "" {
		fmt.Fprintf(tw.w, "      %s %s\n", tw.paint(ansiDim, "fix:"), f.Fix.Description)
	}
}

func resourceAddress(l graph.Loc) string {
	if l.Resource == nil {
		return ""
	}
	addr := l.Resource.Address
	if l.Path != "" {
		addr += " (" + l.Path + ")"
	}
	return addr
}

func (tw *textWriter) position(r graph.Range) string {
	file := displayPath(tw.opts.BaseDir, r.File)
	if r.Start.Line <= 0 {
		return file
	}
	return fmt.Sprintf("%s:%d:%d", file, r.Start.Line, max(r.Start.Column, 1))
}

// source prints the line r starts on with a caret line under it, marking
// r up to the end of that line. Unreadable files are skipped.
func (tw *textWriter) source(r graph.Range, color string) {
	if r.Start.Line <= 0 {
		return
	}
	lines := tw.lines(r.File)
	if r.Start.Line > len(lines) {
		return
	}
	line := lines[r.Start.Line-1]
	if utf8.RuneCountInString(line) > maxShownLine {
		return
	}
	col := max(r.Start.Column, 1)
	width := 1
	n := utf8.RuneCountInString(line)
	if r.End.Line == r.Start.Line && r.End.Column > col {
		width = r.End.Column - col
	} else if r.End.Line > r.Start.Line {
		width = n - col + 1
	}
	if col > n+1 {
		return
	}
	width = max(1, min(width, n-col+1))
	// The caret line repeats the line's tabs so that it lines up however
	// the terminal expands them.
	var pad strings.Builder
	i := 1
	for _, c := range line {
		if i >= col {
			break
		}
		if c == '\t' {
			pad.WriteByte('\t')
		} else {
			pad.WriteByte(' ')
		}
		i++
	}
	num := fmt.Sprintf("%6d | ", r.Start.Line)
	gutter := strings.Repeat(" ", len(num)-2) + "| "
	fmt.Fprintf(tw.w, "%s%s\n", tw.paint(ansiDim, num), line)
	fmt.Fprintf(tw.w, "%s%s%s\n", tw.paint(ansiDim, gutter), pad.String(), tw.paint(color, strings.Repeat("^", width)))
}

// lines returns the lines of file, read once; nil when it cannot be read
// or does not look like text.
func (tw *textWriter) lines(file string) []string {
	if ls, ok := tw.sources[file]; ok {
		return ls
	}
	tw.sources[file] = nil
	path := filePath(tw.opts.BaseDir, file)
	info, err := os.Stat(path)
	if err != nil || !info.Mode().IsRegular() || info.Size() > maxSourceFile {
		return nil
	}
	data, err := os.ReadFile(path)
	if err != nil || bytes.IndexByte(data, 0) >= 0 || !utf8.Valid(data) {
		return nil
	}
	ls := strings.Split(string(data), "\n")
	for i, l := range ls {
		ls[i] = strings.Map(func(r rune) rune {
			if r == '\t' {
				return r
			}
			if r < 0x20 || r == 0x7f {
				return -1
			}
			return r
		}, l)
	}
	tw.sources[file] = ls
	return ls
}

func (tw *textWriter) summary(sel selection, rs []*rules.Rule, diags []graph.Diagnostic) {
	n := len(sel.failed)
	if n == 0 {
		tw.w.WriteString(tw.paint(ansiBold, "No findings.") + "\n")
	} else {
		var parts []string
		for _, s := range severities {
			if c := sel.bySeverity[s]; c > 0 {
				parts = append(parts, tw.paint(severityColor(s), fmt.Sprintf("%d %s", c, s)))
			}
		}
		fmt.Fprintf(tw.w, "%s: %s\n", tw.paint(ansiBold, plural(n, "finding")), strings.Join(parts, ", "))
	}
	fmt.Fprintf(tw.w, "%s ran", plural(len(rs), "rule"))
	if tw.opts.FailOn >= rules.Low && tw.opts.FailOn <= rules.Critical {
		fmt.Fprintf(tw.w, "; %d at or above --fail-on %s", sel.atOrAboveFailOn, tw.opts.FailOn)
	}
	tw.w.WriteString(".\n")
	if sel.unknownCount > 0 {
		fmt.Fprintf(tw.w, "%s could not be evaluated before deployment", plural(sel.unknownCount, "check"))
		if !tw.opts.ShowUnknown {
			tw.w.WriteString(" (--show-unknown lists them)")
		}
		tw.w.WriteString(".\n")
	}
	if sel.suppressedCount > 0 {
		fmt.Fprintf(tw.w, "%s suppressed inline", plural(sel.suppressedCount, "finding"))
		if !tw.opts.IncludeSuppressed {
			tw.w.WriteString(" (--include-suppressed lists them)")
		}
		tw.w.WriteString(".\n")
	}
	if sel.unchangedCount > 0 {
		fmt.Fprintf(tw.w, "%s already in the baseline.\n", plural(sel.unchangedCount, "finding"))
	}
	var errs, warns, notes int
	for _, d := range diags {
		switch d.Severity {
		case graph.Error:
			errs++
		case graph.Warning:
			warns++
		case graph.Note:
			notes++
		}
	}
	if errs+warns+notes > 0 {
		var parts []string
		for _, p := range []struct {
			n    int
			what string
		}{{errs, "error"}, {warns, "warning"}, {notes, "note"}} {
			if p.n > 0 {
				parts = append(parts, plural(p.n, p.what))
			}
		}
		fmt.Fprintf(tw.w, "Reading the input: %s.\n", strings.Join(parts, ", "))
	}
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}
