package aws

import (
	"strings"
	"testing"

	"github.com/blindspot-iac/blindspot/graph"
)

// TestUnreadInAccount: a module whose code was not read may create
// account-level settings only in the accounts of the AWS providers it
// receives; one given no AWS provider explicitly has an unknown account.
func TestUnreadInAccount(t *testing.T) {
	pinned := func(alias, id string) *graph.Provider {
		addr := "aws"
		if alias != "" {
			addr = "aws." + alias
		}
		return &graph.Provider{Unit: "root", Name: "aws", Alias: alias, Address: addr,
			Attrs: graph.Object([]graph.Field{{Key: "allowed_account_ids", Value: graph.List([]graph.Value{str(id)}, graph.Range{})}}, graph.Range{})}
	}
	main, audit := pinned("", "111111111111"), pinned("audit", "222222222222")
	bucket := tfResource("aws_s3_bucket", "b", map[string]graph.Value{"bucket": str("acme")})
	bucket.Provider = main
	call := func(providers map[string]*graph.Provider, given bool) *graph.UnreadModule {
		return &graph.UnreadModule{Unit: "root", Address: "module.m", Source: "acme/m/aws", Reason: graph.NotDownloaded,
			Exists: graph.True, Args: graph.Object(nil, graph.Range{}), Providers: providers, ProvidersGiven: given}
	}
	tests := []struct {
		name string
		call *graph.UnreadModule
		want graph.Tri
	}{
		{"inherits the bucket's provider", call(map[string]*graph.Provider{"aws": main}, false), graph.Unknown},
		{"given another account's provider", call(map[string]*graph.Provider{"aws": audit}, true), graph.False},
		{"given both", call(map[string]*graph.Provider{"aws": audit, "aws.main": main}, true), graph.Unknown},
		{"given no AWS provider", call(map[string]*graph.Provider{}, true), graph.Unknown},
		{"in another unit", func() *graph.UnreadModule {
			c := call(map[string]*graph.Provider{"aws": main}, false)
			c.Unit = "other"
			return c
		}(), graph.False},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := &graph.Graph{Resources: []*graph.Resource{bucket}, Providers: []*graph.Provider{main, audit}, UnreadModules: []*graph.UnreadModule{tt.call}}
			m := Build(g, Options{})
			got, why := m.UnreadInAccount(bucket, "an account-level block")
			if got != tt.want || (got == graph.Unknown) != strings.Contains(why, "module.m comes from acme/m/aws, which has not been downloaded, and may create an account-level block") {
				t.Errorf("UnreadInAccount = %v, %q; want %v", got, why, tt.want)
			}
		})
	}
}

// TestUnreadReceiving: a module configures a resource only if its
// arguments refer to it or hold its literal name.
func TestUnreadReceiving(t *testing.T) {
	bucket := tfResource("aws_s3_bucket", "b", map[string]graph.Value{"bucket": str("acme-logs")})
	args := func(fields ...graph.Field) *graph.UnreadModule {
		return &graph.UnreadModule{Unit: "root", Address: "module.m", Source: "./gone", Reason: graph.SourceMissing,
			Exists: graph.True, Args: graph.Object(fields, graph.Range{})}
	}
	tests := []struct {
		name string
		call *graph.UnreadModule
		want bool
	}{
		{"reference", args(graph.Field{Key: "bucket", Value: ref("aws_s3_bucket.b", "arn")}), true},
		{"reference inside a list", args(graph.Field{Key: "buckets", Value: graph.List([]graph.Value{ref("aws_s3_bucket.b", "id")}, graph.Range{})}), true},
		{"literal name", args(graph.Field{Key: "name", Value: str("acme-logs")}), true},
		{"another bucket", args(graph.Field{Key: "bucket", Value: ref("aws_s3_bucket.other", "id")}, graph.Field{Key: "name", Value: str("acme")}), false},
		{"nothing", args(), false},
	}
	for _, tt := range tests {
		g := &graph.Graph{Resources: []*graph.Resource{bucket}, UnreadModules: []*graph.UnreadModule{tt.call}}
		m := Build(g, Options{})
		u := m.UnreadReceiving(bucket, m.S3.Buckets[0].Name)
		if (u != nil) != tt.want {
			t.Errorf("%s: UnreadReceiving = %v, want %v", tt.name, u, tt.want)
		}
		if tt.want && !strings.Contains(m.S3.Buckets[0].PolicyWhy, "module.m comes from ./gone, which does not exist") {
			t.Errorf("%s: bucket policy why = %q", tt.name, m.S3.Buckets[0].PolicyWhy)
		}
	}
}
