package scan

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
	"github.com/blindspot-iac/blindspot/rules/aws/s3"
	"github.com/blindspot-iac/blindspot/rules/builtin"
)

func writeTree(t *testing.T, files map[string][]byte) string {
	t.Helper()
	root := t.TempDir()
	for name, data := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// TestBadInputDoesNotStopTheScan feeds every kind of broken file next to a
// good one: each broken file gets a diagnostic naming it (with a line where
// there is one), and the good files are still checked.
func TestBadInputDoesNotStopTheScan(t *testing.T) {
	binary := make([]byte, 4096)
	for i := range binary {
		binary[i] = byte(i * 7)
	}
	root := writeTree(t, map[string][]byte{
		"broken-hcl/main.tf":      []byte("resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"x\"\n"),
		"empty-tf/main.tf":        {},
		"binary-tf/main.tf":       binary,
		"stacks/broken.yaml":      []byte("AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties: [unclosed\n"),
		"stacks/trailing.json":    []byte(`{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"B": {"Type": "AWS::S3::Bucket"}}} garbage`),
		"stacks/empty.yaml":       {},
		"stacks/binary.yaml":      append([]byte("AWSTemplateFormatVersion: 2010-09-09\n\x00\x01"), binary...),
		"good/main.tf":            []byte("resource \"aws_s3_bucket\" \"good\" {\n  bucket = \"acme-good\"\n}\n"),
		"stacks/good.yaml":        []byte("Resources:\n  Good:\n    Type: AWS::S3::Bucket\n"),
		"stacks/kubernetes.yaml":  []byte("apiVersion: v1\nkind: ConfigMap\n"),
		"stacks/package.json":     []byte(`{"name": "app", "version": "1.0.0"}`),
		"stacks/not-template.yml": []byte("just: yaml\n"),
	})
	res, err := Run(context.Background(), Options{Paths: []string{root}, Rules: []*rules.Rule{s3.VersioningDisabled}})
	if err != nil {
		t.Fatal(err)
	}
	errorsByFile := map[string]graph.Diagnostic{}
	for _, d := range res.Diagnostics {
		if d.Code == "internal-error" {
			t.Errorf("internal error: %v", d)
		}
		// A file that is not UTF-8 text is not scanned: a warning that
		// marks the scan incomplete; a syntax error is an error.
		if d.Severity == graph.Error || d.Code == "not-utf8" && d.Severity == graph.Warning {
			rel, _ := filepath.Rel(root, d.Range.File)
			errorsByFile[filepath.ToSlash(rel)] = d
		}
	}
	for _, f := range []string{"broken-hcl/main.tf", "binary-tf/main.tf", "stacks/broken.yaml", "stacks/trailing.json", "stacks/binary.yaml"} {
		d, ok := errorsByFile[f]
		if !ok {
			t.Errorf("no diagnostic for %s; got %v", f, res.Diagnostics)
			continue
		}
		if d.Range.Start.Line == 0 {
			t.Errorf("diagnostic for %s has no line: %v", f, d)
		}
	}
	for _, f := range []string{"stacks/kubernetes.yaml", "stacks/package.json", "stacks/not-template.yml", "good/main.tf", "stacks/good.yaml", "empty-tf/main.tf"} {
		if d, ok := errorsByFile[f]; ok {
			t.Errorf("unexpected error for %s: %v", f, d)
		}
	}
	var found []string
	for _, f := range res.Findings {
		found = append(found, f.Loc.Resource.Address)
	}
	got := strings.Join(found, ",")
	if !strings.Contains(got, "aws_s3_bucket.good") || !strings.Contains(got, "Good") {
		t.Errorf("good files were not checked: findings on %s", got)
	}
}

func TestCalledModulesAreNotScannedTwice(t *testing.T) {
	root := writeTree(t, map[string][]byte{
		"main.tf": []byte(`module "logs" {
  source = "./modules/bucket"
  name   = "acme-logs"
}
`),
		"modules/bucket/main.tf": []byte(`variable "name" {}
resource "aws_s3_bucket" "this" {
  bucket = var.name
}
`),
		"other/main.tf": []byte(`resource "aws_s3_bucket" "other" {
  bucket = "acme-other"
}
`),
	})
	res, err := Run(context.Background(), Options{Paths: []string{root}, Rules: []*rules.Rule{s3.VersioningDisabled}})
	if err != nil {
		t.Fatal(err)
	}
	var addrs []string
	for _, f := range res.Findings {
		addrs = append(addrs, f.Loc.Resource.Address)
	}
	want := "aws_s3_bucket.other,module.logs.aws_s3_bucket.this"
	sort.Strings(addrs)
	if got := strings.Join(addrs, ","); got != want {
		t.Errorf("findings on %s, want %s", got, want)
	}
}

// TestFindingInDownloadedModulePointsAtTheCall: a finding inside a module
// that terraform init downloaded points at the module call in the user's
// code, with the place in the module as a related location.
func TestFindingInDownloadedModulePointsAtTheCall(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"main.tf":                         "module \"bucket\" {\n  source  = \"terraform-aws-modules/s3-bucket/aws\"\n  version = \"4.0.0\"\n}\n",
		".terraform/modules/modules.json": `{"Modules":[{"Key":"","Source":"","Dir":"."},{"Key":"bucket","Source":"registry.terraform.io/terraform-aws-modules/s3-bucket/aws","Dir":".terraform/modules/s3"}]}`,
		".terraform/modules/s3/main.tf":   "resource \"aws_kms_key\" \"this\" {\n  enable_key_rotation = false\n}\n",
	}
	for name, content := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	res, err := Run(context.Background(), Options{Paths: []string{dir}, Rules: builtin.Rules()})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range res.Findings {
		if f.RuleID != "aws-kms-rotation-disabled" {
			continue
		}
		if filepath.Base(f.Loc.Range.File) != "main.tf" || strings.Contains(filepath.ToSlash(f.Loc.Range.File), ".terraform") || f.Loc.Range.Start.Line != 1 {
			t.Errorf("finding at %v, want the module call in main.tf:1", f.Loc.Range)
		}
		if len(f.Related) == 0 || !strings.Contains(filepath.ToSlash(f.Related[0].Loc.Range.File), ".terraform/modules/s3/main.tf") {
			t.Errorf("related = %v", f.Related)
		}
		return
	}
	t.Fatal("no finding for the key in the downloaded module")
}

// TestPlanReplacesTheConfigurationBesideIt: a plan and the module it was
// made from are one deployment, reported once, from the plan.
func TestPlanReplacesTheConfigurationBesideIt(t *testing.T) {
	dir := t.TempDir()
	plan, err := os.ReadFile(filepath.Join("..", "..", "parser", "terraform", "testdata", "planconfig", "plan.json"))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"plan.json": string(plan),
		"main.tf":   "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"planned\"\n}\n",
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	res, err := Run(context.Background(), Options{Paths: []string{dir}, Rules: builtin.Rules()})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, r := range res.Graph.Resources {
		if r.Address == "aws_s3_bucket.b" {
			n++
			if r.Format != graph.TerraformPlan {
				t.Errorf("aws_s3_bucket.b comes from %v, want the plan", r.Format)
			}
		}
	}
	if n != 1 {
		t.Errorf("aws_s3_bucket.b appears %d times, want once", n)
	}
}

// TestUnitsLinkedByNameOrAccountAreCheckedTogether: units are checked one
// at a time, yet a split resource or an account-level setting in one unit
// still configures the resources it names in another, as if the whole
// repository were one model.
func TestUnitsLinkedByNameOrAccountAreCheckedTogether(t *testing.T) {
	provider := func(account string) string {
		return "provider \"aws\" {\n  region = \"eu-west-1\"\n  allowed_account_ids = [\"" + account + "\"]\n}\n"
	}
	bucket := "resource \"aws_s3_bucket\" \"logs\" {\n  bucket = \"acme-shared-logs\"\n}\n"
	versioning := func(name string) string {
		return "resource \"aws_s3_bucket_versioning\" \"v\" {\n  bucket = \"" + name + "\"\n  versioning_configuration {\n    status = \"Enabled\"\n  }\n}\n"
	}
	accountBlock := "resource \"aws_s3_account_public_access_block\" \"all\" {\n  block_public_acls = true\n  block_public_policy = true\n" +
		"  ignore_public_acls = true\n  restrict_public_buckets = true\n}\n"
	dataEventsTrail := "resource \"aws_cloudtrail\" \"main\" {\n  name = \"main\"\n  s3_bucket_name = \"acme-trail\"\n" +
		"  event_selector {\n    data_resource {\n      type = \"AWS::S3::Object\"\n      values = [\"arn:aws:s3\"]\n    }\n  }\n}\n"
	tests := []struct {
		name  string
		files map[string]string
		rule  *rules.Rule
		want  int // findings on app/main.tf
	}{
		{"versioning enabled by name from another unit", map[string]string{
			"app/main.tf": bucket, "baseline/main.tf": versioning("acme-shared-logs"),
		}, s3.VersioningDisabled, 0},
		{"versioning of another bucket", map[string]string{
			"app/main.tf": bucket, "baseline/main.tf": versioning("acme-other-logs"),
		}, s3.VersioningDisabled, 1},
		{"account block in another unit of the same account", map[string]string{
			"app/main.tf": provider("111111111111") + bucket, "baseline/main.tf": provider("111111111111") + accountBlock,
		}, s3.PublicAccessNotBlocked, 0},
		{"account block of another account", map[string]string{
			"app/main.tf": provider("111111111111") + bucket, "baseline/main.tf": provider("222222222222") + accountBlock,
		}, s3.PublicAccessNotBlocked, 1},
		{"trail recording S3 data events in another unit of the same account", map[string]string{
			"app/main.tf": provider("111111111111") + bucket, "baseline/main.tf": provider("111111111111") + dataEventsTrail,
		}, s3.ObjectReadsNotLogged, 0},
		{"trail recording S3 data events of another account", map[string]string{
			"app/main.tf": provider("111111111111") + bucket, "baseline/main.tf": provider("222222222222") + dataEventsTrail,
		}, s3.ObjectReadsNotLogged, 1},
		{"trail recording S3 data events in another unit of unknown account", map[string]string{
			"app/main.tf": bucket, "baseline/main.tf": dataEventsTrail,
		}, s3.ObjectReadsNotLogged, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string][]byte{}
			for name, src := range tt.files {
				files[name] = []byte(src)
			}
			root := writeTree(t, files)
			res, err := Run(context.Background(), Options{Paths: []string{root}, Rules: []*rules.Rule{tt.rule}, Jobs: 2})
			if err != nil {
				t.Fatal(err)
			}
			got := 0
			for _, f := range res.Findings {
				if f.Status == rules.Failed && filepath.Base(filepath.Dir(f.Loc.Range.File)) == "app" {
					got++
				}
			}
			if got != tt.want {
				t.Errorf("%d findings on app/main.tf, want %d: %+v", got, tt.want, res.Findings)
			}
		})
	}
}

// TestResultKeepsWhatLocatesResources: after a unit is checked the scan
// keeps the resources the organisation rules read in full, and, without
// attributes, workloads and the resources findings are about; with
// KeepResources, every resource.
func TestResultKeepsWhatLocatesResources(t *testing.T) {
	root := writeTree(t, map[string][]byte{"main.tf": []byte(`
resource "aws_organizations_organization" "org" {
  feature_set = "ALL"
}
resource "aws_instance" "app" {
  ami           = "ami-12345678"
  instance_type = "t3.micro"
}
resource "aws_s3_bucket" "unversioned" {
  bucket = "acme-unversioned"
}
resource "aws_cloudwatch_log_group" "quiet" {
  name = "quiet"
}
`)})
	for _, keepAll := range []bool{false, true} {
		res, err := Run(context.Background(), Options{Paths: []string{root}, Rules: []*rules.Rule{s3.VersioningDisabled}, KeepResources: keepAll})
		if err != nil {
			t.Fatal(err)
		}
		byAddr := map[string]*graph.Resource{}
		for _, r := range res.Graph.Resources {
			byAddr[r.Address] = r
		}
		if r := byAddr["aws_organizations_organization.org"]; r == nil || r.Attributes().Kind() != graph.KindObject {
			t.Errorf("keepAll=%v: organisation not kept with its attributes: %+v", keepAll, r)
		}
		for _, addr := range []string{"aws_instance.app", "aws_s3_bucket.unversioned"} {
			if r := byAddr[addr]; r == nil || r.Attributes().Kind() == graph.KindObject || r.Range.Start.Line == 0 {
				t.Errorf("keepAll=%v: %s not kept, located and without attributes: %+v", keepAll, addr, r)
			}
		}
		if _, ok := byAddr["aws_cloudwatch_log_group.quiet"]; ok != keepAll {
			t.Errorf("keepAll=%v: log group kept = %v", keepAll, ok)
		}
		if len(res.Findings) != 1 || res.Findings[0].Loc.Resource != byAddr["aws_s3_bucket.unversioned"] {
			t.Errorf("keepAll=%v: finding not about the kept bucket: %+v", keepAll, res.Findings)
		}
	}
}

// TestAccountSettingsReachEveryUnitOfTheAccount: an account-level setting
// in one root applies to the resources of every root in that account,
// without those roots being checked together, and what the setting's own
// root reports (its provider's arguments included) is reported once.
func TestAccountSettingsReachEveryUnitOfTheAccount(t *testing.T) {
	provider := "provider \"aws\" {\n  region = \"eu-west-1\"\n  allowed_account_ids = [\"111111111111\"]\n}\n"
	files := map[string][]byte{
		"baseline/main.tf": []byte("provider \"aws\" {\n  region = \"eu-west-1\"\n  allowed_account_ids = [\"111111111111\"]\n" +
			"  access_key = \"AKIAIOSFODNN7REALKEY\"\n}\n" +
			"resource \"aws_s3_account_public_access_block\" \"all\" {\n  block_public_acls = true\n  block_public_policy = true\n" +
			"  ignore_public_acls = true\n  restrict_public_buckets = true\n}\n"),
	}
	for _, app := range []string{"app1", "app2", "app3"} {
		files[app+"/main.tf"] = []byte(provider + "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"acme-" + app + "\"\n}\n")
	}
	root := writeTree(t, files)
	res, err := Run(context.Background(), Options{Paths: []string{root}, Rules: builtin.Rules(), Jobs: 2})
	if err != nil {
		t.Fatal(err)
	}
	byRule := map[string]int{}
	for _, f := range res.Findings {
		if f.Status == rules.Failed {
			byRule[f.RuleID]++
		}
	}
	if n := byRule["aws-s3-public-access-not-blocked"]; n != 0 {
		t.Errorf("%d public access findings, want none: the account block covers every bucket", n)
	}
	if n := byRule["aws-secrets-in-code"]; n != 1 {
		t.Errorf("%d secrets findings, want the baseline's provider key once", n)
	}
}

// TestRecheckJobsKeepUnitsApart: account settings are added to each unit
// of the account, which is checked alone; only units linked by name are
// checked together.
func TestRecheckJobsKeepUnitsApart(t *testing.T) {
	block := &graph.Resource{Unit: "baseline", Type: "aws_s3_account_public_access_block", Address: "aws_s3_account_public_access_block.all"}
	results := []*checked{
		{links: &aws.Links{Accounts: []string{"111111111111"}, Settings: []aws.AccountSetting{{Account: "111111111111", Resource: block}}}},
		{links: &aws.Links{Accounts: []string{"111111111111"}, Names: []string{"logs"}}},
		{links: &aws.Links{Accounts: []string{"111111111111"}}},
		{links: &aws.Links{Accounts: []string{"222222222222"}, Targets: []string{"logs"}}},
		{links: &aws.Links{Accounts: []string{"222222222222"}}},
	}
	got := recheckJobs([]int{0, 1, 2, 3, 4}, results)
	want := []recheck{
		{units: []int{1, 3}, foreign: []*graph.Resource{block}},
		{units: []int{2}, foreign: []*graph.Resource{block}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("recheckJobs = %+v, want %+v", got, want)
	}
}

// TestBrokenSymlinkOneWarning: a dangling symbolic link in a module
// directory is one warning, from discovery and the front end alike.
func TestBrokenSymlinkOneWarning(t *testing.T) {
	root := writeTree(t, map[string][]byte{"main.tf": []byte("resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"x\"\n}\n")})
	if err := os.Symlink("nowhere.tf", filepath.Join(root, "broken.tf")); err != nil {
		t.Skipf("symlinks not supported: %v", err)
	}
	res, err := Run(context.Background(), Options{Paths: []string{root}, Rules: builtin.Rules()})
	if err != nil {
		t.Fatal(err)
	}
	var got []graph.Diagnostic
	for _, d := range res.Diagnostics {
		if d.Severity != graph.Debug {
			got = append(got, d)
		}
	}
	if len(got) != 1 || got[0].Code != "broken-symlink" || got[0].Severity != graph.Warning {
		t.Errorf("diagnostics = %v, want one broken-symlink warning", got)
	}
}
