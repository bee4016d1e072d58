// Package report writes scan results for people and scripts: text (grouped
// by file, with the source line and a caret under the offending value, and a
// summary), JSON in a stable documented shape, and GitHub Actions workflow
// annotations. SARIF lives in package sarif.
package report

import (
	"fmt"
	"strings"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/internal/sandbox"
	"github.com/blindspot-iac/blindspot/rules"
)

// Options shape every report.
type Options struct {
	// BaseDir is the directory file paths and fingerprints are relative to
	// (scan.Result.Base); "" shows paths as the scan found them.
	BaseDir string
	// ShowUnknown lists checks that could not be evaluated (they are always
	// counted).
	ShowUnknown bool
	// IncludeSuppressed lists suppressed findings, marked as such.
	IncludeSuppressed bool
	// Color enables ANSI colours in text output.
	Color bool
	// FailOn is the lowest severity that fails the scan, for the summary;
	// zero when findings never fail it.
	FailOn rules.Severity
	// ReadFile, when set, reads the source files excerpts come from (the
	// scan's sandbox); otherwise they are read directly.
	ReadFile func(string) ([]byte, error)
	// HelpURI gives a rule's documentation page; nil for none.
	HelpURI func(ruleID string) string
	// Compact leaves out source excerpts and explanations (fixes,
	// documentation links, related locations) of the text report.
	Compact bool
	// Quiet prints only the findings, compactly, and the summary line.
	Quiet bool
	// Statistics adds the per-rule counts, what was scanned by format and
	// the elapsed time to the text report, and the elapsed time to JSON.
	Statistics bool
	// Stats are the scan's figures, shown in the summaries; nil when not
	// known.
	Stats *Stats
	// Compliance is the framework (a rules.Framework* name) whose
	// per-control results the report shows; empty for none.
	Compliance string
	// Filtered counts the findings a report filter (--severity) left out
	// of the findings given, for the summary.
	Filtered int
	// Organization is the organisation the HTML report draws; nil for
	// none.
	Organization *Organization
}

// Summary counts what a scan found.
type Summary struct {
	// Findings counts reported failed checks (not suppressed).
	Findings   int            `json:"findings"`
	BySeverity map[string]int `json:"bySeverity"`
	// Undetermined counts checks that could not be evaluated.
	Undetermined int `json:"undetermined"`
	// Suppressed counts findings silenced by inline suppressions.
	Suppressed int `json:"suppressed"`
	// BaselineUnchanged counts reported findings that were already in the
	// baseline (--baseline); new ones are the rest.
	BaselineUnchanged int `json:"baselineUnchanged"`
	// Errors and Warnings count diagnostics.
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
	// Incomplete counts the diagnostics that mean part of the input was
	// not scanned (every error, and warnings and notes marked so).
	Incomplete int `json:"incomplete"`
	// ModulesNotDownloaded counts the calls of remote modules that were
	// not downloaded, and their sources; ModulesMissing the calls of local
	// modules whose directory does not exist. Their code was not read.
	ModulesNotDownloaded ModuleCount `json:"modulesNotDownloaded"`
	ModulesMissing       ModuleCount `json:"modulesMissing"`
}

// ModuleCount counts module calls and the distinct sources they name.
type ModuleCount struct {
	Calls   int `json:"calls"`
	Sources int `json:"sources"`
}

// Summarize counts findings and diagnostics.
func Summarize(fs []rules.Finding, diags []graph.Diagnostic) Summary {
	s := Summary{BySeverity: map[string]int{"critical": 0, "high": 0, "medium": 0, "low": 0}}
	for _, f := range fs {
		switch {
		case f.Suppressed != nil:
			s.Suppressed++
		case f.Status == rules.Undetermined:
			s.Undetermined++
		default:
			s.Findings++
			s.BySeverity[f.Severity.String()]++
			if f.BaselineState == rules.BaselineUnchanged {
				s.BaselineUnchanged++
			}
		}
	}
	for _, d := range diags {
		switch d.Severity {
		case graph.Error:
			s.Errors++
		case graph.Warning:
			s.Warnings++
		}
		if d.NotScanned() {
			s.Incomplete++
		}
		// The scan says each module source once, with the number of
		// calls (graph.Diagnostic.Count).
		var count *ModuleCount
		switch d.Code {
		case graph.CodeModuleNotDownloaded:
			count = &s.ModulesNotDownloaded
		case graph.CodeModuleMissing:
			count = &s.ModulesMissing
		}
		if count != nil && d.Severity != graph.Debug {
			count.Sources++
			count.Calls += max(d.Count, 1)
		}
	}
	return s
}

// shown reports whether a finding belongs in a report with these options.
func shown(f *rules.Finding, opts Options) bool {
	if f.Suppressed != nil && !opts.IncludeSuppressed {
		return false
	}
	if f.Status == rules.Undetermined && !opts.ShowUnknown {
		return false
	}
	return true
}

// sorted returns the findings in report order (file, line, column, rule),
// so that a report depends on the findings and not on their order.
func sorted(fs []rules.Finding) []rules.Finding {
	out := append([]rules.Finding(nil), fs...)
	rules.SortFindings(out)
	return out
}

// sortedDiagnostics returns the diagnostics in report order.
func sortedDiagnostics(diags []graph.Diagnostic) []graph.Diagnostic {
	out := append([]graph.Diagnostic(nil), diags...)
	graph.SortDiagnostics(out)
	return out
}

// position formats a range's start as file:line:column, or only the file
// for a finding about a whole file.
func position(r graph.Range, base graph.PathBase) string {
	file := displayPath(r.File, base)
	if r.Start.Line <= 0 {
		return file
	}
	return fmt.Sprintf("%s:%d:%d", file, r.Start.Line, max(r.Start.Column, 1))
}

// pathBase is what the report shows paths relative to: built once per
// report, since building one looks up the working directory.
func (o Options) pathBase() graph.PathBase {
	return graph.NewPathBase(o.BaseDir)
}

// displayPath shows a file relative to the base, with forward slashes
// (graph.PathBase.Rel).
func displayPath(file string, base graph.PathBase) string {
	return base.Rel(file)
}

// sourceLines reads files once for the carets of a text report. Paths in
// findings are relative to the working directory, as the scan read them.
type sourceLines struct {
	files map[string][]string
	read  func(string) ([]byte, error)
	// secrets are ranges whose text no excerpt shows, by file.
	secrets map[string][]graph.Range
	// lastFile and lastLine name the line lastRunes holds, printable:
	// findings come sorted, so those on one line reuse it.
	lastFile  string
	lastLine  int
	lastRunes []rune
}

// runes returns line n of file as printable runes.
func (s *sourceLines) runes(file string, n int) ([]rune, bool) {
	if s.lastRunes != nil && s.lastFile == file && s.lastLine == n {
		return s.lastRunes, true
	}
	line, ok := s.line(file, n)
	if !ok {
		return nil, false
	}
	s.lastFile, s.lastLine, s.lastRunes = file, n, []rune(strings.Map(printable, line))
	return s.lastRunes, true
}

func (s *sourceLines) line(file string, n int) (string, bool) {
	lines, ok := s.files[file]
	if !ok {
		lines = s.readLines(file)
		s.files[file] = lines
	}
	if n < 1 || n > len(lines) {
		return "", false
	}
	return lines[n-1], true
}

// maxSourceSize bounds the files excerpts are read from.
const maxSourceSize = 16 << 20

// readLines reads a text file's lines; an unreadable or huge file (or one
// that is not a regular file) gives none, and the report goes on without
// source excerpts.
func (s *sourceLines) readLines(path string) []string {
	var data []byte
	var err error
	if s.read != nil {
		data, err = s.read(path)
	} else {
		data, err = sandbox.ReadUserFile(path, maxSourceSize)
	}
	if err != nil || len(data) > maxSourceSize {
		return nil
	}
	return strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n")
}

// plural formats a count with its noun.
func plural(n int, noun string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", noun)
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
