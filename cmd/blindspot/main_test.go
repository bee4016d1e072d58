package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"math"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/blindspot-iac/blindspot/sarif/sariftest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// inRepoRoot runs the test from the repository root, as users and CI run
// blindspot, so that report paths are repository-relative.
func inRepoRoot(t *testing.T) {
	t.Helper()
	t.Chdir(filepath.Join("..", ".."))
}

func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

var coreRules = []string{
	"aws-ec2-open-ingress",
	"aws-kms-rotation-disabled",
	"aws-org-management-account-workload",
	"aws-s3-versioning-disabled",
}

// TestScanExamples is the walking skeleton's acceptance test: every core
// rule fires on the examples in both formats, the scan exits 1, and each
// report format matches its golden file.
func TestScanExamples(t *testing.T) {
	inRepoRoot(t)
	for _, format := range []string{"text", "json", "sarif"} {
		t.Run(format, func(t *testing.T) {
			// --base keeps paths repository-relative in a copy of the
			// sources that is not a git work tree too.
			code, out, stderr := runCLI(t, "scan", "--base", ".", "--format", format, "examples/terraform", "examples/cloudformation")
			if code != exitFindings {
				t.Fatalf("exit code %d, want %d; stderr:\n%s", code, exitFindings, stderr)
			}
			golden := filepath.Join("cmd", "blindspot", "testdata", "examples."+format)
			// SARIF records the checkout's absolute path as %SRCROOT%;
			// the golden file holds a placeholder.
			if wd, err := os.Getwd(); err == nil {
				out = strings.ReplaceAll(out, "file://"+filepath.ToSlash(wd)+"/", "file:///checkout/")
			}
			// The tool's version depends on how the test binary was
			// built (VCS stamping); TestVersionFrom tests it.
			if v := readVersion().Version; format == "sarif" {
				out = strings.Replace(out, `"semanticVersion": "`+strings.TrimPrefix(v, "v")+`",`+"\n", "", 1)
				out = strings.Replace(out, `"version": "`+v+`"`, `"version": "(blindspot version)"`, 1)
			}
			if *update {
				if err := os.WriteFile(golden, []byte(out), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./cmd/blindspot -update)", err)
			}
			if out != string(want) {
				t.Errorf("%s report differs from %s (run go test ./cmd/blindspot -update and review the diff)\n%s", format, golden, out)
			}
			if format == "sarif" {
				sariftest.Validate(t, []byte(out))
			}
		})
	}
}

func TestEveryCoreRuleFiresInBothFormats(t *testing.T) {
	inRepoRoot(t)
	_, out, stderr := runCLI(t, "scan", "--format", "json", "examples/terraform", "examples/cloudformation")
	var report struct {
		Findings []struct {
			RuleID string `json:"ruleId"`
			File   string `json:"file"`
		} `json:"findings"`
	}
	if err := json.Unmarshal([]byte(out), &report); err != nil {
		t.Fatalf("JSON report: %v\n%s\n%s", err, out, stderr)
	}
	fired := map[string]bool{}
	for _, f := range report.Findings {
		format := "cloudformation"
		if strings.HasSuffix(f.File, ".tf") {
			format = "terraform"
		}
		fired[f.RuleID+" "+format] = true
	}
	for _, id := range coreRules {
		for _, format := range []string{"terraform", "cloudformation"} {
			if !fired[id+" "+format] {
				t.Errorf("%s did not fire on the %s examples", id, format)
			}
		}
	}
}

func TestExitCodes(t *testing.T) {
	inRepoRoot(t)
	clean := t.TempDir()
	if err := os.WriteFile(filepath.Join(clean, "main.tf"), []byte("resource \"aws_kms_key\" \"k\" {\n  enable_key_rotation = true\n}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	broken := t.TempDir()
	if err := os.WriteFile(filepath.Join(broken, "main.tf"), []byte("resource \"aws_kms_key\" {\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	remote := t.TempDir()
	if err := os.WriteFile(filepath.Join(remote, "main.tf"), []byte("module \"org\" {\n  source = \"acme/org/aws\"\n}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	empty := t.TempDir()
	for name, content := range map[string]string{"package.json": `{"name": "x"}`, "appspec.yaml": "version: 0.0\nResources:\n  - S:\n      Type: AWS::ECS::Service\n"} {
		if err := os.WriteFile(filepath.Join(empty, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name string
		args []string
		want int
	}{
		{"clean", []string{"scan", clean}, exitClean},
		{"findings", []string{"scan", "examples/cloudformation"}, exitFindings},
		{"findings below fail-on", []string{"scan", "--fail-on", "critical", "examples/cloudformation/storage.yaml"}, exitClean},
		{"fail-on none", []string{"scan", "--fail-on", "none", "examples/"}, exitClean},
		// A file found in the tree that does not parse is an error
		// diagnostic; it fails the scan only when asked to.
		{"unparseable file", []string{"scan", broken}, exitClean},
		{"unparseable file with fail-on-incomplete", []string{"scan", "--fail-on-incomplete", broken}, exitError},
		{"module not downloaded", []string{"scan", remote}, exitClean},
		{"module not downloaded with fail-on-incomplete", []string{"scan", "--fail-on-incomplete", remote}, exitError},
		{"complete with fail-on-incomplete", []string{"scan", "--fail-on-incomplete", clean}, exitClean},
		{"nothing to scan in a directory given", []string{"scan", empty}, exitError},
		{"nothing to scan in a tree given", []string{"scan", empty + "/..."}, exitError},
		{"nothing to scan in files given", []string{"scan", filepath.Join(empty, "package.json")}, exitClean},
		{"missing var file", []string{"scan", "--var-file", filepath.Join(clean, "absent.tfvars"), clean}, exitError},
		{"missing parameter file", []string{"scan", "--parameter-file", filepath.Join(clean, "absent.json"), clean}, exitError},
		{"fail-on none in config", []string{"scan", "--config", "cmd/blindspot/testdata/fail-on-none.yaml", "examples/"}, exitClean},
		{"bad format", []string{"scan", "--format", "xml", clean}, exitError},
		{"bad fail-on", []string{"scan", "--fail-on", "urgent", clean}, exitError},
		{"unknown flag", []string{"scan", "--nope", clean}, exitError},
		{"missing path", []string{"scan", filepath.Join(clean, "absent")}, exitError},
		{"missing path next to a good one", []string{"scan", clean, filepath.Join(clean, "absent.tf")}, exitError},
		{"version", []string{"version"}, exitClean},
		{"rules", []string{"rules"}, exitClean},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if code, _, stderr := runCLI(t, tt.args...); code != tt.want {
				t.Errorf("%v: exit %d, want %d; stderr:\n%s", tt.args, code, tt.want, stderr)
			}
		})
	}
}

func TestReportOnStdoutDiagnosticsOnStderr(t *testing.T) {
	inRepoRoot(t)
	broken := t.TempDir()
	if err := os.WriteFile(filepath.Join(broken, "bad.yaml"), []byte("AWSTemplateFormatVersion: '2010-09-09'\nResources: [\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, stderr := runCLI(t, "scan", "--format", "sarif", broken)
	if code != exitClean {
		t.Errorf("exit %d, want %d", code, exitClean)
	}
	if !strings.Contains(stderr, "bad.yaml:") {
		t.Errorf("stderr does not name the file: %q", stderr)
	}
	sariftest.Validate(t, []byte(out))
	if !strings.Contains(out, "toolExecutionNotifications") {
		t.Errorf("SARIF does not carry the parse problem as a notification")
	}
}

func TestOutputFile(t *testing.T) {
	inRepoRoot(t)
	path := filepath.Join(t.TempDir(), "report.sarif")
	code, out, _ := runCLI(t, "scan", "--format", "sarif", "--output", path, "examples/cloudformation")
	if code != exitFindings || out != "" {
		t.Errorf("exit %d, stdout %q; want 1 and nothing on stdout", code, out)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sariftest.Validate(t, data)
}

// TestOrganizationExample checks issue 5's acceptance: every organisation
// rule fires on the variants without guardrails, in both formats, and none
// fires on the variants with them.
func TestOrganizationExample(t *testing.T) {
	inRepoRoot(t)
	code, out, stderr := runCLI(t, "scan", "--format", "json", "examples/organization")
	if code != exitFindings {
		t.Fatalf("exit code %d; stderr:\n%s", code, stderr)
	}
	var report struct {
		Findings []struct {
			RuleID string `json:"ruleId"`
			File   string `json:"file"`
		} `json:"findings"`
	}
	if err := json.Unmarshal([]byte(out), &report); err != nil {
		t.Fatal(err)
	}
	fired := map[string]map[string]bool{}
	for _, f := range report.Findings {
		if !strings.HasPrefix(f.RuleID, "aws-org-") {
			continue
		}
		if strings.Contains(f.File, "with-guardrails") && !strings.Contains(f.File, "without-guardrails") {
			t.Errorf("%s fires on %s, which has the guardrails", f.RuleID, f.File)
		}
		variant := "terraform"
		if strings.Contains(f.File, "cloudformation") {
			variant = "cloudformation"
		}
		if fired[variant] == nil {
			fired[variant] = map[string]bool{}
		}
		fired[variant][f.RuleID] = true
	}
	orgRules := []string{
		"aws-org-management-account-workload", "aws-org-scp-invalid", "aws-org-scp-unattached",
		"aws-org-leave-organization-allowed", "aws-org-security-services-unprotected", "aws-org-root-user-unrestricted",
		"aws-org-region-unrestricted", "aws-org-admin-roles-unprotected", "aws-org-ai-opt-out-missing",
		"aws-org-trail-not-organization-wide", "aws-org-security-admin-not-delegated",
	}
	for _, variant := range []string{"terraform", "cloudformation"} {
		for _, id := range orgRules {
			if !fired[variant][id] {
				t.Errorf("%s does not fire on the %s organisation without guardrails", id, variant)
			}
		}
	}
}

// TestNothingToScan: a scan that finds no Terraform or CloudFormation says
// so on stderr and in the summary; it fails only when a directory was named.
func TestNothingToScan(t *testing.T) {
	empty := t.TempDir()
	if err := os.WriteFile(filepath.Join(empty, "values.yaml"), []byte("replicas: 2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	want := "no Terraform or CloudFormation found under "
	code, out, stderr := runCLI(t, "scan", empty)
	if code != exitError || !strings.Contains(stderr, want+empty) || !strings.Contains(out, want+empty+"\n") {
		t.Errorf("exit %d\nstdout:\n%s\nstderr:\n%s", code, out, stderr)
	}
	t.Chdir(empty)
	code, out, stderr = runCLI(t, "scan")
	if code != exitClean || !strings.Contains(stderr, want+".") || !strings.Contains(out, want+".\n") {
		t.Errorf("default path: exit %d\nstdout:\n%s\nstderr:\n%s", code, out, stderr)
	}
}

// TestDownloadModulesFlag: --download-modules reads the Terraform CLI
// configuration (a bad one is a usage error) and puts the cache under
// XDG_CACHE_HOME; a source it may not fetch is said once, as not downloaded.
func TestDownloadModulesFlag(t *testing.T) {
	cache := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", cache)
	t.Setenv("HOME", t.TempDir())
	badConfig := filepath.Join(t.TempDir(), "bad.tfrc")
	if err := os.WriteFile(badConfig, []byte("credentials \"example.com\" {\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("TF_CLI_CONFIG_FILE", badConfig)
	root := t.TempDir()
	if err := os.WriteFile(filepath.Join(root, "main.tf"), []byte("module \"local_git\" {\n  source = \"git::file:///nowhere/repo.git\"\n}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runCLI(t, "scan", "--download-modules", root); code != exitError || !strings.Contains(stderr, "bad.tfrc") {
		t.Errorf("unreadable CLI configuration: exit %d, stderr:\n%s", code, stderr)
	}
	t.Setenv("TF_CLI_CONFIG_FILE", "")
	code, out, stderr := runCLI(t, "scan", "--download-modules", root)
	if code != exitClean || !strings.Contains(stderr, "module git::file:///nowhere/repo.git could not be downloaded") ||
		!strings.Contains(out, "1 module call (1 source) not downloaded") {
		t.Errorf("exit %d\nstdout:\n%s\nstderr:\n%s", code, out, stderr)
	}
	if _, err := os.Stat(filepath.Join(cache, "blindspot", "modules")); err != nil {
		t.Errorf("module cache not under XDG_CACHE_HOME: %v", err)
	}
}

// TestVarOrder: --var and --var-file apply in the order given, the later
// winning, after TF_VAR_ environment variables, as Terraform does.
func TestVarOrder(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"main.tf": `variable "cidrs" {
  type = list(string)
}
resource "aws_security_group" "web" {
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = var.cidrs
  }
}
`,
		"open.tfvars": "cidrs = [\"0.0.0.0/0\"]\n",
	}
	for name, src := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	varFile := filepath.Join(dir, "open.tfvars")
	tests := []struct {
		name string
		env  string
		args []string
		want bool // an open admin port is reported
	}{
		{"file then var: the var wins", "", []string{"--var-file", varFile, "--var", `cidrs=["10.0.0.0/8"]`}, false},
		{"var then file: the file wins", "", []string{"--var", `cidrs=["10.0.0.0/8"]`, "--var-file", varFile}, true},
		{"environment", `["0.0.0.0/0"]`, nil, true},
		{"command line over the environment", `["0.0.0.0/0"]`, []string{"--var", `cidrs=["10.0.0.0/8"]`}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("TF_VAR_cidrs", tt.env)
			if tt.env == "" {
				os.Unsetenv("TF_VAR_cidrs")
			}
			args := append([]string{"scan", "--format", "json", "--fail-on", "none"}, tt.args...)
			_, out, stderr := runCLI(t, append(args, dir)...)
			var report struct {
				Findings []struct {
					RuleID string `json:"ruleId"`
				} `json:"findings"`
			}
			if err := json.Unmarshal([]byte(out), &report); err != nil {
				t.Fatalf("%v; stderr %s", err, stderr)
			}
			got := false
			for _, f := range report.Findings {
				got = got || f.RuleID == "aws-ec2-open-ingress"
			}
			if got != tt.want {
				t.Errorf("open ingress reported = %v, want %v (findings %v)", got, tt.want, report.Findings)
			}
		})
	}
}

func TestGCDefault(t *testing.T) {
	before := debug.SetGCPercent(100)
	defer debug.SetGCPercent(before)
	beforeLimit := debug.SetMemoryLimit(math.MaxInt64)
	defer debug.SetMemoryLimit(beforeLimit)
	tests := []struct {
		env       map[string]string
		want      int
		wantLimit int64
	}{
		{nil, defaultGCPercent, defaultMemoryLimit},
		{map[string]string{"GOGC": "50"}, 100, math.MaxInt64},
		{map[string]string{"GOMEMLIMIT": "1GiB"}, 100, math.MaxInt64},
	}
	for _, tt := range tests {
		debug.SetGCPercent(100)
		debug.SetMemoryLimit(math.MaxInt64)
		setGCDefault(func(k string) string { return tt.env[k] })
		if got := debug.SetGCPercent(100); got != tt.want {
			t.Errorf("environment %v: GC percent %d, want %d", tt.env, got, tt.want)
		}
		if got := debug.SetMemoryLimit(math.MaxInt64); got != tt.wantLimit {
			t.Errorf("environment %v: memory limit %d, want %d", tt.env, got, tt.wantLimit)
		}
	}
}
