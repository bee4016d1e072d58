package config

import (
	"strings"
	"testing"

	"github.com/blindspot-iac/blindspot/rules"
)

const full = `# Everything .blindspot.yaml can hold.
exclude:
  - examples/**
  - "**/test/**"
rules:
  disable: [aws-s3-versioning-disabled]
severity:
  aws-kms-rotation-disabled: high
fail_on: medium
management_account_ids: ["111111111111"]
accounts:
  - id: "111111111111"
    role: management
    paths: ["org/**"]
  - id: "222222222222"
    role: workload
    paths: ["apps/**", "stacks/app.yaml"]
terraform:
  var_files: [env/prod.tfvars]
  vars:
    environment: prod
cloudformation:
  parameter_files: [params/prod.json]
  parameters:
    Env: prod
`

func TestParseFull(t *testing.T) {
	c, err := Parse("repo/.blindspot.yaml", []byte(full))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(c.Exclude, ","); got != "examples/**,**/test/**" {
		t.Errorf("Exclude = %s", got)
	}
	if len(c.Disable) != 1 || c.Severity["aws-kms-rotation-disabled"] != rules.High || c.FailOn != rules.Medium {
		t.Errorf("rules = %v %v %v", c.Disable, c.Severity, c.FailOn)
	}
	if len(c.Accounts) != 2 || c.Accounts[1].Paths[1] != "stacks/app.yaml" || c.Accounts[0].Range.Start.Line != 12 {
		t.Errorf("Accounts = %+v", c.Accounts)
	}
	if c.VarFiles[0] != "repo/env/prod.tfvars" || c.Vars[0] != "environment=prod" {
		t.Errorf("terraform = %v %v", c.VarFiles, c.Vars)
	}
	if c.ParameterFiles[0] != "repo/params/prod.json" || c.Parameters[0] != "Env=prod" {
		t.Errorf("cloudformation = %v %v", c.ParameterFiles, c.Parameters)
	}
	for _, tt := range []struct {
		unit       string
		id         string
		management bool
		ok         bool
	}{
		{"repo/org/root", "111111111111", true, true},
		{"repo/apps/web", "222222222222", false, true},
		{"repo/stacks/app.yaml", "222222222222", false, true},
		{"repo/stacks/other.yaml", "", false, false},
	} {
		ua, ok := c.UnitAccount(tt.unit)
		if ok != tt.ok || ua.ID != tt.id || ua.Management != tt.management {
			t.Errorf("UnitAccount(%s) = %+v, %v", tt.unit, ua, ok)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, data, want string
	}{
		{"unknown key", "exlude: [x]\n", `c.yaml:1:1: unknown key "exlude" in the configuration (did you mean "exclude"?)`},
		{"nested unknown key", "rules:\n  disabled: [aws-x-y]\n", `c.yaml:2:3: unknown key "disabled" in rules (did you mean "disable"?)`},
		{"wrong type", "exclude: {a: b}\n", `c.yaml:1:10: exclude must be a list of strings`},
		{"bad severity", "severity:\n  aws-s3-versioning-disabled: urgent\n", `c.yaml:2:31: unknown severity "urgent"`},
		{"bad account", "management_account_ids: [12345]\n", `c.yaml:1:26: management_account_ids: "12345" is not a 12-digit AWS account ID`},
		{"account without paths", "accounts:\n  - id: \"111111111111\"\n", `c.yaml:2:5: an accounts entry needs paths`},
		{"not yaml", "exclude: [\n", `c.yaml:`},
		{"duplicate", "fail_on: low\nfail_on: high\n", `c.yaml:2:1`},
		{"bad exclude glob", "exclude: [\"a/[b\"]\n", `c.yaml:1:10: exclude: "a/[b" is not a valid glob`},
		{"bad rule glob", "rules:\n  enable: [\"aws-[s3\"]\n", `c.yaml:2:11: rules.enable: "aws-[s3" is not a valid glob`},
		{"empty tag", "rules:\n  disable: [\"tag:\"]\n", `names no tag`},
		{"unknown framework", "rules:\n  compliance: cis\n", `c.yaml:2:15: rules.compliance: unknown compliance framework "cis" (did you mean "cis-aws"?`},
		{"bad report severity", "report:\n  severity: [high, urgent]\n", `c.yaml:2:13: report.severity: unknown severity "urgent"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("c.yaml", []byte(tt.data))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

// TestRuleSelectionKeys reads the keys that select rules and filter the
// report, and checks them against the built-in registry as a scan does.
func TestRuleSelectionKeys(t *testing.T) {
	c, err := Parse("c.yaml", []byte("rules:\n  enable: [aws-s3-*, tag:encryption]\n  disable: [aws-s3-versioning-disabled]\n  compliance: CIS-AWS\nreport:\n  severity: [high, \"critical,medium\"]\n"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(c.Enable, " ") != "aws-s3-* tag:encryption" || c.Compliance != "CIS-AWS" {
		t.Errorf("enable %v, compliance %q", c.Enable, c.Compliance)
	}
	if len(c.ShowSeverities) != 3 || c.ShowSeverities[0] != rules.High || c.ShowSeverities[1] != rules.Critical {
		t.Errorf("report.severity = %v", c.ShowSeverities)
	}
	reg, err := rules.NewRegistry(&rules.Rule{ID: "aws-s3-versioning-disabled", Title: "t", Severity: rules.Low, Description: "d",
		Remediation: rules.Remediation{Text: "x", Terraform: "x", CloudFormation: "x"}, References: []string{"r"}, Precision: "high",
		Tags: []string{"s3"}, Check: func(*rules.Pass) {}})
	if err != nil {
		t.Fatal(err)
	}
	err = c.Validate(reg)
	if err == nil || !strings.Contains(err.Error(), `no rule has the tag "encryption"`) {
		t.Errorf("Validate = %v, want the unknown tag reported", err)
	}
	c.Enable = []string{"aws-s3-versoning-disabled", "aws-kms-*"}
	err = c.Validate(reg)
	for _, want := range []string{`unknown rule "aws-s3-versoning-disabled" (did you mean "aws-s3-versioning-disabled"?)`, `"aws-kms-*" matches no rule`} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Validate = %v, want %q", err, want)
		}
	}
}

func TestLoadMissingDefaultIsEmpty(t *testing.T) {
	t.Chdir(t.TempDir())
	c, err := Load("")
	if err != nil || c == nil || len(c.Exclude) != 0 {
		t.Errorf("Load(\"\") = %+v, %v", c, err)
	}
	if _, err := Load("absent.yaml"); err == nil {
		t.Error("Load of an explicit missing file succeeded")
	}
}
