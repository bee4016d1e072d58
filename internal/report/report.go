// Package report writes blindspot's results for people and scripts: a text
// report grouped by file with the offending source line, a JSON document
// with a stable schema, and GitHub Actions workflow annotations. SARIF is
// written by package sarif.
package report

import (
	"path/filepath"
	"strings"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/rules"
)

// Options control what a report contains and how it looks.
type Options struct {
	// BaseDir is the directory paths are shown relative to; relative paths
	// in the results are taken to be relative to it, and source lines are
	// read from there.
	BaseDir string
	// ShowUnknown lists the checks that could not be evaluated; they are
	// counted in the summary either way.
	ShowUnknown bool
	// IncludeSuppressed lists findings silenced by an inline suppression,
	// marked as such; they are counted either way.
	IncludeSuppressed bool
	// Color uses ANSI colours (text report only).
	Color bool
	// FailOn is the severity at and above which findings fail the scan;
	// the summary says how many do. Above Critical means never.
	FailOn rules.Severity
}

// selection is what a report lists and counts, in report order.
type selection struct {
	failed     []rules.Finding // unsuppressed failed findings
	unknown    []rules.Finding // undetermined, listed only with ShowUnknown
	suppressed []rules.Finding // suppressed failed findings, listed only with IncludeSuppressed
	listed     []rules.Finding // what the report shows, sorted

	unknownCount    int
	suppressedCount int
	unchangedCount  int
	bySeverity      map[rules.Severity]int
	atOrAboveFailOn int
}

func selectFindings(fs []rules.Finding, opts Options) selection {
	sorted := append([]rules.Finding(nil), fs...)
	rules.SortFindings(sorted)
	s := selection{bySeverity: map[rules.Severity]int{}}
	for _, f := range sorted {
		switch {
		case f.Status == rules.Undetermined:
			s.unknownCount++
			if opts.ShowUnknown {
				s.unknown = append(s.unknown, f)
				s.listed = append(s.listed, f)
			}
		case f.Suppressed != nil:
			s.suppressedCount++
			if opts.IncludeSuppressed {
				s.suppressed = append(s.suppressed, f)
				s.listed = append(s.listed, f)
			}
		default:
			s.failed = append(s.failed, f)
			s.listed = append(s.listed, f)
			s.bySeverity[f.Severity]++
			if opts.FailOn != 0 && f.Severity >= opts.FailOn {
				s.atOrAboveFailOn++
			}
			if f.BaselineState == rules.BaselineUnchanged {
				s.unchangedCount++
			}
		}
	}
	return s
}

// displayPath shows file relative to base with forward slashes when it
// lies inside base, and as given otherwise.
func displayPath(base, file string) string {
	if file == "" {
		return ""
	}
	if base == "" || !filepath.IsAbs(file) {
		return filepath.ToSlash(filepath.Clean(file))
	}
	rel, err := filepath.Rel(filepath.Clean(base), filepath.Clean(file))
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return filepath.ToSlash(file)
	}
	return filepath.ToSlash(rel)
}

// filePath is where to read file from: relative paths are relative to
// base.
func filePath(base, file string) string {
	if filepath.IsAbs(file) || base == "" {
		return file
	}
	return filepath.Join(base, file)
}

// visibleDiagnostics are the diagnostics reports show: debug detail is for
// the command line's --verbose only.
func visibleDiagnostics(diags []graph.Diagnostic) []graph.Diagnostic {
	var out []graph.Diagnostic
	for _, d := range diags {
		if d.Severity != graph.Debug {
			out = append(out, d)
		}
	}
	graph.SortDiagnostics(out)
	return out
}

// severities lists the severities most severe first.
var severities = []rules.Severity{rules.Critical, rules.High, rules.Medium, rules.Low}
