package s3

import (
	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// InsecureTransportAllowed flags buckets whose policy does not deny
// requests made without TLS.
var InsecureTransportAllowed = &rules.Rule{
	ID:       "aws-s3-insecure-transport-allowed",
	Title:    "S3 bucket policy does not deny requests over plain HTTP",
	Severity: rules.Medium,
	Description: "S3 accepts requests over plain HTTP unless the bucket policy refuses them, so a client or SDK " +
		"configured with an http:// endpoint sends data and credentials-signed requests in clear text. The " +
		"control AWS documents is a statement that denies every principal all S3 actions when " +
		"aws:SecureTransport is false. The rule looks for exactly that: a Deny for Principal \"*\" covering s3:* " +
		"(or *) with a Bool (or BoolIfExists) condition aws:SecureTransport = false. A deny conditioned only on " +
		"s3:TlsVersion does not count: plain HTTP requests carry no TLS version, a numeric condition on a missing " +
		"key does not match, and so such a statement does not refuse them. The statement's Resource is not " +
		"checked, since it is usually built from the bucket ARN and known only after apply; make sure it lists " +
		"both the bucket and its objects (arn:...:bucket and arn:...:bucket/*). A bucket policy for a bucket " +
		"the code does not create (a literal name, a data source) is checked on its own: it is that bucket's policy.",
	Remediation: rules.Remediation{
		Text: "Add a statement denying all S3 actions to every principal when aws:SecureTransport is false.",
		Terraform: `resource "aws_s3_bucket_policy" "this" {
  bucket = aws_s3_bucket.this.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "DenyInsecureTransport"
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = [aws_s3_bucket.this.arn, "${aws_s3_bucket.this.arn}/*"]
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
}`,
		CloudFormation: `BucketPolicy:
  Type: AWS::S3::BucketPolicy
  Properties:
    Bucket: !Ref Bucket
    PolicyDocument:
      Version: "2012-10-17"
      Statement:
        - Sid: DenyInsecureTransport
          Effect: Deny
          Principal: "*"
          Action: s3:*
          Resource:
            - !GetAtt Bucket.Arn
            - !Sub "${Bucket.Arn}/*"
          Condition:
            Bool:
              aws:SecureTransport: false`,
	},
	References: []string{
		"https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html",
		"https://repost.aws/knowledge-center/s3-bucket-policy-for-config-rule",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-5",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkCIS, ID: "2.1.1"},
		{Framework: rules.FrameworkSecurityHub, ID: "S3.5"},
		{Framework: rules.FrameworkConfig, ID: "s3-bucket-ssl-requests-only"},
		{Framework: rules.FrameworkNIST, ID: "PR.DS-02"},
		{Framework: rules.FrameworkISO, ID: "A.8.24"},
	},
	Tags:      []string{"s3", "encryption-in-transit", "tls"},
	Precision: "high",
	Check: func(p *rules.Pass) {
		for _, b := range p.AWS.S3.Buckets {
			denies, subject := bucketPolicyHas(b, func(st *aws.Statement) graph.Tri {
				return st.DeniesInsecureTransport("s3")
			})
			msg := bucketLabel(b) + " has no bucket policy, so it accepts requests over plain HTTP"
			if b.Policy != nil {
				msg = "the bucket policy of " + bucketLabel(b) + " does not deny requests where aws:SecureTransport is false"
			}
			cond, subject := gateOnBucket(b, denies.Not(), subject)
			p.ReportIf(cond, subject, "%s", msg)
		}
		for _, pol := range unjoinedPolicies(p.AWS.S3) {
			denies, subject := policyHas(pol, func(st *aws.Statement) graph.Tri {
				return st.DeniesInsecureTransport("s3")
			})
			p.ReportIf(denies.Not(), subject, "%s does not deny requests where aws:SecureTransport is false", policyLabel(pol))
		}
	},
}
