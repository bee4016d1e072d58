package report

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/rules"
)

// WriteGitHub writes GitHub Actions workflow commands that annotate the
// pull request: one ::error, ::warning or ::notice per finding (by
// severity: critical and high are errors, medium warnings, low notices),
// checks that could not be evaluated as notices when asked for, and
// diagnostics by their severity. A summary line ends the output.
func WriteGitHub(w io.Writer, rs []*rules.Rule, fs []rules.Finding, diags []graph.Diagnostic, opts Options) error {
	bw := bufio.NewWriter(w)
	titles := map[string]string{}
	for _, r := range rs {
		titles[r.ID] = r.Title
	}
	sel := selectFindings(fs, opts)
	for _, f := range sel.listed {
		if f.Suppressed != nil {
			// A suppressed finding is not a problem on the pull request.
			continue
		}
		command := annotationLevel(f.Severity)
		title := f.RuleID
		msg := f.Message
		if t := titles[f.RuleID]; t != "" {
			msg = t + ": " + msg
		}
		if f.Status == rules.Undetermined {
			command = "notice"
			title += " (could not evaluate)"
		}
		writeCommand(bw, command, opts.BaseDir, f.Loc.Range, title, msg)
	}
	for _, d := range visibleDiagnostics(diags) {
		command := "notice"
		switch d.Severity {
		case graph.Error:
			command = "error"
		case graph.Warning:
			command = "warning"
		}
		writeCommand(bw, command, opts.BaseDir, d.Range, "blindspot "+d.Code, d.Message)
	}
	fmt.Fprintf(bw, "blindspot: %s", plural(len(sel.failed), "finding"))
	if sel.unknownCount > 0 {
		fmt.Fprintf(bw, ", %s could not be evaluated", plural(sel.unknownCount, "check"))
	}
	if sel.suppressedCount > 0 {
		fmt.Fprintf(bw, ", %d suppressed", sel.suppressedCount)
	}
	bw.WriteString("\n")
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("writing GitHub annotations: %w", err)
	}
	return nil
}

func annotationLevel(s rules.Severity) string {
	switch s.Level() {
	case "error":
		return "error"
	case "warning":
		return "warning"
	}
	return "notice"
}

func writeCommand(w *bufio.Writer, command, base string, r graph.Range, title, msg string) {
	var props []string
	if file := displayPath(base, r.File); file != "" {
		props = append(props, "file="+escapeProperty(file))
		if r.Start.Line > 0 {
			props = append(props, "line="+strconv.Itoa(r.Start.Line))
			if r.Start.Column > 0 {
				props = append(props, "col="+strconv.Itoa(r.Start.Column))
			}
			if r.End.Line >= r.Start.Line {
				props = append(props, "endLine="+strconv.Itoa(r.End.Line))
				// GitHub takes endColumn as inclusive and only on a
				// single line.
				if r.End.Line == r.Start.Line && r.End.Column > r.Start.Column && r.Start.Column > 0 {
					props = append(props, "endColumn="+strconv.Itoa(r.End.Column-1))
				}
			}
		}
	}
	props = append(props, "title="+escapeProperty(title))
	fmt.Fprintf(w, "::%s %s::%s\n", command, strings.Join(props, ","), escapeData(msg))
}

// escapeData escapes a workflow command's message as the Actions runner
// expects.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a workflow command's property value, where ':'
// and ',' separate properties too.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
