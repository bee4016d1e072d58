package org

import (
	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// TrailNotOrganizationWide flags organisations without an organisation
// trail.
var TrailNotOrganizationWide = &rules.Rule{
	ID:       "aws-org-trail-not-organization-wide",
	Title:    "The organisation has no organisation-wide CloudTrail trail",
	Severity: rules.High,
	Description: "An organisation trail, created in the management account (or a delegated administrator account), " +
		"records the API activity of every account of the organisation, new ones included, into one bucket that " +
		"member accounts cannot change or stop. Without it each account must keep its own trail, which its own " +
		"administrators (or an intruder) can delete.",
	Remediation: rules.Remediation{
		Text: "Create a multi-region trail with is_organization_trail (IsOrganizationTrail) enabled, delivering to a " +
			"bucket in the log archive account.",
		Terraform: `resource "aws_cloudtrail" "org" {
  name                       = "organization-trail"
  s3_bucket_name             = "example-org-cloudtrail-logs"
  is_organization_trail      = true
  is_multi_region_trail      = true
  enable_log_file_validation = true
}`,
		CloudFormation: `OrganizationTrail:
  Type: AWS::CloudTrail::Trail
  Properties:
    TrailName: organization-trail
    S3BucketName: example-org-cloudtrail-logs
    IsLogging: true
    IsOrganizationTrail: true
    IsMultiRegionTrail: true
    EnableLogFileValidation: true`,
	},
	References: []string{
		"https://docs.aws.amazon.com/awscloudtrail/latest/userguide/creating-trail-organization.html",
		"https://docs.aws.amazon.com/prescriptive-guidance/latest/security-reference-architecture/org-management.html",
		"https://docs.aws.amazon.com/organizations/latest/userguide/services-that-can-integrate-cloudtrail.html",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkCIS, ID: "3.1"},
		{Framework: rules.FrameworkConfig, ID: "cloudtrail-enabled"},
		{Framework: rules.FrameworkNIST, ID: "DE.CM-09"},
		{Framework: rules.FrameworkISO, ID: "A.8.15"},
	},
	Tags:      []string{"organizations", "cloudtrail", "logging"},
	Precision: "high",
	Scope:     rules.OrganizationScope,
	Check: func(p *rules.Pass) {
		for _, org := range p.AWS.Organizations.Orgs {
			held, why := graph.False, ""
			for _, t := range p.AWS.CloudTrail.Trails {
				if !p.AWS.Organizations.Concerns(org, t.Resource.Unit) {
					continue
				}
				h := aws.IsTrue(t.Organization).And(t.Resource.Exists)
				if h == graph.Unknown && why == "" {
					why = t.Organization.UnknownReason()
					if t.Organization.IsKnown() {
						why = t.Resource.ExistsWhy
					}
				}
				held = held.Or(h)
			}
			if held == graph.False {
				if w := p.AWS.Organizations.UnreadWhy(org, false, "an organisation trail"); w != "" {
					held, why = graph.Unknown, w
				}
			}
			p.ReportIf(held.Not(), rules.Because(org.Resource, why),
				"organisation %s has no CloudTrail trail with is_organization_trail (IsOrganizationTrail) enabled", org.Resource.Address)
		}
	},
}
