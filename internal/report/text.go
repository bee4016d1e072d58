package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/rules"
)

// ANSI styles used when Options.Color is set.
const (
	styleReset  = "\033[0m"
	styleBold   = "\033[1m"
	styleDim    = "\033[2m"
	styleRed    = "\033[31m"
	styleYellow = "\033[33m"
	styleCyan   = "\033[36m"
	styleGreen  = "\033[32m"
)

// WriteText writes findings the way compilers do (file:line:col: severity
// rule: message), each followed by its source line and a caret under the
// offending value, grouped by file, and then a summary.
func WriteText(w io.Writer, rs []*rules.Rule, fs []rules.Finding, diags []graph.Diagnostic, opts Options) error {
	bw := bufio.NewWriter(w)
	src := &sourceLines{files: map[string][]string{}}
	paint := func(style, s string) string {
		if !opts.Color {
			return s
		}
		return style + s + styleReset
	}
	fs = sorted(fs)
	lastFile := ""
	first := true
	for i := range fs {
		f := &fs[i]
		if !shown(f, opts) {
			continue
		}
		file := displayPath(f.Loc.Range.File, opts.BaseDir)
		if !first && file != lastFile {
			fmt.Fprintln(bw)
		}
		first, lastFile = false, file
		label, style := f.Severity.String(), severityStyle(f.Severity)
		if f.Status == rules.Undetermined {
			label, style = "unknown", styleDim
		}
		where := position(f.Loc.Range, opts.BaseDir)
		msg := f.Message
		if f.Suppressed != nil {
			until := ""
			if f.Suppressed.Until != "" {
				until = " until " + f.Suppressed.Until
			}
			msg += fmt.Sprintf(" (suppressed%s: %s)", until, f.Suppressed.Justification)
		}
		// Continuation lines of a message are indented under it, so that
		// they cannot be mistaken for a finding of their own.
		msg = strings.ReplaceAll(strings.ReplaceAll(msg, "\r\n", "\n"), "\n", "\n    ")
		fmt.Fprintf(bw, "%s: %s %s: %s\n", paint(styleBold, clean(where)), paint(style, label), clean(f.RuleID), clean(msg))
		writeExcerpt(bw, src, f.Loc.Range, paint)
		for _, r := range f.Related {
			if r.Loc.Range.IsZero() {
				continue
			}
			fmt.Fprintf(bw, "    %s %s\n", paint(styleDim, clean(r.Message)+":"), clean(position(r.Loc.Range, opts.BaseDir)))
		}
	}
	if !first {
		fmt.Fprintln(bw)
	}
	s := Summarize(fs, diags)
	fmt.Fprintln(bw, summaryLine(s, opts, paint))
	for _, line := range noticeLines(s, diags) {
		fmt.Fprintln(bw, paint(styleYellow, clean(line)))
	}
	return bw.Flush()
}

// Excerpts of long lines (a minified JSON template is one line) show a
// window of at most maxExcerpt characters around the range, starting at
// most excerptLead characters before it.
const (
	maxExcerpt  = 160
	excerptLead = 40
)

// writeExcerpt prints the source line of r and a caret line under it.
func writeExcerpt(w io.Writer, src *sourceLines, r graph.Range, paint func(string, string) string) {
	line, ok := src.line(r.File, r.Start.Line)
	if !ok {
		return
	}
	runes := []rune(strings.Map(printable, line))
	col := max(r.Start.Column, 1)
	if col > len(runes)+1 {
		return
	}
	width := 1
	switch {
	case r.End.Line == r.Start.Line && r.End.Column > col:
		width = r.End.Column - col
	case r.End.Line > r.Start.Line:
		width = len(runes) - col + 1
	}
	width = max(min(width, len(runes)-col+1), 1)

	// start and end delimit the part of the line shown, in runes.
	start, end := 0, len(runes)
	if len(runes) > maxExcerpt {
		start = max(0, col-1-excerptLead)
		end = min(len(runes), start+maxExcerpt)
	}
	shown := string(runes[start:end])
	lead := ""
	if start > 0 {
		shown, lead = "…"+shown, " "
	}
	if end < len(runes) {
		shown += "…"
	}
	width = max(min(width, end-(col-1)), 1)

	var pad strings.Builder
	pad.WriteString(lead)
	for _, c := range runes[start : col-1] {
		// Repeating the line's tabs keeps the caret under the range
		// however the terminal expands them.
		if c == '\t' {
			pad.WriteByte('\t')
		} else {
			pad.WriteByte(' ')
		}
	}
	gutter := fmt.Sprintf("%5d | ", r.Start.Line)
	fmt.Fprintf(w, "%s%s\n", paint(styleDim, gutter), shown)
	fmt.Fprintf(w, "%s%s%s\n", paint(styleDim, strings.Repeat(" ", len(gutter)-2)+"| "), pad.String(), paint(styleGreen, strings.Repeat("^", width)))
}

// clean makes text from the input (messages name resources, keys and
// values written in the scanned files) safe to print on a terminal:
// control characters other than newline and tab become '?', so an escape
// sequence in a for_each key cannot rewrite the user's screen.
func clean(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\n' {
			return r
		}
		return printable(r)
	}, s)
}

// printable replaces control characters (other than tab) that would
// garble a terminal, keeping one character per column.
func printable(r rune) rune {
	if r == '\t' || (r >= 0x20 && r != 0x7f && !(r >= 0x80 && r < 0xa0)) {
		return r
	}
	return '?'
}

func severityStyle(s rules.Severity) string {
	switch s {
	case rules.Critical:
		return styleBold + styleRed
	case rules.High:
		return styleRed
	case rules.Medium:
		return styleYellow
	}
	return styleCyan
}

// noticeLines say, after the summary, that there was nothing to scan, or
// what the scan could not read because code was missing.
func noticeLines(s Summary, diags []graph.Diagnostic) []string {
	var lines []string
	for _, d := range diags {
		if d.Code == graph.CodeNothingToScan {
			lines = append(lines, d.Message)
		}
	}
	if m := s.ModulesNotDownloaded; m.Calls > 0 {
		lines = append(lines, fmt.Sprintf("%s (%s) not downloaded: run terraform init, or --download-modules", plural(m.Calls, "module call"), plural(m.Sources, "source")))
	}
	if m := s.ModulesMissing; m.Calls > 0 {
		lines = append(lines, fmt.Sprintf("%s (%s) to local modules that do not exist", plural(m.Calls, "module call"), plural(m.Sources, "source")))
	}
	return lines
}

// summaryLine is the summary of a text report.
func summaryLine(s Summary, opts Options, paint func(string, string) string) string {
	var parts []string
	if s.Findings == 0 {
		parts = append(parts, paint(styleGreen, "no findings"))
	} else {
		var sev []string
		for _, name := range []string{"critical", "high", "medium", "low"} {
			if n := s.BySeverity[name]; n > 0 {
				sev = append(sev, fmt.Sprintf("%d %s", n, name))
			}
		}
		parts = append(parts, paint(styleBold, plural(s.Findings, "finding"))+" ("+strings.Join(sev, ", ")+")")
		// With a threshold above low, say how many findings fail the
		// scan, which is what the exit code reflects.
		if opts.FailOn > rules.Low && opts.FailOn <= rules.Critical {
			failing := 0
			for _, sev := range []rules.Severity{rules.Low, rules.Medium, rules.High, rules.Critical} {
				if sev >= opts.FailOn {
					failing += s.BySeverity[sev.String()]
				}
			}
			parts = append(parts, fmt.Sprintf("%d at or above --fail-on %s", failing, opts.FailOn))
		}
	}
	if s.Undetermined > 0 {
		hint := ""
		if !opts.ShowUnknown {
			hint = "; --show-unknown lists them"
		}
		parts = append(parts, fmt.Sprintf("%s could not be evaluated before deployment%s", plural(s.Undetermined, "check"), hint))
	}
	if s.Suppressed > 0 {
		parts = append(parts, fmt.Sprintf("%d suppressed", s.Suppressed))
	}
	if s.BaselineUnchanged > 0 {
		parts = append(parts, fmt.Sprintf("%d already in the baseline", s.BaselineUnchanged))
	}
	if s.Errors > 0 {
		parts = append(parts, paint(styleRed, plural(s.Errors, "file error")+" (see stderr)"))
	}
	return strings.Join(parts, "; ")
}
