package scan

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/blindspot-iac/blindspot/internal/config"
	"github.com/blindspot-iac/blindspot/rules"
	"github.com/blindspot-iac/blindspot/rules/aws/s3"
)

func TestWidenHookPaths(t *testing.T) {
	t.Chdir(t.TempDir())
	cfg := &config.Config{File: ".blindspot.yaml", VarFiles: []string{"env/prod.tfvars"}}
	nested := &config.Config{File: filepath.Join("infra", ".blindspot.yaml"), VarFiles: []string{filepath.Join("infra", "env", "prod.tfvars")}}
	tests := []struct {
		name  string
		cfg   *config.Config
		paths []string
		want  []string
	}{
		{"other files kept", cfg, []string{"app/main.tf", "app/terraform.tfvars", "stack.yaml"}, []string{"app/main.tf", "app/terraform.tfvars", "stack.yaml"}},
		{"the configuration: the whole tree", cfg, []string{".blindspot.yaml", "app/main.tf"}, []string{".", "app/main.tf"}},
		{"a var file it names: the whole tree", cfg, []string{"./env/prod.tfvars"}, []string{"."}},
		{"a var file it does not name", cfg, []string{"env/dev.tfvars"}, []string{"env/dev.tfvars"}},
		{"nested configuration", nested, []string{"infra/env/prod.tfvars", "infra/.blindspot.yaml"}, []string{"infra", "infra"}},
		{"no configuration yet", nil, []string{"sub/.blindspot.yaml"}, []string{"sub"}},
	}
	for _, tt := range tests {
		var want []string
		for _, w := range tt.want {
			want = append(want, filepath.FromSlash(w))
		}
		var paths []string
		for _, p := range tt.paths {
			paths = append(paths, filepath.FromSlash(p))
		}
		if got := widenHookPaths(paths, tt.cfg); !slices.Equal(got, want) {
			t.Errorf("%s: %q, want %q", tt.name, got, want)
		}
	}
}

// hookTree is a repository where a module is called through a wrapper and
// a nested template through its parent, each a level deeper still.
var hookTree = map[string][]byte{
	"modules/bucket/main.tf": []byte(`variable "name" {}
resource "aws_s3_bucket" "b" {
  bucket = var.name
}
`),
	"modules/wrap/main.tf":     []byte("module \"b\" {\n  source = \"../bucket\"\n  name   = \"wrapped\"\n}\n"),
	"envs/prod/main.tf":        []byte("module \"w\" {\n  source = \"../../modules/wrap\"\n}\n"),
	"envs/dev/main.tf":         []byte("resource \"aws_s3_bucket\" \"dev\" {\n  bucket = \"dev\"\n}\n"),
	"testdata/x/main.tf":       []byte("module \"b\" {\n  source = \"../../modules/bucket\"\n}\n"),
	"stacks/nested/c.yaml":     []byte("Resources:\n  B:\n    Type: AWS::S3::Bucket\n"),
	"stacks/parent.yaml":       []byte("Resources:\n  Child:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: nested/c.yaml\n"),
	"stacks/top.json":          []byte(`{"Resources": {"P": {"Type": "AWS::CloudFormation::Stack", "Properties": {"TemplateURL": "./parent.yaml"}}}}`),
	"stacks/remote.yaml":       []byte("Resources:\n  R:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: https://example.com/nested/c.yaml\n"),
	"stacks/not-c.yaml":        []byte("Resources:\n  R:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: nested/c.yaml.bak\n"),
	"stacks/nested/c.yaml.bak": []byte("Resources: {}\n"),
}

func TestAddCallers(t *testing.T) {
	t.Chdir(writeTree(t, hookTree))
	tests := []struct {
		name  string
		root  string
		paths []string
		want  []string
	}{
		{"a module: its callers and theirs", ".", []string{"modules/bucket/main.tf"},
			[]string{"modules/bucket/main.tf", "modules/wrap/main.tf", "envs/prod/main.tf"}},
		{"a root module nobody calls", ".", []string{"envs/dev/main.tf"}, []string{"envs/dev/main.tf"}},
		{"a nested template: its parents and theirs", ".", []string{"stacks/nested/c.yaml"},
			[]string{"stacks/nested/c.yaml", "stacks/parent.yaml", "stacks/top.json"}},
		{"both at once", ".", []string{"stacks/nested/c.yaml", "modules/wrap/main.tf"},
			[]string{"stacks/nested/c.yaml", "modules/wrap/main.tf", "envs/prod/main.tf", "stacks/parent.yaml", "stacks/top.json"}},
		{"no root: as given", "", []string{"modules/bucket/main.tf"}, []string{"modules/bucket/main.tf"}},
		{"the whole tree: as given", ".", []string{".", "modules/bucket/main.tf"}, []string{".", "modules/bucket/main.tf"}},
		{"outside the root: as given", "envs", []string{"modules/bucket/main.tf"}, []string{"modules/bucket/main.tf"}},
	}
	for _, tt := range tests {
		var paths, want []string
		for _, p := range tt.paths {
			paths = append(paths, filepath.FromSlash(p))
		}
		for _, w := range tt.want {
			want = append(want, filepath.FromSlash(w))
		}
		if got := addCallers(context.Background(), paths, tt.root); !slices.Equal(got, want) {
			t.Errorf("%s: %q, want %q", tt.name, got, want)
		}
	}
}

// TestHookScansCallers checks that a hook run on a changed module file
// reports what a full scan reports of the units that use it, and nothing
// of the module on its own.
func TestHookScansCallers(t *testing.T) {
	t.Chdir(writeTree(t, hookTree))
	scan := func(paths ...string) *Result {
		res, err := Run(context.Background(), Options{Paths: paths, Root: ".", Rules: []*rules.Rule{s3.VersioningDisabled}})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	full := scan(".")
	for _, tt := range []struct {
		changed string
		units   []string
	}{
		{"modules/bucket/main.tf", []string{"envs/prod"}},
		{"stacks/nested/c.yaml", []string{"stacks/top.json"}},
	} {
		hook := scan(filepath.FromSlash(tt.changed))
		var units []string
		for _, u := range hook.Scanned {
			units = append(units, filepath.ToSlash(u.Path))
		}
		if !slices.Equal(units, tt.units) {
			t.Errorf("%s changed: scanned %q, want %q", tt.changed, units, tt.units)
		}
		want := findingsIn(full, tt.units)
		if got := findingsIn(hook, tt.units); len(want) == 0 || !slices.Equal(got, want) || len(got) != len(hook.Findings) {
			t.Errorf("%s changed: findings\n%q\nwant those of the full scan\n%q", tt.changed, got, want)
		}
	}
}

// findingsIn lists the findings of res on resources of units.
func findingsIn(res *Result, units []string) []string {
	var out []string
	for _, f := range res.Findings {
		if r := f.Loc.Resource; r != nil && slices.Contains(units, filepath.ToSlash(r.Unit)) {
			out = append(out, fmt.Sprintf("%s %s %s", f.RuleID, f.Loc.Range, r.Address))
		}
	}
	return out
}

// TestAddCallersStaysInside checks that the walk follows no symbolic link:
// a caller reached through a link to a directory outside the root is not
// read.
func TestAddCallersStaysInside(t *testing.T) {
	root := writeTree(t, hookTree)
	outside := writeTree(t, map[string][]byte{"main.tf": []byte("module \"b\" {\n  source = \"../modules/bucket\"\n}\n")})
	if err := os.Symlink(outside, filepath.Join(root, "linked")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	t.Chdir(root)
	paths := []string{filepath.FromSlash("modules/bucket/main.tf")}
	want := []string{paths[0], filepath.FromSlash("modules/wrap/main.tf"), filepath.FromSlash("envs/prod/main.tf")}
	if got := addCallers(context.Background(), paths, "."); !slices.Equal(got, want) {
		t.Errorf("%q, want %q", got, want)
	}
}
