package rules

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"

	"github.com/blindspot-iac/blindspot/graph"
)

// TestFingerprintIn: the fingerprint is the first 128 bits, in hex, of
// the SHA-256 of the rule, the unit and address (or the file) relative
// to the base, and the attribute path, each followed by a zero byte;
// fields of any length, together longer than the buffer it hashes from
// on the stack, included.
func TestFingerprintIn(t *testing.T) {
	base := graph.NewPathBase("/repo")
	want := func(fields ...string) string {
		h := sha256.New()
		for _, s := range fields {
			h.Write([]byte(s))
			h.Write([]byte{0})
		}
		return hex.EncodeToString(h.Sum(nil))[:32]
	}
	long := strings.Repeat("x", 300)
	for _, tt := range []struct {
		f    Finding
		want string
	}{
		{Finding{RuleID: "aws-s3-versioning-disabled", Loc: graph.Loc{Resource: &graph.Resource{Unit: "/repo/m", Address: "aws_s3_bucket.b"}, Path: "versioning"}},
			want("aws-s3-versioning-disabled", "m", "aws_s3_bucket.b", "versioning")},
		{Finding{RuleID: "r", Loc: graph.Loc{Range: graph.Range{File: "/repo/a/t.yaml"}}}, want("r", "a/t.yaml", "")},
		{Finding{RuleID: "", Loc: graph.Loc{}}, want("", base.Rel(""), "")},
		{Finding{RuleID: long, Loc: graph.Loc{Resource: &graph.Resource{Unit: "/elsewhere/" + long, Address: long}, Path: long}},
			want(long, graph.NewPathBase("/repo").Rel("/elsewhere/"+long), long, long)},
	} {
		if got := tt.f.FingerprintIn(base); got != tt.want {
			t.Errorf("FingerprintIn(%+v) = %s, want %s", tt.f, got, tt.want)
		}
	}
}

func TestHasStandardRelated(t *testing.T) {
	at := func(file string, line int) graph.Range {
		return graph.Range{File: file, Start: graph.Pos{Line: line, Column: 1}, End: graph.Pos{Line: line, Column: 5}}
	}
	plain := &graph.Resource{Address: "aws_s3_bucket.b"}
	nested := &graph.Resource{Address: "module.a.module.b.aws_s3_bucket.b", Calls: []graph.Call{
		{Address: "module.a", Range: at("main.tf", 3)}, {Address: "module.b", Range: at("a/main.tf", 7)}}}
	set := graph.Loc{Resource: nested, Range: at("b/s3.tf", 2), Source: at("terraform.tfvars", 1)}
	inPlace := graph.Loc{Resource: plain, Range: at("s3.tf", 2)}
	viaOnly := graph.Loc{Resource: nested, Range: at("b/s3.tf", 2)}
	for _, tc := range []struct {
		name    string
		f       Finding
		want    bool
		wantLen int
	}{
		{"set elsewhere in a module", Finding{Loc: set, Related: StandardRelated(set)}, true, 3},
		{"module calls only", Finding{Loc: viaOnly, Related: StandardRelated(viaOnly)}, true, 2},
		{"set elsewhere, no resource", Finding{Loc: graph.Loc{Range: at("a.tf", 1), Source: at("b.tf", 1)},
			Related: StandardRelated(graph.Loc{Range: at("a.tf", 1), Source: at("b.tf", 1)})}, true, 1},
		{"none", Finding{Loc: inPlace, Related: StandardRelated(inPlace)}, false, 0},
		{"source equal to range", Finding{Loc: graph.Loc{Range: at("a.tf", 1), Source: at("a.tf", 1)}}, false, 0},
		{"one more", Finding{Loc: viaOnly, Related: append(StandardRelated(viaOnly), Related{Message: "x"})}, false, 3},
		{"one fewer", Finding{Loc: viaOnly, Related: StandardRelated(viaOnly)[:1]}, false, 1},
		{"other message", Finding{Loc: viaOnly, Related: []Related{
			{Loc: graph.Loc{Range: at("main.tf", 3)}, Message: "via module.a"},
			{Loc: graph.Loc{Range: at("a/main.tf", 7)}, Message: "via module.c"}}}, false, 2},
		{"other range", Finding{Loc: viaOnly, Related: []Related{
			{Loc: graph.Loc{Range: at("main.tf", 3)}, Message: "via module.a"},
			{Loc: graph.Loc{Range: at("a/main.tf", 8)}, Message: "via module.b"}}}, false, 2},
		{"related set by a rule", Finding{Loc: inPlace, Related: []Related{{Loc: graph.Loc{Range: at("p.tf", 1)}, Message: "value set here"}}}, false, 1},
	} {
		if got := tc.f.HasStandardRelated(); got != tc.want || len(tc.f.Related) != tc.wantLen {
			t.Errorf("%s: HasStandardRelated() = %v with %d related, want %v with %d", tc.name, got, len(tc.f.Related), tc.want, tc.wantLen)
		}
	}
}
