package report

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/internal/jsonfmt"
	"github.com/blindspot-iac/blindspot/internal/parallel"
	"github.com/blindspot-iac/blindspot/rules"
)

// JSONVersion is the version of the JSON report's shape. It changes only
// when a field is removed or changes meaning; new fields may appear.
const JSONVersion = 1

// JSONReport is the shape of `blindspot scan --format json`.
type JSONReport struct {
	Version int `json:"version"`
	// Findings are failed checks (and suppressed ones with
	// --include-suppressed), sorted by file and position.
	Findings []JSONFinding `json:"findings"`
	// Unknowns are checks that could not be evaluated (with --show-unknown).
	Unknowns    []JSONFinding    `json:"unknowns"`
	Diagnostics []JSONDiagnostic `json:"diagnostics"`
	Summary     JSONSummary      `json:"summary"`
	// Compliance holds the per-control results of the framework asked for
	// with --compliance.
	Compliance *JSONCompliance `json:"compliance,omitempty"`
}

// JSONSummary is Summary with what the scan read and how each rule fared.
type JSONSummary struct {
	Summary
	// Filtered counts findings a report filter (--severity) left out.
	Filtered int `json:"filtered"`
	// Scanned totals the units scanned by format.
	Scanned []FormatTotals `json:"scanned"`
	// NotScanned aggregates by cause what kept part of the input from
	// being scanned.
	NotScanned []NotScanned `json:"notScanned"`
	// Rules count each rule's results.
	Rules []RuleCounts `json:"rules"`
	// ElapsedMs is the scan's wall time, with --statistics only (it
	// differs from run to run).
	ElapsedMs *int64 `json:"elapsedMs,omitempty"`
}

// JSONCompliance is a compliance framework's per-control results.
type JSONCompliance struct {
	Framework string          `json:"framework"`
	Name      string          `json:"name"`
	Controls  []ControlResult `json:"controls"`
}

// JSONFinding is one result.
type JSONFinding struct {
	RuleID   string `json:"ruleId"`
	Title    string `json:"title"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
	JSONLocation
	// Resource is the resource address (module.x.aws_s3_bucket.y["k"],
	// LogicalId) and ResourceType its type; empty for file-level results.
	Resource     string `json:"resource,omitempty"`
	ResourceType string `json:"resourceType,omitempty"`
	// Attribute is the attribute path inside the resource.
	Attribute     string          `json:"attribute,omitempty"`
	Fingerprint   string          `json:"fingerprint"`
	Related       []JSONRelated   `json:"related,omitempty"`
	Suppression   *JSONSuppressed `json:"suppression,omitempty"`
	BaselineState string          `json:"baselineState,omitempty"`
	// Fix is a change that resolves the finding, when the rule knows one.
	Fix *JSONFix `json:"fix,omitempty"`
	// Remediation is the fix in one line, from the rule's remediation;
	// Documentation the rule's documentation page.
	Remediation   string `json:"remediation,omitempty"`
	Documentation string `json:"documentation,omitempty"`
}

// JSONFix is a quick fix: replace the text of each edit's range with its
// text, all edits against the file as it is (an empty range inserts).
type JSONFix struct {
	Description string     `json:"description"`
	Edits       []JSONEdit `json:"edits"`
}

// JSONEdit is one replacement.
type JSONEdit struct {
	JSONLocation
	Text string `json:"text"`
}

// JSONLocation is a file position; EndColumn is exclusive.
type JSONLocation struct {
	File      string `json:"file"`
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"endLine"`
	EndColumn int    `json:"endColumn"`
}

// JSONRelated is a secondary location.
type JSONRelated struct {
	Message string `json:"message"`
	JSONLocation
}

// JSONSuppressed says why a finding is suppressed.
type JSONSuppressed struct {
	Justification string `json:"justification"`
	Until         string `json:"until,omitempty"`
	JSONLocation
}

// JSONDiagnostic is a problem met reading the input.
type JSONDiagnostic struct {
	Severity string `json:"severity"`
	Code     string `json:"code"`
	Message  string `json:"message"`
	// Count is how many places a diagnostic said once stands for (the
	// calls of one module source); absent for one.
	Count int `json:"count,omitempty"`
	// Incomplete is set when the diagnostic means part of the input was
	// not scanned (always for errors).
	Incomplete bool `json:"incomplete,omitempty"`
	JSONLocation
}

// WriteJSON writes the JSON report.
func WriteJSON(w io.Writer, rs []*rules.Rule, fs []rules.Finding, diags []graph.Diagnostic, opts Options) error {
	parts, err := MarshalJSON(rs, fs, diags, opts)
	if err != nil {
		return err
	}
	for _, p := range parts {
		if _, err := w.Write(p); err != nil {
			return fmt.Errorf("writing JSON report: %w", err)
		}
	}
	return nil
}

// MarshalJSON returns the JSON report WriteJSON writes, in pieces to be
// written one after the other: a caller that goes on to process the whole
// report (cmd/blindspot escapes it for terminals) does so piece by piece,
// without a copy of it whole.
func MarshalJSON(rs []*rules.Rule, fs []rules.Finding, diags []graph.Diagnostic, opts Options) ([][]byte, error) {
	return encodeJSONReport(buildJSONReport(rs, fs, diags, opts), findingsPerPart)
}

// findingsPerPart is how many findings are encoded together, on one core:
// some 200 KB of report.
const findingsPerPart = 256

// buildJSONReport gathers the JSON report; the findings are worked out on
// all cores (fingerprints take hashing).
func buildJSONReport(rs []*rules.Rule, fs []rules.Finding, diags []graph.Diagnostic, opts Options) JSONReport {
	paths := opts.pathBase()
	byID := map[string]*rules.Rule{}
	for _, r := range rs {
		byID[r.ID] = r
	}
	sum := JSONSummary{Summary: Summarize(fs, diags), Filtered: opts.Filtered, Scanned: []FormatTotals{},
		NotScanned: notScanned(diags, paths), Rules: []RuleCounts{}}
	if sum.NotScanned == nil {
		sum.NotScanned = []NotScanned{}
	}
	if st := opts.Stats; st != nil {
		sum.Scanned = append(sum.Scanned, st.totals()...)
		sum.Rules = append(sum.Rules, st.Rules...)
		if opts.Statistics {
			ms := st.Elapsed.Milliseconds()
			sum.ElapsedMs = &ms
		}
	}
	out := JSONReport{Version: JSONVersion, Diagnostics: []JSONDiagnostic{}, Summary: sum}
	if opts.Compliance != "" && opts.Stats != nil {
		out.Compliance = &JSONCompliance{Framework: rules.FrameworkShortName(opts.Compliance), Name: opts.Compliance,
			Controls: complianceTable(opts.Compliance, rs, opts.Stats.Rules)}
	}
	fs = sorted(fs)
	// Each shown finding's place: its index in Findings, or in Unknowns
	// for an undetermined check.
	var shownAt []int
	failed, unknown := 0, 0
	for i := range fs {
		switch {
		case !shown(&fs[i], opts):
		case fs[i].Status == rules.Undetermined:
			shownAt = append(shownAt, i)
			unknown++
		default:
			shownAt = append(shownAt, i)
			failed++
		}
	}
	out.Findings, out.Unknowns = make([]JSONFinding, failed), make([]JSONFinding, unknown)
	// The places in Findings and Unknowns are handed out in order first,
	// so that the parts can fill them apart.
	place := make([]*JSONFinding, len(shownAt))
	failed, unknown = 0, 0
	for i, j := range shownAt {
		if fs[j].Status == rules.Undetermined {
			place[i] = &out.Unknowns[unknown]
			unknown++
		} else {
			place[i] = &out.Findings[failed]
			failed++
		}
	}
	parallel.For((len(shownAt)+findingsPerPart-1)/findingsPerPart, func(part int) {
		// A rule's one-line fix is the same for each of its findings.
		fixes := map[string]string{}
		for i := part * findingsPerPart; i < min((part+1)*findingsPerPart, len(shownAt)); i++ {
			*place[i] = jsonFinding(&fs[shownAt[i]], byID, fixes, paths, opts)
		}
	})
	for _, d := range sortedDiagnostics(diags) {
		if d.Severity == graph.Debug {
			continue
		}
		jd := JSONDiagnostic{Severity: d.Severity.String(), Code: d.Code, Message: d.Message, Incomplete: d.NotScanned(), JSONLocation: location(d.Range, paths)}
		if d.Count > 1 {
			jd.Count = d.Count
		}
		out.Diagnostics = append(out.Diagnostics, jd)
	}
	return out
}

// jsonFinding is a finding as the JSON report shows it; fixes remembers
// each rule's one-line fix.
func jsonFinding(f *rules.Finding, byID map[string]*rules.Rule, fixes map[string]string, paths graph.PathBase, opts Options) JSONFinding {
	jf := JSONFinding{
		RuleID: f.RuleID, Severity: f.Severity.String(), Message: f.Message,
		JSONLocation: location(f.Loc.Range, paths), Attribute: f.Loc.Path,
		Fingerprint: f.FingerprintIn(paths), BaselineState: f.BaselineState,
	}
	if r := byID[f.RuleID]; r != nil {
		jf.Title = r.Title
		if f.Status == rules.Failed {
			fix, ok := fixes[r.ID]
			if !ok {
				fix = FixSummary(r)
				fixes[r.ID] = fix
			}
			jf.Remediation = fix
		}
	}
	if opts.HelpURI != nil {
		jf.Documentation = opts.HelpURI(f.RuleID)
	}
	if r := f.Loc.Resource; r != nil {
		jf.Resource, jf.ResourceType = r.Address, r.Type
	}
	for _, rel := range f.Related {
		if rel.Loc.Range.IsZero() {
			continue
		}
		jf.Related = append(jf.Related, JSONRelated{Message: rel.Message, JSONLocation: location(rel.Loc.Range, paths)})
	}
	if fx := f.Fix; fx != nil && len(fx.Edits) > 0 {
		jf.Fix = &JSONFix{Description: fx.Description}
		for _, e := range fx.Edits {
			jf.Fix.Edits = append(jf.Fix.Edits, JSONEdit{JSONLocation: location(e.Range, paths), Text: e.Text})
		}
	}
	if s := f.Suppressed; s != nil {
		jf.Suppression = &JSONSuppressed{Justification: s.Justification, Until: s.Until, JSONLocation: location(s.Range, paths)}
	}
	return jf
}

// Indentation depths in the report: its members are at memberDepth, each
// finding at findingDepth.
const (
	memberDepth  = 1
	findingDepth = memberDepth + 1
	indent       = "  "
)

// encodeJSONReport encodes the report, indented, in pieces: the bytes
// encoding/json writes for out, indented by json.Indent
// (TestJSONReportIsEncodingJSON), with the findings and unknowns encoded
// by encoding/json and indented (jsonfmt.AppendIndentedAt) on all cores,
// perPart to a piece, instead of a second pass over the whole report.
func encodeJSONReport(out JSONReport, perPart int) ([][]byte, error) {
	findings := (len(out.Findings) + perPart - 1) / perPart
	lists := make([][]byte, findings+(len(out.Unknowns)+perPart-1)/perPart)
	errs := make([]error, len(lists))
	parallel.For(len(lists), func(part int) {
		list, from := out.Findings, part*perPart
		if part >= findings {
			list, from = out.Unknowns, (part-findings)*perPart
		}
		to := min(from+perPart, len(list))
		// Some 660 bytes a finding on the perf corpus compact, twice
		// that indented.
		compact, err := appendJSON(make([]byte, 0, 768*(to-from)), list[from:to])
		if err != nil {
			errs[part] = err
			return
		}
		// The findings without their brackets, after a comma unless
		// they are the list's first.
		elems := compact[1 : len(compact)-1]
		piece := make([]byte, 0, len(elems)*2+64)
		if from > 0 {
			piece = jsonfmt.AppendIndentedAt(piece, []byte{','}, indent, findingDepth)
		}
		lists[part] = jsonfmt.AppendIndentedAt(piece, elems, indent, findingDepth)
	})
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	compact := []byte(`{"version":`)
	compact = strconv.AppendInt(compact, int64(out.Version), 10)
	compact = append(compact, `,"findings":`...)
	parts := [][]byte{}
	next := jsonfmt.AppendIndented(nil, compact, indent)
	// next ends before the list's opening bracket: adds the list,
	// then the member after it, and starts the next piece.
	list := func(pieces [][]byte, member string) {
		next = append(next, '[')
		if len(pieces) == 0 {
			next = append(next, ']')
		} else {
			next = jsonfmt.AppendLineBreak(next, indent, findingDepth)
			parts = append(parts, next)
			parts = append(parts, pieces...)
			next = jsonfmt.AppendLineBreak(nil, indent, memberDepth)
			next = append(next, ']')
		}
		next = jsonfmt.AppendIndentedAt(next, []byte(member), indent, memberDepth)
	}
	list(lists[:findings], `,"unknowns":`)
	rest, err := appendJSON([]byte(`,"diagnostics":`), out.Diagnostics)
	if err != nil {
		return nil, err
	}
	rest = append(rest, `,"summary":`...)
	if rest, err = appendJSON(rest, out.Summary); err != nil {
		return nil, err
	}
	if out.Compliance != nil {
		rest = append(rest, `,"compliance":`...)
		if rest, err = appendJSON(rest, out.Compliance); err != nil {
			return nil, err
		}
	}
	rest = append(rest, "}\n"...)
	list(lists[findings:], string(rest))
	return append(parts, next), nil
}

// appendJSON appends v encoded by encoding/json, compact and without HTML
// escaping.
func appendJSON(dst []byte, v any) ([]byte, error) {
	buf := bytes.NewBuffer(dst)
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("writing JSON report: %w", err)
	}
	// Encode ends the value with a newline.
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// location converts a range; positions a front end could not give (zero or
// below) are 0, "no position".
func location(r graph.Range, base graph.PathBase) JSONLocation {
	return JSONLocation{
		File: displayPath(r.File, base),
		Line: max(r.Start.Line, 0), Column: max(r.Start.Column, 0),
		EndLine: max(r.End.Line, 0), EndColumn: max(r.End.Column, 0),
	}
}

// jsonSchema is the JSON Schema (draft 2020-12) of the JSON report: the
// documentation of its fields, checked against the output by the tests.
//
//go:embed report.schema.json
var jsonSchema []byte

// JSONSchema returns the JSON Schema of the report WriteJSON writes.
func JSONSchema() []byte { return append([]byte(nil), jsonSchema...) }
