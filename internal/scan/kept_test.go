package scan

import (
	"math"
	"reflect"
	"strings"
	"testing"
	"unsafe"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/rules"
)

// TestKeptFindingsRoundTrip checks that what a unit keeps of its findings
// gives them back exactly, in order, including those that do not fit the
// compact form.
func TestKeptFindingsRoundTrip(t *testing.T) {
	table := newRuleTable([]*rules.Rule{{ID: "rule-a"}, {ID: "rule-b"}, {ID: "rule-a"}})
	r := &graph.Resource{Address: "aws_s3_bucket.b", Unit: "dir"}
	inModule := &graph.Resource{Address: "module.m.aws_s3_bucket.b", Unit: "dir",
		Calls: []graph.Call{{Address: "module.m", Range: graph.Range{File: "main.tf", Start: graph.Pos{Line: 1, Column: 1}}}}}
	rng := func(file string, line, col, byte int) graph.Range {
		return graph.Range{File: file, Start: graph.Pos{Line: line, Column: col, Byte: byte},
			End: graph.Pos{Line: line, Column: col + 3, Byte: byte + 3}}
	}
	fix := &rules.Fix{Description: "set it", Edits: []rules.Edit{{Range: rng("a.tf", 3, 4, 40), Text: "true"}}}
	fs := []rules.Finding{
		{RuleID: "rule-a", Severity: rules.High, Status: rules.Failed, Message: "bucket b is open",
			Loc: graph.Loc{Resource: r, Path: "acl", Range: rng("a.tf", 3, 4, 40)}, Fix: fix},
		{RuleID: "rule-b", Severity: rules.Low, Status: rules.Undetermined, Message: "could not evaluate rule-b: x",
			Loc:     graph.Loc{Resource: r, Range: rng("a.tf", 1, 1, -1), Source: rng("vars.tf", 9, 2, 100)},
			Related: []rules.Related{{Loc: graph.Loc{Range: rng("main.tf", 2, 1, 0)}, Message: "via module.b"}}},
		// A rule the table does not number.
		{RuleID: "policy-x", Severity: rules.Medium, Status: rules.Failed, Message: "custom",
			Loc: graph.Loc{Range: rng("b.yaml", 7, 3, 70)}},
		{RuleID: "rule-a", Severity: rules.Critical, Status: rules.Failed, Message: strings.Clone("bucket b is open"),
			Loc: graph.Loc{Resource: r, Path: "acl", Range: rng("a.tf", 30, 4, 400)}},
		// A position beyond 32 bits.
		{RuleID: "rule-a", Status: rules.Failed, Message: "far",
			Loc: graph.Loc{Range: rng("big.tf", math.MaxInt32+1, 1, 0)}},
		// A suppression or baseline state already set.
		{RuleID: "rule-b", Status: rules.Failed, Message: "s", Suppressed: &rules.Suppression{Justification: "j"},
			Loc: graph.Loc{Range: rng("a.tf", 5, 1, 50)}},
		{RuleID: "rule-b", Status: rules.Failed, Message: "b", BaselineState: rules.BaselineNew,
			Loc: graph.Loc{Range: rng("a.tf", 6, 1, 60)}},
		{RuleID: "rule-b", Status: rules.Failed, Message: "last", Loc: graph.Loc{Range: rng("a.tf", 8, 1, 80)}},
		// Related locations as every finding gets them, and not.
		{RuleID: "rule-a", Status: rules.Failed, Message: "std",
			Loc:     graph.Loc{Resource: inModule, Range: rng("m/a.tf", 1, 1, 0), Source: rng("vars.tf", 2, 1, 9)},
			Related: rules.StandardRelated(graph.Loc{Resource: inModule, Range: rng("m/a.tf", 1, 1, 0), Source: rng("vars.tf", 2, 1, 9)})},
		{RuleID: "rule-a", Status: rules.Failed, Message: "more",
			Loc: graph.Loc{Resource: inModule, Range: rng("m/a.tf", 1, 1, 0)},
			Related: append(rules.StandardRelated(graph.Loc{Resource: inModule, Range: rng("m/a.tf", 1, 1, 0)}),
				rules.Related{Loc: graph.Loc{Range: rng("x.tf", 1, 1, 0)}, Message: "the policy"})},
	}
	want := make([]rules.Finding, len(fs))
	copy(want, fs)
	for i := range want {
		want[i].Related = append([]rules.Related(nil), fs[i].Related...)
	}
	var strs interner
	kept := table.keep(fs, &strs)
	if !kept.list[8].stdRelated || kept.list[9].stdRelated {
		t.Error("related locations kept when standard, or not kept when not")
	}
	if len(kept.unfit) != 4 {
		t.Errorf("%d findings kept whole, want 4", len(kept.unfit))
	}
	got := table.appendTo([]rules.Finding{{RuleID: "before"}}, kept)
	if !reflect.DeepEqual(got[1:], want) || got[0].RuleID != "before" {
		t.Errorf("findings changed:\n got %+v\nwant %+v", got, want)
	}
	if unsafe.StringData(got[1].Message) != unsafe.StringData(got[4].Message) {
		t.Error("equal messages are kept twice")
	}
	if got := table.appendTo(nil, table.keep(nil, &strs)); got != nil {
		t.Errorf("no findings gave %v", got)
	}
}

// TestKeptFindingSize guards the point of the compact form.
func TestKeptFindingSize(t *testing.T) {
	if k, f := unsafe.Sizeof(keptFinding{}), unsafe.Sizeof(rules.Finding{}); k > 128 {
		t.Errorf("a kept finding takes %d bytes (a finding %d): want at most 128", k, f)
	}
}

func TestKeepPassed(t *testing.T) {
	table := newRuleTable([]*rules.Rule{{ID: "rule-a"}, {ID: "rule-b"}})
	counts, other := table.keepPassed(map[string]int{"rule-b": 3, "rule-a": 1, "policy-x": 2})
	got := map[string]int{}
	for _, pc := range counts {
		got[table.ids[pc.rule]] += pc.n
	}
	if want := map[string]int{"rule-a": 1, "rule-b": 3}; !reflect.DeepEqual(got, want) {
		t.Errorf("counts %v, want %v", got, want)
	}
	if want := map[string]int{"policy-x": 2}; !reflect.DeepEqual(other, want) {
		t.Errorf("other counts %v, want %v", other, want)
	}
}
