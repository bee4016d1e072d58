package policy

import (
	"reflect"
	"strings"
	"testing"

	"github.com/google/cel-go/cel"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/graph/aws"
)

func cfnResource(typ, address string, props graph.Value) *graph.Resource {
	r := graph.Range{File: "stack.yaml", Start: graph.Pos{Line: 1, Column: 1}, End: graph.Pos{Line: 1, Column: 10}}
	return &graph.Resource{Format: graph.CloudFormation, Unit: "stack.yaml", Type: typ, Address: address, Attrs: new(props), Exists: graph.True, Range: r, NameRange: r}
}

// decideTyped evaluates cond on every element of a typed collection in the
// model of rs and returns the answers in model order.
func decideTyped(t *testing.T, collection, cond string, rs ...*graph.Resource) []verdict {
	t.Helper()
	env, err := NewEnv(Options{})
	if err != nil {
		t.Fatal(err)
	}
	p := &Policy{ID: "acme-test", Title: "t", Severity: 2, Description: "d", Match: []string{collection}, Condition: cond,
		File: "p.yaml", matchAt: []graph.Range{{}}}
	set, err := Compile(env, []*Policy{p}, nil)
	if err != nil {
		t.Fatalf("%s: %v", cond, err)
	}
	c := set.policies[0]
	g := &graph.Graph{Resources: rs}
	m := aws.Build(g, aws.Options{})
	// One activation for every element, as a check uses it.
	var (
		out []verdict
		act activation
	)
	for subj := range c.subjects(m) {
		out = append(out, c.decideIn(&act, env, &RunOptions{}, m, subj))
	}
	act.reset(nil, nil, nil, nil, subject{}, nil)
	if !reflect.DeepEqual(act.elemObj, objVal{}) || !reflect.DeepEqual(act.resObj, objVal{}) {
		t.Errorf("%s: objects kept after reset: %+v", cond, act)
	}
	return out
}

func TestTypedView(t *testing.T) {
	buckets := []*graph.Resource{
		cfnResource("AWS::S3::Bucket", "Versioned", obj("VersioningConfiguration", obj("Status", "Enabled"))),
		cfnResource("AWS::S3::Bucket", "Plain", obj()),
		cfnResource("AWS::S3::Bucket", "Unknown", obj("VersioningConfiguration", obj("Status", unknown("parameter Status has no value")))),
		cfnResource("AWS::S3::Bucket", "Either", obj("VersioningConfiguration", obj("Status", oneOf("Enabled", "Suspended")))),
	}
	got := decideTyped(t, "s3.buckets", `bucket.versioning != "Enabled"`, buckets...)
	want := []graph.Tri{graph.False, graph.True, graph.Unknown, graph.Unknown}
	if len(got) != len(want) {
		t.Fatalf("%d answers, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i].err != nil || got[i].tri != want[i] {
			t.Errorf("bucket %d: got %v (%s, %v), want %v", i, got[i].tri, got[i].why, got[i].err, want[i])
		}
	}
	if !strings.Contains(got[2].why, "bucket.versioning: parameter Status has no value") {
		t.Errorf("reason: %s", got[2].why)
	}
	if !strings.Contains(got[3].why, "holds for some of the values bucket.versioning may take") {
		t.Errorf("reason: %s", got[3].why)
	}
	// Values that may take several values decide when the condition does
	// not depend on which.
	if v := decideTyped(t, "s3.buckets", `bucket.versioning == "Disabled"`, buckets[3])[0]; v.tri != graph.False {
		t.Errorf("alternatives: got %v (%s)", v.tri, v.why)
	}
	// The resource of an element is the generic view.
	if v := decideTyped(t, "s3.buckets", `bucket.resource.address == resource.address && resource.type == "AWS::S3::Bucket"`, buckets[0])[0]; v.tri != graph.True {
		t.Errorf("resource: got %v (%s, %v)", v.tri, v.why, v.err)
	}
	// An absent object is not there for has().
	if v := decideTyped(t, "s3.buckets", `has(bucket.policy)`, buckets[1])[0]; v.tri != graph.False {
		t.Errorf("has(bucket.policy): got %v (%s, %v)", v.tri, v.why, v.err)
	}

	groups := []*graph.Resource{
		cfnResource("AWS::EC2::SecurityGroup", "Web", obj("GroupDescription", "web", "SecurityGroupIngress", []any{
			obj("IpProtocol", "tcp", "FromPort", 443, "ToPort", 443, "CidrIp", "0.0.0.0/0"),
			obj("IpProtocol", "tcp", "FromPort", 22, "ToPort", 22, "CidrIp", "10.0.0.0/8"),
			obj("IpProtocol", "tcp", "FromPort", 80, "ToPort", 80, "CidrIp", unknown("parameter Range has no value")),
		})),
	}
	got = decideTyped(t, "ec2.ingress_rules", `ingress_rule.cidrs.exists(c, isInternet(c)) && portsOverlap(ingress_rule.from_port, ingress_rule.to_port, 0, 1024)`, groups...)
	want = []graph.Tri{graph.True, graph.False, graph.Unknown}
	if len(got) != len(want) {
		t.Fatalf("%d rules, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i].err != nil || got[i].tri != want[i] {
			t.Errorf("rule %d: got %v (%s, %v), want %v", i, got[i].tri, got[i].why, got[i].err, want[i])
		}
	}
	if v := decideTyped(t, "ec2.security_groups", `security_group.ingress.exists(r, r.cidrs.exists(c, isInternet(c)))`, groups...)[0]; v.tri != graph.True {
		t.Errorf("security_group.ingress: got %v (%s, %v)", v.tri, v.why, v.err)
	}
}

// Every collection's elements have a resource, so that results about
// them have a place and an identity.
func TestCollectionsHaveResources(t *testing.T) {
	env, err := NewEnv(Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(env.Collections()) < 20 {
		t.Errorf("only %d collections: %v", len(env.Collections()), env.Collections())
	}
	for _, name := range env.Collections() {
		c := env.collections[name]
		if _, ok := c.elem.goType.FieldByName("Resource"); !ok {
			t.Errorf("%s: %s has no Resource", name, c.elem.goType)
		}
		if c.variable == "resource" || c.variable == "" {
			t.Errorf("%s: bad variable %q", name, c.variable)
		}
	}
}

// The examples of the helper functions in the documentation compile.
func TestHelperExamples(t *testing.T) {
	env, err := NewEnv(Options{})
	if err != nil {
		t.Fatal(err)
	}
	e, err := env.base.Extend(
		cel.Variable("bucket", env.collections["s3.buckets"].elem.obj.cel),
		cel.Variable("rule", env.collections["ec2.ingress_rules"].elem.obj.cel),
		cel.Variable("c", cel.StringType),
	)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range Helpers() {
		if _, iss := e.Compile(h.Example); iss.Err() != nil {
			t.Errorf("%s: example %s: %v", h.Signature, h.Example, iss.Err())
		}
	}
}
