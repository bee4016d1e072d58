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
