package policy

import (
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/graph/aws"
)

// obj builds an object value from alternating keys and values.
func obj(kv ...any) graph.Value {
	var fs []graph.Field
	for i := 0; i+1 < len(kv); i += 2 {
		fs = append(fs, graph.Field{Key: kv[i].(string), Value: val(kv[i+1])})
	}
	return graph.Object(fs, graph.Range{})
}

func val(x any) graph.Value {
	switch x := x.(type) {
	case graph.Value:
		return x
	case string:
		return graph.String(x, graph.Range{})
	case int:
		return graph.Number(float64(x), graph.Range{})
	case bool:
		return graph.Bool(x, graph.Range{})
	case []any:
		var es []graph.Value
		for _, e := range x {
			es = append(es, val(e))
		}
		return graph.List(es, graph.Range{})
	case nil:
		return graph.Null(graph.Range{})
	}
	panic("val")
}

func unknown(why string) graph.Value { return graph.UnknownValue(why, graph.Range{}) }

func oneOf(alts ...any) graph.Value {
	var vs []graph.Value
	for _, a := range alts {
		vs = append(vs, val(a))
	}
	return graph.OneOf(vs, "Fn::If on condition IsProd, which is not known", graph.Range{})
}

func tfResource(typ string, attrs graph.Value) *graph.Resource {
	r := graph.Range{File: "main.tf", Start: graph.Pos{Line: 1, Column: 1}, End: graph.Pos{Line: 1, Column: 10}}
	return &graph.Resource{Format: graph.Terraform, Unit: ".", Type: typ, Address: typ + ".this", Attrs: new(attrs), Exists: graph.True, Range: r, NameRange: r}
}

// compileOne compiles a policy of condition cond matching match.
func compileOne(t *testing.T, match, cond string) (*Env, *compiled) {
	t.Helper()
	env, err := NewEnv(Options{})
	if err != nil {
		t.Fatal(err)
	}
	p := &Policy{ID: "acme-test", Title: "t", Severity: 2, Description: "d", Match: []string{match}, Condition: cond,
		File: "p.yaml", matchAt: []graph.Range{{}}}
	set, err := Compile(env, []*Policy{p}, nil)
	if err != nil {
		t.Fatalf("%s: %v", cond, err)
	}
	return env, set.policies[0]
}

// decideOn compiles cond for resources of r's type and evaluates it on r.
func decideOn(t *testing.T, cond string, r *graph.Resource) verdict {
	t.Helper()
	env, c := compileOne(t, r.Type, cond)
	g := &graph.Graph{Resources: []*graph.Resource{r}}
	m := aws.Build(g, aws.Options{})
	run := &RunOptions{AccountTags: map[string]map[string]string{"111111111111": {"environment": "production"}}}
	return c.decide(env, run, m, subject{resource: r})
}

func TestThreeValued(t *testing.T) {
	r := tfResource("aws_s3_bucket", obj(
		"bucket", unknown("var.name has no value"),
		"acl", "private",
		"force_destroy", true,
		"tags", obj("owner", "team-a", "cost", unknown("var.cost has no value")),
		"grants", []any{"a", unknown("var.grant has no value")},
		"logging", []any{obj("target_bucket", "logs")},
	))
	tests := []struct {
		cond string
		want graph.Tri
		why  string // part of the reason, for Unknown
	}{
		{`resource.attributes.acl == "private"`, graph.True, ""},
		{`resource.attributes.bucket == "x"`, graph.Unknown, "resource.attributes.bucket: var.name has no value"},
		// || and && short-circuit past unknowns as CEL defines: a known
		// true (false) operand decides whatever the other is.
		{`resource.attributes.bucket == "x" || resource.attributes.acl == "private"`, graph.True, ""},
		{`resource.attributes.acl == "private" || resource.attributes.bucket == "x"`, graph.True, ""},
		{`resource.attributes.bucket == "x" && resource.attributes.acl == "public"`, graph.False, ""},
		{`resource.attributes.bucket == "x" && resource.attributes.acl == "private"`, graph.Unknown, "var.name"},
		{`resource.attributes.bucket == "x" || resource.attributes.acl == "public"`, graph.Unknown, "var.name"},
		{`!(resource.attributes.bucket == "x")`, graph.Unknown, "var.name"},
		{`resource.attributes.bucket == "x" ? true : false`, graph.Unknown, "var.name"},
		// has() tests presence; on a present key whose value is unknown it
		// is unknown, as in CEL's partial evaluation.
		{`has(resource.attributes.acl)`, graph.True, ""},
		{`has(resource.attributes.versioning)`, graph.False, ""},
		{`has(resource.attributes.bucket)`, graph.Unknown, "var.name"},
		{`!has(resource.attributes.versioning) || resource.attributes.versioning[0].enabled`, graph.True, ""},
		// Comprehensions: exists() is true when a known element satisfies
		// the predicate, all() false when a known element does not.
		{`resource.attributes.grants.exists(g, g == "a")`, graph.True, ""},
		{`resource.attributes.grants.exists(g, g == "b")`, graph.Unknown, "resource.attributes.grants[1]: var.grant has no value"},
		{`resource.attributes.grants.all(g, g == "b")`, graph.False, ""},
		{`resource.attributes.grants.all(g, g == "a")`, graph.Unknown, "var.grant"},
		// Membership is three-valued too.
		{`"a" in resource.attributes.grants`, graph.True, ""},
		{`"b" in resource.attributes.grants`, graph.Unknown, "var.grant"},
		{`size(resource.attributes.grants) == 2`, graph.True, ""},
		{`resource.attributes.logging[0].target_bucket == "logs"`, graph.True, ""},
		{`resource.attributes.force_destroy`, graph.True, ""},
		// Tags.
		{`"owner" in resource.tags`, graph.True, ""},
		{`"team" in resource.tags`, graph.False, ""},
		{`resource.tags.owner == "team-a"`, graph.True, ""},
		{`resource.tags.cost == "1"`, graph.Unknown, "var.cost"},
		{`resource.tags.exists(k, k == "owner")`, graph.True, ""},
		// The generic view.
		{`resource.type == "aws_s3_bucket" && resource.format == "terraform" && resource.address == "aws_s3_bucket.this"`, graph.True, ""},
		{`resource.module_path == ""`, graph.True, ""},
		{`resource.region == "eu-west-1"`, graph.Unknown, "region"},
		{`resource.account.id == "1"`, graph.Unknown, "account"},
	}
	for _, tt := range tests {
		t.Run(tt.cond, func(t *testing.T) {
			v := decideOn(t, tt.cond, r)
			if v.err != nil {
				t.Fatalf("error: %v", v.err)
			}
			if v.tri != tt.want {
				t.Errorf("got %v (%s), want %v", v.tri, v.why, tt.want)
			}
			if tt.want == graph.Unknown && !strings.Contains(v.why, tt.why) {
				t.Errorf("reason %q does not mention %q", v.why, tt.why)
			}
		})
	}
}

func TestErrors(t *testing.T) {
	r := tfResource("aws_s3_bucket", obj("acl", "private"))
	for _, cond := range []string{
		`resource.attributes.versioning.enabled`,   // no such key
		`resource.attributes.acl + 1 == 2`,         // no such overload
		`resource.attributes.acl`,                  // not a bool
		`cidrContains("not-a-cidr", "10.0.0.0/8")`, // bad argument
	} {
		v := decideOn(t, cond, r)
		if v.err == nil {
			t.Errorf("%s: got %v, want an evaluation error", cond, v.tri)
		}
	}
}

// A value that may take one of several values (CloudFormation Fn::If on
// an unknown condition) is decided when the condition gives the same
// answer for each.
func TestAlternatives(t *testing.T) {
	r := tfResource("aws_s3_bucket", obj(
		"acl", oneOf("private", "log-delivery-write"),
		"mode", oneOf("a", "b"),
	))
	tests := []struct {
		cond string
		want graph.Tri
	}{
		{`resource.attributes.acl == "public-read"`, graph.False},
		{`resource.attributes.acl != "public-read"`, graph.True},
		{`resource.attributes.acl == "private"`, graph.Unknown},
		{`resource.attributes.acl.startsWith("p") || resource.attributes.acl.startsWith("l")`, graph.True},
		{`resource.attributes.acl == "private" && resource.attributes.mode == "c"`, graph.False},
		{`resource.attributes.mode in ["a", "b"] && resource.attributes.acl.size() > 3`, graph.True},
	}
	for _, tt := range tests {
		v := decideOn(t, tt.cond, r)
		if v.err != nil || v.tri != tt.want {
			t.Errorf("%s: got %v (%s, %v), want %v", tt.cond, v.tri, v.why, v.err, tt.want)
		}
	}
}

func TestHelpers(t *testing.T) {
	r := tfResource("aws_security_group", obj(
		"ingress", []any{
			obj("from_port", 22, "to_port", 22, "cidr_blocks", []any{"0.0.0.0/0"}),
			obj("from_port", "443", "to_port", "443", "cidr_blocks", []any{"10.0.0.0/8"}),
		},
		"policy", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}`,
		"doc", obj("Statement", []any{obj("Effect", "Allow", "Action", []any{"s3:*"}, "Resource", "*"),
			obj("Effect", "Deny", "Action", "s3:DeleteBucket", "Resource", "*")}),
		"name", "alias/acme-payments",
		"address", "module.legacy/aws_s3_bucket.x",
	))
	tests := []struct {
		cond string
		want graph.Tri
	}{
		{`resource.attributes.ingress.exists(r, r.cidr_blocks.exists(c, isInternet(c)) && portsOverlap(r.from_port, r.to_port, 22, 22))`, graph.True},
		{`resource.attributes.ingress.exists(r, r.cidr_blocks.exists(c, isInternet(c)) && portsOverlap(r.from_port, r.to_port, 443, 443))`, graph.False},
		{`portsOverlap(-1, -1, 3389, 3389)`, graph.True},
		{`portsOverlap("80", 90, 91, 100)`, graph.False},
		{`isInternet("::/0") && !isInternet("10.0.0.0/8") && !isInternet("sg-123")`, graph.True},
		{`cidrContains("10.0.0.0/8", "10.1.0.0/16") && cidrContains("10.0.0.0/8", "10.1.2.3") && !cidrContains("10.0.0.0/16", "10.0.0.0/8")`, graph.True},
		{`cidrOverlaps("10.0.0.0/16", "10.0.255.0/24") && !cidrOverlaps("10.0.0.0/16", "10.1.0.0/16")`, graph.True},
		{`iamPolicy(resource.attributes.policy).public()`, graph.True},
		{`iamPolicy(resource.attributes.policy).allows("s3:GetObject", "arn:aws:s3:::b/key")`, graph.True},
		{`iamPolicy(resource.attributes.policy).allows("s3:PutObject", "arn:aws:s3:::b/key")`, graph.False},
		{`iamPolicy(resource.attributes.doc).allows("s3:PutObject", "arn:aws:s3:::b")`, graph.True},
		{`iamPolicy(resource.attributes.doc).allows("s3:DeleteBucket", "arn:aws:s3:::b")`, graph.False},
		{`iamPolicy(resource.attributes.doc).public()`, graph.False},
		{`resource.attributes.name.matches("^alias/acme-[a-z0-9-]+$")`, graph.True},
		{`resource.attributes.address.glob("module.legacy*/**")`, graph.True},
		{`resource.attributes.address.glob("module.new*/**")`, graph.False},
		{`resource.attributes.name.lowerAscii().startsWith("alias/")`, graph.True},
	}
	for _, tt := range tests {
		v := decideOn(t, tt.cond, r)
		if v.err != nil || v.tri != tt.want {
			t.Errorf("%s: got %v (%s, %v), want %v", tt.cond, v.tri, v.why, v.err, tt.want)
		}
	}
}

// A policy document's helpers name the call an undetermined answer
// depends on.
func TestHelperUnknowns(t *testing.T) {
	r := tfResource("aws_iam_policy", obj(
		"doc", obj("Statement", []any{obj("Effect", "Allow", "Principal", unknown("var.who has no value"),
			"Action", unknown("var.action has no value"), "Resource", "*")}),
	))
	for cond, why := range map[string]string{
		`iamPolicy(resource.attributes.doc).allows("s3:GetObject", "*")`: `depends on iamPolicy(resource.attributes.doc).allows("s3:GetObject", "*")`,
		`iamPolicy(resource.attributes.doc).public()`:                    `depends on iamPolicy(resource.attributes.doc).public()`,
	} {
		v := decideOn(t, cond, r)
		if v.err != nil || v.tri != graph.Unknown || !strings.HasPrefix(v.why, why) {
			t.Errorf("%s: got %v (%s, %v), want unknown: %s...", cond, v.tri, v.why, v.err, why)
		}
	}
}

func TestSnakeCase(t *testing.T) {
	for in, want := range map[string]string{
		"BlockPublicACLs": "block_public_acls",
		"KMSEncrypted":    "kms_encrypted",
		"CIDRs":           "cidrs",
		"FromPort":        "from_port",
		"VPCs":            "vpcs",
		"SSLPolicy":       "ssl_policy",
		"URLs":            "urls",
		"S3Protection":    "s3_protection",
		"Name":            "name",
	} {
		if got := snakeCase(in); got != want {
			t.Errorf("snakeCase(%s) = %s, want %s", in, got, want)
		}
	}
}

// TestDocumentCache: a document read again from the same text is parsed
// once, and each read is still an object of its own.
func TestDocumentCache(t *testing.T) {
	doc := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}`
	r := tfResource("aws_s3_bucket", obj("policy", doc, "other", doc))
	for _, tt := range []struct {
		cond string
		want graph.Tri
	}{
		{`iamPolicy(resource.attributes.policy).public() && iamPolicy(resource.attributes.other).public()`, graph.True},
		{`iamPolicy(resource.attributes.policy) == iamPolicy(resource.attributes.other)`, graph.False},
		{`iamPolicy(resource.attributes.policy).allows("s3:PutObject", "*")`, graph.False},
	} {
		if v := decideOn(t, tt.cond, r); v.err != nil || v.tri != tt.want {
			t.Errorf("%s: got %v (%s, %v), want %v", tt.cond, v.tri, v.why, v.err, tt.want)
		}
	}
	var c documentCache
	a, b := c.parse(doc), c.parse(doc)
	if a == b {
		t.Errorf("parse returned the same document twice")
	}
	if len(a.Statements) != 1 || len(b.Statements) != 1 || a.Statements[0] != b.Statements[0] {
		t.Errorf("the document was parsed twice")
	}
}

// TestUnknownsSharedAcrossEvaluations: an unknown path has one CEL unknown
// per scan, yet each evaluation gives its own reasons, in the order it read
// them, whatever other evaluations read first; past the paths a scan
// keeps, evaluations number unknowns of their own.
func TestUnknownsSharedAcrossEvaluations(t *testing.T) {
	env, err := NewEnv(Options{})
	if err != nil {
		t.Fatal(err)
	}
	p := &Policy{ID: "acme-test", Title: "t", Severity: 2, Description: "d", Match: []string{"aws_s3_bucket"},
		Condition: `resource.attributes.b == "x" || resource.attributes.a == "x"`, File: "p.yaml", matchAt: []graph.Range{{}}}
	set, err := Compile(env, []*Policy{p}, nil)
	if err != nil {
		t.Fatal(err)
	}
	c := set.policies[0]
	decide := func(r *graph.Resource) string {
		t.Helper()
		g := &graph.Graph{Resources: []*graph.Resource{r}}
		v := c.decide(env, &RunOptions{}, aws.Build(g, aws.Options{}), subject{resource: r})
		if v.err != nil || v.tri != graph.Unknown {
			t.Fatalf("got %v (%v), want unknown", v.tri, v.err)
		}
		return v.why
	}
	// The first resource makes the unknown of a only; the second reads b
	// first, then a.
	first := tfResource("aws_s3_bucket", obj("a", unknown("var.a has no value"), "b", "y"))
	second := tfResource("aws_s3_bucket", obj("a", unknown("var.other has no value"), "b", unknown("var.b has no value")))
	for range 2 {
		if got, want := decide(first), "depends on resource.attributes.a: var.a has no value"; got != want {
			t.Errorf("first: %q, want %q", got, want)
		}
		if got, want := decide(second), "depends on resource.attributes.b: var.b has no value; resource.attributes.a: var.other has no value"; got != want {
			t.Errorf("second: %q, want %q", got, want)
		}
		// Fill the paths a scan keeps: the same answers follow.
		env.unknowns.byPath = map[string]pathUnknown{"resource.attributes.b": env.unknowns.byPath["resource.attributes.b"]}
		for i := 1; len(env.unknowns.byPath) < maxUnknownPaths; i++ {
			env.unknowns.byPath[strconv.Itoa(i)] = pathUnknown{}
		}
	}
}

// An activation reset after an evaluation is as a new one, but for the
// storage it keeps.
func TestActivationReset(t *testing.T) {
	r := tfResource("aws_s3_bucket", obj("tags", obj("owner", "a", "env", unknown("var.env has no value")), "acl", "private"))
	env, c := compileOne(t, r.Type, `resource.account.tags.?environment.orValue("") == "prod" || resource.tags.env == "x" || resource.attributes.acl == "y"`)
	m := aws.Build(&graph.Graph{Resources: []*graph.Resource{r}}, aws.Options{})
	act := &activation{}
	if v := c.decideIn(act, env, &RunOptions{}, m, subject{resource: r}); v.tri != graph.Unknown {
		t.Fatalf("got %v (%s, %v), want unknown", v.tri, v.why, v.err)
	}
	if act.state.account.typ == nil || act.state.attrs.st == nil || act.state.tagsVal.st == nil || act.resource == nil || len(act.state.unknowns) == 0 {
		t.Fatal("the evaluation did not use every slot")
	}
	act.reset(nil, nil, nil, nil, subject{}, nil)
	want := evalState{unknowns: act.state.unknowns, tagBuf: act.state.tagBuf}
	if !reflect.DeepEqual(act.state, want) || len(want.unknowns) != 0 || len(want.tagBuf) != 0 {
		t.Errorf("state after reset: %+v", act.state)
	}
	if !reflect.DeepEqual(act.resObj, objVal{}) || act.resource != nil || act.elem != nil || act.meter != (meter{}) {
		t.Errorf("activation after reset: %+v", act)
	}
	for _, at := range act.state.unknowns[:cap(act.state.unknowns)] {
		if at != (unknownAt{}) {
			t.Errorf("unknowns kept after reset: %+v", at)
		}
	}
}
