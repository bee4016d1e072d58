package policy

import (
	"reflect"
	"testing"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/graph/aws"
)

// TestAttributeGuards checks which conditions have attribute guards, and
// that a resource a guard answers gets the verdict, and the cost, an
// evaluation gives.
func TestAttributeGuards(t *testing.T) {
	resources := []*graph.Resource{
		tfResource("aws_s3_bucket", obj("bucket", "b")),
		tfResource("aws_s3_bucket", obj("tags", obj("owner", "a"))),
		tfResource("aws_s3_bucket", obj("tags", nil)),
		tfResource("aws_s3_bucket", unknown("the module's outputs are not known")),
		tfResource("aws_s3_bucket", obj("tags", unknown("var.tags has no value"))),
	}
	for _, tc := range []struct {
		cond   string
		guards []string
	}{
		{`has(resource.attributes.tags) && size(resource.tags) == 0`, []string{"tags"}},
		{`resource.address != "" && has(resource.attributes.tags) && has(resource.attributes.acl)`, []string{"tags", "acl"}},
		{`has(resource.attributes.tags) && !resource.tags.exists(k, k == "env")`, []string{"tags"}},
		// A comprehension before the guard is charged when it runs.
		{`resource.tags.exists(k, k == "env") && has(resource.attributes.tags)`, nil},
		{`[1, 2].all(x, x > 0) && has(resource.attributes.tags)`, nil},
		// Not a conjunction's term, or not the resource's attributes.
		{`has(resource.attributes.tags) || resource.address == ""`, nil},
		{`!has(resource.attributes.tags)`, nil},
		{`has(resource.tags.owner) && true`, nil},
		{`[resource].exists(resource, has(resource.attributes.tags))`, nil},
	} {
		env, c := compileOne(t, "aws_s3_bucket", tc.cond)
		if !reflect.DeepEqual(c.attrGuards, tc.guards) {
			t.Errorf("%s: guards %q, want %q", tc.cond, c.attrGuards, tc.guards)
		}
		guards := c.attrGuards
		for _, r := range resources {
			m := aws.Build(&graph.Graph{Resources: []*graph.Resource{r}}, aws.Options{})
			c.attrGuards = guards
			got := c.decide(env, &RunOptions{}, m, subject{resource: r})
			c.attrGuards = nil
			want := c.decide(env, &RunOptions{}, m, subject{resource: r})
			if (got.err == nil) != (want.err == nil) || got.err != nil && got.err.Error() != want.err.Error() {
				t.Errorf("%s on %v: error %v, evaluated %v", tc.cond, r.Attrs, got.err, want.err)
			}
			got.err, want.err = nil, nil
			if got != want {
				t.Errorf("%s on %v: %+v, evaluated %+v", tc.cond, r.Attrs, got, want)
			}
		}
	}
}
