package scan

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/blindspot-iac/blindspot/internal/config"
	"github.com/blindspot-iac/blindspot/internal/suppress"
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
