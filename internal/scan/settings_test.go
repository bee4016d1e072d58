package scan

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/internal/config"
	"github.com/blindspot-iac/blindspot/internal/suppress"
	"github.com/blindspot-iac/blindspot/parser"
	"github.com/blindspot-iac/blindspot/rules"
	"github.com/blindspot-iac/blindspot/rules/builtin"
)

// TestPipelineAppliesConfiguration runs the whole pipeline as the command
// line does: the configuration selects rules, overrides severities and
// sets the threshold, inline suppressions mark findings, and a baseline
// drops the findings it records.
func TestPipelineAppliesConfiguration(t *testing.T) {
	root := writeTree(t, map[string][]byte{
		"main.tf": []byte(`resource "aws_s3_bucket" "logs" {
  bucket = "acme-logs"
}

# blindspot:ignore aws-s3-versioning-disabled -- replicated elsewhere
resource "aws_s3_bucket" "replica" {
  bucket = "acme-replica"
}

resource "aws_kms_key" "k" {
}
`),
	})
	run := func(t *testing.T, cfgText string, opts Options) *Result {
		t.Helper()
		if cfgText != "" {
			cfg, err := config.Parse(filepath.Join(root, ".blindspot.yaml"), []byte(cfgText))
			if err != nil {
				t.Fatal(err)
			}
			opts.Config = cfg
		}
		opts.Paths = []string{root}
		opts.Rules = builtin.Rules()
		opts.Today = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		res, err := Run(context.Background(), opts)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	byRule := func(res *Result) map[string][]rules.Finding {
		out := map[string][]rules.Finding{}
		for _, f := range res.Findings {
			if f.Status == rules.Failed {
				out[f.RuleID] = append(out[f.RuleID], f)
			}
		}
		return out
	}

	t.Run("enable and severity", func(t *testing.T) {
		res := run(t, "rules:\n  enable: [aws-s3-versioning-disabled, aws-kms-rotation-disabled]\nseverity:\n  aws-kms-rotation-disabled: critical\nfail_on: critical\n", Options{})
		if len(res.Rules) != 2 {
			t.Fatalf("ran %d rules, want the 2 enabled", len(res.Rules))
		}
		got := byRule(res)
		if len(got) != 2 {
			t.Fatalf("findings by rule %v, want versioning and rotation", got)
		}
		if sev := got["aws-kms-rotation-disabled"][0].Severity; sev != rules.Critical {
			t.Errorf("rotation severity %s, want the configured critical", sev)
		}
		if res.FailOn != rules.Critical || !res.Failed() {
			t.Errorf("FailOn %s, Failed %v: want critical and failed", res.FailOn, res.Failed())
		}
	})
	t.Run("command line threshold wins", func(t *testing.T) {
		res := run(t, "fail_on: low\nrules:\n  enable: [aws-s3-versioning-disabled]\n", Options{FailOn: rules.Never})
		if res.FailOn != rules.Never || res.Failed() {
			t.Errorf("FailOn %s, Failed %v: want none and not failed", res.FailOn, res.Failed())
		}
	})
	t.Run("disable", func(t *testing.T) {
		res := run(t, "rules:\n  disable: [aws-kms-rotation-disabled]\n", Options{})
		for _, r := range res.Rules {
			if r.ID == "aws-kms-rotation-disabled" {
				t.Error("a disabled rule ran")
			}
		}
	})
	t.Run("unknown rule in configuration", func(t *testing.T) {
		cfg, err := config.Parse(filepath.Join(root, ".blindspot.yaml"), []byte("rules:\n  disable: [aws-s3-no-such-rule]\n"))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Run(context.Background(), Options{Paths: []string{root}, Rules: builtin.Rules(), Config: cfg}); err == nil {
			t.Error("Run accepted a configuration naming an unknown rule")
		}
	})
	t.Run("suppression and baseline", func(t *testing.T) {
		res := run(t, "rules:\n  enable: [aws-s3-versioning-disabled]\n", Options{})
		var suppressed, open []rules.Finding
		for _, f := range byRule(res)["aws-s3-versioning-disabled"] {
			if f.Suppressed != nil {
				suppressed = append(suppressed, f)
			} else {
				open = append(open, f)
			}
		}
		if len(suppressed) != 1 || suppressed[0].Suppressed.Justification != "replicated elsewhere" || len(open) != 1 {
			t.Fatalf("suppressed %v, open %v: want the replica suppressed and the logs bucket open", suppressed, open)
		}
		b := suppress.NewBaseline(res.Findings, res.Base)
		b.Path = "baseline.json"
		res = run(t, "rules:\n  enable: [aws-s3-versioning-disabled]\n", Options{Baseline: b})
		if len(res.Baselined) != 1 || res.Failed() {
			t.Errorf("baselined %d, failed %v: want the open finding baselined and the scan passing", len(res.Baselined), res.Failed())
		}
		last := res.Diagnostics[len(res.Diagnostics)-1]
		if last.Code != "baseline" || last.Range.File != "baseline.json" {
			t.Errorf("last diagnostic %v, want the baseline's note", last)
		}
	})
}

// TestIncomplete checks that errors and diagnostics marked Incomplete make
// the scan incomplete and others do not.
func TestIncomplete(t *testing.T) {
	root := writeTree(t, map[string][]byte{
		"broken/main.tf": []byte("resource \"aws_s3_bucket\" \"b\" {\n"),
		"good/main.tf":   []byte("resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"x\"\n}\n"),
	})
	res, err := Run(context.Background(), Options{Paths: []string{filepath.Join(root, "good")}, Rules: builtin.Rules()})
	if err != nil {
		t.Fatal(err)
	}
	if inc := res.Incomplete(); len(inc) != 0 {
		t.Errorf("a clean scan is incomplete: %v", inc)
	}
	res, err = Run(context.Background(), Options{Paths: []string{root}, Rules: builtin.Rules()})
	if err != nil {
		t.Fatal(err)
	}
	if inc := res.Incomplete(); len(inc) == 0 {
		t.Error("a scan with a file that does not parse is complete")
	}
}

// TestRuleSelectionOptions checks the command line's rule filters: IDs,
// globs and tags add to the configuration's lists, a compliance framework
// keeps the rules mapped to it, and patterns that select nothing, bad
// account IDs and globs are refused before anything is read.
func TestRuleSelectionOptions(t *testing.T) {
	root := writeTree(t, map[string][]byte{"main.tf": []byte("resource \"aws_kms_key\" \"k\" {\n}\n")})
	ids := func(res *Result) map[string]bool {
		out := map[string]bool{}
		for _, r := range res.Rules {
			out[r.ID] = true
		}
		return out
	}
	run := func(opts Options) (*Result, error) {
		opts.Paths = []string{root}
		opts.Rules = builtin.Rules()
		return Run(context.Background(), opts)
	}
	t.Run("glob and skip", func(t *testing.T) {
		res, err := run(Options{Only: []string{"aws-s3-*"}, Skip: []string{"aws-s3-versioning-disabled"}})
		if err != nil {
			t.Fatal(err)
		}
		got := ids(res)
		if !got["aws-s3-encryption-not-kms"] || got["aws-s3-versioning-disabled"] || got["aws-kms-rotation-disabled"] {
			t.Errorf("ran %v", got)
		}
	})
	t.Run("tag", func(t *testing.T) {
		res, err := run(Options{Only: []string{"tag:encryption"}})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range res.Rules {
			if !slices.Contains(r.Tags, "encryption") {
				t.Errorf("%s ran without the tag", r.ID)
			}
		}
		if len(res.Rules) == 0 {
			t.Error("no rule ran")
		}
	})
	t.Run("compliance", func(t *testing.T) {
		res, err := run(Options{Compliance: "cis-aws"})
		if err != nil {
			t.Fatal(err)
		}
		if res.Compliance != rules.FrameworkCIS {
			t.Errorf("Compliance = %q", res.Compliance)
		}
		for _, r := range res.Rules {
			if len(r.Controls(rules.FrameworkCIS)) == 0 {
				t.Errorf("%s ran but maps to no CIS control", r.ID)
			}
		}
		if !ids(res)["aws-kms-rotation-disabled"] {
			t.Error("aws-kms-rotation-disabled (CIS 3.6) did not run")
		}
		if res.Passed["aws-kms-rotation-disabled"] != 0 || len(res.Findings) == 0 {
			t.Errorf("passed %v, findings %d: want the key failing", res.Passed, len(res.Findings))
		}
	})
	for _, tt := range []struct {
		name string
		opts Options
		want string
	}{
		{"misspelt rule", Options{Only: []string{"aws-kms-rotation-disable"}}, `--rule names unknown rule "aws-kms-rotation-disable" (did you mean "aws-kms-rotation-disabled"?)`},
		{"glob selecting nothing", Options{Skip: []string{"aws-nothing-*"}}, `--skip-rule: "aws-nothing-*" matches no rule`},
		{"unknown tag", Options{Only: []string{"tag:encrypton"}}, `did you mean tag:encryption?`},
		{"bad account", Options{ManagementAccountIDs: []string{"1234"}}, `"1234" is not a 12-digit AWS account ID`},
		{"bad glob", Options{Exclude: []string{"a/[b"}}, `is not a valid glob`},
		{"negative jobs", Options{Jobs: -1}, `jobs: -1`},
		{"unknown framework", Options{Compliance: "pci"}, `unknown compliance framework "pci"`},
		{"nothing left", Options{Only: []string{"aws-kms-rotation-disabled"}, Skip: []string{"tag:kms"}}, `leaves no rule to run`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := run(tt.opts)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Run = %v, want an error containing %q", err, tt.want)
			}
		})
	}
}

// TestStatistics checks what a scan says it read and how rules fared.
func TestStatistics(t *testing.T) {
	root := writeTree(t, map[string][]byte{
		"tf/main.tf":      []byte("resource \"aws_kms_key\" \"bad\" {\n}\nresource \"aws_kms_key\" \"good\" {\n  enable_key_rotation = true\n}\n"),
		"tf/extra.tf":     []byte("resource \"aws_sqs_queue\" \"q\" {\n}\n"),
		"stack.yaml":      []byte("Resources:\n  Key:\n    Type: AWS::KMS::Key\n    Properties:\n      EnableKeyRotation: true\n"),
		"ignored/x.json":  []byte("{\"name\": \"not a template\"}\n"),
		"tf/variables.tf": []byte("variable \"x\" {\n  default = 1\n}\n"),
	})
	res, err := Run(context.Background(), Options{Paths: []string{root}, Rules: builtin.Rules()})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Scanned) != 2 {
		t.Fatalf("Scanned = %+v, want the module and the template", res.Scanned)
	}
	byKind := map[parser.Kind]UnitStats{}
	for _, u := range res.Scanned {
		byKind[u.Kind] = u
	}
	if tf := byKind[parser.TerraformModule]; tf.Files != 3 || tf.Resources != 3 {
		t.Errorf("Terraform unit %+v, want 3 files and 3 resources", tf)
	}
	if cfn := byKind[parser.CloudFormationTemplate]; cfn.Files != 1 || cfn.Resources != 1 {
		t.Errorf("CloudFormation unit %+v, want 1 file and 1 resource", cfn)
	}
	if got := res.Passed["aws-kms-rotation-disabled"]; got != 2 {
		t.Errorf("aws-kms-rotation-disabled passed %d checks, want 2 (the good key in both formats)", got)
	}
	if res.Elapsed <= 0 {
		t.Error("no elapsed time")
	}
}

// TestUndeclaredInputs checks that a --var or --parameter no scanned unit
// declares is refused, as Terraform and CloudFormation refuse it, and that
// a value outside a parameter's AllowedValues is an error.
func TestUndeclaredInputs(t *testing.T) {
	root := writeTree(t, map[string][]byte{
		"tf/main.tf": []byte("variable \"environment\" {}\nresource \"aws_kms_key\" \"k\" {\n  description = var.environment\n}\n"),
		"stack.yaml": []byte("Parameters:\n  Env:\n    Type: String\n    AllowedValues: [dev, prod]\nResources:\n  Key:\n    Type: AWS::KMS::Key\n"),
	})
	run := func(opts Options) (*Result, error) {
		opts.Rules = builtin.Rules()
		if opts.Paths == nil {
			opts.Paths = []string{root}
		}
		return Run(context.Background(), opts)
	}
	if _, err := run(Options{VarInputs: []VarInput{{Var: "environment=prod"}}, Parameters: []string{"Env=prod"}}); err != nil {
		t.Errorf("declared inputs refused: %v", err)
	}
	_, err := run(Options{VarInputs: []VarInput{{Var: "enviroment=prod"}}, Parameters: []string{"Envv=prod"}})
	for _, want := range []string{
		`--var enviroment=prod: no Terraform root module scanned declares "enviroment" (did you mean "environment"?)`,
		`--parameter Envv=prod: no CloudFormation template scanned declares "Envv" (did you mean "Env"?)`,
	} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Run = %v, want %q", err, want)
		}
	}
	// Only the template is scanned: a --var for Terraform is not checked.
	if _, err := run(Options{Paths: []string{filepath.Join(root, "stack.yaml")}, VarInputs: []VarInput{{Var: "other=1"}}}); err != nil {
		t.Errorf("a --var was checked against a scan without Terraform: %v", err)
	}
	res, err := run(Options{Parameters: []string{"Env=prd"}})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, d := range res.Diagnostics {
		if d.Code == "parameter-not-allowed" && d.Severity == graph.Error && strings.Contains(d.Message, `"prd" given by --parameter is not one of its AllowedValues (dev, prod)`) {
			found = true
		}
	}
	if !found {
		t.Errorf("no parameter-not-allowed error in %v", res.Diagnostics)
	}
}

func TestTerraformEnvironment(t *testing.T) {
	vars, workspace := terraformEnvironment([]string{"HOME=/root", "TF_VAR_region=eu-west-1", "TF_VAR_=x", "TF_WORKSPACE=prod", "TF_VAR_list=[\"a\"]", "broken"})
	if len(vars) != 2 || vars["region"] != "eu-west-1" || vars["list"] != `["a"]` || workspace != "prod" {
		t.Errorf("vars %v, workspace %q", vars, workspace)
	}
}

func TestVarInputsOrder(t *testing.T) {
	cfg := &config.Config{VarFiles: []string{"cfg.tfvars"}, Vars: []string{"a=cfg"}}
	got := varInputs(cfg, []VarInput{{Var: "a=cli"}, {File: "cli.tfvars"}})
	want := []VarInput{{File: "cfg.tfvars"}, {Var: "a=cfg"}, {Var: "a=cli"}, {File: "cli.tfvars"}}
	if !slices.Equal(got, want) {
		t.Errorf("inputs = %v, want %v", got, want)
	}
}
