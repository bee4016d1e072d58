package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/internal/safetext"
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
// rule: message), each followed by its source line with a caret under the
// offending value and what explains it: where the value was set, the
// module call, a one-line fix and the rule's documentation. Findings are
// grouped by file; those of one rule, message and place (a module
// instantiated many times) are written once, naming their instances. A
// summary of what was scanned and found ends the report.
func WriteText(w io.Writer, rs []*rules.Rule, fs []rules.Finding, diags []graph.Diagnostic, opts Options) error {
	paths := opts.pathBase()
	bw := bufio.NewWriter(w)
	src := &sourceLines{files: map[string][]string{}, read: opts.ReadFile, secrets: secretRanges(rs, fs)}
	paint := func(style, s string) string {
		if !opts.Color {
			return s
		}
		return style + s + styleReset
	}
	byID := map[string]*rules.Rule{}
	for _, r := range rs {
		byID[r.ID] = r
	}
	fs = sorted(fs)
	var visible []*rules.Finding
	for i := range fs {
		if shown(&fs[i], opts) {
			visible = append(visible, &fs[i])
		}
	}
	compact := opts.Compact || opts.Quiet
	lastFile := ""
	for i, g := range groupFindings(visible) {
		f := g.findings[0]
		file := displayPath(f.Loc.Range.File, paths)
		if i > 0 && file != lastFile {
			fmt.Fprintln(bw)
		}
		lastFile = file
		label, style := f.Severity.String(), severityStyle(f.Severity)
		if f.Status == rules.Undetermined {
			label, style = "unknown", styleDim
		}
		where := position(f.Loc.Range, paths)
		msg := g.message
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
		if !compact {
			writeExcerpt(bw, src, f.Loc.Range, paint)
		}
		if len(g.instances) > 0 {
			fmt.Fprintf(bw, "    %s %s\n", paint(styleDim, "for"), clean(listInstances(g.instances)))
		}
		if compact {
			continue
		}
		lines, more := g.related()
		for _, r := range lines {
			fmt.Fprintf(bw, "    %s %s\n", paint(styleDim, clean(r.label)+":"), clean(position(r.loc, paths)))
		}
		if more > 0 {
			fmt.Fprintf(bw, "    %s\n", paint(styleDim, fmt.Sprintf("(and %d more)", more)))
		}
		rule := byID[f.RuleID]
		if rule == nil || f.Status == rules.Undetermined {
			continue
		}
		if fix := FixSummary(rule); fix != "" {
			fmt.Fprintf(bw, "    %s %s\n", paint(styleDim, "fix:"), clean(fix))
		}
		if opts.HelpURI != nil {
			if u := opts.HelpURI(f.RuleID); u != "" {
				fmt.Fprintf(bw, "    %s %s\n", paint(styleDim, "docs:"), clean(u))
			}
		}
	}
	if len(visible) > 0 {
		fmt.Fprintln(bw)
	}
	s := Summarize(fs, diags)
	if !opts.Quiet {
		writeTextSummary(bw, rs, diags, opts, paint)
	}
	fmt.Fprintln(bw, summaryLine(s, opts, paint))
	for _, line := range noticeLines(s, diags) {
		fmt.Fprintln(bw, paint(styleYellow, clean(line)))
	}
	return bw.Flush()
}

// FixSummary is the first sentence of a rule's remediation: the fix in
// one line.
func FixSummary(r *rules.Rule) string {
	text := strings.Join(strings.Fields(r.Remediation.Text), " ")
	for i := 0; i+2 < len(text); i++ {
		if text[i] == '.' && text[i+1] == ' ' && text[i+2] >= 'A' && text[i+2] <= 'Z' {
			return text[:i+1]
		}
	}
	return text
}

// writeTextSummary writes what was scanned, what was not and why, the
// compliance table and, when asked for, the statistics.
func writeTextSummary(w io.Writer, rs []*rules.Rule, diags []graph.Diagnostic, opts Options, paint func(string, string) string) {
	paths := opts.pathBase()
	if opts.Stats != nil {
		fmt.Fprintln(w, scannedLine(opts.Stats.totals()))
	}
	for _, ns := range notScanned(diags, paths) {
		times := ""
		if ns.Count > 1 {
			times = fmt.Sprintf(", %d times", ns.Count)
		}
		fmt.Fprintf(w, "%s %s\n", paint(styleYellow, fmt.Sprintf("incomplete (%s%s):", ns.Code, times)), clean(ns.Example))
	}
	if opts.Compliance != "" && opts.Stats != nil {
		table := complianceTable(opts.Compliance, rs, opts.Stats.Rules)
		fmt.Fprintf(w, "\ncompliance with %s (%s):\n", opts.Compliance, rules.FrameworkShortName(opts.Compliance))
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "  control\tstatus\tfailed\tpassed\tundetermined\trules")
		for _, c := range table {
			fmt.Fprintf(tw, "  %s\t%s\t%d\t%d\t%d\t%s\n", c.Control, c.Status, c.Failed, c.Passed, c.Undetermined, strings.Join(c.Rules, ", "))
		}
		tw.Flush()
	}
	if opts.Statistics && opts.Stats != nil {
		fmt.Fprintln(w, "\nstatistics:")
		width := len("cloudformation")
		for _, c := range opts.Stats.Rules {
			width = max(width, len(c.RuleID))
		}
		fmt.Fprintf(w, "  %-*s %7s %7s %10s\n", width, "format", "units", "files", "resources")
		for _, t := range opts.Stats.totals() {
			fmt.Fprintf(w, "  %-*s %7d %7d %10d\n", width, t.Format, t.Units, t.Files, t.Resources)
		}
		fmt.Fprintf(w, "\n  %-*s %7s %7s %13s %11s\n", width, "rule", "failed", "passed", "undetermined", "suppressed")
		for _, c := range opts.Stats.Rules {
			fmt.Fprintf(w, "  %-*s %7d %7d %13d %11d\n", width, c.RuleID, c.Failed, c.Passed, c.Undetermined, c.Suppressed)
		}
		fmt.Fprintf(w, "  elapsed: %s\n", opts.Stats.Elapsed.Round(time.Millisecond))
	}
	if opts.Stats != nil && (opts.Compliance != "" || opts.Statistics) {
		fmt.Fprintln(w)
	}
}

// scannedLine says what a scan read, by format.
func scannedLine(totals []FormatTotals) string {
	if len(totals) == 0 {
		return "scanned: no Terraform or CloudFormation found"
	}
	var parts []string
	for _, t := range totals {
		parts = append(parts, fmt.Sprintf("%s (%s, %s)", formatNoun(t.Format, t.Units), plural(t.Files, "file"), plural(t.Resources, "resource")))
	}
	return "scanned " + joinAnd(parts)
}

// joinAnd joins items as prose: "a", "a and b", "a, b and c".
func joinAnd(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// Excerpts of long lines (a minified JSON template is one line) show a
// window of at most maxExcerpt characters around the range, starting at
// most excerptLead characters before it.
const (
	maxExcerpt  = 160
	excerptLead = 40
)

// secretRanges are the ranges findings of concealing rules point at, by
// file: no excerpt shows their text, whichever finding the excerpt is for.
func secretRanges(rs []*rules.Rule, fs []rules.Finding) map[string][]graph.Range {
	conceals := map[string]bool{}
	for _, r := range rs {
		if r.Conceals {
			conceals[r.ID] = true
		}
	}
	out := map[string][]graph.Range{}
	for _, f := range fs {
		if !conceals[f.RuleID] {
			continue
		}
		for _, r := range []graph.Range{f.Loc.Range, f.Loc.Source} {
			if r.File != "" && r.Start.Line > 0 {
				out[r.File] = append(out[r.File], r)
			}
		}
	}
	return out
}

// mask replaces with '*' the characters of part of a line (number n of
// file, starting at rune offset) that secret ranges cover.
func (s *sourceLines) mask(file string, n int, part []rune, offset int) {
	for _, r := range s.secrets[file] {
		if n < r.Start.Line || n > r.End.Line {
			continue
		}
		from, to := 1, offset+len(part)+1
		if n == r.Start.Line {
			from = max(r.Start.Column, 1)
		}
		if n == r.End.Line && r.End.Column > 0 {
			to = min(r.End.Column, to)
		}
		for c := max(from, offset+1); c < to; c++ {
			part[c-1-offset] = '*'
		}
	}
}

// writeExcerpt prints the source line of r and a caret line under it.
func writeExcerpt(w io.Writer, src *sourceLines, r graph.Range, paint func(string, string) string) {
	runes, ok := src.runes(r.File, r.Start.Line)
	if !ok {
		return
	}
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
	// Only the part shown is copied, masked and checked: the work is
	// linear in the window, not in the line (a minified template is one
	// line of megabytes with hundreds of findings).
	window := append([]rune(nil), runes[start:end]...)
	src.mask(r.File, r.Start.Line, window, start)
	breakCommands(window)
	shown := string(window)
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
// values written in the scanned files) safe to print on a terminal or in
// a CI log (safetext.Escape): an escape sequence in a for_each key cannot
// rewrite the user's screen, nor a bidirectional override reorder it.
func clean(s string) string {
	return safetext.Escape(s, true)
}

// printable replaces what would garble a terminal or mislead its reader
// (control characters other than tab, bidirectional controls, line
// separators) with '?', keeping one character per column.
func printable(r rune) rune {
	if r == '\t' || (r >= 0x20 && r != 0x7f && !(r >= 0x80 && r < 0xa0) &&
		!(r >= 0x202a && r <= 0x202e) && !(r >= 0x2066 && r <= 0x2069) &&
		r != 0x200e && r != 0x200f && r != 0x061c && r != 0x2028 && r != 0x2029 && r != 0xfeff) {
		return r
	}
	return '?'
}

// breakCommands breaks up Azure Pipelines logging commands (##[ and
// ##vso[) in a line of source, keeping its width.
func breakCommands(runes []rune) {
	for i := 0; i+2 < len(runes); i++ {
		if runes[i] != '#' || runes[i+1] != '#' {
			continue
		}
		if runes[i+2] == '[' {
			runes[i+2] = '?'
		} else if i+5 < len(runes) && string(runes[i+2:i+6]) == "vso[" {
			runes[i+5] = '?'
		}
	}
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
	if opts.Filtered > 0 {
		parts = append(parts, fmt.Sprintf("%s of other severities not shown (--severity)", plural(opts.Filtered, "finding")))
	}
	// Errors and modules not read are said above and below; the rest of
	// what was not scanned is said here.
	if n := s.Incomplete - s.Errors - s.ModulesNotDownloaded.Sources - s.ModulesMissing.Sources; n > 0 {
		parts = append(parts, paint(styleYellow, "scan incomplete: "+plural(n, "warning")+" about input not scanned (see stderr)"))
	}
	return strings.Join(parts, "; ")
}
