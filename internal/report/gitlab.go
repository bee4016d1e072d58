package report

import (
	"cmp"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/rules"
)

// GitLabSchemaVersion is the version of GitLab's security report schema
// the gitlab format follows. GitLab accepts the 15.0.x versions from its
// release 16 on.
const GitLabSchemaVersion = "15.0.7"

// GitLabScan describes the scan in GitLab's report: the tool and when it
// ran (the schema requires both times).
type GitLabScan struct {
	// Version is blindspot's version, URL its home page.
	Version string
	URL     string
	// Start and End are when the scan ran.
	Start, End time.Time
	// HelpURI gives a rule's documentation page; nil for none.
	HelpURI func(ruleID string) string
}

// The shape of GitLab's SAST report (gl-sast-report.json), as far as
// blindspot fills it.
type gitlabReport struct {
	Version         string         `json:"version"`
	Schema          string         `json:"schema"`
	Scan            gitlabScanInfo `json:"scan"`
	Vulnerabilities []gitlabVuln   `json:"vulnerabilities"`
}

type gitlabScanInfo struct {
	Analyzer  gitlabTool      `json:"analyzer"`
	Scanner   gitlabTool      `json:"scanner"`
	Type      string          `json:"type"`
	StartTime string          `json:"start_time"`
	EndTime   string          `json:"end_time"`
	Status    string          `json:"status"`
	Messages  []gitlabMessage `json:"messages,omitempty"`
}

type gitlabTool struct {
	ID      string       `json:"id"`
	Name    string       `json:"name"`
	URL     string       `json:"url,omitempty"`
	Version string       `json:"version"`
	Vendor  gitlabVendor `json:"vendor"`
}

type gitlabVendor struct {
	Name string `json:"name"`
}

type gitlabMessage struct {
	Level string `json:"level"`
	Value string `json:"value"`
}

type gitlabVuln struct {
	ID          string             `json:"id"`
	Name        string             `json:"name"`
	Description string             `json:"description"`
	Severity    string             `json:"severity"`
	Solution    string             `json:"solution,omitempty"`
	Identifiers []gitlabIdentifier `json:"identifiers"`
	Links       []gitlabLink       `json:"links,omitempty"`
	Location    gitlabLocation     `json:"location"`
}

type gitlabIdentifier struct {
	Type  string `json:"type"`
	Name  string `json:"name"`
	Value string `json:"value"`
	URL   string `json:"url,omitempty"`
}

type gitlabLink struct {
	URL string `json:"url"`
}

type gitlabLocation struct {
	File      string `json:"file"`
	StartLine int    `json:"start_line"`
	EndLine   int    `json:"end_line"`
}

// Limits of GitLab's schema on a vulnerability's texts.
const (
	gitlabMaxName        = 255
	gitlabMaxDescription = 1 << 20
	gitlabMaxSolution    = 7000
)

// WriteGitLab writes GitLab's SAST security report (gl-sast-report.json,
// schema GitLabSchemaVersion): one vulnerability per reported finding, with
// the rule as its primary identifier, the rule's remediation as solution,
// and paths relative to BaseDir (the repository root, as GitLab reads
// them). Suppressed findings and checks that could not be evaluated are not
// vulnerabilities: they are counted in the scan's messages, with the
// diagnostics. The report records the scan's start and end, which GitLab
// requires; everything else depends only on the input.
func WriteGitLab(w io.Writer, rs []*rules.Rule, fs []rules.Finding, diags []graph.Diagnostic, opts Options, scan GitLabScan) error {
	paths := opts.pathBase()
	byID := map[string]*rules.Rule{}
	for _, r := range rs {
		byID[r.ID] = r
	}
	tool := gitlabTool{
		ID: "blindspot", Name: "blindspot", URL: scan.URL,
		Version: cmp.Or(scan.Version, "unknown"), Vendor: gitlabVendor{Name: "blindspot"},
	}
	out := gitlabReport{
		Version: GitLabSchemaVersion,
		Schema:  "https://gitlab.com/gitlab-org/security-products/security-report-schemas/-/raw/v" + GitLabSchemaVersion + "/dist/sast-report-format.json",
		Scan: gitlabScanInfo{
			Analyzer: tool, Scanner: tool, Type: "sast", Status: "success",
			StartTime: gitlabTime(scan.Start), EndTime: gitlabTime(scan.End),
		},
		Vulnerabilities: []gitlabVuln{},
	}
	occurrences := map[string]int{}
	undetermined, suppressed := 0, 0
	for _, f := range sorted(fs) {
		switch {
		case f.Suppressed != nil:
			suppressed++
			continue
		case f.Status == rules.Undetermined:
			undetermined++
			continue
		}
		r := byID[f.RuleID]
		if r == nil {
			r = &rules.Rule{ID: f.RuleID, Title: f.RuleID}
		}
		fp := f.FingerprintIn(paths)
		occurrences[fp]++
		v := gitlabVuln{
			ID:          gitlabUUID(fmt.Sprintf("%s:%d", fp, occurrences[fp])),
			Name:        truncate(cmp.Or(r.Title, r.ID), gitlabMaxName),
			Description: truncate(gitlabDescription(&f, r, paths), gitlabMaxDescription),
			Severity:    gitlabSeverity(f.Severity),
			Solution:    truncate(r.Remediation.Text, gitlabMaxSolution),
			Location:    gitlabLocation{File: displayPath(f.Loc.Range.File, paths), StartLine: max(f.Loc.Range.Start.Line, 1)},
		}
		v.Location.EndLine = max(f.Loc.Range.End.Line, v.Location.StartLine)
		id := gitlabIdentifier{Type: "blindspot_rule_id", Name: r.ID, Value: r.ID}
		if scan.HelpURI != nil {
			id.URL = scan.HelpURI(r.ID)
		}
		v.Identifiers = append(v.Identifiers, id)
		for _, ref := range r.References {
			if strings.HasPrefix(ref, "https://") || strings.HasPrefix(ref, "http://") {
				v.Links = append(v.Links, gitlabLink{URL: ref})
			}
		}
		out.Vulnerabilities = append(out.Vulnerabilities, v)
	}
	for _, d := range sortedDiagnostics(diags) {
		level := ""
		switch d.Severity {
		case graph.Error, graph.Warning:
			level = "warn"
		case graph.Note:
			level = "info"
		default:
			continue
		}
		out.Scan.Messages = append(out.Scan.Messages, gitlabMessage{Level: level, Value: nonEmpty(located(position(d.Range, paths), fmt.Sprintf("%s [%s]", d.Message, d.Code)))})
	}
	if undetermined > 0 {
		out.Scan.Messages = append(out.Scan.Messages, gitlabMessage{Level: "info", Value: fmt.Sprintf("%s could not be evaluated before deployment (blindspot scan --show-unknown lists them)", plural(undetermined, "check"))})
	}
	if suppressed > 0 {
		out.Scan.Messages = append(out.Scan.Messages, gitlabMessage{Level: "info", Value: fmt.Sprintf("%s suppressed in the code", plural(suppressed, "finding"))})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(out); err != nil {
		return fmt.Errorf("writing GitLab report: %w", err)
	}
	return nil
}

// gitlabDescription is the finding's message, where it is and what the rule
// is about, in GitLab-flavoured Markdown.
func gitlabDescription(f *rules.Finding, r *rules.Rule, base graph.PathBase) string {
	var b strings.Builder
	b.WriteString(cmp.Or(f.Message, r.Title))
	if res := f.Loc.Resource; res != nil {
		fmt.Fprintf(&b, "\n\nResource: `%s` (%s)", res.Address, res.Type)
	}
	for _, rel := range f.Related {
		if rel.Loc.Range.IsZero() {
			continue
		}
		fmt.Fprintf(&b, "\n\n%s: %s", rel.Message, position(rel.Loc.Range, base))
	}
	if r.Description != "" {
		b.WriteString("\n\n" + r.Description)
	}
	return b.String()
}

func gitlabSeverity(s rules.Severity) string {
	switch s {
	case rules.Critical:
		return "Critical"
	case rules.High:
		return "High"
	case rules.Medium:
		return "Medium"
	case rules.Low:
		return "Low"
	}
	return "Unknown"
}

// gitlabTime formats a time as the schema asks: UTC, to the second.
func gitlabTime(t time.Time) string {
	return t.UTC().Format("2006-01-02T15:04:05")
}

// gitlabUUID derives a stable UUID (version 5 layout) from s, as the
// schema recommends for a vulnerability's id.
func gitlabUUID(s string) string {
	h := sha256.Sum256([]byte(s))
	h[6] = h[6]&0x0f | 0x50
	h[8] = h[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", h[0:4], h[4:6], h[6:8], h[8:10], h[10:16])
}

// truncate cuts s to at most n characters, the unit of the schema's
// maxLength.
func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	i := 0
	for at := range s {
		if i == n {
			return s[:at]
		}
		i++
	}
	return s
}

// located prefixes a message with where it is, when it is somewhere.
func located(where, message string) string {
	if where == "" {
		return message
	}
	return where + ": " + message
}

// nonEmpty keeps a message the schema requires to be non-empty.
func nonEmpty(s string) string {
	if s == "" {
		return "(no message)"
	}
	return s
}
