package terraform

import (
	"os"
	"path/filepath"
	"testing"
)

// TestValueSetInTfvars checks that a value read from a tfvars file records
// where it was written there, element by element: through a list written in
// place, a module argument and each.value of a for_each over a variable.
// Findings show it as "value set here".
func TestValueSetInTfvars(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"main.tf": `variable "cidr" {}
variable "buckets" {}
variable "rotate" {
  type = map(bool)
}

resource "aws_security_group_rule" "ssh" {
  cidr_blocks = [var.cidr]
}

module "bucket" {
  source     = "./mod"
  for_each   = var.buckets
  versioning = each.value.versioning
}

resource "aws_kms_key" "k" {
  enable_key_rotation = var.rotate["k"]
}

resource "aws_kms_key" "computed" {
  for_each            = { for k, v in var.buckets : k => v }
  enable_key_rotation = each.value.versioning
}
`,
		"mod/main.tf": `variable "versioning" {}
resource "aws_s3_bucket_versioning" "v" {
  versioning_configuration {
    status = var.versioning
  }
}
`,
		"terraform.tfvars": `cidr = "0.0.0.0/0"
buckets = {
  logs = { versioning = "Suspended" }
}
rotate = { k = false }
`,
	}
	for name, src := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	g := LoadModule(dir, Options{})
	tfvars := filepath.Join(dir, "terraform.tfvars")
	tests := []struct {
		address, path string
		line, column  int
	}{
		{"aws_security_group_rule.ssh", "cidr_blocks", 1, 8},
		{`module.bucket["logs"].aws_s3_bucket_versioning.v`, "versioning_configuration[0].status", 3, 25},
		{"aws_kms_key.k", "enable_key_rotation", 5, 16},
		// A value computed by a for expression was not written anywhere.
		{`aws_kms_key.computed["logs"]`, "enable_key_rotation", 0, 0},
	}
	for _, tt := range tests {
		r := resource(g, tt.address)
		if r == nil {
			t.Fatalf("no %s in %v", tt.address, g.Diagnostics)
		}
		loc := r.At(tt.path, at(t, r.Attributes(), tt.path))
		src := loc.Source
		if tt.line == 0 {
			if src.File == tfvars {
				t.Errorf("%s: source %v, want none in the tfvars file", tt.address, src)
			}
			continue
		}
		if src.File != tfvars || src.Start.Line != tt.line || src.Start.Column != tt.column {
			t.Errorf("%s %s: source %v, want %s:%d:%d", tt.address, tt.path, src, tfvars, tt.line, tt.column)
		}
	}
}
