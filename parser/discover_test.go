package parser

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/blindspot-iac/blindspot/graph"
)

// tree writes files (path -> content) under a new temporary directory.
func tree(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for name, content := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

const cfnYAML = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  B:\n    Type: AWS::S3::Bucket\n"

func TestDiscover(t *testing.T) {
	root := tree(t, map[string]string{
		"main.tf":                                      `resource "aws_s3_bucket" "b" {}`,
		"modules/logs/main.tf":                         `resource "aws_s3_bucket" "l" {}`,
		"modules/logs/vars.tf.json":                    `{}`,
		"stacks/bucket.yaml":                           cfnYAML,
		"stacks/no-version.json":                       `{"Resources": {"Q": {"Type": "AWS::SQS::Queue"}}}`,
		"stacks/short-form.yml":                        "Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Sub '${AWS::StackName}-t'\n",
		"stacks/broken.template":                       "AWSTemplateFormatVersion: '2010-09-09'\nResources: [\n",
		"k8s/deployment.yaml":                          "apiVersion: apps/v1\nkind: Deployment\n",
		"package.json":                                 `{"name": "x"}`,
		"plan.json":                                    `{"format_version": "1.2", "planned_values": {}}`,
		".git/config.tf":                               `resource "x" "y" {}`,
		"node_modules/pkg/template.yaml":               cfnYAML,
		".blindspot/policies/testdata/acme-x/bad.yaml": cfnYAML,
		"policies/testdata/acme-x/bad.tf":              `resource "aws_s3_bucket" "b" {}`,
		".terraform/modules/vpc/main.tf":               `resource "aws_vpc" "v" {}`,
		"docs/readme.md":                               "# not code\n",
		"cdk.out/Stack.template.json":                  `{"Resources": {"B": {"Type": "AWS::S3::Bucket"}}}`,
		"stacks/other-resources-mapping.yaml":          "Resources:\n  thing:\n    Type: Custom::Thing\n",
		"stacks/mentions-aws-in-a-string.yaml":         "description: uses AWS::S3::Bucket\n",
		"terraform.tfvars":                             `x = 1`,
		"stacks/params/prod.json":                      `[{"ParameterKey": "Env", "ParameterValue": "prod"}]`,
		"stacks/resources-not-a-mapping.yaml":          "Resources: AWS::S3::Bucket\n",
		"stacks/top-level-list-mentioning.yaml":        "- AWS::S3::Bucket\n",
	})
	units, diags := Discover([]string{root}, Options{})
	for _, d := range diags {
		if d.Severity != graph.Debug {
			t.Errorf("unexpected diagnostic: %v", d)
		}
	}
	got := map[string]Kind{}
	for _, u := range units {
		rel, _ := filepath.Rel(root, u.Path)
		got[filepath.ToSlash(rel)] = u.Kind
	}
	want := map[string]Kind{
		".":                           TerraformModule,
		"modules/logs":                TerraformModule,
		"stacks/bucket.yaml":          CloudFormationTemplate,
		"stacks/no-version.json":      CloudFormationTemplate,
		"stacks/short-form.yml":       CloudFormationTemplate,
		"stacks/broken.template":      CloudFormationTemplate,
		"plan.json":                   TerraformPlan,
		"cdk.out/Stack.template.json": CloudFormationTemplate,
		// Custom:: types are CloudFormation's own.
		"stacks/other-resources-mapping.yaml": CloudFormationTemplate,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("units:\n got %v\nwant %v", got, want)
	}
}

func TestDiscoverSymlinks(t *testing.T) {
	outside := tree(t, map[string]string{"secret/main.tf": `resource "aws_s3_bucket" "x" {}`})
	root := tree(t, map[string]string{
		"app/main.tf":   `resource "aws_s3_bucket" "b" {}`,
		"shared/bkt.tf": `resource "aws_s3_bucket" "s" {}`,
	})
	mustSymlink(t, "..", filepath.Join(root, "app", "loop")) // back to the root: a loop
	mustSymlink(t, filepath.Join(outside, "secret"), filepath.Join(root, "escape"))
	mustSymlink(t, "shared", filepath.Join(root, "linked")) // inside, already visited or not
	mustSymlink(t, "missing", filepath.Join(root, "dangling"))

	units, diags := Discover([]string{root}, Options{})
	var paths []string
	for _, u := range units {
		rel, _ := filepath.Rel(root, u.Path)
		paths = append(paths, filepath.ToSlash(rel))
	}
	for _, p := range paths {
		if strings.HasPrefix(p, "escape") {
			t.Errorf("followed a symlink out of the root: %s", p)
		}
	}
	if !slices.Contains(paths, "app") {
		t.Errorf("app module not found in %v", paths)
	}
	if !slices.Contains(paths, "shared") && !slices.Contains(paths, "linked") {
		t.Errorf("shared module not found in %v", paths)
	}
	codes := map[string]bool{}
	for _, d := range diags {
		codes[d.Code] = true
	}
	for _, c := range []string{"symlink-outside-root", "symlink-loop", "broken-symlink"} {
		if !codes[c] {
			t.Errorf("no %s diagnostic in %v", c, diags)
		}
	}
}

func TestDiscoverExplicitFiles(t *testing.T) {
	root := tree(t, map[string]string{
		"net/sg.tf":       `resource "aws_security_group" "s" {}`,
		"net/vars.tf":     `variable "x" {}`,
		"stack.yaml":      cfnYAML,
		"k8s.yaml":        "kind: Service\n",
		"notes.txt":       "hello",
		"net/prod.tfvars": `x = 1`,
	})
	units, diags := Discover([]string{
		filepath.Join(root, "net", "sg.tf"),
		filepath.Join(root, "net", "vars.tf"),
		filepath.Join(root, "net", "prod.tfvars"),
		filepath.Join(root, "stack.yaml"),
		filepath.Join(root, "k8s.yaml"),
		filepath.Join(root, "notes.txt"),
		filepath.Join(root, "absent.tf"),
	}, Options{})
	want := []Unit{
		{Kind: TerraformModule, Path: filepath.Join(root, "net"), Root: filepath.Join(root, "net")},
		{Kind: CloudFormationTemplate, Path: filepath.Join(root, "stack.yaml"), Root: root},
	}
	if !reflect.DeepEqual(units, want) {
		t.Errorf("units = %v, want %v", units, want)
	}
	codes := map[string]int{}
	for _, d := range diags {
		codes[d.Code]++
	}
	if codes["unsupported-file"] != 2 || codes["path-not-found"] != 1 {
		t.Errorf("diagnostics = %v", diags)
	}
}

func TestDiscoverExclude(t *testing.T) {
	root := tree(t, map[string]string{
		"main.tf":                 `resource "aws_s3_bucket" "b" {}`,
		"examples/demo/main.tf":   `resource "aws_s3_bucket" "d" {}`,
		"stacks/legacy/old.yaml":  cfnYAML,
		"stacks/current/new.yaml": cfnYAML,
		"stacks/test.yaml":        cfnYAML,
	})
	units, _ := Discover([]string{root}, Options{Exclude: []string{"examples/**", "stacks/legacy", "test.yaml"}})
	var got []string
	for _, u := range units {
		rel, _ := filepath.Rel(root, u.Path)
		got = append(got, filepath.ToSlash(rel))
	}
	want := []string{".", "stacks/current/new.yaml"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("units = %v, want %v", got, want)
	}
}

// TestDiscoverExcludeExplicitFiles: files named on the command line (as a
// pre-commit hook names them) are left out as the scan of the tree leaves
// them out.
func TestDiscoverExcludeExplicitFiles(t *testing.T) {
	root := tree(t, map[string]string{
		"main.tf":                `resource "aws_s3_bucket" "b" {}`,
		"examples/demo/main.tf":  `resource "aws_s3_bucket" "d" {}`,
		"stacks/legacy/old.yaml": cfnYAML,
		"stacks/test.yaml":       cfnYAML,
	})
	t.Chdir(root)
	named := []string{"main.tf", "examples/demo/main.tf", "stacks/legacy/old.yaml", "./stacks/test.yaml"}
	units, _ := Discover(named, Options{Exclude: []string{"examples/**", "stacks/legacy", "test.yaml"}})
	var got []string
	for _, u := range units {
		got = append(got, filepath.ToSlash(u.Path))
	}
	if want := []string{"."}; !reflect.DeepEqual(got, want) {
		t.Errorf("units = %v, want %v", got, want)
	}
}

func TestMatchGlob(t *testing.T) {
	tests := []struct {
		pattern, name string
		want          bool
	}{
		{"examples/**", "examples/a/b/main.tf", true},
		{"**/test/**", "modules/x/test/fixture.yaml", true},
		{"**/*.yaml", "a/b/c.yaml", true},
		{"*.yaml", "deep/dir/c.yaml", true},
		{"stacks/*.yaml", "stacks/a/b.yaml", false},
		{"stacks/*.yaml", "stacks/b.yaml", true},
		{"modules/legacy", "modules/legacy/main.tf", true},
		{"modules/legacy", "modules/legacy2/main.tf", false},
	}
	for _, tt := range tests {
		if got := MatchGlob(tt.pattern, tt.name); got != tt.want {
			t.Errorf("MatchGlob(%q, %q) = %v, want %v", tt.pattern, tt.name, got, tt.want)
		}
	}
}

func mustSymlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("symlinks not supported: %v", err)
	}
}

func TestClassify(t *testing.T) {
	tests := []struct {
		name, file, data string
		want             Kind
	}{
		{"version key", "t.yaml", cfnYAML, CloudFormationTemplate},
		{"SAM without version", "t.yaml", "Transform: AWS::Serverless-2016-10-31\nResources:\n  F:\n    Type: AWS::Serverless::Function\n", CloudFormationTemplate},
		{"JSON without version", "t.json", "{\n  \"Resources\": {\n    \"B\": {\"Type\": \"AWS::S3::Bucket\"}\n  }\n}\n", CloudFormationTemplate},
		{"minified JSON", "t.json", `{"Description":"x","Resources":{"B":{"Type":"AWS::S3::Bucket"}}}`, CloudFormationTemplate},
		{"flow-style YAML", "t.yaml", "{Resources: {B: {Type: 'AWS::S3::Bucket'}}}\n", CloudFormationTemplate},
		{"Resources not at the top", "t.yaml", "spec:\n  Resources:\n    Type: AWS::S3::Bucket\n", 0},
		{"AWS:: in a string only", "t.yaml", "note: see AWS::S3::Bucket\n", 0},
		{"Kubernetes manifest", "t.yaml", "apiVersion: v1\nkind: ConfigMap\n", 0},
		{"plan", "plan.json", `{"format_version":"1.2","planned_values":{}}`, TerraformPlan},
		{"unquoted version", "t.yaml", "AWSTemplateFormatVersion: 2010-09-09 # the only one\nResources: {}\n", CloudFormationTemplate},
		{"version only", "t.json", "{\n  \"AWSTemplateFormatVersion\" : \"2010-09-09\",\n  \"Outputs\": {}\n}\n", CloudFormationTemplate},
		{"version after another key", "t.json", `{"Description":"d","AWSTemplateFormatVersion":"2010-09-09"}`, CloudFormationTemplate},
		{"version, broken", "t.yaml", "AWSTemplateFormatVersion: '2010-09-09'\nResources: [\n", CloudFormationTemplate},
		{"Custom and Alexa types", "t.yaml", "Resources:\n  C:\n    Type: Custom::Seed\n  S:\n    Type: Alexa::ASK::Skill\n", CloudFormationTemplate},
		{"language extensions", "t.yaml", "Transform: AWS::LanguageExtensions\nResources:\n  Fn::ForEach::Topics:\n    - T\n    - [a, b]\n    - Topic${T}:\n        Type: AWS::SNS::Topic\n  Q:\n    Type: AWS::SQS::Queue\n", CloudFormationTemplate},
		{"CodeDeploy appspec", "appspec.yaml", "version: 0.0\nResources:\n  - TargetService:\n      Type: AWS::ECS::Service\n      Properties:\n        TaskDefinition: arn\n", 0},
		{"org-formation", "organization.yml", "AWSTemplateFormatVersion: '2010-09-09-OC'\nResources:\n  MasterAccount:\n    Type: OC::ORG::MasterAccount\n    Properties:\n      AccountId: '111111111111'\n", 0},
		{"org-formation task types", "tasks.yml", "Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n  Org:\n    Type: OC::ORG::OrganizationRoot\n", 0},
		{"Serverless Framework", "serverless.yml", "service: app\nprovider:\n  name: aws\nresources:\n  Resources:\n    B:\n      Type: AWS::S3::Bucket\n", 0},
		{"another version, AWS resources", "t.json", `{"AWSTemplateFormatVersion": "2010-09-09T00:00:00Z", "Resources": {"B": {"Type": "AWS::S3::Bucket"}}}`, CloudFormationTemplate},
		{"fragment without Resources", "snippet.yaml", "MyBucket:\n  Type: AWS::S3::Bucket\n", 0},
		{"Type not a string", "t.yaml", "Resources:\n  B:\n    Type: !Ref T\n", 0},
		{"macro and preprocessor types", "t.yaml", "Transform: Boto3\nResources:\n  R:\n    Type: Boto3::CodeCommit.put_file\n  M:\n    Type: !Rain::Module m.yaml\n  B:\n    Type: AWS::S3::Bucket\n", CloudFormationTemplate},
		{"entry without Type", "t.yaml", "Resources:\n  B:\n    Type: AWS::S3::Bucket\n  notes: see above\n", 0},
		{"empty Resources", "t.yaml", "Resources: {}\nnote: AWS::S3::Bucket\n", 0},
		{"does not parse, no version", "t.yaml", "Resources:\n  B:\n    Type: AWS::S3::Bucket\n  {{ jinja }}: [\n", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Classify(tt.file, []byte(tt.data)); got != tt.want {
				t.Errorf("Classify = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestDiscoverTreePattern(t *testing.T) {
	root := tree(t, map[string]string{"a/main.tf": "", "a/b/stack.yaml": cfnYAML})
	want, _ := Discover([]string{root}, Options{})
	for _, p := range []string{root + "/...", filepath.Join(root, "...")} {
		got, diags := Discover([]string{p}, Options{})
		if !reflect.DeepEqual(got, want) || len(diags) != 0 {
			t.Errorf("Discover(%q) = %v, %v; want %v", p, got, diags, want)
		}
	}
}

// TestClassifyExplains says why a file that looks like a template is not
// one (a debug note in discovery).
func TestClassifyExplains(t *testing.T) {
	tests := []struct{ data, want string }{
		{"version: 0.0\nResources:\n  - TargetService:\n      Type: AWS::ECS::Service\n", "its Resources is not a mapping"},
		{"AWSTemplateFormatVersion: '2010-09-09-OC'\nResources:\n  M:\n    Type: OC::ORG::MasterAccount\n", `its AWSTemplateFormatVersion is "2010-09-09-OC", not 2010-09-09, and its resource M has the org-formation type OC::ORG::MasterAccount`},
		{"AWSTemplateFormatVersion: '2010-09-09-OC'\nOrganizationBindings: {}\n", `its AWSTemplateFormatVersion is "2010-09-09-OC", not 2010-09-09`},
		{"Resources:\n  B:\n    Type: AWS::S3::Bucket\n  O:\n    Type: OC::ORG::OrganizationRoot\n", "its resource O has the org-formation type OC::ORG::OrganizationRoot"},
		{"apiVersion: v1\nkind: ConfigMap\n", ""},
	}
	for _, tt := range tests {
		kind, why := classify("t.yaml", []byte(tt.data))
		if kind != 0 || why != tt.want {
			t.Errorf("classify(%q) = %v, %q; want 0, %q", tt.data, kind, why, tt.want)
		}
	}
}

// TestReadUpTo checks readUpTo against io.ReadAll of an io.LimitReader,
// whatever the buffer's capacity and however the reader splits its reads.
func TestReadUpTo(t *testing.T) {
	text := strings.Repeat("0123456789", 30)
	for _, n := range []int64{0, 1, 10, 299, 300, 301, 1000} {
		for _, capacity := range []int{0, 1, 7, 300, 301, 2000} {
			for _, split := range []bool{false, true} {
				var r io.Reader = strings.NewReader(text)
				if split {
					r = iotest.OneByteReader(r)
				}
				head, err := readUpTo(r, make([]byte, 0, capacity), min(n, 64))
				if err != nil {
					t.Fatal(err)
				}
				got, err := readUpTo(r, head, n)
				want, _ := io.ReadAll(io.LimitReader(strings.NewReader(text), n))
				if err != nil || string(got) != string(want) {
					t.Errorf("n=%d cap=%d split=%v: %d bytes (%v); want %d", n, capacity, split, len(got), err, len(want))
				}
			}
		}
	}
	if _, err := readUpTo(iotest.ErrReader(errors.New("boom")), nil, 10); err == nil {
		t.Error("readUpTo hid a read error")
	}
}

// TestHasVersionLine: matching the lines that name AWSTemplateFormatVersion
// finds what matching the whole file does, on every YAML and JSON file of
// the corpora and on edge cases.
func TestHasVersionLine(t *testing.T) {
	cases := []string{
		"AWSTemplateFormatVersion: 2010-09-09\n",
		"AWSTemplateFormatVersion: '2010-09-09'\r\nResources: {}\r\n",
		"# AWSTemplateFormatVersion: 2010-09-09\nAWSTemplateFormatVersion: \"2010-09-09\" # c\n",
		"x: AWSTemplateFormatVersion\nAWSTemplateFormatVersion: 2010-09-09",
		"{\"AWSTemplateFormatVersion\": \"2010-09-09\", \"Resources\": {}}",
		"  \"AWSTemplateFormatVersion\" : \"2010-09-09\",\n",
		"AWSTemplateFormatVersion: 2010-09-09-OC\n",
		"AWSTemplateFormatVersion:\n  2010-09-09\n",
		"AWSTemplateFormatVersion: 2010-09-09\rResources: {}\r",
		"AWSTemplateFormatVersionAWSTemplateFormatVersion: 2010-09-09\n",
		"",
	}
	for _, dir := range []string{"../../shared/corpus"} {
		_ = filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() || !relevant(e.Name()) || strings.HasSuffix(e.Name(), ".tf") {
				return nil
			}
			if data, err := os.ReadFile(p); err == nil && bytes.Contains(data, []byte("AWSTemplateFormatVersion")) {
				cases = append(cases, string(data))
			}
			return nil
		})
	}
	for _, c := range cases {
		if got, want := hasVersionLine([]byte(c)), versionLine.MatchString(c); got != want {
			t.Errorf("hasVersionLine(%.60q) = %v, want %v", c, got, want)
		}
	}
	t.Logf("%d files", len(cases))
}
