package scan

import (
	"math"
	"sync"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/rules"
)

// A scan keeps every unit's findings and pass counts until all units are
// checked, and the collector marks all of it at each cycle of the unit
// phase: for a large repository, what is kept decides how hard it works
// (each MB kept at ten copies of the perf corpus cost ~1.5% more marking).
// Units therefore keep them in a compact form, expanded when they are
// merged.

// keptFinding is a unit's rules.Finding as the scan keeps it, in half its
// size: the rule as an index into the checker's unit rules, positions in
// 32 bits, the rarely set source range out of line, the related locations
// only when they are not those every finding gets (rules.StandardRelated,
// made again when merged), and the message
// shared with the equal messages of other findings (findings of a rule
// often say the same). A finding that does not fit (a position
// beyond 32 bits, a rule not among the unit rules, a suppression or
// baseline state already set) is kept whole in the unit's unfit list;
// rule is then unfitRule.
type keptFinding struct {
	message  string
	path     string
	resource *graph.Resource
	file     string
	related  []rules.Related
	fix      *rules.Fix
	// source is nil when the finding's Loc.Source is zero.
	source     *graph.Range
	start, end pos32
	rule       uint16
	severity   rules.Severity
	status     rules.Status
	// stdRelated is set when the related locations are
	// rules.StandardRelated's (related is then nil).
	stdRelated bool
}

// unfitRule marks a keptFinding kept whole in keptFindings.unfit.
const unfitRule = math.MaxUint16

// pos32 is a graph.Pos in 32 bits.
type pos32 struct{ line, column, byte int32 }

// fits32 reports whether p's fields fit in 32 bits.
func fits32(p graph.Pos) bool {
	return p.Line == int(int32(p.Line)) && p.Column == int(int32(p.Column)) && p.Byte == int(int32(p.Byte))
}

func toPos32(p graph.Pos) pos32 {
	return pos32{line: int32(p.Line), column: int32(p.Column), byte: int32(p.Byte)}
}

func (p pos32) pos() graph.Pos {
	return graph.Pos{Line: int(p.line), Column: int(p.column), Byte: int(p.byte)}
}

// keptFindings are the findings of a unit, in order.
type keptFindings struct {
	list []keptFinding
	// unfit are the findings kept whole, in order.
	unfit []rules.Finding
}

// len is the number of findings.
func (k *keptFindings) len() int { return len(k.list) }

// ruleTable numbers the unit rules for keptFinding.rule and passCount.rule.
type ruleTable struct {
	ids   []string
	index map[string]uint16
}

func newRuleTable(rs []*rules.Rule) ruleTable {
	t := ruleTable{index: make(map[string]uint16, len(rs))}
	for _, r := range rs {
		if _, ok := t.index[r.ID]; ok || len(t.ids) >= unfitRule {
			continue
		}
		t.index[r.ID] = uint16(len(t.ids))
		t.ids = append(t.ids, r.ID)
	}
	return t
}

// keep returns fs in their kept form, their messages interned in strs.
func (t ruleTable) keep(fs []rules.Finding, strs *interner) keptFindings {
	if len(fs) == 0 {
		return keptFindings{}
	}
	k := keptFindings{list: make([]keptFinding, len(fs))}
	for i := range fs {
		f := &fs[i]
		rule, ok := t.index[f.RuleID]
		r := f.Loc.Range
		if !ok || f.Suppressed != nil || f.BaselineState != "" || !fits32(r.Start) || !fits32(r.End) {
			k.list[i].rule = unfitRule
			k.unfit = append(k.unfit, *f)
			continue
		}
		kf := keptFinding{
			message: strs.intern(f.Message), path: f.Loc.Path, resource: f.Loc.Resource,
			file: r.File, related: f.Related, fix: f.Fix, start: toPos32(r.Start), end: toPos32(r.End),
			rule: rule, severity: f.Severity, status: f.Status,
		}
		if f.Loc.Source != (graph.Range{}) {
			src := f.Loc.Source
			kf.source = &src
		}
		if f.HasStandardRelated() {
			kf.related, kf.stdRelated = nil, true
		}
		k.list[i] = kf
	}
	return k
}

// appendTo appends the findings k holds to fs, as they were given to keep.
func (t ruleTable) appendTo(fs []rules.Finding, k keptFindings) []rules.Finding {
	unfit := k.unfit
	for i := range k.list {
		kf := &k.list[i]
		if kf.rule == unfitRule {
			fs = append(fs, unfit[0])
			unfit = unfit[1:]
			continue
		}
		f := rules.Finding{
			RuleID: t.ids[kf.rule], Severity: kf.severity, Status: kf.status, Message: kf.message,
			Loc: graph.Loc{Resource: kf.resource, Path: kf.path,
				Range: graph.Range{File: kf.file, Start: kf.start.pos(), End: kf.end.pos()}},
			Related: kf.related, Fix: kf.fix,
		}
		if kf.source != nil {
			f.Loc.Source = *kf.source
		}
		if kf.stdRelated {
			f.Related = rules.StandardRelated(f.Loc)
		}
		fs = append(fs, f)
	}
	return fs
}

// passCount is how many checks of a unit rule passed in a unit.
type passCount struct {
	n    int
	rule uint16
}

// keepPassed returns passed (by rule ID) as pass counts, and the counts of
// rules not in the table as a map (nil when there are none).
func (t ruleTable) keepPassed(passed map[string]int) ([]passCount, map[string]int) {
	var other map[string]int
	out := make([]passCount, 0, len(passed))
	for id, n := range passed {
		rule, ok := t.index[id]
		if !ok {
			if other == nil {
				other = map[string]int{}
			}
			other[id] = n
			continue
		}
		out = append(out, passCount{n: n, rule: rule})
	}
	return out, other
}

// interner gives one copy of equal strings that a scan keeps to its end
// (messages, CloudFormation file names and types), for all units. (A
// string from unique.Make(s).Value() does not keep its entry alive: once
// the handle is dropped, the next equal string is copied again.)
type interner struct {
	mu sync.Mutex
	m  map[string]string
}

// intern returns the copy of s kept.
func (in *interner) intern(s string) string {
	in.mu.Lock()
	defer in.mu.Unlock()
	if c, ok := in.m[s]; ok {
		return c
	}
	if in.m == nil {
		in.m = map[string]string{}
	}
	in.m[s] = s
	return s
}
