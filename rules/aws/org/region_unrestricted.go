package org

import (
	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// RegionUnrestricted flags: no SCP limits the regions accounts can use.
var RegionUnrestricted = &rules.Rule{
	ID:          "aws-org-region-unrestricted",
	Title:       "No SCP limits the regions accounts can use",
	Severity:    rules.Medium,
	Description: "Without a region guardrail, resources can be created in any region, including regions nobody monitors, which is where attackers mine cryptocurrency and hide infrastructure. AWS recommends denying requests outside approved regions (aws:RequestedRegion), with global services exempted.",
	Remediation: rules.Remediation{
		Text: "Attach to the root an SCP that denies actions (except global services, via NotAction) when aws:RequestedRegion is not an approved region.",
		Terraform: `resource "aws_organizations_policy" "guardrails" {
  name = "guardrails"
  content = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "DenyOtherRegions"
      Effect    = "Deny"
      NotAction = ["iam:*", "organizations:*", "sts:*", "support:*", "cloudfront:*", "route53:*"]
      Resource  = "*"
      Condition = { StringNotEquals = { "aws:RequestedRegion" = ["eu-west-1", "eu-central-1"] } }
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
        - Sid: DenyOtherRegions
          Effect: Deny
          NotAction: ["iam:*", "organizations:*", "sts:*", "support:*", "cloudfront:*", "route53:*"]
          Resource: "*"
          Condition:
            StringNotEquals:
              aws:RequestedRegion: [eu-west-1, eu-central-1]`,
	},
	References: []string{
		"https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples.html",
		"https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_general.html#example-scp-deny-region",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkNIST, ID: "PR.AA-05"},
		{Framework: rules.FrameworkISO, ID: "A.5.15"},
	},
	Tags:      []string{"organizations", "scp", "guardrail"},
	Precision: "high",
	Check: func(p *rules.Pass) {
		for _, o := range p.AWS.Organizations.Orgs {
			held, why := p.AWS.Organizations.Guardrail(o, func(pol *aws.OrgPolicy) graph.Tri {
				return pol.AnyStatement(func(st *aws.Statement) graph.Tri {
					return st.IsDeny().And(graph.TriOf(len(st.ConditionsOn("aws:RequestedRegion")) > 0))
				})
			})
			p.ReportIf(held.Not(), rules.Because(o.Resource, why), "no SCP attached to the root or every OU of organisation %s limits aws:RequestedRegion", o.Resource.Address)
		}
	},
}
