package aws

import (
	"strings"
	"testing"

	"github.com/blindspot-iac/blindspot/graph"
)

func list(vs ...graph.Value) graph.Value { return graph.List(vs, graph.Range{}) }

const denyLeave = `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"organizations:LeaveOrganization","Resource":"*"}]}`

// orgGraph builds an organisation with two top-level OUs (one holding a
// nested OU with an account) and one SCP, attached by the given targets.
func orgGraph(targets ...graph.Value) *graph.Graph {
	org := tfResource("aws_organizations_organization", "this", map[string]graph.Value{"feature_set": str("ALL")})
	sec := tfResource("aws_organizations_organizational_unit", "security", map[string]graph.Value{
		"parent_id": ref("aws_organizations_organization.this", "roots"),
	})
	wl := tfResource("aws_organizations_organizational_unit", "workloads", map[string]graph.Value{
		"parent_id": ref("aws_organizations_organization.this", "roots"),
	})
	prod := tfResource("aws_organizations_organizational_unit", "prod", map[string]graph.Value{
		"parent_id": ref("aws_organizations_organizational_unit.workloads", "id"),
	})
	acct := tfResource("aws_organizations_account", "app", map[string]graph.Value{
		"parent_id": ref("aws_organizations_organizational_unit.prod", "id"),
	})
	pol := tfResource("aws_organizations_policy", "deny_leave", map[string]graph.Value{"content": str(denyLeave)})
	g := &graph.Graph{Resources: []*graph.Resource{org, sec, wl, prod, acct, pol}}
	for i, t := range targets {
		g.Resources = append(g.Resources, tfResource("aws_organizations_policy_attachment", "a"+string(rune('0'+i)), map[string]graph.Value{
			"policy_id": ref("aws_organizations_policy.deny_leave", "id"),
			"target_id": t,
		}))
	}
	return g
}

func TestOrganizationsApplies(t *testing.T) {
	root := ref("aws_organizations_organization.this", "roots")
	sec := ref("aws_organizations_organizational_unit.security", "id")
	wl := ref("aws_organizations_organizational_unit.workloads", "id")
	prod := ref("aws_organizations_organizational_unit.prod", "id")
	for _, tc := range []struct {
		name    string
		targets []graph.Value
		want    graph.Tri
		why     string
	}{
		{"root", []graph.Value{root}, graph.True, ""},
		{"literal root", []graph.Value{str("r-ab12")}, graph.True, ""},
		{"every top-level OU", []graph.Value{sec, wl}, graph.True, ""},
		{"one OU", []graph.Value{wl}, graph.False, "attached neither to the root nor above aws_organizations_organizational_unit.security"},
		{"nested OU only", []graph.Value{sec, prod}, graph.False, "nor above aws_organizations_organizational_unit.workloads"},
		{"nothing", nil, graph.False, ""},
		{"unknown target", []graph.Value{graph.UnknownValue("var.target has no value", graph.Range{})}, graph.Unknown, "var.target has no value"},
		// A literal OU ID may or may not be one of the OUs managed here.
		{"literal OU", []graph.Value{str("ou-ab12-cdefgh34")}, graph.Unknown, "attaches aws_organizations_policy.deny_leave"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := Build(orgGraph(tc.targets...), Options{})
			o := m.Organizations
			if len(o.Orgs) != 1 || len(o.Units) != 3 || len(o.Accounts) != 1 || len(o.Policies) != 1 {
				t.Fatalf("model: %d orgs, %d OUs, %d accounts, %d policies", len(o.Orgs), len(o.Units), len(o.Accounts), len(o.Policies))
			}
			got, why := o.Applies(o.Policies[0], o.Orgs[0])
			if got != tc.want || !strings.Contains(why, tc.why) {
				t.Errorf("Applies = %v (%q), want %v (%q)", got, why, tc.want, tc.why)
			}
			held, _, _ := o.Guardrail(o.Orgs[0], func(p *Policy) graph.Tri {
				return p.AnyStatement(func(st *Statement) graph.Tri { return st.DeniesAction("organizations:LeaveOrganization") })
			})
			if held != tc.want {
				t.Errorf("Guardrail = %v, want %v", held, tc.want)
			}
		})
	}
}

func TestOrgPolicyAttachments(t *testing.T) {
	g := orgGraph(ref("aws_organizations_organization.this", "roots"))
	g.Resources = append(g.Resources,
		tfResource("aws_organizations_policy", "spare", map[string]graph.Value{"content": str(denyLeave)}),
		tfResource("aws_organizations_policy", "tags", map[string]graph.Value{"type": str("TAG_POLICY"), "content": str(`{"tags":{}}`)}),
		tfResource("aws_organizations_policy_attachment", "full", map[string]graph.Value{
			"policy_id": str("p-FullAWSAccess"), "target_id": ref("aws_organizations_organization.this", "roots"),
		}),
	)
	m := Build(g, Options{})
	o := m.Organizations
	want := map[string]graph.Tri{
		"aws_organizations_policy.deny_leave": graph.True,
		"aws_organizations_policy.spare":      graph.False,
		"aws_organizations_policy.tags":       graph.False,
	}
	for _, p := range o.Policies {
		got, _ := p.IsAttached()
		if got != want[p.Resource.Address] {
			t.Errorf("%s attached = %v, want %v", p.Resource.Address, got, want[p.Resource.Address])
		}
	}
	var explicit []*PolicyAttachment
	implicit := map[string]bool{}
	for _, a := range o.Attachments {
		if a.Implicit {
			implicit[a.Resource.Address] = a.PolicyID == "p-FullAWSAccess" && a.Exists() == graph.True
		} else {
			explicit = append(explicit, a)
		}
	}
	if len(explicit) != 2 || explicit[1].PolicyID != "p-FullAWSAccess" {
		t.Errorf("attachments: %+v", explicit)
	}
	// AWS attaches FullAWSAccess itself to every OU and account; the root
	// has the code's own attachment.
	if len(implicit) != len(o.Units)+len(o.Accounts) || implicit["aws_organizations_organization.this"] {
		t.Errorf("implicit FullAWSAccess attachments: %v", implicit)
	}
	for _, n := range append(append([]*OrgNode{}, o.Units...), o.Accounts...) {
		if !implicit[n.Resource.Address] {
			t.Errorf("no FullAWSAccess attached to %s: %v", n.Resource.Address, implicit)
		}
	}
	// An attachment whose policy cannot be told may attach any policy.
	g.Resources = append(g.Resources, tfResource("aws_organizations_policy_attachment", "var", map[string]graph.Value{
		"policy_id": graph.UnknownValue("var.policy has no value", graph.Range{}), "target_id": str("r-ab12"),
	}))
	m = Build(g, Options{})
	for _, p := range m.Organizations.Policies {
		if p.Resource.Address == "aws_organizations_policy.spare" {
			if got, why := p.IsAttached(); got != graph.Unknown || !strings.Contains(why, "may be aws_organizations_policy.spare") {
				t.Errorf("spare attached = %v (%q), want unknown", got, why)
			}
		}
	}
}

func TestOrgServicesAndDelegation(t *testing.T) {
	org := tfResource("aws_organizations_organization", "this", map[string]graph.Value{
		"aws_service_access_principals": list(str("sso.amazonaws.com"), str("guardduty.amazonaws.com"), str("config-multiaccountsetup.amazonaws.com")),
	})
	deleg := tfResource("aws_organizations_delegated_administrator", "config", map[string]graph.Value{
		"service_principal": str("config-multiaccountsetup.amazonaws.com"), "account_id": str("222222222222"),
	})
	gd := tfResource("aws_guardduty_organization_admin_account", "gd", map[string]graph.Value{"admin_account_id": str("222222222222")})
	agg := tfResource("aws_config_configuration_aggregator", "local", map[string]graph.Value{"name": str("local")})
	m := Build(&graph.Graph{Resources: []*graph.Resource{org, deleg, gd, agg}}, Options{})
	o := m.Organizations
	var services []string
	for _, s := range o.OrgServices {
		services = append(services, s.Service)
	}
	if strings.Join(services, ",") != "guardduty.amazonaws.com,config.amazonaws.com" {
		t.Errorf("org services = %v (an aggregator without an organisation source does not count)", services)
	}
	for _, svc := range []string{GuardDutyService, ConfigService} {
		if got, _ := o.Delegated(svc, "root"); got != graph.True {
			t.Errorf("Delegated(%s) = %v, want true", svc, got)
		}
	}
	if got, _ := o.Delegated(SecurityHubService, "root"); got != graph.False {
		t.Errorf("Delegated(securityhub) = %v, want false", got)
	}
}

func TestOptsOutOfAIServices(t *testing.T) {
	for _, tc := range []struct {
		content graph.Value
		want    graph.Tri
	}{
		{str(`{"services":{"default":{"opt_out_policy":{"@@assign":"optOut"}}}}`), graph.True},
		{str(`{"services":{"default":{"opt_out_policy":{"@@assign":"optIn"}}}}`), graph.False},
		{str(`{"services":{"rekognition":{"opt_out_policy":{"@@assign":"optOut"}}}}`), graph.False},
		{str(`not json`), graph.False},
		{graph.UnknownValue("var.ai has no value", graph.Range{}), graph.Unknown},
	} {
		p := tfResource("aws_organizations_policy", "ai", map[string]graph.Value{"type": str("AISERVICES_OPT_OUT_POLICY"), "content": tc.content})
		m := Build(&graph.Graph{Resources: []*graph.Resource{p}}, Options{})
		if got, _ := m.Organizations.Policies[0].OptsOutOfAIServices(); got != tc.want {
			t.Errorf("%v: got %v, want %v", tc.content, got, tc.want)
		}
	}
}

func TestGuardrailStatements(t *testing.T) {
	for _, tc := range []struct {
		name, doc string
		test      func(*Statement) graph.Tri
		want      graph.Tri
	}{
		{"root user", `{"Statement":[{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"StringLike":{"aws:PrincipalArn":"arn:aws:iam::*:root"}}}]}`,
			(*Statement).DeniesRootUser, graph.True},
		{"root user exact match", `{"Statement":[{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalArn":"arn:aws:iam::*:root"}}}]}`,
			(*Statement).DeniesRootUser, graph.False},
		{"root user one action", `{"Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::*:root"}}}]}`,
			(*Statement).DeniesRootUser, graph.False},
		{"region", `{"Statement":[{"Effect":"Deny","NotAction":["iam:*"],"Resource":"*","Condition":{"StringNotEquals":{"aws:RequestedRegion":["eu-west-1"]}}}]}`,
			(*Statement).RestrictsRegion, graph.True},
		{"region allow", `{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:RequestedRegion":["eu-west-1"]}}}]}`,
			(*Statement).RestrictsRegion, graph.False},
		{"roles", `{"Statement":[{"Effect":"Deny","Action":["iam:*Role*"],"Resource":"arn:aws:iam::*:role/org-admin/*"}]}`,
			func(st *Statement) graph.Tri { return st.DeniesOnRoles("iam:DeleteRole", "iam:PutRolePolicy") }, graph.True},
		{"roles on buckets", `{"Statement":[{"Effect":"Deny","Action":["iam:*"],"Resource":"arn:aws:s3:::x"}]}`,
			func(st *Statement) graph.Tri { return st.DeniesOnRoles("iam:DeleteRole") }, graph.False},
		{"root user and one role", `{"Statement":[{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"StringLike":{"aws:PrincipalArn":"arn:aws:iam::*:root"},"StringEquals":{"aws:PrincipalTag/team":"dev"}}}]}`,
			(*Statement).DeniesRootUser, graph.False},
		{"region with exemption", `{"Statement":[{"Effect":"Deny","NotAction":["iam:*"],"Resource":"*","Condition":{"StringNotEquals":{"aws:RequestedRegion":["eu-west-1"]},"ArnNotLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/admin"}}}]}`,
			(*Statement).RestrictsRegion, graph.True},
		{"exemption only", `{"Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"ArnNotLike":{"aws:PrincipalArn":"x"},"Bool":{"aws:ViaAWSService":"false"}}}]}`,
			func(st *Statement) graph.Tri { return st.ExemptsOnly() }, graph.True},
		{"positive condition", `{"Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalAccount":"111111111111"}}}]}`,
			func(st *Statement) graph.Tri { return st.ExemptsOnly() }, graph.False},
		{"leave denied outside some regions only", `{"Statement":[{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"StringNotEquals":{"aws:RequestedRegion":["eu-west-1"]}}}]}`,
			func(st *Statement) graph.Tri {
				return st.DeniesAction("organizations:LeaveOrganization").And(st.ExemptsOnly())
			}, graph.False},
		{"leave wildcard", `{"Statement":[{"Effect":"Deny","Action":"organizations:Leave*","Resource":"*"}]}`,
			func(st *Statement) graph.Tri { return st.DeniesAction("organizations:LeaveOrganization") }, graph.True},
	} {
		p := tfResource("aws_organizations_policy", "p", map[string]graph.Value{"content": str(tc.doc)})
		doc := PolicyOf(Attrs(p).Get("content"))
		if got := doc.AnyStatement(tc.test); got != tc.want {
			t.Errorf("%s: got %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestWorkloadCategory(t *testing.T) {
	for typ, want := range map[string]Category{
		"aws_instance":                      Compute,
		"AWS::Serverless::Function":         Serverless,
		"aws_rds_cluster":                   Database,
		"AWS::ElastiCache::ServerlessCache": Cache,
		"aws_lb":                            LoadBalancer,
		"aws_organizations_organization":    "",
		"aws_cloudtrail":                    "",
		"AWS::SNS::Topic":                   "",
		"aws_budgets_budget":                "",
	} {
		if got := WorkloadCategory(typ); got != want {
			t.Errorf("WorkloadCategory(%s) = %q, want %q", typ, got, want)
		}
	}
	for typ := range workloadTypes {
		if !strings.HasPrefix(typ, "aws_") && !strings.HasPrefix(typ, "AWS::") || IsOrganizationsType(typ) {
			t.Errorf("workload table entry %q is neither a Terraform nor a CloudFormation workload type", typ)
		}
	}
}
