package org

import (
	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// TrailNotOrganizationWide flags: no organisation-wide CloudTrail trail.
var TrailNotOrganizationWide = &rules.Rule{
	ID:          "aws-org-trail-not-organization-wide",
	Title:       "No organisation-wide CloudTrail trail",
	Severity:    rules.High,
	Description: "An organisation trail, created in the management account (or a delegated administrator), records every API call in every member account, and member accounts cannot turn it off. Without one, each account's logging depends on that account.",
	Remediation: rules.Remediation{
		Text: "Create a multi-region trail with is_organization_trail / IsOrganizationTrail enabled.",
		Terraform: `resource "aws_cloudtrail" "org" {
  name                       = "organization"
  s3_bucket_name             = aws_s3_bucket.trail.id
  is_multi_region_trail      = true
  is_organization_trail      = true
  enable_log_file_validation = true
  kms_key_id                 = aws_kms_key.trail.arn
}`,
		CloudFormation: `OrgTrail:
  Type: AWS::CloudTrail::Trail
  Properties:
    IsLogging: true
    S3BucketName: !Ref TrailBucket
    IsMultiRegionTrail: true
    IsOrganizationTrail: true`,
	},
	References: []string{
		"https://docs.aws.amazon.com/awscloudtrail/latest/userguide/creating-trail-organization.html",
		"https://docs.aws.amazon.com/prescriptive-guidance/latest/security-reference-architecture/org-management.html",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkCIS, ID: "3.1"},
		{Framework: rules.FrameworkNIST, ID: "DE.CM-01"},
		{Framework: rules.FrameworkISO, ID: "A.8.15"},
	},
	Tags:      []string{"organizations", "cloudtrail", "logging"},
	Precision: "high",
	Check: func(p *rules.Pass) {
		for _, o := range p.AWS.Organizations.Orgs {
			held := graph.False
			why := ""
			for _, t := range p.AWS.CloudTrail.Trails {
				if !p.AWS.Organizations.SameOrganization(o, t.Resource) {
					continue
				}
				v := aws.IsTrue(t.Organization)
				if v == graph.Unknown && why == "" {
					why = t.Organization.UnknownReason()
				}
				held = held.Or(v)
			}
			p.ReportIf(held.Not(), rules.Because(o.Resource, why), "organisation %s has no organisation-wide CloudTrail trail", o.Resource.Address)
		}
	},
}
