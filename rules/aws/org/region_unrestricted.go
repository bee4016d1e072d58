package org

import (
	"github.com/blindspot-iac/blindspot/rules"
)

// RegionUnrestricted flags organisations that allow every region.
var RegionUnrestricted = &rules.Rule{
	ID:       "aws-org-region-unrestricted",
	Title:    "No service control policy limits the regions accounts can use",
	Severity: rules.Medium,
	Description: "Regions nobody uses are regions nobody watches: resources started there (crypto-mining instances " +
		"are the classic case) escape monitoring set up per region, and data stored there may break residency " +
		"requirements. AWS guidance is an SCP that denies requests outside the approved regions (a condition on " +
		"aws:RequestedRegion), exempting global services such as IAM, Organizations, CloudFront and Route 53 " +
		"through NotAction.",
	Remediation: rules.Remediation{
		Text: "Attach to the root an SCP that denies every action but those of global services when " +
			"aws:RequestedRegion is not one of the approved regions.",
		Terraform: `resource "aws_organizations_policy" "regions" {
  name = "approved-regions"
  content = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      NotAction = ["iam:*", "organizations:*", "sts:*", "support:*", "cloudfront:*", "route53:*", "budgets:*"]
      Resource  = "*"
      Condition = { StringNotEquals = { "aws:RequestedRegion" = ["eu-west-1", "eu-central-1"] } }
    }]
  })
}`,
		CloudFormation: `ApprovedRegions:
  Type: AWS::Organizations::Policy
  Properties:
    Name: approved-regions
    Type: SERVICE_CONTROL_POLICY
    TargetIds: [!GetAtt Organization.RootId]
    Content:
      Version: "2012-10-17"
      Statement:
        - Effect: Deny
          NotAction: [iam:*, organizations:*, sts:*, support:*, cloudfront:*, route53:*, budgets:*]
          Resource: "*"
          Condition:
            StringNotEquals:
              aws:RequestedRegion: [eu-west-1, eu-central-1]`,
	},
	References: refs(
		"https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_general.html#example-scp-deny-region",
		"https://docs.aws.amazon.com/controltower/latest/userguide/region-deny.html",
	),
	Compliance: []rules.Control{
		{Framework: rules.FrameworkNIST, ID: "PR.PS-01"},
		{Framework: rules.FrameworkISO, ID: "A.8.9"},
	},
	Tags:      []string{"organizations", "scp", "guardrail", "region"},
	Precision: "high",
	Scope:     rules.OrganizationScope,
	Check: func(p *rules.Pass) {
		checkGuardrail(p, restrictsRegions, "limits aws:RequestedRegion to approved regions")
	},
}
