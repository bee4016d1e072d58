package sarif

import (
	"cmp"
	"strconv"
	"strings"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/internal/jsonfmt"
	"github.com/blindspot-iac/blindspot/rules"
)

// The results are most of a log: thousands of them, each with locations,
// fingerprints and sometimes suppressions and fixes. Building go-sarif's
// objects for them (a pointer for every field, a map for every property
// bag) and encoding those by reflection cost more than the rest of the
// report; appendResult writes the JSON directly, with go-sarif's field
// order and omissions, the bytes encoding/json gives for its model of the
// same result (TestWriterIsObjectModel holds the two together).

// appendResult appends f as a compact SARIF result. shown is the severity
// its rule shows, fp its fingerprint (Finding.FingerprintIn) and
// occurrence how many results of the log up to this one have it.
func (b *builder) appendResult(dst []byte, f *rules.Finding, shown rules.Severity, fp string, occurrence int) []byte {
	dst = append(dst, '{')
	if f.Severity != 0 && f.Severity != shown {
		dst = append(dst, `"properties":{"security-severity":`...)
		dst = jsonfmt.AppendString(dst, f.Severity.Score())
		dst = append(dst, "},"...)
	}
	idx := b.index[f.RuleID]
	dst = append(dst, `"ruleId":`...)
	dst = jsonfmt.AppendString(dst, f.RuleID)
	dst = append(dst, `,"ruleIndex":`...)
	dst = strconv.AppendUint(dst, uint64(idx), 10)
	if b.custom[f.RuleID] {
		// ruleIndex then refers to the extension's rules (SARIF 3.27.6),
		// which rule.toolComponent names.
		dst = append(dst, `,"rule":{"id":`...)
		dst = jsonfmt.AppendString(dst, f.RuleID)
		dst = append(dst, `,"index":`...)
		dst = strconv.AppendUint(dst, uint64(idx), 10)
		dst = append(dst, `,"toolComponent":{"name":`...)
		dst = jsonfmt.AppendString(dst, PoliciesComponent)
		dst = append(dst, `,"index":0,"guid":`...)
		dst = jsonfmt.AppendString(dst, b.policiesGUID)
		dst = append(dst, "}}"...)
	}
	if f.Status == rules.Undetermined {
		dst = append(dst, `,"kind":"open","level":"none"`...)
	} else {
		dst = append(dst, `,"kind":"fail","level":`...)
		dst = jsonfmt.AppendString(dst, f.Severity.Level())
	}
	msg := f.Message
	if strings.TrimSpace(msg) == "" {
		// GitHub rejects a result without message text; a rule that
		// reported none is described by its title.
		msg = cmp.Or(b.titles[f.RuleID], f.RuleID)
	}
	dst = append(dst, `,"message":{"text":`...)
	dst = jsonfmt.AppendString(dst, msg)
	dst = append(dst, `},"locations":[`...)
	// A finding about a whole file has no region; GitHub and SARIF2017
	// want one on every result, and the first line stands for the file.
	dst = b.appendLocation(dst, f.Loc.Range, "", 0, true)
	dst = append(dst, ']')

	// primaryLocationLineHash is the key GitHub otherwise computes from
	// the text around the line; ours leaves out line numbers and text, so
	// an alert stays the same alert when lines are inserted above it. The
	// ":n" suffix tells apart results that share a fingerprint, as
	// GitHub's own values do.
	dst = append(dst, `,"partialFingerprints":{"`+FingerprintKey+`":`...)
	dst = jsonfmt.AppendString(dst, fp)
	dst = append(dst, `,"primaryLocationLineHash":"`...)
	dst = append(dst, fp...) // hexadecimal: nothing to escape
	dst = append(dst, ':')
	dst = strconv.AppendInt(dst, int64(occurrence), 10)
	dst = append(dst, `"}`...)

	id := uint(0)
	for _, r := range f.Related {
		if r.Loc.Range.File == "" {
			// A value from the command line has no place to point at.
			continue
		}
		if id == 0 {
			dst = append(dst, `,"relatedLocations":[`...)
		} else {
			dst = append(dst, ',')
		}
		id++
		dst = b.appendLocation(dst, r.Loc.Range, r.Message, id, false)
	}
	if id > 0 {
		dst = append(dst, ']')
	}

	if s := f.Suppressed; s != nil {
		just := s.Justification
		if s.Until != "" {
			just += " (until " + s.Until + ")"
		}
		// A suppression without a position is in the finding's file (a
		// JSON template's Metadata): the schema wants a location.
		where := s.Range
		if where.File == "" {
			where = graph.Range{File: f.Loc.Range.File}
		}
		dst = append(dst, `,"suppressions":[{"kind":"inSource","status":"accepted","location":`...)
		dst = b.appendLocation(dst, where, "", 0, false)
		dst = append(dst, `,"guid":`...)
		dst = jsonfmt.AppendString(dst, guidOf(fp+b.position(s.Range)))
		dst = append(dst, `,"justification":`...)
		dst = jsonfmt.AppendString(dst, just)
		dst = append(dst, "}]"...)
	}
	if f.BaselineState != "" {
		dst = append(dst, `,"baselineState":`...)
		dst = jsonfmt.AppendString(dst, f.BaselineState)
	}
	if f.Fix != nil && len(f.Fix.Edits) > 0 {
		dst = append(dst, `,"fixes":[`...)
		dst = b.appendFix(dst, f.Fix)
		dst = append(dst, ']')
	}
	return append(dst, '}')
}

// appendLocation appends a physical location of r with an optional
// message and id (0 for none). A range without a line gets no region, or
// with anyRegion the first line.
func (b *builder) appendLocation(dst []byte, r graph.Range, message string, id uint, anyRegion bool) []byte {
	dst = append(dst, '{')
	if id > 0 {
		dst = append(dst, `"id":`...)
		dst = strconv.AppendUint(dst, uint64(id), 10)
		dst = append(dst, ',')
	}
	dst = append(dst, `"physicalLocation":{"artifactLocation":`...)
	dst = b.appendArtifact(dst, r.File)
	switch {
	case r.Start.Line > 0:
		dst = append(dst, `,"region":`...)
		dst = appendRegion(dst, regionBounds(r))
	case anyRegion:
		dst = append(dst, `,"region":{"startLine":1}`...)
	}
	dst = append(dst, '}')
	if message != "" {
		dst = append(dst, `,"message":{"text":`...)
		dst = jsonfmt.AppendString(dst, message)
		dst = append(dst, '}')
	}
	return append(dst, '}')
}

// appendArtifact appends a file's artifact location (artifact).
func (b *builder) appendArtifact(dst []byte, file string) []byte {
	uri, relative := b.artifactURI(file)
	dst = append(dst, `{"uri":`...)
	dst = jsonfmt.AppendString(dst, uri)
	if relative {
		dst = append(dst, `,"uriBaseId":"`+srcRoot+`"`...)
	}
	return append(dst, '}')
}

func appendRegion(dst []byte, r bounds) []byte {
	dst = append(dst, `{"startLine":`...)
	dst = strconv.AppendInt(dst, int64(r.startLine), 10)
	dst = append(dst, `,"startColumn":`...)
	dst = strconv.AppendInt(dst, int64(r.startColumn), 10)
	if r.end {
		dst = append(dst, `,"endLine":`...)
		dst = strconv.AppendInt(dst, int64(r.endLine), 10)
		dst = append(dst, `,"endColumn":`...)
		dst = strconv.AppendInt(dst, int64(r.endColumn), 10)
	}
	return append(dst, '}')
}

// appendFix appends a quick fix: its edits grouped by file, in the order
// the files first appear.
func (b *builder) appendFix(dst []byte, fx *rules.Fix) []byte {
	dst = append(dst, `{"description":{"text":`...)
	dst = jsonfmt.AppendString(dst, fx.Description)
	dst = append(dst, `},"artifactChanges":[`...)
	for i, e := range fx.Edits {
		if firstOfFile(fx.Edits, i) != i {
			continue
		}
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, `{"artifactLocation":`...)
		dst = b.appendArtifact(dst, e.Range.File)
		dst = append(dst, `,"replacements":[`...)
		for j, other := range fx.Edits[i:] {
			if other.Range.File != e.Range.File {
				continue
			}
			if j > 0 {
				dst = append(dst, ',')
			}
			dst = append(dst, `{"deletedRegion":`...)
			dst = appendRegion(dst, deletedBounds(other.Range))
			dst = append(dst, `,"insertedContent":{"text":`...)
			dst = jsonfmt.AppendString(dst, other.Text)
			dst = append(dst, "}}"...)
		}
		dst = append(dst, "]}"...)
	}
	return append(dst, "]}"...)
}

// firstOfFile is the index of the first edit in the file of edits[i].
func firstOfFile(edits []rules.Edit, i int) int {
	for j := range i {
		if edits[j].Range.File == edits[i].Range.File {
			return j
		}
	}
	return i
}
