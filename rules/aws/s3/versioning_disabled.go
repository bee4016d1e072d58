package s3

import (
	"strings"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// VersioningDisabled flags buckets whose versioning is not Enabled.
var VersioningDisabled = &rules.Rule{
	ID:       "aws-s3-versioning-disabled",
	Title:    "S3 bucket versioning is not enabled",
	Severity: rules.Medium,
	Description: "Without versioning, an object that is overwritten or deleted, by mistake, by a faulty " +
		"deployment or by ransomware, cannot be recovered. Versioning keeps every version of every object " +
		"and is the prerequisite for MFA delete, S3 Object Lock and replication.",
	Remediation: rules.Remediation{
		Text: "Enable versioning on the bucket (status Enabled). Add a lifecycle rule expiring noncurrent versions to bound the cost.",
		Terraform: `resource "aws_s3_bucket_versioning" "this" {
  bucket = aws_s3_bucket.this.id
  versioning_configuration {
    status = "Enabled"
  }
}`,
		CloudFormation: `Bucket:
  Type: AWS::S3::Bucket
  Properties:
    VersioningConfiguration:
      Status: Enabled`,
	},
	References: []string{
		"https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html",
		"https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-14",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkSecurityHub, ID: "S3.14"},
		{Framework: rules.FrameworkConfig, ID: "s3-bucket-versioning-enabled"},
		{Framework: rules.FrameworkNIST, ID: "PR.DS-11"},
		{Framework: rules.FrameworkISO, ID: "A.8.13"},
	},
	Tags:      []string{"s3", "data-protection", "resilience"},
	Precision: "high",
	Check: func(p *rules.Pass) {
		for _, b := range p.AWS.S3.Buckets {
			disabled := b.VersioningEnabled().Not()
			state, _ := b.Versioning.Get()
			msg := "versioning of S3 bucket " + b.Resource.Address + " is not enabled"
			switch state {
			case "Suspended":
				msg = "versioning of S3 bucket " + b.Resource.Address + " is suspended"
			case "Disabled":
				if b.Versioning.Set {
					msg = "versioning of S3 bucket " + b.Resource.Address + " is disabled"
				}
			}
			if f := p.ReportIf(disabled, b.Versioning, "%s", msg); f != nil {
				f.Fix = versioningFix(b)
			}
		}
	},
}

// versioningFix offers the one-line change when the status is written
// literally where the finding points.
func versioningFix(b *aws.S3Bucket) *rules.Fix {
	at := b.Versioning.At
	if !b.Versioning.Set || at.Range.IsZero() || !at.Source.IsZero() {
		return nil
	}
	text := `"Enabled"`
	switch {
	case b.Resource.Format == graph.CloudFormation && !strings.HasSuffix(at.Range.File, ".json"):
		text = "Enabled"
	case at.Path == "versioning.enabled":
		text = "true"
	}
	return &rules.Fix{
		Description: "Enable versioning",
		Edits:       []rules.Edit{{Range: at.Range, Text: text}},
	}
}
