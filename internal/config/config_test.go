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
