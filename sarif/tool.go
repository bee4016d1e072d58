package sarif

import (
	"cmp"
	"strings"

	"github.com/blindspot-iac/blindspot/internal/jsonfmt"
	"github.com/blindspot-iac/blindspot/rules"
)

// The rules' metadata is the part of a log that does not grow with the
// findings: 160 rules with their help in text and Markdown, some 240 KB.
// It is appended directly, as the results are, with go-sarif's field order
// and omissions (TestWriterIsObjectModel compares it with go-sarif's
// object model of the same tool).

// The tool object is written in pieces, so that its rules, some 5 KB
// each (4.9 KB for the 160 built-in rules, most of it their help), are
// encoded on all cores in runs of rulesPerPiece like the results: its
// start (appendDriverStart), the built-in rules (appendRule each), and
// its end (appendToolEnd).

// appendDriverStart appends the tool object, compact, up to the opening
// bracket of the driver's rules.
func (d *draft) appendDriverStart(dst []byte) []byte {
	dst = append(dst, `{"driver":{`...)
	if uri := d.b.opts.InformationURI; uri != "" {
		dst = append(dst, `"informationUri":`...)
		dst = jsonfmt.AppendString(dst, uri)
		dst = append(dst, ',')
	}
	return append(dst, `"name":"blindspot","rules":[`...)
}

// appendToolEnd appends the rest of the tool object, compact, after the
// closing bracket of the driver's rules: the driver's version, and the
// custom policies' extension when there are any.
func (d *draft) appendToolEnd(dst []byte) []byte {
	if v := d.b.opts.ToolVersion; v != "" {
		if semver := strings.TrimPrefix(v, "v"); isSemver(semver) {
			dst = append(dst, `,"semanticVersion":`...)
			dst = jsonfmt.AppendString(dst, semver)
		}
		dst = append(dst, `,"version":`...)
		dst = jsonfmt.AppendString(dst, v)
	}
	dst = append(dst, '}')
	if len(d.custom) > 0 {
		dst = append(dst, `,"extensions":[{"fullDescription":{"text":`...)
		dst = jsonfmt.AppendString(dst, policiesDescription)
		dst = append(dst, `},"guid":`...)
		dst = jsonfmt.AppendString(dst, d.b.policiesGUID)
		dst = append(dst, `,"name":`...)
		dst = jsonfmt.AppendString(dst, PoliciesComponent)
		dst = append(dst, `,"rules":[`...)
		for i, r := range d.custom {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = d.b.appendRule(dst, r, d.shown[r.ID])
		}
		dst = append(dst, "]}]"...)
	}
	return append(dst, '}')
}

// policiesDescription describes the custom policies' tool extension.
const policiesDescription = "Custom policies (CEL) loaded from the scanned repository's policy files."

// appendRule appends a rule's reporting descriptor; shown is the severity
// the rule shows in this log (ruleSeverities).
func (b *builder) appendRule(dst []byte, r *rules.Rule, shown rules.Severity) []byte {
	dst = append(dst, `{"id":`...)
	dst = jsonfmt.AppendString(dst, r.ID)
	dst = append(dst, `,"name":`...)
	dst = jsonfmt.AppendString(dst, pascal(r.ID))
	dst = append(dst, `,"shortDescription":{"text":`...)
	dst = jsonfmt.AppendString(dst, r.Title)
	dst = append(dst, `},"fullDescription":{"text":`...)
	dst = jsonfmt.AppendString(dst, cmp.Or(r.Description, r.Title))
	dst = append(dst, `},"defaultConfiguration":{"level":`...)
	dst = jsonfmt.AppendString(dst, shown.Level())
	dst = append(dst, '}')
	if u := b.helpURI(r); u != "" {
		dst = append(dst, `,"helpUri":`...)
		dst = jsonfmt.AppendString(dst, u)
	}
	text, markdown := help(r)
	dst = append(dst, `,"help":{"text":`...)
	dst = jsonfmt.AppendString(dst, text)
	dst = append(dst, `,"markdown":`...)
	dst = jsonfmt.AppendString(dst, markdown)
	// The properties' keys in the order encoding/json sorts a map's.
	dst = append(dst, `},"properties":{`...)
	if len(r.Compliance) > 0 {
		dst = append(dst, `"compliance":[`...)
		for i, c := range r.Compliance {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = jsonfmt.AppendString(dst, c.Framework+" "+c.ID)
		}
		dst = append(dst, "],"...)
	}
	if r.Precision != "" {
		dst = append(dst, `"precision":`...)
		dst = jsonfmt.AppendString(dst, r.Precision)
		dst = append(dst, ',')
	}
	dst = append(dst, `"problem.severity":`...)
	dst = jsonfmt.AppendString(dst, problemSeverity(shown))
	dst = append(dst, `,"security-severity":`...)
	dst = jsonfmt.AppendString(dst, shown.Score())
	dst = append(dst, `,"tags":["security"`...)
	for _, t := range r.Tags {
		if t != "security" {
			dst = append(dst, ',')
			dst = jsonfmt.AppendString(dst, t)
		}
	}
	return append(dst, "]}}"...)
}

// helpURI is a rule's documentation page, or "".
func (b *builder) helpURI(r *rules.Rule) string {
	switch {
	case r.Custom():
		// blindspot has no page for a custom policy; its first reference
		// is the nearest thing.
		if len(r.References) > 0 {
			return r.References[0]
		}
	case b.opts.HelpURI != nil:
		return b.opts.HelpURI(r.ID)
	}
	return ""
}
