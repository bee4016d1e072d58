package s3

import (
	"strings"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// PolicySSEKMSNotEnforced flags buckets whose policy does not refuse
// uploads that are not encrypted with AWS KMS.
var PolicySSEKMSNotEnforced = &rules.Rule{
	ID:       "aws-s3-policy-sse-kms-not-enforced",
	Title:    "S3 bucket policy does not require SSE-KMS on uploads",
	Severity: rules.Low,
	Description: "Default bucket encryption applies only when an upload does not ask for another kind: a client " +
		"can still send x-amz-server-side-encryption: AES256 and store an object under S3-managed keys, outside " +
		"the KMS key's policy and audit trail. For buckets holding sensitive data, AWS recommends a bucket policy " +
		"that denies s3:PutObject unless the request uses aws:kms. The rule accepts a Deny to Principal \"*\" " +
		"covering s3:PutObject with either StringNotEquals s3:x-amz-server-side-encryption aws:kms (or " +
		"aws:kms:dsse), which also refuses requests without the header, or Null s3:x-amz-server-side-encryption " +
		"true, which refuses uploads that do not name an encryption (and relies on default encryption being " +
		"SSE-KMS, see aws-s3-encryption-not-kms, for the rest). The severity is low because default SSE-KMS " +
		"encryption already covers clients that do not choose. A bucket policy for a bucket the code does not " +
		"create (a literal name, a data source) is checked on its own: it is that bucket's policy.",
	Remediation: rules.Remediation{
		Text: "Add a statement denying s3:PutObject when s3:x-amz-server-side-encryption is not aws:kms.",
		Terraform: `data "aws_iam_policy_document" "bucket" {
  statement {
    sid       = "DenyUploadsWithoutKMS"
    effect    = "Deny"
    actions   = ["s3:PutObject"]
    resources = ["${aws_s3_bucket.this.arn}/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "StringNotEquals"
      variable = "s3:x-amz-server-side-encryption"
      values   = ["aws:kms"]
    }
  }
}`,
		CloudFormation: `BucketPolicy:
  Type: AWS::S3::BucketPolicy
  Properties:
    Bucket: !Ref Bucket
    PolicyDocument:
      Statement:
        - Sid: DenyUploadsWithoutKMS
          Effect: Deny
          Principal: "*"
          Action: s3:PutObject
          Resource: !Sub "${Bucket.Arn}/*"
          Condition:
            StringNotEquals:
              s3:x-amz-server-side-encryption: aws:kms`,
	},
	References: []string{
		"https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html#require-sse-kms",
		"https://repost.aws/knowledge-center/s3-bucket-store-kms-encrypted-objects",
		"https://docs.aws.amazon.com/AmazonS3/latest/userguide/amazon-s3-policy-keys.html",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkNIST, ID: "PR.DS-01"},
		{Framework: rules.FrameworkISO, ID: "A.8.24"},
	},
	Tags:      []string{"s3", "encryption", "kms"},
	Precision: "high",
	Check: func(p *rules.Pass) {
		for _, b := range p.AWS.S3.Buckets {
			enforced, subject := bucketPolicyHas(b, deniesUnencryptedUploads)
			msg := bucketLabel(b) + " has no bucket policy denying uploads that do not use SSE-KMS"
			if b.Policy != nil {
				msg = "the bucket policy of " + bucketLabel(b) + " does not deny s3:PutObject without aws:kms server-side encryption"
			}
			cond, subject := gateOnBucket(b, enforced.Not(), subject)
			p.ReportIf(cond, subject, "%s", msg)
		}
		for _, pol := range unjoinedPolicies(p.AWS.S3) {
			enforced, subject := policyHas(pol, deniesUnencryptedUploads)
			p.ReportIf(enforced.Not(), subject, "%s does not deny s3:PutObject without aws:kms server-side encryption", policyLabel(pol))
		}
	},
}

// deniesUnencryptedUploads is True for a statement denying everyone
// s3:PutObject when the request does not ask for SSE-KMS.
func deniesUnencryptedUploads(st *aws.Statement) graph.Tri {
	cond := graph.False
	if st.ConditionUnknown {
		cond = graph.Unknown
	}
	for _, c := range st.ConditionsOn("s3:x-amz-server-side-encryption") {
		op := strings.ToLower(c.Operator)
		switch {
		case strings.HasPrefix(op, "stringnotequals"):
			cond = cond.Or(c.Values.Any(func(v string) bool { return v == "aws:kms" || v == "aws:kms:dsse" }))
		case op == "null":
			cond = cond.Or(c.Values.Contains("true"))
		}
	}
	return graph.All(st.IsDeny(), st.AppliesToEveryone(), st.CoversAction("s3:PutObject"), cond)
}
