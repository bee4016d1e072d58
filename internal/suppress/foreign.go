package suppress

import (
	"fmt"
	"regexp"
	"strings"

	rulesref "github.com/blindspot-iac/blindspot/docs/rules"
	"github.com/blindspot-iac/blindspot/graph"
)

// Equivalents maps the identifiers other scanners give their checks to the
// blindspot rules they correspond to (docs/rules/equivalents.tsv), so that
// their inline suppressions keep working for a project moving to
// blindspot:
//
//	# tfsec:ignore:aws-s3-enable-versioning      (or an AVD ID, or AWS077)
//	# trivy:ignore:AVD-AWS-0090[:exp:2027-01-31]
//	# checkov:skip=CKV_AWS_21:replicated elsewhere   (anywhere in the resource block)
//	Metadata: {checkov: {skip: [{id: CKV_AWS_21, comment: ...}]}}
//	Metadata: {cfn_nag: {rules_to_suppress: [{id: W35, reason: ...}]}}
//
// An identifier that maps to no blindspot rule is about a check blindspot
// does not make; it is ignored without a word.
type Equivalents struct {
	// trivy maps lower-case AVD numbers (aws-0090), long IDs and tfsec
	// legacy IDs; checkov and cfnNag upper-case IDs.
	trivy, checkov, cfnNag map[string][]string
}

// NewEquivalents indexes a table of equivalents.
func NewEquivalents(rows []rulesref.Equivalent) *Equivalents {
	e := &Equivalents{trivy: map[string][]string{}, checkov: map[string][]string{}, cfnNag: map[string][]string{}}
	add := func(m map[string][]string, key, rule string) {
		for _, r := range m[key] {
			if r == rule {
				return
			}
		}
		m[key] = append(m[key], rule)
	}
	for _, row := range rows {
		for _, id := range row.AVD {
			add(e.trivy, trivyKey(id), row.Rule)
		}
		for _, id := range append(append([]string{}, row.LongIDs...), row.TfsecLegacy...) {
			add(e.trivy, trivyKey(id), row.Rule)
		}
		for _, id := range row.Checkov {
			add(e.checkov, strings.ToUpper(id), row.Rule)
		}
		for _, id := range row.CfnNag {
			add(e.cfnNag, strings.ToUpper(id), row.Rule)
		}
	}
	return e
}

// BuiltinEquivalents indexes the table embedded from docs/rules.
func BuiltinEquivalents() (*Equivalents, error) {
	rows, err := rulesref.Equivalents()
	if err != nil {
		return nil, err
	}
	return NewEquivalents(rows), nil
}

// trivyKey normalises an identifier tfsec and Trivy accept: AVD IDs with
// or without their AVD- prefix, long IDs and legacy IDs, any case.
func trivyKey(id string) string {
	k := strings.ToLower(strings.TrimSpace(id))
	return strings.TrimPrefix(k, "avd-")
}

var (
	// trivyIgnoreRE finds tfsec:ignore:ID and trivy:ignore:ID, with an
	// optional expiry (:exp:YYYY-MM-DD) and workspace ([ws:name]).
	trivyIgnoreRE = regexp.MustCompile(`\b(tfsec|trivy):ignore:([A-Za-z0-9_.\-]+)(?::exp:(\d{4}-\d{2}-\d{2}))?(?:\[[^\]]*\])?`)
	// checkovSkipRE finds checkov:skip=ID[:comment].
	checkovSkipRE = regexp.MustCompile(`\bcheckov:skip=([A-Za-z0-9_]+)(?::(.*))?`)
)

// commentDirectives reads the other scanners' suppressions in a comment's
// text.
func (e *Equivalents) commentDirectives(text string, rng graph.Range) []*Directive {
	var out []*Directive
	matches := trivyIgnoreRE.FindAllStringSubmatchIndex(text, -1)
	for i, m := range matches {
		tool, id := text[m[2]:m[3]], text[m[4]:m[5]]
		rules := e.trivy[trivyKey(id)]
		if len(rules) == 0 {
			continue
		}
		d := &Directive{RuleIDs: rules, Range: rng, Foreign: tool + ":ignore:" + id}
		if m[6] >= 0 {
			d.Until = text[m[6]:m[7]]
		}
		// What follows the last directive is taken as the reason:
		// "# tfsec:ignore:aws-s3-enable-versioning -- replicated".
		if i == len(matches)-1 {
			d.Reason = trailingReason(text[m[1]:])
		}
		out = append(out, d)
	}
	for _, m := range checkovSkipRE.FindAllStringSubmatch(text, -1) {
		rules := e.checkov[strings.ToUpper(m[1])]
		if len(rules) == 0 {
			continue
		}
		out = append(out, &Directive{RuleIDs: rules, Range: rng, Foreign: "checkov:skip=" + m[1],
			Reason: trailingReason(m[2]), Enclosing: true})
	}
	return out
}

// trailingReason cleans the free text after a directive.
func trailingReason(s string) string {
	return strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(s), "-#:/"))
}

// metadataDirectives reads a CloudFormation resource's Metadata for
// Checkov's skip list and cfn_nag's rules_to_suppress.
func (e *Equivalents) metadataDirectives(r *graph.Resource) []*Directive {
	var out []*Directive
	read := func(tool, listKey, reasonKey string, index map[string][]string) {
		section, ok := r.MetadataEntry(tool)
		if !ok {
			return
		}
		list, ok := section.Get(listKey)
		if !ok {
			return
		}
		for _, it := range list.Elems() {
			idv, _ := it.Get("id")
			id, ok := idv.AsString()
			if !ok {
				continue
			}
			rules := index[strings.ToUpper(strings.TrimSpace(id))]
			if len(rules) == 0 {
				continue
			}
			rng := it.Range
			if rng.IsZero() {
				rng = r.NameRange
			}
			d := &Directive{RuleIDs: rules, Range: rng, Resource: r, Foreign: fmt.Sprintf("%s %s %s", tool, listKey, id)}
			if rv, ok := it.Get(reasonKey); ok {
				d.Reason, _ = rv.AsString()
				d.Reason = strings.TrimSpace(d.Reason)
			}
			out = append(out, d)
		}
	}
	read("checkov", "skip", "comment", e.checkov)
	read("cfn_nag", "rules_to_suppress", "reason", e.cfnNag)
	return out
}
