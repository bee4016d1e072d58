package scan

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/blindspot-iac/blindspot/rules/builtin"
)

// Columns are code points, as SARIF declares, whatever HCL counts: e
// followed by a combining accent is one grapheme cluster (HCL's column)
// and two code points.
func TestColumnsAreCodePoints(t *testing.T) {
	line := "  cidr_blocks       = /* e\u0301e\u0301e\u0301 caf\u00e9 \U0001F525 */ [\"0.0.0.0/0\"]"
	src := "resource \"aws_security_group_rule\" \"ssh\" {\n  type              = \"ingress\"\n  from_port         = 22\n  to_port           = 22\n  protocol          = \"tcp\"\n  security_group_id = \"sg-1\"\n" + line + "\n}\n"
	root := writeTree(t, map[string][]byte{"main.tf": []byte(src)})
	res, err := Run(context.Background(), Options{Paths: []string{root}, Rules: builtin.Rules()})
	if err != nil {
		t.Fatal(err)
	}
	want := utf8.RuneCountInString(line[:strings.Index(line, "[")]) + 1
	found := false
	for _, f := range res.Findings {
		if f.RuleID == "aws-ec2-open-ingress" {
			found = true
			if f.Loc.Range.Start.Line != 7 || f.Loc.Range.Start.Column != want {
				t.Errorf("finding at %d:%d, want 7:%d", f.Loc.Range.Start.Line, f.Loc.Range.Start.Column, want)
			}
		}
	}
	if !found {
		t.Fatalf("no open-ingress finding: %v", res.Findings)
	}
}
