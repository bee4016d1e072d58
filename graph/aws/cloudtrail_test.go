package aws

import (
	"testing"

	"github.com/blindspot-iac/blindspot/graph"
)

// TestPrefixSelects: an ARN prefix of a data resource or advanced selector
// selects the objects whose ARN starts with it.
func TestPrefixSelects(t *testing.T) {
	named := &S3Bucket{Name: Known("acme-data", true, graph.Loc{}), name: Field{Value: str("acme-data"), Present: true}}
	unnamed := &S3Bucket{Name: UnknownAttr[string]("var.name is not known", graph.Loc{}),
		name: Field{Value: graph.UnknownValue("var.name is not known", graph.Range{}), Present: true}}
	generated := &S3Bucket{}
	tests := []struct {
		prefix          string
		bucket          *S3Bucket
		covers, touches graph.Tri
	}{
		{"arn:aws:s3", named, graph.True, graph.True},
		{"arn:aws:s3:::", named, graph.True, graph.True},
		{"arn:aws-us-gov:s3", generated, graph.True, graph.True},
		{"arn:aws:s3:::acme-data/", named, graph.True, graph.True},
		{"arn:aws:s3:::acme-data", named, graph.True, graph.True},
		{"arn:aws:s3:::acme-", named, graph.True, graph.True},
		{"arn:aws:s3:::acme-data/logs/", named, graph.False, graph.True},
		{"arn:aws:s3:::acme-database/", named, graph.False, graph.False},
		{"arn:aws:s3:::other/", named, graph.False, graph.False},
		{"arn:aws:lambda", named, graph.False, graph.False},
		{"arn:aws:s3:::acme-data/", unnamed, graph.Unknown, graph.Unknown},
		{"arn:aws:s3:::acme-data/", generated, graph.False, graph.False},
		{"s3://acme-data/", named, graph.False, graph.False},
	}
	for _, tt := range tests {
		covers, touches := prefixSelects(tt.prefix, tt.bucket)
		if covers != tt.covers || touches != tt.touches {
			t.Errorf("prefixSelects(%q) = %v, %v, want %v, %v", tt.prefix, covers, touches, tt.covers, tt.touches)
		}
	}
}
