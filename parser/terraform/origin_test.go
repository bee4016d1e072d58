package terraform

import (
	"testing"

	"github.com/blindspot-iac/blindspot/graph"
)

// TestOrigin: an unknown argument records how it is computed, so that the
// same expression in two resources of one module instance is known to have
// the same value, and different expressions, instances or unstable
// functions are not.
func TestOrigin(t *testing.T) {
	dir := writeModule(t, map[string]string{
		"main.tf": `variable "name" {
  type = string
}
resource "aws_s3_bucket" "a" {
  bucket = var.name
}
resource "aws_s3_bucket" "b" {
  bucket = var.name
}
resource "aws_s3_bucket" "wrapped" {
  bucket = "${var.name}"
}
resource "aws_s3_bucket" "counted" {
  count  = 2
  bucket = "${var.name}-${count.index}"
}
resource "aws_s3_bucket" "counted_too" {
  count  = 2
  bucket = "${var.name}-${count.index}"
}
resource "aws_s3_bucket" "random" {
  bucket = "${var.name}-${uuid()}"
}
module "one" {
  source = "./mod"
}
module "two" {
  source = "./mod"
}
`,
		"mod/main.tf": `variable "name" {
  type = string
}
resource "aws_s3_bucket" "m" {
  bucket = var.name
}
`,
	})
	g := LoadModule(dir, Options{Root: mustRoot(t, dir)})
	origin := func(addr string) string {
		t.Helper()
		r := resource(g, addr)
		if r == nil {
			t.Fatalf("no %s", addr)
		}
		return at(t, r.Attributes(), "bucket").Origin()
	}
	same := [][2]string{
		{"aws_s3_bucket.a", "aws_s3_bucket.b"},
		{"aws_s3_bucket.counted[0]", "aws_s3_bucket.counted_too[0]"},
	}
	for _, p := range same {
		if a, b := origin(p[0]), origin(p[1]); a == "" || a != b {
			t.Errorf("%s and %s: origins %q and %q, want equal", p[0], p[1], a, b)
		}
	}
	different := [][2]string{
		{"aws_s3_bucket.a", "aws_s3_bucket.wrapped"},
		{"aws_s3_bucket.counted[0]", "aws_s3_bucket.counted[1]"},
		{"module.one.aws_s3_bucket.m", "module.two.aws_s3_bucket.m"},
		{"aws_s3_bucket.a", "module.one.aws_s3_bucket.m"},
	}
	for _, p := range different {
		if a, b := origin(p[0]), origin(p[1]); a == b {
			t.Errorf("%s and %s: origins both %q, want different", p[0], p[1], a)
		}
	}
	if o := origin("aws_s3_bucket.random"); o != "" {
		t.Errorf("uuid(): origin %q, want none", o)
	}
}

// TestCoalesceKeepsDocument: coalesce() whose first non-null argument is a
// policy document with unknown parts returns that document's structure,
// and the caller identity's unknown account is a reference, never empty.
func TestCoalesceKeepsDocument(t *testing.T) {
	dir := writeModule(t, map[string]string{"main.tf": `variable "policy" {
  type    = string
  default = null
}
data "aws_caller_identity" "current" {}
data "aws_iam_policy_document" "key" {
  statement {
    actions   = ["kms:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = [data.aws_caller_identity.current.account_id]
    }
  }
}
resource "aws_kms_key" "k" {
  policy = coalesce(var.policy, "", data.aws_iam_policy_document.key.json)
}
resource "aws_kms_key" "unknown" {
  policy = coalesce(var.unset, data.aws_iam_policy_document.key.json)
}
variable "unset" {
  type = string
}
`})
	g := LoadModule(dir, Options{Root: mustRoot(t, dir)})
	pol := at(t, resource(g, "aws_kms_key.k").Attributes(), "policy")
	id := at(t, pol, "Statement[0].Principal.AWS[0]")
	if pol.Kind() != graph.KindObject || id.IsKnown() || len(id.AllRefs()) == 0 {
		t.Errorf("coalesce: policy %s, principal %s (refs %v)", pol, id, id.AllRefs())
	}
	if u := at(t, resource(g, "aws_kms_key.unknown").Attributes(), "policy"); u.IsKnown() {
		t.Errorf("coalesce of an unset variable first: %s, want unknown", u)
	}
}
