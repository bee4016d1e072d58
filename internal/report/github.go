package report

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/rules"
)

// WriteGitHub writes GitHub Actions workflow commands that annotate the
// pull request: ::error for critical and high findings, ::warning for
// medium, ::notice for low and (with --show-unknown) for checks that could
// not be evaluated; diagnostics that are errors or warnings too. GitHub
// shows only the first ten annotations of each kind per step, so the
// errors come first — files that could not be read, then critical and
// high findings — then the other findings, most severe first, in report
// order within a severity, and warnings about the input last; a plain
// summary line ends the output.
func WriteGitHub(w io.Writer, rs []*rules.Rule, fs []rules.Finding, diags []graph.Diagnostic, opts Options) error {
	paths := opts.pathBase()
	bw := bufio.NewWriter(w)
	titles := map[string]string{}
	for _, r := range rs {
		titles[r.ID] = r.Title
	}
	sortedDiags := sortedDiagnostics(diags)
	diagnostics := func(sev graph.DiagSeverity, level string) {
		for _, d := range sortedDiags {
			if d.Severity == sev {
				writeCommand(bw, level, d.Range, paths, "blindspot "+d.Code, d.Message)
			}
		}
	}
	diagnostics(graph.Error, "error")
	fs = sorted(fs)
	sort.SliceStable(fs, func(i, j int) bool { return annotationRank(&fs[i]) > annotationRank(&fs[j]) })
	for i := range fs {
		f := &fs[i]
		if !shown(f, opts) || f.Suppressed != nil {
			continue
		}
		level := "notice"
		switch {
		case f.Status == rules.Undetermined:
		case f.Severity >= rules.High:
			level = "error"
		case f.Severity == rules.Medium:
			level = "warning"
		}
		title := f.RuleID
		if t := titles[f.RuleID]; t != "" {
			title += ": " + t
		}
		writeCommand(bw, level, f.Loc.Range, paths, title, f.Message)
	}
	diagnostics(graph.Warning, "warning")
	fmt.Fprintf(bw, "blindspot: %s\n", summaryLine(Summarize(fs, diags), opts, func(_, s string) string { return s }))
	return bw.Flush()
}

// annotationRank orders annotations: failed checks by severity, then
// checks that could not be evaluated.
func annotationRank(f *rules.Finding) int {
	if f.Status == rules.Undetermined {
		return 0
	}
	return int(f.Severity)
}

func writeCommand(w io.Writer, level string, r graph.Range, base graph.PathBase, title, message string) {
	var props []string
	if r.File != "" {
		props = append(props, "file="+escapeProperty(cleanData(displayPath(r.File, base))))
		if r.Start.Line > 0 {
			// The runner drops the columns of an annotation that spans
			// lines, and of a column range that runs backwards.
			oneLine := r.End.Line <= r.Start.Line
			props = append(props, fmt.Sprintf("line=%d", r.Start.Line))
			if oneLine && r.Start.Column > 0 {
				props = append(props, fmt.Sprintf("col=%d", r.Start.Column))
			}
			if r.End.Line >= r.Start.Line {
				props = append(props, fmt.Sprintf("endLine=%d", r.End.Line))
				if oneLine && r.Start.Column > 0 && r.End.Column > r.Start.Column {
					props = append(props, fmt.Sprintf("endColumn=%d", r.End.Column))
				}
			}
		}
	}
	props = append(props, "title="+escapeProperty(cleanData(title)))
	fmt.Fprintf(w, "::%s %s::%s\n", level, strings.Join(props, ","), escapeData(cleanData(message)))
}

// cleanData replaces control characters other than line breaks (which
// escapeData encodes) with '?', as clean does for the text report.
func cleanData(s string) string {
	s = strings.Map(func(r rune) rune {
		if r == '\n' || r == '\r' {
			return r
		}
		return printable(r)
	}, s)
	// Azure's logging commands are recognised anywhere in a line.
	return strings.NewReplacer("##[", "##?", "##vso[", "##vso?").Replace(s)
}

// escapeData escapes a workflow command's message.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a workflow command's property value.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
