package policy

import (
	"testing"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// BenchmarkDecide is one evaluation of typical conditions on one resource.
func BenchmarkDecide(b *testing.B) {
	r := tfResource("aws_s3_bucket", obj("bucket", "acme-data", "acl", "private",
		"tags", obj("owner", "team-a", "cost-center", "42"),
		"grants", []any{"a", "b", "c"}))
	g := &graph.Graph{Resources: []*graph.Resource{r}}
	m := aws.Build(g, aws.Options{})
	for _, cond := range []string{
		`!("owner" in resource.tags) || !("cost-center" in resource.tags) || resource.tags.owner == ""`,
		`resource.attributes.?acl.orValue(resource.attributes.?AccessControl.orValue("private")) != "private"`,
		`resource.attributes.grants.exists(g, g == "z")`,
	} {
		b.Run(cond[:20], func(b *testing.B) {
			env, err := NewEnv(Options{})
			if err != nil {
				b.Fatal(err)
			}
			p := &Policy{ID: "acme-bench", Title: "t", Severity: rules.Low, Description: "d", Match: []string{"aws_s3_bucket"},
				Condition: cond, File: "p.yaml", matchAt: []graph.Range{{}}}
			set, err := Compile(env, []*Policy{p}, nil)
			if err != nil {
				b.Fatal(err)
			}
			c := set.policies[0]
			run := &RunOptions{}
			b.ReportAllocs()
			for b.Loop() {
				if v := c.decide(env, run, m, subject{resource: r}); v.err != nil {
					b.Fatal(v.err)
				}
			}
		})
	}
}
