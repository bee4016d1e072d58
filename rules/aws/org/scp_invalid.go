package org

import (
	"strings"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// SCPInvalid flags: service control policy would be rejected by AWS.
var SCPInvalid = &rules.Rule{
	ID:          "aws-org-scp-invalid",
	Title:       "Service control policy would be rejected by AWS",
	Severity:    rules.High,
	Description: "AWS Organizations rejects an SCP that uses Principal or NotPrincipal, an Effect other than Allow or Deny, actions without a service prefix, or more than 5,120 characters (whitespace excluded), and a target can have at most five SCPs attached. The deployment fails, or, worse, a guardrail the code seems to set never exists.",
	Remediation: rules.Remediation{
		Text: "Fix the policy document: SCPs have no Principal element, Effect is Allow or Deny, actions are service:Action, the minified document fits in 5,120 characters; attach at most five SCPs to a root, OU or account.",
		Terraform: `resource "aws_organizations_policy" "guardrails" {
  name = "guardrails"
  content = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "DenyLeave"
      Effect   = "Deny"
      Action   = "organizations:LeaveOrganization"
      Resource = "*"
    }]
  })
}

resource "aws_organizations_policy_attachment" "root" {
  policy_id = aws_organizations_policy.guardrails.id
  target_id = aws_organizations_organization.this.roots[0].id
}`,
		CloudFormation: `Guardrails:
  Type: AWS::Organizations::Policy
  Properties:
    Name: guardrails
    Type: SERVICE_CONTROL_POLICY
    TargetIds: [!GetAtt Organization.RootId]
    Content:
      Version: "2012-10-17"
      Statement:
        - Sid: DenyLeave
          Effect: Deny
          Action: organizations:LeaveOrganization
          Resource: "*"`,
	},
	References: []string{
		"https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html",
		"https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html",
		"https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_syntax.html",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkNIST, ID: "GV.PO-01"},
		{Framework: rules.FrameworkISO, ID: "A.5.15"},
	},
	Tags:      []string{"organizations", "scp"},
	Precision: "very-high",
	Check: func(p *rules.Pass) {
		perTarget := map[string][]*aws.PolicyTarget{}
		for _, pol := range p.AWS.Organizations.Policies {
			if pol.IsSCP() != graph.True || pol.Document == nil {
				continue
			}
			for _, t := range pol.Targets {
				if t.Key != "" {
					perTarget[t.Key] = append(perTarget[t.Key], t)
				}
			}
			doc := pol.Document
			if !doc.Known {
				p.ReportIf(graph.Unknown, doc, "SCP %s may be invalid", pol.Resource.Address)
				continue
			}
			if doc.Invalid != "" {
				p.Report(doc, "SCP %s is invalid: %s", pol.Resource.Address, doc.Invalid)
				continue
			}
			if doc.MinifiedSize > 5120 {
				p.Report(doc, "SCP %s is %d characters long without whitespace; AWS accepts at most 5,120", pol.Resource.Address, doc.MinifiedSize)
			}
			for _, st := range doc.Statements {
				if st.Principal != nil {
					p.Report(st.Principal.At, "SCP %s has a Principal element, which service control policies do not support", pol.Resource.Address)
				}
				if st.NotPrincipal != nil {
					p.Report(st.NotPrincipal.At, "SCP %s has a NotPrincipal element, which service control policies do not support", pol.Resource.Address)
				}
				bad := st.Effect.Test(func(e string) bool { return e != "Allow" && e != "Deny" })
				p.ReportIf(bad, st.Effect, "SCP %s has an Effect other than Allow or Deny", pol.Resource.Address)
				for _, set := range []aws.StringSet{st.Action, st.NotAction} {
					for _, a := range set.Values {
						if a != "*" && !strings.Contains(a, ":") {
							p.Report(set, "SCP %s names the action %q without a service prefix (service:Action)", pol.Resource.Address, a)
						}
					}
				}
			}
		}
		for _, ts := range perTarget {
			if len(ts) > 5 {
				p.Report(ts[5].At, "%d SCPs are attached to the same target; AWS allows at most 5", len(ts))
			}
		}
	},
}
