package sarif

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	gosarif "github.com/owenrumney/go-sarif/v2/sarif"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/internal/jsonfmt"
	"github.com/blindspot-iac/blindspot/rules"
)

// This file keeps the writer honest: the log as go-sarif's object model,
// built the way the writer built it before it appended rules and results
// directly, and encoded by encoding/json. TestWriterIsObjectModel
// compares the two byte for byte.

// ModelLog is the indented log of rs, fs and diags built as go-sarif's
// object model and encoded by encoding/json, with at most
// opts.MaxResults results and no size limit.
func ModelLog(rs []*rules.Rule, fs []rules.Finding, diags []graph.Diagnostic, opts Options) ([]byte, error) {
	d, err := newDraft(rs, fs, diags, opts)
	if err != nil {
		return nil, err
	}
	report, err := gosarif.New(gosarif.Version210)
	if err != nil {
		return nil, err
	}
	run := gosarif.NewRun(d.modelTool())
	run.OriginalUriBaseIDs = map[string]*gosarif.ArtifactLocation{srcRoot: {URI: &d.root}}
	run.ColumnKind = "unicodeCodePoints"
	maxResults := opts.MaxResults
	switch {
	case maxResults == 0:
		maxResults = GitHubMaxResults
	case maxResults < 0:
		maxResults = 0
	}
	selected, dropped := d.selected, 0
	if len(selected) > maxResults {
		dropped = len(selected) - maxResults
		selected = mostSevere(selected, maxResults)
	}
	run.Invocations = []*gosarif.Invocation{d.invocation(dropped)}
	run.Results = []*gosarif.Result{}
	occurrences := map[string]int{}
	for i := range selected {
		f := selected[i]
		res := d.b.result(f, d.b.index[f.RuleID], d.shown[f.RuleID], occurrences)
		if d.b.custom[f.RuleID] {
			idx, zero := d.b.index[f.RuleID], uint(0)
			guid := d.b.policiesGUID
			res.Rule = &gosarif.ReportingDescriptorReference{Id: strPtr(f.RuleID), Index: &idx,
				ToolComponent: &gosarif.ToolComponentReference{Name: strPtr(PoliciesComponent), Index: &zero, Guid: &guid}}
		}
		run.Results = append(run.Results, res)
	}
	report.AddRun(run)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(report); err != nil {
		return nil, err
	}
	return jsonfmt.AppendIndented(nil, buf.Bytes(), "  "), nil
}

// MarshalInParts is Marshal with perPart results in each piece of the
// log encoded on its own, and the pieces themselves.
func MarshalInParts(rs []*rules.Rule, fs []rules.Finding, diags []graph.Diagnostic, opts Options, perPart int) ([]byte, [][]byte, error) {
	parts, err := marshalParts(rs, fs, diags, opts, GitHubMaxGzipBytes, perPart)
	if err != nil {
		return nil, nil, err
	}
	return bytes.Join(parts, nil), parts, nil
}

// RulesPerPiece is how many built-in rules a piece of the log holds.
const RulesPerPiece = rulesPerPiece

// StreamIn is Stream with perPiece results a piece, encoded by workers.
func StreamIn(w io.Writer, restart func() error, rs []*rules.Rule, fs []rules.Finding, diags []graph.Diagnostic, opts Options, escape func([]byte) []byte, perPiece, workers int) error {
	return streamIn(w, restart, rs, fs, diags, opts, escape, perPiece, workers)
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

// deletedRegion is deletedBounds in go-sarif's model.
func deletedRegion(r graph.Range) *gosarif.Region {
	b := deletedBounds(r)
	return &gosarif.Region{StartLine: &b.startLine, StartColumn: &b.startColumn, EndLine: &b.endLine, EndColumn: &b.endColumn}
}

// modelTool is the tool object in go-sarif's model.
func (d *draft) modelTool() gosarif.Tool {
	opts := d.b.opts
	driver := &gosarif.ToolComponent{Name: "blindspot"}
	tool := gosarif.Tool{Driver: driver}
	if opts.InformationURI != "" {
		uri := opts.InformationURI
		driver.InformationURI = &uri
	}
	if opts.ToolVersion != "" {
		v := opts.ToolVersion
		driver.Version = &v
		if semver := strings.TrimPrefix(v, "v"); isSemver(semver) {
			driver.SemanticVersion = &semver
		}
	}
	driver.Rules = []*gosarif.ReportingDescriptor{}
	var policies *gosarif.ToolComponent
	if len(d.custom) > 0 {
		policies = &gosarif.ToolComponent{Name: PoliciesComponent, GUID: strPtr(d.b.policiesGUID),
			FullDescription: &gosarif.MultiformatMessageString{Text: strPtr(policiesDescription)},
			Rules:           []*gosarif.ReportingDescriptor{}}
		tool.Extensions = []*gosarif.ToolComponent{policies}
	}
	for _, r := range d.builtin {
		driver.Rules = append(driver.Rules, d.b.rule(r, d.shown[r.ID]))
	}
	for _, r := range d.custom {
		policies.Rules = append(policies.Rules, d.b.rule(r, d.shown[r.ID]))
	}
	return tool
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
