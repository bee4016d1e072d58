// Package sarif writes blindspot's results as a SARIF 2.1.0 log that GitHub
// code scanning and IDE SARIF viewers accept: one run, every rule that ran
// described once, repository-relative locations, line-independent
// fingerprints, module call chains as related locations, quick fixes, and
// problems met while reading the input as tool execution notifications.
package sarif

import (
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"unicode"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/rules"
)

// SchemaURI is the $schema the log declares: the OASIS SARIF 2.1.0 schema.
const SchemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

// SourceRoot is the uriBaseId every repository-relative URI is resolved
// against; GitHub code scanning and SARIF viewers map it to the checkout.
const SourceRoot = "%SRCROOT%"

// DefaultInformationURI is blindspot's home page.
const DefaultInformationURI = "https://github.com/blindspot-iac/blindspot"

// DefaultMaxResults is GitHub code scanning's limit of results per run.
const DefaultMaxResults = 25000

// maxRelatedLocations and maxTags are GitHub code scanning's limits per
// result and per rule; data beyond them is dropped rather than rejected.
const (
	maxRelatedLocations = 1000
	maxTags             = 20
)

// Fingerprint keys in partialFingerprints. primaryLocationLineHash is the
// key GitHub would otherwise compute from the text of the line; giving our
// own line-independent value keeps an alert open and the same across edits
// elsewhere in the file.
const (
	FingerprintKey       = "blindspot/v1"
	GitHubFingerprintKey = "primaryLocationLineHash"
)

// Options control what the log contains.
type Options struct {
	// ToolVersion is the version of blindspot (driver.version; also
	// driver.semanticVersion when it is a semantic version). A leading
	// "v" is dropped and a version that does not start with a digit
	// ("devel") becomes a 0.0.0 pre-release, as SARIF consumers compare
	// versions numerically.
	ToolVersion string
	// InformationURI is the project's home page (driver.informationUri);
	// DefaultInformationURI when empty.
	InformationURI string
	// BaseDir is the directory URIs are made relative to (normally the
	// repository root the scan was started from). Relative paths in the
	// results are taken to be relative to it.
	BaseDir string
	// ShowUnknown includes checks that could not be evaluated, as results
	// of kind "open" and level "none".
	ShowUnknown bool
	// IncludeSuppressed includes findings silenced by an inline
	// suppression, carrying a SARIF suppression.
	IncludeSuppressed bool
	// HelpURI returns the documentation page of a rule; nil or an empty
	// answer leaves helpUri out.
	HelpURI func(ruleID string) string
	// MaxResults caps the number of results; 0 means DefaultMaxResults.
	// Results above the cap are dropped, least severe first, and a
	// notification says how many.
	MaxResults int
}

// Write writes the SARIF log for rules rs, findings fs and diagnostics
// diags to w. The output is deterministic: it depends only on the
// arguments, not on their order.
func Write(w io.Writer, rs []*rules.Rule, fs []rules.Finding, diags []graph.Diagnostic, opts Options) error {
	l := Build(rs, fs, diags, opts)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(l); err != nil {
		return fmt.Errorf("writing SARIF: %w", err)
	}
	return nil
}

// Build returns the SARIF log as a value that encodes to JSON. It is
// exported for tests and for callers that post-process the log; Write is
// the usual entry point.
func Build(rs []*rules.Rule, fs []rules.Finding, diags []graph.Diagnostic, opts Options) any {
	b := builder{opts: opts, ruleIndex: map[string]int{}}
	return b.build(rs, fs, diags)
}

type builder struct {
	opts      Options
	rules     []reportingDescriptor
	ruleIndex map[string]int
}

func (b *builder) build(rs []*rules.Rule, fs []rules.Finding, diags []graph.Diagnostic) log {
	b.addRules(rs, fs)

	findings := make([]rules.Finding, 0, len(fs))
	for _, f := range fs {
		if f.Status == rules.Undetermined && !b.opts.ShowUnknown {
			continue
		}
		if f.Suppressed != nil && !b.opts.IncludeSuppressed {
			continue
		}
		findings = append(findings, f)
	}
	rules.SortFindings(findings)

	var notes []notification
	max := b.opts.MaxResults
	if max <= 0 {
		max = DefaultMaxResults
	}
	if len(findings) > max {
		notes = append(notes, notification{
			Descriptor: &descriptorReference{ID: "results-truncated"},
			Level:      "warning",
			Message: message{Text: fmt.Sprintf("Only %d of %d results are included: a SARIF run holds at most %d results (GitHub code scanning's limit); the least severe were left out. Use the text or JSON report for all of them.",
				max, len(findings), max)},
		})
		findings = keepMostSevere(findings, max)
	}

	results := make([]result, 0, len(findings))
	occurrences := map[string]int{}
	for i := range findings {
		results = append(results, b.result(&findings[i], occurrences))
	}

	sorted := append([]graph.Diagnostic(nil), diags...)
	graph.SortDiagnostics(sorted)
	for _, d := range sorted {
		if n, ok := b.notification(d); ok {
			notes = append(notes, n)
		}
	}

	driver := toolComponent{
		Name:           "blindspot",
		Version:        toolVersion(b.opts.ToolVersion),
		InformationURI: b.opts.InformationURI,
		Rules:          b.rules,
	}
	if driver.InformationURI == "" {
		driver.InformationURI = DefaultInformationURI
	}
	if semver.MatchString(driver.Version) {
		driver.SemanticVersion = driver.Version
	}
	return log{
		Schema:  SchemaURI,
		Version: "2.1.0",
		Runs: []run{{
			Tool:        tool{Driver: driver},
			Invocations: []invocation{{ExecutionSuccessful: true, ToolExecutionNotifications: notes}},
			OriginalURIBaseIDs: map[string]artifactLocation{
				SourceRoot: {Description: &message{Text: "The directory blindspot was run from, normally the root of the repository."}},
			},
			ColumnKind: "unicodeCodePoints",
			Results:    results,
		}},
	}
}

// toolVersion turns a Go module version into one SARIF consumers can
// compare, which must start with a digit: v1.2.3 -> 1.2.3, devel ->
// 0.0.0-devel, devel-0123abcd -> 0.0.0-devel-0123abcd.
func toolVersion(v string) string {
	v = strings.TrimSpace(v)
	if len(v) > 1 && v[0] == 'v' && v[1] >= '0' && v[1] <= '9' {
		v = v[1:]
	}
	if v != "" && v[0] >= '0' && v[0] <= '9' {
		return v
	}
	clean := strings.Map(func(r rune) rune {
		if r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '-') {
			return r
		}
		return '-'
	}, v)
	clean = strings.Trim(clean, ".-")
	if clean == "" {
		clean = "devel"
	}
	return "0.0.0-" + clean
}

// semver matches a semantic version 2.0.0 string without a leading "v".
var semver = regexp.MustCompile(`^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$`)

// addRules describes every rule that ran, sorted by ID, plus any rule a
// finding names that was not passed in (so that every result has a
// ruleIndex).
func (b *builder) addRules(rs []*rules.Rule, fs []rules.Finding) {
	byID := map[string]*rules.Rule{}
	for _, r := range rs {
		byID[r.ID] = r
	}
	for _, f := range fs {
		if _, ok := byID[f.RuleID]; !ok {
			byID[f.RuleID] = &rules.Rule{ID: f.RuleID, Title: f.RuleID, Severity: f.Severity}
		}
	}
	ids := make([]string, 0, len(byID))
	for id := range byID {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		b.ruleIndex[id] = len(b.rules)
		b.rules = append(b.rules, b.descriptor(byID[id]))
	}
}

func (b *builder) descriptor(r *rules.Rule) reportingDescriptor {
	d := reportingDescriptor{
		ID:                   r.ID,
		Name:                 pascalCase(r.ID),
		ShortDescription:     &multiformatMessage{Text: sentence(r.Title)},
		DefaultConfiguration: &reportingConfiguration{Level: r.Severity.Level()},
		Properties: &ruleProperties{
			Tags:             ruleTags(r),
			Precision:        r.Precision,
			SecuritySeverity: r.Severity.Score(),
			ProblemSeverity:  problemSeverity(r.Severity.Level()),
		},
	}
	if r.Description != "" {
		d.FullDescription = &multiformatMessage{Text: sentence(r.Description)}
	}
	if text, md := helpText(r); text != "" {
		d.Help = &multiformatMessage{Text: text, Markdown: md}
	}
	if b.opts.HelpURI != nil {
		d.HelpURI = b.opts.HelpURI(r.ID)
	}
	return d
}

// ruleTags are the rule's tags after "security", which GitHub code scanning
// needs to file the alert as a security alert, without duplicates.
func ruleTags(r *rules.Rule) []string {
	tags := []string{"security"}
	seen := map[string]bool{"security": true}
	for _, t := range r.Tags {
		if !seen[t] && len(tags) < maxTags {
			seen[t] = true
			tags = append(tags, t)
		}
	}
	return tags
}

// problemSeverity is GitHub's problem.severity for a SARIF level.
func problemSeverity(level string) string {
	if level == "note" {
		return "recommendation"
	}
	return level
}

// helpText is the rule's help as plain text and as Markdown: the risk, the
// fix in both formats, compliance controls and references.
func helpText(r *rules.Rule) (text, md string) {
	var t, m strings.Builder
	if r.Description != "" {
		t.WriteString(r.Description + "\n")
		m.WriteString(r.Description + "\n")
	}
	rem := r.Remediation
	if rem.Text != "" {
		t.WriteString("\nRemediation: " + rem.Text + "\n")
		m.WriteString("\n## Remediation\n\n" + rem.Text + "\n")
	}
	if rem.Terraform != "" {
		t.WriteString("\nTerraform:\n" + indent(rem.Terraform) + "\n")
		m.WriteString("\nTerraform:\n\n```hcl\n" + strings.TrimRight(rem.Terraform, "\n") + "\n```\n")
	}
	if rem.CloudFormation != "" {
		t.WriteString("\nCloudFormation:\n" + indent(rem.CloudFormation) + "\n")
		m.WriteString("\nCloudFormation:\n\n```yaml\n" + strings.TrimRight(rem.CloudFormation, "\n") + "\n```\n")
	}
	if len(r.Compliance) > 0 {
		t.WriteString("\nCompliance:\n")
		m.WriteString("\n## Compliance\n\n")
		for _, c := range r.Compliance {
			t.WriteString("  - " + c.Framework + ": " + c.ID + "\n")
			m.WriteString("- " + c.Framework + ": " + c.ID + "\n")
		}
	}
	if len(r.References) > 0 {
		t.WriteString("\nReferences:\n")
		m.WriteString("\n## References\n\n")
		for _, ref := range r.References {
			t.WriteString("  - " + ref + "\n")
			m.WriteString("- <" + ref + ">\n")
		}
	}
	return strings.TrimSpace(t.String()), strings.TrimSpace(m.String())
}

func indent(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = "    " + l
		}
	}
	return strings.Join(lines, "\n")
}

// pascalCase turns a rule ID into the friendly name SARIF asks for:
// aws-s3-versioning-disabled -> AwsS3VersioningDisabled.
func pascalCase(id string) string {
	var sb strings.Builder
	for _, part := range strings.FieldsFunc(id, func(r rune) bool { return r == '-' || r == '_' || r == ' ' }) {
		rs := []rune(part)
		rs[0] = unicode.ToUpper(rs[0])
		sb.WriteString(string(rs))
	}
	return sb.String()
}

// sentence makes s end with a full stop, as SARIF asks of plain-text
// messages.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return s
	}
	switch s[len(s)-1] {
	case '.', '!', '?':
		return s
	}
	return s + "."
}

// keepMostSevere returns the max findings to keep: failed before
// undetermined, then by severity, then in report order; the result stays
// in report order.
func keepMostSevere(fs []rules.Finding, max int) []rules.Finding {
	idx := make([]int, len(fs))
	for i := range idx {
		idx[i] = i
	}
	rank := func(f *rules.Finding) int {
		r := int(f.Severity)
		if f.Status == rules.Undetermined {
			r -= 100
		}
		return r
	}
	sort.SliceStable(idx, func(a, b int) bool { return rank(&fs[idx[a]]) > rank(&fs[idx[b]]) })
	idx = idx[:max]
	sort.Ints(idx)
	out := make([]rules.Finding, len(idx))
	for i, j := range idx {
		out[i] = fs[j]
	}
	return out
}

func (b *builder) result(f *rules.Finding, occurrences map[string]int) result {
	res := result{
		RuleID:     f.RuleID,
		RuleIndex:  b.ruleIndex[f.RuleID],
		Kind:       "fail",
		Level:      f.Severity.Level(),
		Message:    message{Text: sentence(f.Message)},
		Locations:  []location{b.primaryLocation(f.Loc)},
		Properties: &resultProperties{Severity: f.Severity.String()},
	}
	if f.Status == rules.Undetermined {
		res.Kind = "open"
		res.Level = "none"
	}
	fp := f.Fingerprint()
	occurrences[fp]++
	res.PartialFingerprints = map[string]string{
		FingerprintKey:       fp,
		GitHubFingerprintKey: fmt.Sprintf("%s:%d", fp, occurrences[fp]),
	}
	for i, rel := range f.Related {
		if i == maxRelatedLocations {
			break
		}
		if rel.Loc.Range.IsZero() {
			continue
		}
		loc := b.location(rel.Loc.Range)
		id := len(res.RelatedLocations) + 1
		loc.ID = &id
		if rel.Message != "" {
			loc.Message = &message{Text: sentence(rel.Message)}
		}
		res.RelatedLocations = append(res.RelatedLocations, loc)
	}
	if s := f.Suppressed; s != nil {
		sup := suppression{Kind: "inSource", Justification: s.Justification}
		if !s.Range.IsZero() {
			loc := b.location(s.Range)
			sup.Location = &loc
		}
		res.Suppressions = []suppression{sup}
	}
	switch f.BaselineState {
	case rules.BaselineNew, rules.BaselineUnchanged, "updated", "absent":
		res.BaselineState = f.BaselineState
	}
	if fx := b.fix(f.Fix); fx != nil {
		res.Fixes = []fix{*fx}
	}
	return res
}

// primaryLocation is the finding's location, naming the resource as a
// logical location when there is one. GitHub needs a region on every
// result, so a finding about a whole file points at its first line.
func (b *builder) primaryLocation(l graph.Loc) location {
	loc := b.location(l.Range)
	if loc.PhysicalLocation != nil && loc.PhysicalLocation.Region == nil {
		loc.PhysicalLocation.Region = &region{StartLine: 1}
	}
	if r := l.Resource; r != nil && r.Address != "" {
		loc.LogicalLocations = []logicalLocation{{Name: r.Address, FullyQualifiedName: r.Address, Kind: "resource"}}
	}
	return loc
}

// location is the physical location of r; a range without a file has
// none.
func (b *builder) location(r graph.Range) location {
	if r.File == "" {
		return location{}
	}
	return location{PhysicalLocation: &physicalLocation{
		ArtifactLocation: b.artifact(r.File),
		Region:           regionOf(r),
	}}
}

// regionOf converts a range to a SARIF region. Both use 1-based lines and
// columns and an exclusive end column, so the numbers carry over.
func regionOf(r graph.Range) *region {
	if r.Start.Line <= 0 {
		return nil
	}
	reg := &region{StartLine: r.Start.Line}
	if r.Start.Column > 0 {
		reg.StartColumn = r.Start.Column
	}
	if r.End.Line >= r.Start.Line && r.End.Line > 0 {
		reg.EndLine = r.End.Line
		if r.End.Column > 0 && reg.StartColumn > 0 && (r.End.Line > r.Start.Line || r.End.Column >= r.Start.Column) {
			reg.EndColumn = r.End.Column
		}
	}
	return reg
}

// artifact returns the artifact location of file: relative to BaseDir with
// uriBaseId %SRCROOT% when it lies inside it, an absolute file URI
// otherwise.
func (b *builder) artifact(file string) artifactLocation {
	rel, ok := relativePath(b.opts.BaseDir, file)
	if ok {
		return artifactLocation{URI: escapePath(rel), URIBaseID: SourceRoot}
	}
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(rel)}
	if !strings.HasPrefix(u.Path, "/") {
		u.Path = "/" + u.Path
	}
	return artifactLocation{URI: u.String()}
}

// relativePath returns file relative to base with forward slashes and
// true, or the cleaned absolute path and false when file lies outside
// base. A relative file is taken to be relative to base.
func relativePath(base, file string) (string, bool) {
	if base == "" {
		if filepath.IsAbs(file) {
			return filepath.ToSlash(filepath.Clean(file)), false
		}
		clean := filepath.ToSlash(filepath.Clean(file))
		return clean, !strings.HasPrefix(clean, "../") && clean != ".."
	}
	abs := file
	if !filepath.IsAbs(abs) {
		abs = filepath.Join(base, file)
	}
	abs = filepath.Clean(abs)
	rel, err := filepath.Rel(filepath.Clean(base), abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return abs, false
	}
	return filepath.ToSlash(rel), true
}

// escapePath percent-encodes a relative path for use as a URI reference,
// keeping the slashes.
func escapePath(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.Join(segs, "/")
}

func (b *builder) fix(f *rules.Fix) *fix {
	if f == nil || len(f.Edits) == 0 {
		return nil
	}
	byFile := map[string][]rules.Edit{}
	var files []string
	for _, e := range f.Edits {
		if e.Range.File == "" || e.Range.Start.Line <= 0 || e.Range.Start.Column <= 0 {
			// SARIF viewers cannot apply an edit without an exact
			// position; offer no fix rather than a wrong one.
			return nil
		}
		if _, ok := byFile[e.Range.File]; !ok {
			files = append(files, e.Range.File)
		}
		byFile[e.Range.File] = append(byFile[e.Range.File], e)
	}
	sort.Strings(files)
	out := &fix{}
	if f.Description != "" {
		out.Description = &message{Text: sentence(f.Description)}
	}
	for _, file := range files {
		ch := artifactChange{ArtifactLocation: b.artifact(file)}
		for _, e := range byFile[file] {
			end := e.Range.End
			if end.Line <= 0 || end.Column <= 0 {
				end = e.Range.Start
			}
			ch.Replacements = append(ch.Replacements, replacement{
				DeletedRegion: region{
					StartLine: e.Range.Start.Line, StartColumn: e.Range.Start.Column,
					EndLine: end.Line, EndColumn: end.Column,
				},
				InsertedContent: &artifactContent{Text: e.Text},
			})
		}
		out.ArtifactChanges = append(out.ArtifactChanges, ch)
	}
	return out
}

// notification turns a diagnostic into a tool execution notification.
// Debug diagnostics are detail for the command line's --verbose and are
// left out.
func (b *builder) notification(d graph.Diagnostic) (notification, bool) {
	var level string
	switch d.Severity {
	case graph.Error:
		level = "error"
	case graph.Warning:
		level = "warning"
	case graph.Note:
		level = "note"
	default:
		return notification{}, false
	}
	n := notification{Level: level, Message: message{Text: sentence(d.Message)}}
	if d.Code != "" {
		n.Descriptor = &descriptorReference{ID: d.Code}
	}
	if d.Range.File != "" {
		n.Locations = []location{b.location(d.Range)}
	}
	return n, true
}
