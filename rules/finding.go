package rules

import (
	"crypto/sha256"
	"encoding/hex"
	"sort"
	"strconv"
	"strings"

	"github.com/blindspot-iac/blindspot/graph"
)

// Status says whether a result is a failed check or one that could not be
// evaluated because it depends on values unknown before deployment.
type Status uint8

// Result statuses.
const (
	Failed Status = iota + 1
	Undetermined
)

// String names the status.
func (s Status) String() string {
	if s == Undetermined {
		return "undetermined"
	}
	return "failed"
}

// Related is a secondary location of a finding: a module call, the evidence
// for an account, the place a value was set.
type Related struct {
	Loc     graph.Loc
	Message string
}

// Edit replaces the text of Range with Text; an empty range (Start == End)
// inserts.
type Edit struct {
	Range graph.Range
	Text  string
}

// Fix is a change that resolves a finding, offered to IDEs as a quick fix.
type Fix struct {
	Description string
	Edits       []Edit
}

// Suppression records why a finding is not reported: an inline
// `blindspot:ignore` comment (or Metadata entry) that matched it.
type Suppression struct {
	Justification string
	// Range is where the suppression is written.
	Range graph.Range
	// Until is the expiry date (YYYY-MM-DD), empty when none.
	Until string
}

// Baseline states of a finding compared with a baseline file (SARIF
// baselineState); empty when no baseline was given.
const (
	BaselineNew       = "new"
	BaselineUnchanged = "unchanged"
)

// Finding is one result of a rule.
type Finding struct {
	RuleID   string
	Severity Severity
	Status   Status
	Message  string
	Loc      graph.Loc
	Related  []Related
	Fix      *Fix
	// Suppressed is set when an inline suppression matched; such findings
	// are reported only with --include-suppressed.
	Suppressed *Suppression
	// BaselineState is BaselineNew or BaselineUnchanged when a baseline was
	// given.
	BaselineState string
}

// StandardRelated is what ReportIf relates to a finding at loc: where its
// value was set, when that is elsewhere, and the module (or nested stack)
// calls of its resource, outermost first. Nil when there is none.
func StandardRelated(loc graph.Loc) []Related {
	n := 0
	setElsewhere := !loc.Source.IsZero() && loc.Source != loc.Range
	if setElsewhere {
		n++
	}
	if loc.Resource != nil {
		n += len(loc.Resource.Calls)
	}
	if n == 0 {
		return nil
	}
	rel := make([]Related, 0, n)
	if setElsewhere {
		rel = append(rel, Related{Loc: graph.Loc{Resource: loc.Resource, Range: loc.Source}, Message: "value set here"})
	}
	if r := loc.Resource; r != nil {
		for _, c := range r.Calls {
			rel = append(rel, Related{Loc: graph.Loc{Range: c.Range}, Message: "via " + c.Address})
		}
	}
	return rel
}

// HasStandardRelated reports whether f's related locations are exactly
// StandardRelated(f.Loc), and not none: what a scan then need not keep.
func (f *Finding) HasStandardRelated() bool {
	loc := f.Loc
	i := 0
	if !loc.Source.IsZero() && loc.Source != loc.Range {
		if len(f.Related) == 0 || f.Related[0] != (Related{Loc: graph.Loc{Resource: loc.Resource, Range: loc.Source}, Message: "value set here"}) {
			return false
		}
		i = 1
	}
	if r := loc.Resource; r != nil {
		if len(f.Related)-i != len(r.Calls) {
			return false
		}
		for _, c := range r.Calls {
			rel := f.Related[i]
			if rel.Loc != (graph.Loc{Range: c.Range}) || len(rel.Message) != len("via ")+len(c.Address) ||
				!strings.HasPrefix(rel.Message, "via ") || !strings.HasSuffix(rel.Message, c.Address) {
				return false
			}
			i++
		}
	}
	return i > 0 && i == len(f.Related)
}

// FingerprintIn identifies the finding independently of line numbers and
// of where the scan ran: the rule, the resource's unit and address (or the
// file, for a finding about no resource) and the attribute path, with paths
// relative to base, the directory reports are relative to (one PathBase per
// report: building one looks up the working directory). Edits elsewhere in
// the file, and scanning from another directory or by another path to the
// same files, keep it.
func (f *Finding) FingerprintIn(base graph.PathBase) string {
	// The fields, each followed by a zero byte, hashed at once from a
	// buffer on the stack: a report hashes thousands of findings.
	var buf [256]byte
	text := buf[:0]
	write := func(s string) { text = append(append(text, s...), 0) }
	write(f.RuleID)
	if r := f.Loc.Resource; r != nil {
		write(base.Rel(r.Unit))
		write(r.Address)
	} else {
		write(base.Rel(f.Loc.Range.File))
	}
	write(f.Loc.Path)
	sum := sha256.Sum256(text)
	var digits [32]byte
	hex.Encode(digits[:], sum[:16])
	return string(digits[:])
}

// SortFindings orders findings by file, line, column, rule and message, the
// order every report uses.
func SortFindings(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		return CompareFindings(&fs[i], &fs[j]) < 0 // not copies: a finding is some 250 bytes
	})
}

// CompareFindings orders two findings as SortFindings does: by file,
// line, column, rule and message.
func CompareFindings(a, b *Finding) int {
	if c := graph.CompareRange(a.Loc.Range, b.Loc.Range); c != 0 {
		return c
	}
	if c := strings.Compare(a.RuleID, b.RuleID); c != 0 {
		return c
	}
	return strings.Compare(a.Message, b.Message)
}

// FixLiteral offers a quick fix replacing the literal written at at with
// text ("true", "\"required\""). It does nothing when the setting is absent
// (set is false) or its value was written elsewhere (a variable default, a
// parameter), where replacing the use would not be the right edit.
func FixLiteral(f *Finding, at graph.Loc, set bool, description, text string) {
	if f == nil || !set || !at.Source.IsZero() || at.Range.IsZero() {
		return
	}
	f.Fix = &Fix{Description: description, Edits: []Edit{{Range: at.Range, Text: text}}}
}

// FixString is FixLiteral for a string value: text is quoted where the
// file's syntax needs it (Terraform, JSON templates) and written plain in
// YAML.
func FixString(f *Finding, at graph.Loc, set bool, description, text string) {
	if at.Resource != nil && (at.Resource.Format != graph.CloudFormation || strings.HasSuffix(at.Range.File, ".json")) {
		text = strconv.Quote(text)
	}
	FixLiteral(f, at, set, description, text)
}
