// Package sarif writes blindspot's results as SARIF 2.1.0, in the profile
// GitHub code scanning and IDE SARIF viewers accept: every rule with full
// metadata and a security-severity, results with exact regions relative to
// %SRCROOT%, stable partial fingerprints, related locations for module call
// chains and evidence, quick fixes, suppressions and baseline states, and
// diagnostics as tool execution notifications.
package sarif

import (
	"bytes"
	"cmp"
	"compress/gzip"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"

	gosarif "github.com/owenrumney/go-sarif/v2/sarif"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/internal/jsonfmt"
	"github.com/blindspot-iac/blindspot/rules"
)

// GitHubMaxResults is the number of results per run GitHub code scanning
// accepts; beyond it uploads are rejected.
const GitHubMaxResults = 25000

// FingerprintKey is the partialFingerprints key of rules.Finding.Fingerprint.
const FingerprintKey = "blindspotFingerprint/v1"

// PoliciesComponent names the tool extension that holds custom policies.
const PoliciesComponent = "blindspot-custom-policies"

// srcRoot is the uriBaseId every artifact location is relative to.
const srcRoot = "%SRCROOT%"

// Options shape the report.
type Options struct {
	ToolVersion    string
	InformationURI string
	// BaseDir is the directory artifact URIs are made relative to (the
	// repository root); absolute paths are used for files outside it.
	BaseDir string
	// ShowUnknown adds results that could not be evaluated, as kind "open".
	ShowUnknown bool
	// IncludeSuppressed adds suppressed results with their suppression.
	IncludeSuppressed bool
	// HelpURI gives a rule's documentation page; nil for none.
	HelpURI func(ruleID string) string
	// MaxResults truncates the results (0 means GitHubMaxResults; a
	// negative value keeps none).
	MaxResults int
	// MaxGzipBytes caps the gzip-compressed size of the log by leaving out
	// results, the least severe first (0 means GitHubMaxGzipBytes).
	MaxGzipBytes int
}

// GitHubMaxGzipBytes is the largest gzip-compressed SARIF file GitHub code
// scanning accepts.
const GitHubMaxGzipBytes = 10 << 20

// Write writes one SARIF run for rs, fs and diags to w. A report that would
// exceed GitHub's upload size once compressed is written with fewer
// results and a notification saying how many were left out.
func Write(w io.Writer, rs []*rules.Rule, fs []rules.Finding, diags []graph.Diagnostic, opts Options) error {
	limit := opts.MaxGzipBytes
	if limit <= 0 {
		limit = GitHubMaxGzipBytes
	}
	return write(w, rs, fs, diags, opts, limit)
}

func write(w io.Writer, rs []*rules.Rule, fs []rules.Finding, diags []graph.Diagnostic, opts Options, maxGzip int) error {
	for {
		report, err := Build(rs, fs, diags, opts)
		if err != nil {
			return err
		}
		// Encoded compactly, then indented in one pass that skips over
		// strings, instead of json.Encoder.SetIndent, which steps through
		// every byte of the log a second time with its validating scanner.
		var compact bytes.Buffer
		enc := json.NewEncoder(&compact)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(report); err != nil {
			return fmt.Errorf("writing SARIF: %w", err)
		}
		log := jsonfmt.AppendIndented(make([]byte, 0, compact.Len()*2), compact.Bytes(), "  ")
		results := len(report.Runs[0].Results)
		// Compression never makes JSON larger, so a log within the limit
		// uncompressed needs no measuring.
		if results > 0 && len(log) > maxGzip {
			if size := gzipSize(log); size > maxGzip {
				// Keep a share of the results proportional to the budget,
				// with a margin for the rules and notifications that do not
				// shrink.
				opts.MaxResults = max(results*maxGzip/size*9/10, 0)
				if opts.MaxResults == 0 {
					opts.MaxResults = -1
				}
				continue
			}
		}
		if _, err := w.Write(log); err != nil {
			return fmt.Errorf("writing SARIF: %w", err)
		}
		return nil
	}
}

// gzipSize is the size of data compressed with gzip.
func gzipSize(data []byte) int {
	var n countingWriter
	zw := gzip.NewWriter(&n)
	_, _ = zw.Write(data)
	_ = zw.Close()
	return int(n)
}

type countingWriter int

func (c *countingWriter) Write(p []byte) (int, error) {
	*c += countingWriter(len(p))
	return len(p), nil
}

// Build assembles the SARIF report. It caps the number of results but not
// the size of the log; Write does both.
func Build(rs []*rules.Rule, fs []rules.Finding, diags []graph.Diagnostic, opts Options) (*gosarif.Report, error) {
	report, err := gosarif.New(gosarif.Version210)
	if err != nil {
		return nil, fmt.Errorf("building SARIF: %w", err)
	}
	b := &builder{opts: opts, titles: map[string]string{}, base: absDir(opts.BaseDir)}
	b.paths = graph.NewPathBase(b.base)
	for _, r := range rs {
		b.titles[r.ID] = r.Title
	}
	run := gosarif.NewRun(gosarif.Tool{Driver: &gosarif.ToolComponent{Name: "blindspot"}})
	if opts.InformationURI != "" {
		uri := opts.InformationURI
		run.Tool.Driver.InformationURI = &uri
	}
	if opts.ToolVersion != "" {
		v := opts.ToolVersion
		run.Tool.Driver.Version = &v
		if semver := strings.TrimPrefix(v, "v"); isSemver(semver) {
			run.Tool.Driver.SemanticVersion = &semver
		}
	}
	root := "file://" + filepath.ToSlash(ensureSlash(b.base))
	if !strings.HasPrefix(root, "file:///") {
		root = "file:///" + strings.TrimPrefix(root, "file://")
	}
	run.OriginalUriBaseIDs = map[string]*gosarif.ArtifactLocation{srcRoot: {URI: &root}}
	columnKind := "unicodeCodePoints"
	run.ColumnKind = columnKind

	sorted := append([]*rules.Rule(nil), rs...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].ID < sorted[j].ID })
	// Custom policies are the user's, not blindspot's: they are listed in
	// a tool extension of their own, and their results name it. index is
	// a rule's position in its component.
	index := map[string]uint{}
	custom := map[string]bool{}
	drivers, extensions := 0, 0
	for _, r := range sorted {
		if r.Custom() {
			custom[r.ID] = true
			index[r.ID] = uint(extensions)
			extensions++
			continue
		}
		index[r.ID] = uint(drivers)
		drivers++
	}

	max := opts.MaxResults
	switch {
	case max == 0:
		max = GitHubMaxResults
	case max < 0:
		max = 0
	}
	run.Results = []*gosarif.Result{}
	var selected []rules.Finding
	for _, f := range fs {
		if f.Status == rules.Undetermined && !opts.ShowUnknown {
			continue
		}
		if f.Suppressed != nil && !opts.IncludeSuppressed {
			continue
		}
		if _, ok := index[f.RuleID]; !ok {
			continue
		}
		selected = append(selected, f)
	}
	shown := ruleSeverities(sorted, selected)
	run.Tool.Driver.Rules = []*gosarif.ReportingDescriptor{}
	var policies *gosarif.ToolComponent
	if extensions > 0 {
		policies = &gosarif.ToolComponent{Name: PoliciesComponent, GUID: strPtr(guidOf(PoliciesComponent)),
			FullDescription: &gosarif.MultiformatMessageString{Text: strPtr("Custom policies (CEL) loaded from the scanned repository's policy files.")},
			Rules:           []*gosarif.ReportingDescriptor{}}
		run.Tool.Extensions = []*gosarif.ToolComponent{policies}
	}
	for _, r := range sorted {
		if custom[r.ID] {
			policies.Rules = append(policies.Rules, b.rule(r, shown[r.ID]))
			continue
		}
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, b.rule(r, shown[r.ID]))
	}
	// Sorting here, not only in the caller, makes the log depend on the
	// findings and not on their order.
	rules.SortFindings(selected)
	dropped := 0
	if len(selected) > max {
		dropped = len(selected) - max
		selected = mostSevere(selected, max)
	}
	occurrences := map[string]int{}
	for i := range selected {
		f := &selected[i]
		res := b.result(f, index[f.RuleID], shown[f.RuleID], occurrences)
		if custom[f.RuleID] {
			// ruleIndex then refers to the extension's rules (SARIF
			// 3.27.6), which rule.toolComponent names.
			idx, zero := index[f.RuleID], uint(0)
			res.Rule = &gosarif.ReportingDescriptorReference{Id: strPtr(f.RuleID), Index: &idx,
				ToolComponent: &gosarif.ToolComponentReference{Name: strPtr(PoliciesComponent), Index: &zero, Guid: policies.GUID}}
		}
		run.Results = append(run.Results, res)
	}

	inv := &gosarif.Invocation{}
	success := true
	inv.ExecutionSuccessful = &success
	sortedDiags := append([]graph.Diagnostic(nil), diags...)
	graph.SortDiagnostics(sortedDiags)
	for _, d := range sortedDiags {
		if d.Severity == graph.Debug {
			continue
		}
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, b.notification(d))
	}
	if dropped > 0 {
		text := fmt.Sprintf("%d results were left out, the least severe first, to keep the report within GitHub code scanning's limits (%d results per run, 10 MB compressed). Fix or suppress findings, or scan fewer paths at once.", dropped, GitHubMaxResults)
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, &gosarif.Notification{
			Level:      "warning",
			Message:    &gosarif.Message{Text: &text},
			Descriptor: &gosarif.ReportingDescriptorReference{Id: strPtr("results-truncated")},
		})
	}
	run.Invocations = []*gosarif.Invocation{inv}
	report.AddRun(run)
	return report, nil
}

// mostSevere keeps max of the sorted findings fs: failed checks before
// undetermined ones, more severe before less, then in report order; the
// result stays in report order.
func mostSevere(fs []rules.Finding, max int) []rules.Finding {
	rank := func(f *rules.Finding) int {
		r := int(f.Severity)
		if f.Status == rules.Undetermined {
			r -= int(rules.Critical) + 1
		}
		return r
	}
	idx := make([]int, len(fs))
	for i := range idx {
		idx[i] = i
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

type builder struct {
	// base is Options.BaseDir as an absolute path and paths shows files
	// relative to it, both worked out once: every location of the log
	// needs them, and finding the working directory takes system calls.
	base   string
	paths  graph.PathBase
	opts   Options
	titles map[string]string
}

// ruleSeverities gives the severity each rule shows: GitHub code scanning
// reads security-severity from the rule, not from its results, so a
// rule's is the severity of most of its failed results in this report
// (the more severe on a tie) — with a configuration override, the
// override — and the rule's own when it has none. Results of another
// severity carry their own security-severity too.
func ruleSeverities(rs []*rules.Rule, fs []rules.Finding) map[string]rules.Severity {
	counts := map[string]map[rules.Severity]int{}
	for _, f := range fs {
		if f.Status != rules.Failed || f.Severity == 0 {
			continue
		}
		if counts[f.RuleID] == nil {
			counts[f.RuleID] = map[rules.Severity]int{}
		}
		counts[f.RuleID][f.Severity]++
	}
	out := map[string]rules.Severity{}
	for _, r := range rs {
		out[r.ID] = r.Severity
		best := 0
		for _, sev := range []rules.Severity{rules.Critical, rules.High, rules.Medium, rules.Low} {
			if n := counts[r.ID][sev]; n > best {
				out[r.ID], best = sev, n
			}
		}
	}
	return out
}

func (b *builder) rule(r *rules.Rule, shown rules.Severity) *gosarif.ReportingDescriptor {
	d := &gosarif.ReportingDescriptor{ID: r.ID}
	name := pascal(r.ID)
	d.Name = &name
	d.ShortDescription = &gosarif.MultiformatMessageString{Text: strPtr(r.Title)}
	d.FullDescription = &gosarif.MultiformatMessageString{Text: strPtr(cmp.Or(r.Description, r.Title))}
	d.DefaultConfiguration = &gosarif.ReportingConfiguration{Level: shown.Level()}
	text, markdown := help(r)
	d.Help = &gosarif.MultiformatMessageString{Text: &text, Markdown: &markdown}
	switch {
	case r.Custom():
		// blindspot has no page for a custom policy; its first reference
		// is the nearest thing.
		if len(r.References) > 0 {
			d.HelpURI = strPtr(r.References[0])
		}
	case b.opts.HelpURI != nil:
		if u := b.opts.HelpURI(r.ID); u != "" {
			d.HelpURI = &u
		}
	}
	tags := []string{"security"}
	for _, t := range r.Tags {
		if t != "security" {
			tags = append(tags, t)
		}
	}
	props := gosarif.Properties{
		"tags":              tags,
		"security-severity": shown.Score(),
		"problem.severity":  problemSeverity(shown),
	}
	if r.Precision != "" {
		props["precision"] = r.Precision
	}
	if len(r.Compliance) > 0 {
		var cs []string
		for _, c := range r.Compliance {
			cs = append(cs, c.Framework+" "+c.ID)
		}
		props["compliance"] = cs
	}
	d.Properties = props
	return d
}

// problemSeverity is the CodeQL-style problem.severity GitHub shows.
func problemSeverity(s rules.Severity) string {
	switch s {
	case rules.Critical, rules.High:
		return "error"
	case rules.Medium:
		return "warning"
	}
	return "recommendation"
}

// help renders a rule's help in text and Markdown.
func help(r *rules.Rule) (text, markdown string) {
	var t, m strings.Builder
	fmt.Fprintf(&t, "%s\n\n%s\n", r.Title, r.Description)
	fmt.Fprintf(&m, "**%s**\n\n%s\n", r.Title, r.Description)
	if r.Remediation.Text != "" {
		fmt.Fprintf(&t, "\nRemediation: %s\n", r.Remediation.Text)
		fmt.Fprintf(&m, "\n### Remediation\n\n%s\n", r.Remediation.Text)
	}
	if r.Remediation.Terraform != "" {
		fmt.Fprintf(&t, "\nTerraform:\n%s\n", r.Remediation.Terraform)
		fmt.Fprintf(&m, "\nTerraform:\n\n```hcl\n%s\n```\n", strings.TrimRight(r.Remediation.Terraform, "\n"))
	}
	if r.Remediation.CloudFormation != "" {
		fmt.Fprintf(&t, "\nCloudFormation:\n%s\n", r.Remediation.CloudFormation)
		fmt.Fprintf(&m, "\nCloudFormation:\n\n```yaml\n%s\n```\n", strings.TrimRight(r.Remediation.CloudFormation, "\n"))
	}
	if len(r.References) > 0 {
		t.WriteString("\nReferences:\n")
		m.WriteString("\n### References\n\n")
		for _, ref := range r.References {
			fmt.Fprintf(&t, "- %s\n", ref)
			fmt.Fprintf(&m, "- <%s>\n", ref)
		}
	}
	return t.String(), m.String()
}

func (b *builder) result(f *rules.Finding, idx uint, defaultSeverity rules.Severity, occurrences map[string]int) *gosarif.Result {
	res := gosarif.NewRuleResult(f.RuleID)
	res.RuleIndex = &idx
	msg := f.Message
	if f.Status == rules.Undetermined {
		res.Kind = strPtr("open")
		res.Level = strPtr("none")
	} else {
		res.Kind = strPtr("fail")
		res.Level = strPtr(f.Severity.Level())
	}
	if strings.TrimSpace(msg) == "" {
		// GitHub rejects a result without message text; a rule that
		// reported none is described by its title.
		msg = cmp.Or(b.titles[f.RuleID], f.RuleID)
	}
	res.Message = gosarif.Message{Text: &msg}
	res.Locations = []*gosarif.Location{b.location(f.Loc.Range, "")}
	if pl := res.Locations[0].PhysicalLocation; pl.Region == nil {
		// A finding about a whole file: GitHub and SARIF2017 want a
		// region on every result, and the first line stands for the file.
		line := 1
		pl.Region = &gosarif.Region{StartLine: &line}
	}
	for _, r := range f.Related {
		if r.Loc.Range.File == "" {
			// A value from the command line has no place to point at.
			continue
		}
		res.RelatedLocations = append(res.RelatedLocations, b.location(r.Loc.Range, r.Message))
	}
	for i, rl := range res.RelatedLocations {
		id := uint(i + 1)
		rl.Id = &id
	}
	// primaryLocationLineHash is the key GitHub otherwise computes from
	// the text around the line; ours leaves out line numbers and text, so
	// an alert stays the same alert when lines are inserted above it. The
	// ":n" suffix tells apart results that share a fingerprint, as
	// GitHub's own values do.
	fp := f.FingerprintIn(b.paths)
	occurrences[fp]++
	res.PartialFingerprints = map[string]interface{}{
		FingerprintKey:            fp,
		"primaryLocationLineHash": fmt.Sprintf("%s:%d", fp, occurrences[fp]),
	}
	if f.Severity != 0 && f.Severity != defaultSeverity {
		res.Properties = gosarif.Properties{"security-severity": f.Severity.Score()}
	}
	if f.Suppressed != nil {
		just := f.Suppressed.Justification
		if f.Suppressed.Until != "" {
			just += " (until " + f.Suppressed.Until + ")"
		}
		status := "accepted"
		guid := guidOf(fp + b.position(f.Suppressed.Range))
		// go-sarif writes a nil location as null, which the schema
		// rejects; a suppression without a position is in the finding's
		// file (a JSON template's Metadata).
		where := f.Suppressed.Range
		if where.File == "" {
			where = graph.Range{File: f.Loc.Range.File}
		}
		res.Suppressions = []*gosarif.Suppression{{
			Kind: "inSource", Status: &status, Justification: &just, Guid: &guid,
			Location: b.location(where, ""),
		}}
	}
	if f.BaselineState != "" {
		state := f.BaselineState
		res.BaselineState = &state
	}
	if f.Fix != nil && len(f.Fix.Edits) > 0 {
		res.Fixes = []*gosarif.Fix{b.fix(f.Fix)}
	}
	return res
}

func (b *builder) fix(fx *rules.Fix) *gosarif.Fix {
	out := &gosarif.Fix{Description: &gosarif.Message{Text: strPtr(fx.Description)}}
	byFile := map[string]*gosarif.ArtifactChange{}
	var order []string
	for _, e := range fx.Edits {
		ch, ok := byFile[e.Range.File]
		if !ok {
			ch = &gosarif.ArtifactChange{ArtifactLocation: *b.artifact(e.Range.File)}
			byFile[e.Range.File] = ch
			order = append(order, e.Range.File)
		}
		text := e.Text
		ch.Replacements = append(ch.Replacements, &gosarif.Replacement{
			DeletedRegion:   *deletedRegion(e.Range),
			InsertedContent: &gosarif.ArtifactContent{Text: &text},
		})
	}
	for _, f := range order {
		out.ArtifactChanges = append(out.ArtifactChanges, byFile[f])
	}
	return out
}

func (b *builder) notification(d graph.Diagnostic) *gosarif.Notification {
	level := "note"
	switch d.Severity {
	case graph.Error:
		level = "error"
	case graph.Warning:
		level = "warning"
	}
	msg := d.Message
	n := &gosarif.Notification{Level: level, Message: &gosarif.Message{Text: &msg},
		Descriptor: &gosarif.ReportingDescriptorReference{Id: strPtr(d.Code)}}
	if d.Incomplete {
		// Part of the input was not scanned: the results may miss
		// problems there.
		n.Properties = gosarif.Properties{"incomplete": true}
	}
	if d.Range.File != "" {
		n.Locations = []*gosarif.Location{b.location(d.Range, "")}
	}
	return n
}

// location is a physical location; message is optional.
func (b *builder) location(r graph.Range, message string) *gosarif.Location {
	loc := &gosarif.Location{PhysicalLocation: &gosarif.PhysicalLocation{ArtifactLocation: b.artifact(r.File)}}
	if r.Start.Line > 0 {
		loc.PhysicalLocation.Region = region(r)
	}
	if message != "" {
		loc.Message = &gosarif.Message{Text: strPtr(message)}
	}
	return loc
}

// artifact makes a file's URI relative to BaseDir under %SRCROOT%
// (graph.RelPath); files outside it keep an absolute file URI.
func (b *builder) artifact(file string) *gosarif.ArtifactLocation {
	if file == "" {
		file = "."
	}
	rel := b.paths.Rel(file)
	if rel != ".." && !strings.HasPrefix(rel, "../") && !filepath.IsAbs(filepath.FromSlash(rel)) {
		uri := escapeURI(rel)
		// A colon in the first segment would read as a URI scheme
		// ("a:b.tf"); RFC 3986 section 4.2 has it percent-encoded.
		if first, rest, more := strings.Cut(uri, "/"); strings.Contains(first, ":") {
			uri = strings.ReplaceAll(first, ":", "%3A")
			if more {
				uri += "/" + rest
			}
		}
		base := srcRoot
		return &gosarif.ArtifactLocation{URI: &uri, URIBaseId: &base}
	}
	abs, err := filepath.Abs(file)
	if err != nil {
		abs = file
	}
	uri := "file://" + escapeURI(filepath.ToSlash(abs))
	if !strings.HasPrefix(uri, "file:///") {
		uri = "file:///" + strings.TrimPrefix(uri, "file://")
	}
	return &gosarif.ArtifactLocation{URI: &uri}
}

// position is r as file:line:column with the file relative to BaseDir, so
// that what is derived from it does not depend on where the scan ran.
func (b *builder) position(r graph.Range) string {
	if r.IsZero() {
		return r.String()
	}
	r.File = b.paths.Rel(r.File)
	return r.String()
}

// region converts a range; SARIF columns are 1-based like ours, and the end
// column is exclusive like ours.
func region(r graph.Range) *gosarif.Region {
	start, startCol := r.Start.Line, r.Start.Column
	if start < 1 {
		start = 1
	}
	if startCol < 1 {
		startCol = 1
	}
	reg := &gosarif.Region{StartLine: &start, StartColumn: &startCol}
	if r.End.Line >= start && r.End.Line > 0 {
		end, endCol := r.End.Line, r.End.Column
		if endCol < 1 {
			endCol = 1
		}
		if end == start && endCol <= startCol {
			endCol = startCol + 1
		}
		reg.EndLine = &end
		reg.EndColumn = &endCol
	}
	return reg
}

// deletedRegion is the region an edit replaces. Unlike a result's region,
// an empty range stays empty: the edit inserts and deletes nothing.
func deletedRegion(r graph.Range) *gosarif.Region {
	if r.End.Line < r.Start.Line || r.End.Line <= 0 || r.End.Column <= 0 ||
		(r.End.Line == r.Start.Line && r.End.Column < r.Start.Column) {
		r.End = r.Start
	}
	startLine, startCol := max(r.Start.Line, 1), max(r.Start.Column, 1)
	endLine, endCol := max(r.End.Line, 1), max(r.End.Column, 1)
	return &gosarif.Region{StartLine: &startLine, StartColumn: &startCol, EndLine: &endLine, EndColumn: &endCol}
}

// escapeURI percent-encodes what a relative URI reference cannot hold.
func escapeURI(p string) string {
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9',
			strings.IndexByte("-._~/!$&'()*+,;=:@", c) >= 0:
			b.WriteByte(c)
		default:
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

func absDir(dir string) string {
	if dir == "" {
		dir = "."
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return dir
	}
	return abs
}

func ensureSlash(p string) string {
	if strings.HasSuffix(p, "/") {
		return p
	}
	return p + "/"
}

// guidOf derives a stable GUID (version 5 layout) from s.
func guidOf(s string) string {
	h := sha256.Sum256([]byte(s))
	h[6] = h[6]&0x0f | 0x50
	h[8] = h[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", h[0:4], h[4:6], h[6:8], h[8:10], h[10:16])
}

// pascal turns aws-s3-versioning-disabled into AwsS3VersioningDisabled, the
// form SARIF's rule name takes.
func pascal(id string) string {
	var b strings.Builder
	for _, part := range strings.Split(id, "-") {
		if part == "" {
			continue
		}
		b.WriteString(strings.ToUpper(part[:1]) + part[1:])
	}
	return b.String()
}

func isSemver(v string) bool {
	parts := strings.SplitN(strings.SplitN(v, "-", 2)[0], ".", 3)
	if len(parts) != 3 {
		return false
	}
	for _, p := range parts {
		if p == "" || strings.Trim(p, "0123456789") != "" {
			return false
		}
	}
	return true
}

func strPtr(s string) *string { return &s }
