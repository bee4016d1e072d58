package s3

import (
	"strings"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// BucketNameHasDots flags bucket names that contain dots.
var BucketNameHasDots = &rules.Rule{
	ID:       "aws-s3-bucket-name-has-dots",
	Title:    "S3 bucket name contains dots, which breaks HTTPS on virtual-hosted endpoints",
	Severity: rules.Low,
	Description: "S3 serves a bucket at https://<bucket>.s3.<region>.amazonaws.com with a wildcard certificate " +
		"that matches one label only; a name with dots (logs.example.com) adds labels, so TLS clients reject " +
		"the certificate. Clients then fall back to path-style URLs, which AWS is retiring, or are configured " +
		"to skip certificate checks, which defeats HTTPS. Such buckets also cannot use Transfer Acceleration. " +
		"AWS recommends names without dots except for buckets used only for static website hosting, which " +
		"must be named after their domain and are not reported (S3 website endpoints serve HTTP only). The name " +
		"cannot be changed: the data has to move to a new bucket. Names Terraform generates (no bucket or " +
		"bucket_prefix) and CloudFormation generates (no BucketName) have no dots.",
	Remediation: rules.Remediation{
		Text: "Name the bucket with letters, digits and hyphens only (example-com-logs rather than logs.example.com), and copy the data over.",
		Terraform: `resource "aws_s3_bucket" "this" {
  bucket = "example-com-logs"
}`,
		CloudFormation: `Bucket:
  Type: AWS::S3::Bucket
  Properties:
    BucketName: example-com-logs`,
	},
	References: []string{
		"https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html",
		"https://docs.aws.amazon.com/AmazonS3/latest/userguide/VirtualHosting.html",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkNIST, ID: "PR.DS-02"},
	},
	Tags:      []string{"s3", "tls"},
	Precision: "very-high",
	Check: func(p *rules.Pass) {
		for _, b := range p.AWS.S3.Buckets {
			name, what := b.Name, "name"
			if !name.Set {
				name, what = b.NamePrefix, "name prefix"
			}
			if !name.Set {
				continue
			}
			dots := name.Test(func(n string) bool { return strings.Contains(n, ".") })
			var subject rules.Subject = name
			if dots == graph.True && aws.IsTrue(b.Website) == graph.Unknown {
				subject = b.Website
			}
			p.ReportIf(dots.And(aws.IsTrue(b.Website).Not()), subject,
				"the %s of %s contains dots, which the S3 certificate does not match on virtual-hosted-style HTTPS", what, bucketLabel(b))
		}
	},
}
