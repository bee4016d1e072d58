package aws

import (
	"maps"
	"slices"
	"testing"

	"github.com/blindspot-iac/blindspot/graph"
)

// tfResource builds a Terraform resource with string, bool and reference
// attributes for model tests.
func tfResource(typ, name string, attrs map[string]graph.Value) *graph.Resource {
	var fields []graph.Field
	for _, k := range slices.Sorted(maps.Keys(attrs)) {
		fields = append(fields, graph.Field{Key: k, Value: attrs[k]})
	}
	return &graph.Resource{Format: graph.Terraform, Unit: "root", Type: typ, Address: typ + "." + name,
		Attrs: new(graph.Object(fields, graph.Range{})), Exists: graph.True, ProviderRef: "aws"}
}

func str(s string) graph.Value { return graph.String(s, graph.Range{}) }

func boolean(b bool) graph.Value { return graph.Bool(b, graph.Range{}) }

func ref(addr, attr string) graph.Value {
	return graph.UnknownValue(addr+"."+attr+" is known only after apply", graph.Range{}).
		WithRefs(graph.Ref{Address: addr, Attr: attr})
}

func TestS3Joins(t *testing.T) {
	byRef := tfResource("aws_s3_bucket", "by_ref", map[string]graph.Value{"bucket": str("acme-ref")})
	byName := tfResource("aws_s3_bucket", "by_name", map[string]graph.Value{"bucket": str("acme-name")})
	maybe := tfResource("aws_s3_bucket", "maybe", map[string]graph.Value{"bucket": str("acme-maybe")})
	policy := tfResource("aws_s3_bucket_policy", "p", map[string]graph.Value{
		"bucket": ref("aws_s3_bucket.by_ref", "id"),
		"policy": str(`{"Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}`),
	})
	block := tfResource("aws_s3_bucket_public_access_block", "b", map[string]graph.Value{
		"bucket": str("acme-name"), "block_public_acls": boolean(true), "block_public_policy": boolean(false),
	})
	unknownTarget := tfResource("aws_s3_bucket_public_access_block", "somewhere", map[string]graph.Value{
		"bucket": graph.UnknownValue("var.target has no value", graph.Range{}),
	})
	account := tfResource("aws_s3_account_public_access_block", "acct", map[string]graph.Value{
		"block_public_acls": boolean(true), "ignore_public_acls": boolean(true),
		"block_public_policy": boolean(true), "restrict_public_buckets": boolean(true),
	})
	g := &graph.Graph{Resources: []*graph.Resource{byRef, byName, maybe, policy, block, unknownTarget, account}}
	m := Build(g, Options{})

	buckets := map[string]*S3Bucket{}
	for _, b := range m.S3.Buckets {
		buckets[b.Resource.Address] = b
	}
	if p := buckets["aws_s3_bucket.by_ref"].Policy; p == nil || p.Resource != policy || p.Bucket != buckets["aws_s3_bucket.by_ref"] {
		t.Errorf("policy joined by reference = %+v", p)
	}
	if b := buckets["aws_s3_bucket.by_name"]; b.Policy != nil || b.PublicAccessBlock == nil || b.PublicAccessBlock.Resource != block {
		t.Errorf("by_name: policy %v, block %+v", b.Policy, b.PublicAccessBlock)
	}
	if blk := buckets["aws_s3_bucket.by_name"].PublicAccessBlock; blk.BlockPublicPolicy.Test(func(v bool) bool { return !v }) != graph.True ||
		blk.RestrictPublicBuckets.Set || !IsTrue(blk.BlockPublicACLs).IsTrue() {
		t.Errorf("settings = %+v", blk)
	}
	if b := buckets["aws_s3_bucket.maybe"]; b.PublicAccessBlock != nil || b.PublicAccessBlockWhy == "" {
		t.Errorf("maybe: block %v, why %q", b.PublicAccessBlock, b.PublicAccessBlockWhy)
	}
	if enc := buckets["aws_s3_bucket.maybe"].Encryption; enc.Set || !Equals(enc, "AES256").IsTrue() {
		t.Errorf("default encryption = %+v", enc)
	}
	if len(m.S3.AccountPublicAccessBlocks) != 1 {
		t.Fatalf("account blocks = %d", len(m.S3.AccountPublicAccessBlocks))
	}
	if applies, why := m.AccountBlockApplies(m.S3.AccountPublicAccessBlocks[0], byRef); applies != graph.True {
		t.Errorf("same provider: applies = %v (%s)", applies, why)
	}
	other := tfResource("aws_s3_bucket", "other", nil)
	other.ProviderRef = "aws.us"
	g.Resources = append(g.Resources, other)
	m = Build(g, Options{})
	if applies, why := m.AccountBlockApplies(m.S3.AccountPublicAccessBlocks[0], other); applies != graph.Unknown || why == "" {
		t.Errorf("other provider: applies = %v (%s)", applies, why)
	}
	other.Unit = "elsewhere"
	m = Build(g, Options{})
	if applies, _ := m.AccountBlockApplies(m.S3.AccountPublicAccessBlocks[0], other); applies != graph.False {
		t.Errorf("other unit: applies = %v", applies)
	}
}

func TestS3EncryptionSplitAndInline(t *testing.T) {
	rule := func(alg string) graph.Value {
		return graph.List([]graph.Value{graph.Object([]graph.Field{{Key: "apply_server_side_encryption_by_default",
			Value: graph.List([]graph.Value{graph.Object([]graph.Field{{Key: "sse_algorithm", Value: str(alg)}}, graph.Range{})}, graph.Range{})}}, graph.Range{})}, graph.Range{})
	}
	legacy := tfResource("aws_s3_bucket", "legacy", map[string]graph.Value{
		"bucket":                               str("acme-legacy"),
		"server_side_encryption_configuration": graph.List([]graph.Value{graph.Object([]graph.Field{{Key: "rule", Value: rule("aws:kms:dsse")}}, graph.Range{})}, graph.Range{}),
	})
	split := tfResource("aws_s3_bucket", "split", map[string]graph.Value{"bucket": str("acme-split")})
	cfg := tfResource("aws_s3_bucket_server_side_encryption_configuration", "split", map[string]graph.Value{
		"bucket": ref("aws_s3_bucket.split", "id"), "rule": rule("AES256"),
	})
	m := Build(&graph.Graph{Resources: []*graph.Resource{legacy, split, cfg}}, Options{})
	got := map[string]String{}
	for _, b := range m.S3.Buckets {
		got[b.Resource.Address] = b.Encryption
	}
	if !IsKMSAlgorithm(got["aws_s3_bucket.legacy"]).IsTrue() {
		t.Errorf("legacy = %+v", got["aws_s3_bucket.legacy"])
	}
	if e := got["aws_s3_bucket.split"]; !Equals(e, "AES256").IsTrue() || !e.Set || e.At.Resource != cfg {
		t.Errorf("split = %+v", e)
	}
}
