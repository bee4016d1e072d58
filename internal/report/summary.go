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

// summaryTop is how many findings a summary lists.
const summaryTop = 20

// WriteSummary writes a Markdown summary of the scan for a CI job summary
// (GitHub's $GITHUB_STEP_SUMMARY): the findings counted by severity, the
// most severe findings with links to their rules' pages (helpURI; nil for
// no links), and what could not be scanned. Everything that comes from
// the scanned files is escaped, so that it cannot add Markdown or HTML.
func WriteSummary(w io.Writer, rs []*rules.Rule, fs []rules.Finding, diags []graph.Diagnostic, opts Options, helpURI func(ruleID string) string) error {
	paths := opts.pathBase()
	bw := bufio.NewWriter(w)
	s := Summarize(fs, diags)
	fmt.Fprintln(bw, "## blindspot")
	fmt.Fprintln(bw)
	if s.Findings == 0 {
		fmt.Fprintln(bw, "**No findings.**")
	} else {
		fmt.Fprintf(bw, "**%s**", plural(s.Findings, "finding"))
		if opts.FailOn > rules.Low && opts.FailOn <= rules.Critical {
			failing := 0
			for _, sev := range []rules.Severity{rules.Low, rules.Medium, rules.High, rules.Critical} {
				if sev >= opts.FailOn {
					failing += s.BySeverity[sev.String()]
				}
			}
			fmt.Fprintf(bw, ", %d at or above %s", failing, opts.FailOn)
		}
		fmt.Fprintln(bw)
		fmt.Fprintln(bw)
		fmt.Fprintln(bw, "| Severity | Findings |")
		fmt.Fprintln(bw, "| --- | ---: |")
		for _, sev := range []string{"critical", "high", "medium", "low"} {
			fmt.Fprintf(bw, "| %s | %d |\n", sev, s.BySeverity[sev])
		}
	}
	var notes []string
	if s.Undetermined > 0 {
		notes = append(notes, fmt.Sprintf("%s could not be evaluated before deployment", plural(s.Undetermined, "check")))
	}
	if s.Suppressed > 0 {
		notes = append(notes, fmt.Sprintf("%d suppressed in the code", s.Suppressed))
	}
	if s.BaselineUnchanged > 0 {
		notes = append(notes, fmt.Sprintf("%d already in the baseline", s.BaselineUnchanged))
	}
	for _, line := range noticeLines(s, diags) {
		notes = append(notes, mdText(line))
	}
	if len(notes) > 0 {
		fmt.Fprintln(bw)
		fmt.Fprintln(bw, strings.Join(notes, " · "))
	}

	var shownFindings []rules.Finding
	for _, f := range sorted(fs) {
		if f.Status == rules.Failed && f.Suppressed == nil {
			shownFindings = append(shownFindings, f)
		}
	}
	sort.SliceStable(shownFindings, func(i, j int) bool { return shownFindings[i].Severity > shownFindings[j].Severity })
	if len(shownFindings) > 0 {
		fmt.Fprintln(bw)
		fmt.Fprintln(bw, "### Most severe findings")
		fmt.Fprintln(bw)
		fmt.Fprintln(bw, "| Severity | Rule | Where | Finding |")
		fmt.Fprintln(bw, "| --- | --- | --- | --- |")
		for i, f := range shownFindings {
			if i == summaryTop {
				break
			}
			rule := mdText(f.RuleID)
			if helpURI != nil {
				if u := helpURI(f.RuleID); u != "" {
					rule = "[" + rule + "](" + u + ")"
				}
			}
			fmt.Fprintf(bw, "| %s | %s | %s | %s |\n", f.Severity, rule, mdCode(position(f.Loc.Range, paths)), mdText(f.Message))
		}
		if n := len(shownFindings) - summaryTop; n > 0 {
			fmt.Fprintf(bw, "\nand %d more: see the SARIF report or code scanning.\n", n)
		}
	}

	var notScanned []graph.Diagnostic
	for _, d := range sortedDiagnostics(diags) {
		if d.NotScanned() {
			notScanned = append(notScanned, d)
		}
	}
	fmt.Fprintln(bw)
	fmt.Fprintln(bw, "### Not scanned")
	fmt.Fprintln(bw)
	if len(notScanned) == 0 {
		fmt.Fprintln(bw, "Everything found was scanned.")
	}
	for i, d := range notScanned {
		if i == summaryTop {
			fmt.Fprintf(bw, "- and %d more (see the log)\n", len(notScanned)-summaryTop)
			break
		}
		where := position(d.Range, paths)
		if where != "" {
			where = mdCode(where) + ": "
		}
		fmt.Fprintf(bw, "- %s%s (%s)\n", where, mdText(d.Message), mdText(d.Code))
	}
	return bw.Flush()
}

// mdText makes text from the scanned files inert in GitHub-flavoured
// Markdown: HTML is escaped, Markdown punctuation is backslash-escaped
// (which also keeps a '|' from ending a table cell), and line breaks and
// control characters become spaces.
func mdText(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '\n' || r == '\r' || r == '\t' || printable(r) == '?' && r != '?':
			b.WriteByte(' ')
		case strings.ContainsRune("\\`*_{}[]()#+-.!|~:@=\"'", r):
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// mdCode shows a path as code; backticks inside it are dropped, since code
// spans have no escape.
func mdCode(s string) string {
	s = strings.Map(func(r rune) rune {
		if r == '`' || r == '\n' || r == '\r' || printable(r) == '?' && r != '?' {
			return -1
		}
		return r
	}, s)
	if s == "" {
		return ""
	}
	// HTML is not interpreted inside code spans; a '|' still ends a table
	// cell, so it is escaped.
	return "`" + strings.ReplaceAll(s, "|", "\\|") + "`"
}
