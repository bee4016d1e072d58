package s3

import (
	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// AccessPointPublicAccessNotBlocked flags access points created with a
// Block Public Access setting off.
var AccessPointPublicAccessNotBlocked = &rules.Rule{
	ID:       "aws-s3-access-point-public-access-not-blocked",
	Title:    "S3 access point turns off a Block Public Access setting",
	Severity: rules.High,
	Description: "An S3 access point is a named entry to a bucket with a policy of its own. It has its own four " +
		"Block Public Access settings, all on unless turned off when the access point is created; they cannot " +
		"be changed afterwards. S3 applies the most restrictive of the access point's, the bucket's and the " +
		"account's settings, so an access point with a setting off lets a public access point policy take " +
		"effect unless the bucket or the account blocks it. The rule reports a setting turned off on the access " +
		"point when no account-level block known to cover its account has that setting on (the bucket's own " +
		"block is aws-s3-public-access-not-blocked's concern). Multi-Region and S3 on Outposts access points are " +
		"not read.",
	Remediation: rules.Remediation{
		Text: "Recreate the access point with all four settings on (or leave the configuration out, which turns them all on).",
		Terraform: `resource "aws_s3_access_point" "this" {
  bucket = aws_s3_bucket.this.id
  name   = "reports"

  public_access_block_configuration {
    block_public_acls       = true
    ignore_public_acls      = true
    block_public_policy     = true
    restrict_public_buckets = true
  }
}`,
		CloudFormation: `AccessPoint:
  Type: AWS::S3::AccessPoint
  Properties:
    Bucket: !Ref Bucket
    Name: reports
    PublicAccessBlockConfiguration:
      BlockPublicAcls: true
      IgnorePublicAcls: true
      BlockPublicPolicy: true
      RestrictPublicBuckets: true`,
	},
	References: []string{
		"https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-points-bpa-settings.html",
		"https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-19",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkSecurityHub, ID: "S3.19"},
		{Framework: rules.FrameworkConfig, ID: "s3-access-point-public-access-blocks"},
		{Framework: rules.FrameworkNIST, ID: "PR.AA-05"},
		{Framework: rules.FrameworkISO, ID: "A.8.3"},
	},
	Tags:      []string{"s3", "public-access"},
	Precision: "high",
	Check: func(p *rules.Pass) {
		for _, ap := range p.AWS.S3.AccessPoints {
			for i, s := range ap.Block.Settings() {
				own := aws.IsTrue(s.On)
				acct, why := accountBlockOn(p.AWS, ap.Resource, i)
				var subject rules.Subject = s.On
				if own != graph.Unknown {
					subject = rules.Because(s.On, why)
				}
				f := p.ReportIf(own.Not().And(acct.Not()), subject, "%s is off on S3 access point %s", s.Name, ap.Resource.Address)
				if f != nil {
					f.Fix = literalFix("Turn the setting on (the access point is replaced)", s.On.At, s.On.Set, ap.Resource.Format, "true", false)
				}
			}
		}
	},
}
