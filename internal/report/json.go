package report

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/rules"
)

// JSONVersion is the version of the JSON report's schema. Fields are only
// ever added within a version; a removal or change of meaning bumps it.
const JSONVersion = 1

// JSONReport is the document WriteJSON writes. Paths are relative to
// Options.BaseDir with forward slashes; lines and columns are 1-based and
// the end column is exclusive; lists are sorted by file, line, column and
// rule, and empty lists are written as [] rather than left out.
type JSONReport struct {
	// Version is JSONVersion.
	Version int `json:"version"`
	// Findings are the failed checks: all unsuppressed ones, and the
	// suppressed ones when the report includes them (with Suppressed set).
	Findings []JSONFinding `json:"findings"`
	// Unknowns are the checks that could not be evaluated, listed only
	// when asked for (--show-unknown); Summary.Unknown counts them always.
	Unknowns []JSONFinding `json:"unknowns"`
	// Diagnostics are problems met reading and evaluating the input
	// (debug detail left out).
	Diagnostics []JSONDiagnostic `json:"diagnostics"`
	Summary     JSONSummary      `json:"summary"`
}

// JSONFinding is one result of a rule.
type JSONFinding struct {
	RuleID string `json:"ruleId"`
	// Title is the rule's title.
	Title string `json:"title,omitempty"`
	// Severity is low, medium, high or critical.
	Severity string `json:"severity"`
	// Status is "failed" or "undetermined".
	Status  string `json:"status"`
	Message string `json:"message"`
	JSONLocation
	// Resource is the resource address (module.x.aws_s3_bucket.y["k"],
	// a CloudFormation logical ID) and Attribute the attribute path in it.
	Resource  string `json:"resource,omitempty"`
	Attribute string `json:"attribute,omitempty"`
	// Fingerprint identifies the finding independently of line numbers;
	// baselines record it.
	Fingerprint string           `json:"fingerprint"`
	Related     []JSONRelated    `json:"related,omitempty"`
	Fix         *JSONFix         `json:"fix,omitempty"`
	Suppressed  *JSONSuppression `json:"suppressed,omitempty"`
	// BaselineState is "new" or "unchanged" when a baseline was given.
	BaselineState string `json:"baselineState,omitempty"`
}

// JSONLocation is a source range; zero fields are left out.
type JSONLocation struct {
	File      string `json:"file,omitempty"`
	Line      int    `json:"line,omitempty"`
	Column    int    `json:"column,omitempty"`
	EndLine   int    `json:"endLine,omitempty"`
	EndColumn int    `json:"endColumn,omitempty"`
}

// JSONRelated is a secondary location: a module call, where a value was
// set.
type JSONRelated struct {
	JSONLocation
	Message string `json:"message,omitempty"`
}

// JSONFix is a quick fix: replace each edit's range with its text (an
// empty range inserts).
type JSONFix struct {
	Description string     `json:"description,omitempty"`
	Edits       []JSONEdit `json:"edits"`
}

// JSONEdit is one replacement.
type JSONEdit struct {
	JSONLocation
	Text string `json:"text"`
}

// JSONSuppression is the inline suppression that matched a finding.
type JSONSuppression struct {
	Justification string `json:"justification"`
	Until         string `json:"until,omitempty"`
	JSONLocation
}

// JSONDiagnostic is a problem met while reading or evaluating the input.
type JSONDiagnostic struct {
	// Severity is error, warning or note.
	Severity string `json:"severity"`
	// Code is a stable kebab-case identifier (parse-error, ...).
	Code    string `json:"code"`
	Message string `json:"message"`
	JSONLocation
}

// JSONSummary counts what the scan found.
type JSONSummary struct {
	// Rules is the number of rules that ran.
	Rules int `json:"rules"`
	// Findings is the number of unsuppressed failed checks; BySeverity
	// splits it (every severity present, possibly 0).
	Findings   int            `json:"findings"`
	BySeverity map[string]int `json:"bySeverity"`
	// FailOn is the --fail-on threshold ("none" when nothing fails the
	// scan) and AtOrAboveFailOn the findings that reach it.
	FailOn          string `json:"failOn"`
	AtOrAboveFailOn int    `json:"atOrAboveFailOn"`
	// Unknown counts the checks that could not be evaluated.
	Unknown int `json:"unknown"`
	// Suppressed counts findings silenced by inline suppressions.
	Suppressed int `json:"suppressed"`
	// BaselineUnchanged counts findings already in the baseline.
	BaselineUnchanged int `json:"baselineUnchanged"`
	// Diagnostics counts diagnostics by severity (error, warning, note).
	Diagnostics map[string]int `json:"diagnostics"`
}

// WriteJSON writes the JSON report (see JSONReport for the schema).
func WriteJSON(w io.Writer, rs []*rules.Rule, fs []rules.Finding, diags []graph.Diagnostic, opts Options) error {
	rep := BuildJSON(rs, fs, diags, opts)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(rep); err != nil {
		return fmt.Errorf("writing JSON report: %w", err)
	}
	return nil
}

// BuildJSON returns the JSON report WriteJSON would write.
func BuildJSON(rs []*rules.Rule, fs []rules.Finding, diags []graph.Diagnostic, opts Options) JSONReport {
	titles := map[string]string{}
	for _, r := range rs {
		titles[r.ID] = r.Title
	}
	sel := selectFindings(fs, opts)
	rep := JSONReport{
		Version:     JSONVersion,
		Findings:    []JSONFinding{},
		Unknowns:    []JSONFinding{},
		Diagnostics: []JSONDiagnostic{},
	}
	loc := func(r graph.Range) JSONLocation { return jsonLocation(opts.BaseDir, r) }
	for _, f := range sel.listed {
		jf := JSONFinding{
			RuleID:        f.RuleID,
			Title:         titles[f.RuleID],
			Severity:      f.Severity.String(),
			Status:        f.Status.String(),
			Message:       f.Message,
			JSONLocation:  loc(f.Loc.Range),
			Attribute:     f.Loc.Path,
			Fingerprint:   f.Fingerprint(),
			BaselineState: f.BaselineState,
		}
		if f.Loc.Resource != nil {
			jf.Resource = f.Loc.Resource.Address
		}
		for _, rel := range f.Related {
			if !rel.Loc.Range.IsZero() {
				jf.Related = append(jf.Related, JSONRelated{JSONLocation: loc(rel.Loc.Range), Message: rel.Message})
			}
		}
		if f.Fix != nil && len(f.Fix.Edits) > 0 {
			jf.Fix = &JSONFix{Description: f.Fix.Description}
			for _, e := range f.Fix.Edits {
				jf.Fix.Edits = append(jf.Fix.Edits, JSONEdit{JSONLocation: loc(e.Range), Text: e.Text})
			}
		}
		if s := f.Suppressed; s != nil {
			jf.Suppressed = &JSONSuppression{Justification: s.Justification, Until: s.Until, JSONLocation: loc(s.Range)}
		}
		if f.Status == rules.Undetermined {
			rep.Unknowns = append(rep.Unknowns, jf)
		} else {
			rep.Findings = append(rep.Findings, jf)
		}
	}
	counts := map[string]int{"error": 0, "warning": 0, "note": 0}
	for _, d := range visibleDiagnostics(diags) {
		counts[d.Severity.String()]++
		rep.Diagnostics = append(rep.Diagnostics, JSONDiagnostic{
			Severity: d.Severity.String(), Code: d.Code, Message: d.Message, JSONLocation: loc(d.Range),
		})
	}
	bySev := map[string]int{}
	for _, s := range severities {
		bySev[s.String()] = sel.bySeverity[s]
	}
	failOn := "none"
	if opts.FailOn >= rules.Low && opts.FailOn <= rules.Critical {
		failOn = opts.FailOn.String()
	}
	rep.Summary = JSONSummary{
		Rules:             len(rs),
		Findings:          len(sel.failed),
		BySeverity:        bySev,
		FailOn:            failOn,
		AtOrAboveFailOn:   sel.atOrAboveFailOn,
		Unknown:           sel.unknownCount,
		Suppressed:        sel.suppressedCount,
		BaselineUnchanged: sel.unchangedCount,
		Diagnostics:       counts,
	}
	return rep
}

func jsonLocation(base string, r graph.Range) JSONLocation {
	l := JSONLocation{File: displayPath(base, r.File)}
	if r.Start.Line > 0 {
		l.Line, l.Column = r.Start.Line, r.Start.Column
		if r.End.Line > 0 {
			l.EndLine, l.EndColumn = r.End.Line, r.End.Column
		}
	}
	return l
}
