package suppress

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	rulesref "github.com/blindspot-iac/blindspot/docs/rules"
	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/rules"
)

// run applies suppressions to findings in files, with the built-in table
// of equivalents unless foreign is false, and returns the justification of
// each finding (by index; "" when not suppressed) and the diagnostics as
// "line code".
func run(t *testing.T, files map[string]string, fs []rules.Finding, resources []*graph.Resource, foreign bool) ([]string, []string) {
	t.Helper()
	opts := Options{
		ReadFile: func(name string) ([]byte, error) {
			if s, ok := files[name]; ok {
				return []byte(s), nil
			}
			return nil, fmt.Errorf("no file %s", name)
		},
		Today:      time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC),
		KnownRules: []string{"aws-s3-versioning-disabled", "aws-kms-rotation-disabled", "aws-ec2-open-ingress", "aws-s3-public-access-not-blocked"},
	}
	if foreign {
		eq, err := BuiltinEquivalents()
		if err != nil {
			t.Fatal(err)
		}
		opts.Foreign = eq
	}
	g := &graph.Graph{Resources: resources}
	for name := range files {
		g.Units = append(g.Units, &graph.Unit{Path: name, Files: []string{name}})
	}
	slices.SortFunc(g.Units, func(a, b *graph.Unit) int { return strings.Compare(a.Path, b.Path) })
	diags := Apply(fs, g, opts)
	var just []string
	for _, f := range fs {
		if f.Suppressed == nil {
			just = append(just, "")
		} else {
			just = append(just, f.Suppressed.Justification)
		}
	}
	var ds []string
	for _, d := range diags {
		ds = append(ds, fmt.Sprintf("%d %s", d.Range.Start.Line, d.Code))
	}
	return just, ds
}

func block(file string, l1, l2 int) graph.Range {
	return graph.Range{File: file, Start: graph.Pos{Line: l1, Column: 1}, End: graph.Pos{Line: l2, Column: 2}}
}

// TestForeignComments checks the other scanners' comment suppressions in
// Terraform: tfsec and Trivy by long ID, AVD ID and legacy ID, with expiry;
// Checkov anywhere in the resource block; IDs blindspot has no rule for are
// ignored; without the table (--no-foreign-suppressions) none applies.
func TestForeignComments(t *testing.T) {
	const src = `#tfsec:ignore:aws-s3-enable-versioning
resource "aws_s3_bucket" "a" {
  bucket = "a"
}

# trivy:ignore:AVD-AWS-0090 -- scratch data
resource "aws_s3_bucket" "b" {
  bucket = "b"
}

resource "aws_s3_bucket" "c" {
  #checkov:skip=CKV_AWS_21:the archive account versions it
  bucket = "c"
}

#tfsec:ignore:AWS077:exp:2020-01-01
resource "aws_s3_bucket" "d" {
  bucket = "d"
}

#tfsec:ignore:aws-s3-enable-logging tfsec:ignore:AWS019
resource "aws_kms_key" "k" {
  enable_key_rotation = false
}
`
	file := "main.tf"
	var rs []*graph.Resource
	var fs []rules.Finding
	for _, r := range []struct {
		addr, rule  string
		header, end int
	}{
		{"aws_s3_bucket.a", "aws-s3-versioning-disabled", 2, 4},
		{"aws_s3_bucket.b", "aws-s3-versioning-disabled", 7, 9},
		{"aws_s3_bucket.c", "aws-s3-versioning-disabled", 11, 14},
		{"aws_s3_bucket.d", "aws-s3-versioning-disabled", 17, 19},
		{"aws_kms_key.k", "aws-kms-rotation-disabled", 22, 24},
	} {
		res := &graph.Resource{Address: r.addr, Unit: file, NameRange: at(file, r.header), Range: block(file, r.header, r.end), Exists: graph.True}
		rs = append(rs, res)
		fs = append(fs, rules.Finding{RuleID: r.rule, Status: rules.Failed, Loc: graph.Loc{Resource: res, Range: at(file, r.header)}})
	}
	fresh := func() []rules.Finding { return append([]rules.Finding(nil), fs...) }
	just, diags := run(t, map[string]string{file: src}, fresh(), rs, true)
	want := []string{
		"suppressed by tfsec:ignore:aws-s3-enable-versioning",
		"scratch data (trivy:ignore:AVD-AWS-0090)",
		"the archive account versions it (checkov:skip=CKV_AWS_21)",
		"",
		"suppressed by tfsec:ignore:AWS019",
	}
	if strings.Join(just, "|") != strings.Join(want, "|") {
		t.Errorf("justifications:\n got %q\nwant %q", just, want)
	}
	wantDiags := []string{"1 foreign-suppression", "6 foreign-suppression", "12 foreign-suppression", "16 suppression-expired", "21 foreign-suppression"}
	if strings.Join(diags, "; ") != strings.Join(wantDiags, "; ") {
		t.Errorf("diagnostics:\n got %v\nwant %v", diags, wantDiags)
	}
	just, diags = run(t, map[string]string{file: src}, fresh(), rs, false)
	if strings.Join(just, "") != "" || len(diags) != 0 {
		t.Errorf("without foreign suppressions: %q, %v", just, diags)
	}
}

// TestForeignNote checks the note that suggests blindspot's own form.
func TestForeignNote(t *testing.T) {
	file := "main.tf"
	res := &graph.Resource{Address: "aws_kms_key.k", Unit: file, NameRange: at(file, 1), Range: block(file, 1, 3), Exists: graph.True}
	fs := []rules.Finding{{RuleID: "aws-kms-rotation-disabled", Status: rules.Failed, Loc: graph.Loc{Resource: res, Range: at(file, 2)}}}
	eq, err := BuiltinEquivalents()
	if err != nil {
		t.Fatal(err)
	}
	diags := Apply(fs, &graph.Graph{Units: []*graph.Unit{{Path: file, Files: []string{file}}}, Resources: []*graph.Resource{res}}, Options{
		ReadFile: func(string) ([]byte, error) {
			return []byte("resource \"aws_kms_key\" \"k\" {\n  enable_key_rotation = false # trivy:ignore:aws-kms-auto-rotate-keys rotated by the HSM\n}\n"), nil
		},
		Foreign: eq,
	})
	want := "trivy:ignore:aws-kms-auto-rotate-keys suppresses aws-kms-rotation-disabled; blindspot's own form is # blindspot:ignore aws-kms-rotation-disabled -- rotated by the HSM"
	if len(diags) != 1 || !strings.Contains(diags[0].Message, want) {
		t.Errorf("diagnostics = %v", diags)
	}
	if fs[0].Suppressed == nil || fs[0].Suppressed.Justification != "rotated by the HSM (trivy:ignore:aws-kms-auto-rotate-keys)" {
		t.Errorf("suppression = %+v", fs[0].Suppressed)
	}
}

// TestForeignMetadata checks Checkov's and cfn_nag's Metadata in
// CloudFormation.
func TestForeignMetadata(t *testing.T) {
	file := "t.yaml"
	item := func(pairs ...string) graph.Value {
		var fields []graph.Field
		for i := 0; i+1 < len(pairs); i += 2 {
			fields = append(fields, graph.Field{Key: pairs[i], Value: graph.String(pairs[i+1], at(file, 5))})
		}
		return graph.Object(fields, at(file, 5))
	}
	meta := func(tool, list string, items ...graph.Value) *graph.Value {
		v := graph.Object([]graph.Field{{Key: tool, Value: graph.Object([]graph.Field{{Key: list, Value: graph.List(items, at(file, 4))}}, at(file, 4))}}, at(file, 4))
		return &v
	}
	a := &graph.Resource{Address: "A", Unit: file, NameRange: at(file, 2), Exists: graph.True,
		Metadata: meta("cfn_nag", "rules_to_suppress", item("id", "W35", "reason", "logging elsewhere"), item("id", "F19", "reason", "HSM rotation"))}
	b := &graph.Resource{Address: "B", Unit: file, NameRange: at(file, 12), Exists: graph.True,
		Metadata: meta("checkov", "skip", item("id", "CKV_AWS_21", "comment", "scratch"))}
	fs := []rules.Finding{
		{RuleID: "aws-kms-rotation-disabled", Status: rules.Failed, Loc: graph.Loc{Resource: a, Range: at(file, 2)}},
		{RuleID: "aws-s3-versioning-disabled", Status: rules.Failed, Loc: graph.Loc{Resource: b, Range: at(file, 12)}},
	}
	just, diags := run(t, map[string]string{file: "Resources: {}\n"}, fs, []*graph.Resource{a, b}, true)
	if just[0] != "HSM rotation (cfn_nag rules_to_suppress F19)" || just[1] != "scratch (checkov skip CKV_AWS_21)" {
		t.Errorf("justifications = %q", just)
	}
	if len(diags) != 2 {
		t.Errorf("diagnostics = %v, want a note for each", diags)
	}
}

// TestEquivalentsTable checks the table's shape and its identifiers.
func TestEquivalentsTable(t *testing.T) {
	rows, err := rulesref.Equivalents()
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, r := range rows {
		if seen[r.Rule] {
			t.Errorf("%s has two rows", r.Rule)
		}
		seen[r.Rule] = true
		for _, id := range r.AVD {
			if !strings.HasPrefix(id, "AVD-AWS-") {
				t.Errorf("%s: %q is not an AVD ID", r.Rule, id)
			}
		}
		for _, id := range r.Checkov {
			if !strings.HasPrefix(id, "CKV_AWS_") && !strings.HasPrefix(id, "CKV2_AWS_") {
				t.Errorf("%s: %q is not a Checkov AWS check", r.Rule, id)
			}
		}
	}
	if _, err := rulesref.ParseEquivalents("rule\tavd\n"); err == nil {
		t.Error("a table with a wrong header was accepted")
	}
	if _, err := rulesref.ParseEquivalents("rule\tavd\tlong_id\ttfsec_legacy\tcheckov\tkics\tcfn_nag\naws-x-y\t\n"); err == nil {
		t.Error("a row with missing cells was accepted")
	}
}

// TestCommentPlacement checks where blindspot's own comments apply: above
// Type: inside a CloudFormation resource, at the end of an attribute line,
// and in HCL block comments; "/*" in a string or heredoc is not a comment.
func TestCommentPlacement(t *testing.T) {
	yaml := `Resources:
  Replica:
    # blindspot:ignore aws-s3-versioning-disabled -- replicated to the archive account
    Type: AWS::S3::Bucket
  Key:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: false # blindspot:ignore aws-kms-rotation-disabled -- rotated by the HSM
`
	hcl := `/* blindspot:ignore aws-s3-versioning-disabled -- one-line block */
resource "aws_s3_bucket" "a" {
  bucket = "a"
}

/*
  blindspot:ignore aws-s3-versioning-disabled -- several lines
*/
resource "aws_s3_bucket" "b" {
  policy = <<POLICY
{"Resource": "arn:aws:s3:::b/*"}
POLICY
}

resource "aws_s3_bucket" "c" {
  bucket = "arn:aws:s3:::c/*"
}
# blindspot:ignore aws-s3-versioning-disable -- misspelt
resource "aws_s3_bucket" "d" {
}
`
	res := func(file, addr string, header, end int) *graph.Resource {
		return &graph.Resource{Address: addr, Unit: file, NameRange: at(file, header), Range: block(file, header, end), Exists: graph.True}
	}
	replica, key := res("t.yaml", "Replica", 2, 4), res("t.yaml", "Key", 5, 8)
	a, b, c, d := res("main.tf", "aws_s3_bucket.a", 2, 4), res("main.tf", "aws_s3_bucket.b", 9, 13), res("main.tf", "aws_s3_bucket.c", 15, 17), res("main.tf", "aws_s3_bucket.d", 19, 20)
	find := func(r *graph.Resource, rule string, line int) rules.Finding {
		return rules.Finding{RuleID: rule, Status: rules.Failed, Loc: graph.Loc{Resource: r, Range: at(r.Unit, line)}}
	}
	fs := []rules.Finding{
		find(replica, "aws-s3-versioning-disabled", 2),
		find(key, "aws-kms-rotation-disabled", 8),
		find(a, "aws-s3-versioning-disabled", 2),
		find(b, "aws-s3-versioning-disabled", 9),
		find(c, "aws-s3-versioning-disabled", 15),
		find(d, "aws-s3-versioning-disabled", 19),
	}
	just, diags := run(t, map[string]string{"t.yaml": yaml, "main.tf": hcl}, fs, []*graph.Resource{replica, key, a, b, c, d}, false)
	want := []string{"replicated to the archive account", "rotated by the HSM", "one-line block", "several lines", "", ""}
	if strings.Join(just, "|") != strings.Join(want, "|") {
		t.Errorf("justifications:\n got %q\nwant %q", just, want)
	}
	if strings.Join(diags, "; ") != "18 unknown-rule" {
		t.Errorf("diagnostics = %v, want the misspelt rule only", diags)
	}
}

func TestUnknownRuleSuggestion(t *testing.T) {
	file := "main.tf"
	src := "# blindspot:ignore aws-kms-rotation-disable -- typo\nresource \"aws_kms_key\" \"k\" {\n}\n"
	res := &graph.Resource{Address: "aws_kms_key.k", Unit: file, NameRange: at(file, 2), Exists: graph.True}
	diags := Apply([]rules.Finding{{RuleID: "aws-kms-rotation-disabled", Status: rules.Failed, Loc: graph.Loc{Resource: res, Range: at(file, 2)}}},
		&graph.Graph{Units: []*graph.Unit{{Path: file, Files: []string{file}}}, Resources: []*graph.Resource{res}},
		Options{ReadFile: func(string) ([]byte, error) { return []byte(src), nil }, KnownRules: []string{"aws-kms-rotation-disabled"}})
	if len(diags) != 1 || !strings.Contains(diags[0].Message, "aws-kms-rotation-disable, which is not a blindspot rule (did you mean aws-kms-rotation-disabled?)") {
		t.Errorf("diagnostics = %v", diags)
	}
}

// TestForeignUserDataSecrets: Trivy's and tfsec's checks for secrets in
// user data (instances, launch templates, launch configurations) suppress
// aws-secrets-in-code, which covers all three.
func TestForeignUserDataSecrets(t *testing.T) {
	eq, err := BuiltinEquivalents()
	if err != nil {
		t.Fatal(err)
	}
	file := "main.tf"
	for _, id := range []string{"aws-ec2-no-secrets-in-user-data", "AVD-AWS-0029", "aws-ec2-no-secrets-in-launch-template-user-data",
		"AVD-AWS-0129", "aws-ec2-no-sensitive-info", "aws-autoscaling-no-sensitive-info", "AVD-AWS-0122"} {
		t.Run(id, func(t *testing.T) {
			res := &graph.Resource{Address: "aws_launch_configuration.c", Unit: file, NameRange: at(file, 1), Range: block(file, 1, 3), Exists: graph.True}
			fs := []rules.Finding{{RuleID: "aws-secrets-in-code", Status: rules.Failed, Loc: graph.Loc{Resource: res, Range: at(file, 2)}}}
			src := "resource \"aws_launch_configuration\" \"c\" {\n  user_data = file(\"boot.sh\") # trivy:ignore:" + id + " test keys\n}\n"
			Apply(fs, &graph.Graph{Units: []*graph.Unit{{Path: file, Files: []string{file}}}, Resources: []*graph.Resource{res}}, Options{
				ReadFile: func(string) ([]byte, error) { return []byte(src), nil },
				Foreign:  eq,
			})
			if fs[0].Suppressed == nil {
				t.Errorf("trivy:ignore:%s does not suppress aws-secrets-in-code", id)
			}
		})
	}
}
