package policy

import (
	"strings"
	"testing"

	"github.com/blindspot-iac/blindspot/rules"
)

const goodFile = `# Two policies in one file.
policies:
  - id: acme-s3-owner-tag
    title: S3 buckets carry an owner tag
    severity: medium
    description: Every bucket names the team that owns it.
    remediation:
      text: Add an owner tag.
      terraform: 'tags = { owner = "team" }'
      cloudformation: "Tags: [{Key: owner, Value: team}]"
    references: [https://example.com/tagging]
    compliance:
      - framework: ACME baseline
        id: TAG-1
    match: [aws_s3_bucket, AWS::S3::Bucket]
    condition: '!("owner" in resource.tags)'
  - id: acme-bucket-versioning
    title: Buckets are versioned
    severity: high
    description: Versioning keeps old objects.
    remediation: Enable versioning.
    match: s3.buckets
    condition: |
      bucket.versioning != "Enabled"
`

func TestParseAndCompile(t *testing.T) {
	ps, err := Parse("acme.yaml", []byte(goodFile))
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 2 {
		t.Fatalf("got %d policies, want 2", len(ps))
	}
	p := ps[0]
	if p.ID != "acme-s3-owner-tag" || p.Severity != rules.Medium || p.Remediation.Terraform == "" || len(p.Compliance) != 1 ||
		len(p.Match) != 2 || p.Range.Start.Line != 3 {
		t.Errorf("first policy read as %+v", p)
	}
	if ps[1].Remediation.Text != "Enable versioning." || ps[1].Match[0] != "s3.buckets" {
		t.Errorf("second policy read as %+v", ps[1])
	}
	env, err := NewEnv(Options{})
	if err != nil {
		t.Fatal(err)
	}
	set, err := Compile(env, ps, func(id string) bool { return id == "aws-s3-versioning-disabled" })
	if err != nil {
		t.Fatal(err)
	}
	run := set.NewRun(RunOptions{})
	if got := len(run.Rules()); got != 2 || !run.Rules()[0].Custom() || run.Rules()[0].ID != "acme-bucket-versioning" {
		t.Errorf("rules: %d, first %s", got, run.Rules()[0].ID)
	}
}

// Problems are reported with the file, line and column they are about.
func TestDiagnostics(t *testing.T) {
	tests := []struct {
		name, file string
		want       []string
	}{
		{"not yaml", "id: [", []string{"p.yaml:1:1: not valid YAML"}},
		{"unknown key", `
id: acme-x
title: t
severity: low
description: d
match: [aws_s3_bucket]
condition: "true"
colour: red
`, []string{`p.yaml:8:1: unknown key "colour"`}},
		{"missing keys", "id: acme-x\n", []string{"p.yaml:1:1: the policy acme-x has no title", "has no severity", "has no description", "has no match", "has no condition"}},
		{"bad id", "id: MyPolicy\ntitle: t\nseverity: low\ndescription: d\nmatch: [aws_s3_bucket]\ncondition: 'true'\n",
			[]string{`p.yaml:1:5: policy ID "MyPolicy" must be kebab case`}},
		{"reserved id", "id: aws-s3-mine\ntitle: t\nseverity: low\ndescription: d\nmatch: [aws_s3_bucket]\ncondition: 'true'\n",
			[]string{"p.yaml:1:5: policy ID \"aws-s3-mine\": the aws- prefix is reserved"}},
		{"bad severity", "id: acme-x\ntitle: t\nseverity: severe\ndescription: d\nmatch: [aws_s3_bucket]\ncondition: 'true'\n",
			[]string{`p.yaml:3:11: unknown severity "severe"`}},
		{"bad match", "id: acme-x\ntitle: t\nseverity: low\ndescription: d\nmatch: [s3 bucket]\ncondition: 'true'\n",
			[]string{`p.yaml:5:9: match: "s3 bucket" is neither`}},
		{"unknown collection", "id: acme-x\ntitle: t\nseverity: low\ndescription: d\nmatch: [s3.bukkets]\ncondition: 'true'\n",
			[]string{`p.yaml:5:9: match: no typed collection "s3.bukkets" (s3 has `, `s3.bucket_policies, s3.buckets`}},
		{"collection and types", "id: acme-x\ntitle: t\nseverity: low\ndescription: d\nmatch: [s3.buckets, aws_s3_bucket]\ncondition: 'true'\n",
			[]string{`p.yaml:5:9: match: a policy matching the typed collection s3.buckets matches nothing else`}},
		{"unknown field, plain scalar", "id: acme-x\ntitle: t\nseverity: low\ndescription: d\nmatch: [aws_s3_bucket]\ncondition: resource.tagz.owner == 'x'\n",
			[]string{`p.yaml:6:20: policy acme-x: condition: undefined field 'tagz'`}},
		{"unknown field, quoted", "id: acme-x\ntitle: t\nseverity: low\ndescription: d\nmatch: [s3.buckets]\ncondition: \"bucket.versoning == 'x'\"\n",
			[]string{`p.yaml:6:19: policy acme-x: condition: undefined field 'versoning'`}},
		{"type error, block scalar", "id: acme-x\ntitle: t\nseverity: low\ndescription: d\nmatch: [aws_s3_bucket]\ncondition: |\n  resource.type == \"x\" &&\n    resource.address + 1 == 2\n",
			[]string{`p.yaml:8:22: policy acme-x: condition: found no matching overload for '_+_'`}},
		{"undeclared variable", "id: acme-x\ntitle: t\nseverity: low\ndescription: d\nmatch: [aws_s3_bucket]\ncondition: >\n  bucket.versioning ==\n  'Enabled'\n",
			[]string{`p.yaml:7:3: policy acme-x: condition: undeclared reference to 'bucket'`}},
		{"not a bool", "id: acme-x\ntitle: t\nseverity: low\ndescription: d\nmatch: [aws_s3_bucket]\ncondition: resource.type\n",
			[]string{`p.yaml:6:12: policy acme-x: condition: it must be true when a resource fails, but it gives string, not a bool`}},
		{"built-in id", "id: aws-taken-id\ntitle: t\nseverity: low\ndescription: d\nmatch: [aws_s3_bucket]\ncondition: 'true'\n",
			[]string{"reserved"}},
		{"duplicate", "policies:\n- id: acme-x\n  title: t\n  severity: low\n  description: d\n  match: [aws_s3_bucket]\n  condition: 'true'\n- id: acme-x\n  title: t\n  severity: low\n  description: d\n  match: [aws_s3_bucket]\n  condition: 'true'\n",
			[]string{"p.yaml:8:7: policy acme-x is also defined at p.yaml:2:7"}},
		{"collides with built-in", "id: acme-taken\ntitle: t\nseverity: low\ndescription: d\nmatch: [aws_s3_bucket]\ncondition: 'true'\n",
			[]string{"p.yaml:1:5: policy ID acme-taken is the ID of a built-in rule"}},
	}
	env, err := NewEnv(Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps, err := Parse("p.yaml", []byte(tt.file))
			if err == nil {
				_, err = Compile(env, ps, func(id string) bool { return id == "acme-taken" })
			}
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error\n%v\ndoes not contain %q", err, w)
				}
			}
		})
	}
}
