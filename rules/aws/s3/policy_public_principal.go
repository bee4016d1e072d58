package s3

import (
	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// PolicyPublicPrincipal flags bucket policy statements that allow anyone.
var PolicyPublicPrincipal = &rules.Rule{
	ID:       "aws-s3-policy-public-principal",
	Title:    "S3 bucket policy allows access to everyone",
	Severity: rules.High,
	Description: "A bucket policy statement that allows Principal \"*\" (or {\"AWS\": \"*\"}, or every principal " +
		"but some through NotPrincipal) grants its actions to anyone on the internet, signed in or not, unless a " +
		"condition narrows who. Conditions that limit the caller count: aws:SourceArn, aws:SourceAccount, " +
		"aws:SourceOwner, aws:SourceVpc, aws:SourceVpce, aws:SourceIp (other than 0.0.0.0/0), aws:PrincipalOrgID, " +
		"aws:PrincipalOrgPaths, aws:PrincipalAccount, aws:PrincipalArn, aws:userid, aws:username, " +
		"s3:DataAccessPointAccount and s3:DataAccessPointArn, with a positive operator (StringEquals, StringLike, " +
		"ArnEquals, ArnLike, IpAddress) and a value that is not a wildcard. Conditions on how the request is " +
		"made (aws:SecureTransport), negated operators and IfExists forms do not. A statement that also allows " +
		"writing (s3:PutObject, s3:DeleteObject, s3:* or *) is critical. Block Public Access, when fully on, " +
		"makes S3 refuse such a policy; the statement is still reported, since it shows an intent to publish " +
		"the data.",
	Remediation: rules.Remediation{
		Text: "Name the principals that need access (accounts, roles, service principals), or limit the statement " +
			"with a condition such as aws:PrincipalOrgID or aws:SourceArn. Serve public content through CloudFront " +
			"with origin access control, whose policy names the distribution in aws:SourceArn.",
		Terraform: `data "aws_iam_policy_document" "read" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["${aws_s3_bucket.this.arn}/*"]
    principals {
      type        = "Service"
      identifiers = ["cloudfront.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceArn"
      values   = [aws_cloudfront_distribution.site.arn]
    }
  }
}`,
		CloudFormation: `BucketPolicy:
  Type: AWS::S3::BucketPolicy
  Properties:
    Bucket: !Ref Bucket
    PolicyDocument:
      Statement:
        - Effect: Allow
          Principal:
            Service: cloudfront.amazonaws.com
          Action: s3:GetObject
          Resource: !Sub "${Bucket.Arn}/*"
          Condition:
            StringEquals:
              aws:SourceArn: !Sub "arn:aws:cloudfront::${AWS::AccountId}:distribution/${Distribution}"`,
	},
	References: []string{
		"https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status",
		"https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html",
		"https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-2",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkSecurityHub, ID: "S3.2"},
		{Framework: rules.FrameworkSecurityHub, ID: "S3.3"},
		{Framework: rules.FrameworkConfig, ID: "s3-bucket-public-read-prohibited"},
		{Framework: rules.FrameworkConfig, ID: "s3-bucket-public-write-prohibited"},
		{Framework: rules.FrameworkNIST, ID: "PR.AA-05"},
		{Framework: rules.FrameworkISO, ID: "A.8.3"},
	},
	Tags:      []string{"s3", "public-access", "iam"},
	Precision: "high",
	Check: func(p *rules.Pass) {
		for _, pol := range p.AWS.S3.BucketPolicies {
			doc := pol.Document
			if !doc.Known {
				p.ReportIf(graph.Unknown, doc, "")
				continue
			}
			for _, st := range doc.Statements {
				subject := st.PrincipalAt()
				who := `Principal "*"`
				if st.Principal == nil && st.NotPrincipal != nil {
					who = "NotPrincipal, so every other principal"
				}
				f := p.ReportIf(st.GrantsPublicAccess(), subject,
					"%s allows everyone (%s) %s without a condition that limits who", policyLabel(pol), who, actionsText(st))
				if f != nil && allowsWrite(st) {
					f.Severity = rules.Critical
				}
			}
		}
	},
}

// allowsWrite reports whether a statement's actions include changing
// objects or the bucket.
func allowsWrite(st *aws.Statement) bool {
	for _, a := range []string{"s3:PutObject", "s3:DeleteObject", "s3:PutBucketPolicy", "s3:PutObjectAcl"} {
		if st.CoversAction(a).IsTrue() {
			return true
		}
	}
	return false
}
