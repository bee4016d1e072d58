package aws

import (
	"strings"
	"testing"

	"github.com/blindspot-iac/blindspot/graph"
)

func TestWildcardMatch(t *testing.T) {
	tests := []struct {
		pattern, value string
		want           bool
	}{
		{"*", "s3:GetObject", true},
		{"s3:*", "s3:GetObject", true},
		{"s3:Get*", "s3:getobject", true},
		{"S3:GETOBJECT", "s3:GetObject", true},
		{"s3:Put*", "s3:GetObject", false},
		{"iam:*Role*", "iam:UpdateRoleDescription", true},
		{"iam:?etRole", "iam:GetRole", true},
		{"organizations:Leave*", "organizations:LeaveOrganization", true},
		{"ec2:*", "s3:GetObject", false},
		{"", "", true},
		{"a*b*c", "aXXbYYc", true},
		{"a*b*c", "aXXbYY", false},
	}
	for _, tt := range tests {
		if got := WildcardMatch(tt.pattern, tt.value); got != tt.want {
			t.Errorf("WildcardMatch(%q, %q) = %v, want %v", tt.pattern, tt.value, got, tt.want)
		}
	}
}

// TestWildcardMatchAgreesWithLowerCasing compares WildcardMatch, which
// lowers ASCII letters as it compares, with a recursive glob match over
// lower-cased copies, the definition it keeps to, on resource types,
// actions and non-ASCII text; and checks that ASCII matching allocates
// nothing (a wildcard policy matches every resource of a scan).
func TestWildcardMatchAgreesWithLowerCasing(t *testing.T) {
	var reference func(p, v string) bool
	reference = func(p, v string) bool {
		switch {
		case p == "":
			return v == ""
		case p[0] == '*':
			return reference(p[1:], v) || (v != "" && reference(p, v[1:]))
		case v == "":
			return false
		case p[0] == '?' || p[0] == v[0]:
			return reference(p[1:], v[1:])
		}
		return false
	}
	values := []string{"aws_s3_bucket", "AWS::S3::Bucket", "aws_s3_bucket_policy", "", "a", "AWS::EC2::SecurityGroup",
		"Ä_s3", "aws_ä", "ÄWS::S3", "s3:GetObject", "iam:PassRole"}
	patterns := []string{"aws_*", "AWS::*", "aws::s3::*", "aws_s3_*", "*", "", "a?s_*", "*bucket", "*::ec2::*",
		"AWS::*::Bucket", "**", "ä_*", "Ä_*", "aws_?", "*_*_*", "äws::*", "S3:get*", "iam:*Role"}
	for _, p := range patterns {
		for _, v := range values {
			if got, want := WildcardMatch(p, v), reference(strings.ToLower(p), strings.ToLower(v)); got != want {
				t.Errorf("WildcardMatch(%q, %q) = %v, lower-cased glob says %v", p, v, got, want)
			}
		}
	}
	if n := testing.AllocsPerRun(100, func() { WildcardMatch("AWS::*::Bucket", "AWS::S3::Bucket") }); n != 0 {
		t.Errorf("WildcardMatch of ASCII text allocates %v times, want 0", n)
	}
}

func policyField(v graph.Value) Field {
	r := &graph.Resource{Address: "aws_iam_policy.p", Exists: graph.True}
	return Field{Res: r, Path: "policy", Value: v, Present: true}
}

func TestPolicyOfJSONString(t *testing.T) {
	text := `{
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "Admin", "Effect": "Allow", "Action": "*", "Resource": "*"},
    {"Effect": "Deny", "NotAction": ["iam:*"], "Resource": "*",
     "Principal": {"AWS": "*"},
     "Condition": {"Bool": {"aws:SecureTransport": "false"}}}
  ]
}`
	p := PolicyOf(policyField(graph.String(text, graph.Range{})))
	if !p.Known || p.Invalid != "" || len(p.Statements) != 2 {
		t.Fatalf("policy = %+v", p)
	}
	admin, deny := p.Statements[0], p.Statements[1]
	if admin.Sid != "Admin" || !admin.IsAllow().IsTrue() || !admin.CoversAction("ec2:RunInstances").IsTrue() || !admin.CoversAllResources().IsTrue() {
		t.Errorf("admin statement = %+v", admin)
	}
	if !deny.IsDeny().IsTrue() || deny.CoversAction("iam:CreateUser") != graph.False || !deny.CoversAction("s3:GetObject").IsTrue() {
		t.Errorf("NotAction handling wrong: %+v", deny)
	}
	if deny.Principal == nil || !deny.Principal.Wildcard.IsTrue() {
		t.Errorf("principal = %+v", deny.Principal)
	}
	if c := deny.ConditionsOn("AWS:SecureTransport"); len(c) != 1 || c[0].Operator != "Bool" || !c[0].Values.Contains("false").IsTrue() {
		t.Errorf("conditions = %+v", deny.Conditions)
	}
	if p.MinifiedSize != MinifiedLength(text) || p.MinifiedSize >= len(text) {
		t.Errorf("MinifiedSize = %d of %d", p.MinifiedSize, len(text))
	}
}

func TestPolicyOfPartlyUnknown(t *testing.T) {
	r := graph.Range{}
	stmt := graph.Object([]graph.Field{
		{Key: "Effect", Value: graph.String("Allow", r)},
		{Key: "Action", Value: graph.List([]graph.Value{graph.String("s3:GetObject", r)}, r)},
		{Key: "Resource", Value: graph.List([]graph.Value{graph.UnknownValue("aws_s3_bucket.b.arn is known only after apply", r)}, r)},
	}, r)
	p := PolicyOf(policyField(graph.Object([]graph.Field{{Key: "Statement", Value: graph.List([]graph.Value{stmt}, r)}}, r)))
	if !p.Known || len(p.Statements) != 1 {
		t.Fatalf("policy = %+v", p)
	}
	st := p.Statements[0]
	if st.CoversAllResources() != graph.Unknown {
		t.Errorf("CoversAllResources = %v, want unknown", st.CoversAllResources())
	}
	if st.Resource.Why != "aws_s3_bucket.b.arn is known only after apply" {
		t.Errorf("Why = %q", st.Resource.Why)
	}
	if p.MinifiedSize != -1 {
		t.Errorf("MinifiedSize of a partly unknown object = %d, want -1", p.MinifiedSize)
	}
}

func TestPolicyOfInvalid(t *testing.T) {
	for _, tt := range []struct {
		name string
		v    graph.Value
	}{
		{"bad json", graph.String("{not json", graph.Range{})},
		{"no statement", graph.String(`{"Version": "2012-10-17"}`, graph.Range{})},
		{"trailing content", graph.String(`{"Statement": []} x`, graph.Range{})},
	} {
		if p := PolicyOf(policyField(tt.v)); !p.Known || p.Invalid == "" {
			t.Errorf("%s: policy = %+v, want invalid", tt.name, p)
		}
	}
	if p := PolicyOf(policyField(graph.UnknownValue("var.policy has no value", graph.Range{}))); p.Known || p.Why != "var.policy has no value" {
		t.Errorf("unknown policy = %+v", p)
	}
}

func TestStringSet(t *testing.T) {
	known := StringSet{Set: true, Values: []string{"a", "b"}}
	partial := StringSet{Set: true, Values: []string{"a"}, Unknown: 1}
	isB := func(s string) bool { return s == "b" }
	isLower := func(s string) bool { return s >= "a" && s <= "z" }
	if known.Any(isB) != graph.True || partial.Any(isB) != graph.Unknown || (StringSet{Set: true, Values: []string{"a"}}).Any(isB) != graph.False {
		t.Error("Any is wrong")
	}
	if known.All(isLower) != graph.True || partial.All(isLower) != graph.Unknown || partial.All(isB) != graph.False {
		t.Error("All is wrong")
	}
}

func TestCoversAllResourcesWithReferences(t *testing.T) {
	r := graph.Range{}
	arn := graph.UnknownValue("aws_iam_role.app.arn is known only after apply", r).
		WithRefs(graph.Ref{Address: "aws_iam_role.app", Attr: "arn"})
	unknownVar := graph.UnknownValue("var.resource has no value", r)
	for _, tt := range []struct {
		name     string
		resource graph.Value
		want     graph.Tri
	}{
		{"reference element", graph.List([]graph.Value{arn}, r), graph.False},
		{"reference value", arn, graph.False},
		{"variable element", graph.List([]graph.Value{unknownVar}, r), graph.Unknown},
		{"star with reference", graph.List([]graph.Value{arn, graph.String("*", r)}, r), graph.True},
	} {
		stmt := graph.Object([]graph.Field{
			{Key: "Effect", Value: graph.String("Allow", r)},
			{Key: "Action", Value: graph.String("iam:PassRole", r)},
			{Key: "Resource", Value: tt.resource},
		}, r)
		p := PolicyOf(policyField(graph.Object([]graph.Field{{Key: "Statement", Value: stmt}}, r)))
		if got := p.Statements[0].CoversAllResources(); got != tt.want {
			t.Errorf("%s: CoversAllResources = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestGrantsPublicAccess(t *testing.T) {
	for _, tt := range []struct {
		name, doc string
		want      graph.Tri
	}{
		{"star", `{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject"}]}`, graph.True},
		{"aws star list", `{"Statement": [{"Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::111122223333:root", "*"]}, "Action": "s3:GetObject"}]}`, graph.True},
		{"account", `{"Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "s3:GetObject"}]}`, graph.False},
		{"deny", `{"Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:*"}]}`, graph.False},
		{"not principal", `{"Statement": [{"Effect": "Allow", "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "s3:*"}]}`, graph.True},
		{"org condition", `{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-abc123"}}}]}`, graph.False},
		{"source ip", `{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Condition": {"IpAddress": {"aws:SourceIp": ["203.0.113.0/24"]}}}]}`, graph.False},
		{"source ip any", `{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Condition": {"IpAddress": {"aws:SourceIp": "0.0.0.0/0"}}}]}`, graph.True},
		{"like wildcard", `{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Condition": {"StringLike": {"aws:PrincipalArn": "*"}}}]}`, graph.True},
		{"negated", `{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Condition": {"StringNotEquals": {"aws:PrincipalOrgID": "o-abc123"}}}]}`, graph.True},
		{"if exists", `{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Condition": {"StringEqualsIfExists": {"aws:SourceVpce": "vpce-1"}}}]}`, graph.True},
		{"transport only", `{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Condition": {"Bool": {"aws:SecureTransport": "true"}}}]}`, graph.True},
		{"kms caller account", `{"Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "kms:Decrypt", "Condition": {"StringEquals": {"kms:CallerAccount": "111122223333"}}}]}`, graph.False},
		{"identity policy", `{"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}`, graph.False},
	} {
		p := PolicyOf(policyField(graph.String(tt.doc, graph.Range{})))
		if len(p.Statements) != 1 {
			t.Fatalf("%s: %+v", tt.name, p)
		}
		if got := p.Statements[0].GrantsPublicAccess(); got != tt.want {
			t.Errorf("%s: GrantsPublicAccess = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestDeniesInsecureTransport(t *testing.T) {
	for _, tt := range []struct {
		name, doc string
		want      graph.Tri
	}{
		{"documented form", `{"Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}`, graph.True},
		{"bool value", `{"Statement": [{"Effect": "Deny", "Principal": {"AWS": "*"}, "Action": "*", "Condition": {"Bool": {"aws:securetransport": false}}}]}`, graph.True},
		{"only get", `{"Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:GetObject", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}`, graph.False},
		{"tls version", `{"Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Condition": {"NumericLessThan": {"s3:TlsVersion": "1.2"}}}]}`, graph.False},
		{"allow", `{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:*", "Condition": {"Bool": {"aws:SecureTransport": "true"}}}]}`, graph.False},
	} {
		p := PolicyOf(policyField(graph.String(tt.doc, graph.Range{})))
		got := p.AnyStatement(func(st *Statement) graph.Tri { return st.DeniesInsecureTransport("s3") })
		if got != tt.want {
			t.Errorf("%s: DeniesInsecureTransport = %v, want %v", tt.name, got, tt.want)
		}
	}
}
