package iam

import (
	"strings"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// S3FullAccess flags identity policies that allow every S3 action.
var S3FullAccess = &rules.Rule{
	ID:       "aws-iam-s3-full-access",
	Title:    "IAM policy allows every S3 action",
	Severity: rules.High,
	Description: "Allowing s3:* grants, besides reading and writing objects, the actions that control access to " +
		"the data: PutBucketPolicy, PutBucketAcl and PutObjectAcl, DeleteBucketPolicy, PutBucketPublicAccessBlock, " +
		"PutBucketOwnershipControls, and those that destroy it: DeleteBucket, DeleteObjectVersion, " +
		"PutLifecycleConfiguration, PutBucketVersioning. A principal holding it can make a bucket public, hand it " +
		"to another account or erase its history; on Resource \"*\" it can do so to every bucket of the account. " +
		"Applications need a handful of object actions, and administering buckets is a separate role. The rule " +
		"reports Allow statements of identity policies whose actions include every S3 action (s3:*, s3*, a " +
		"NotAction that excludes no S3 action, or \"*\" on S3 resources) and whose resources can be S3 buckets " +
		"or objects; \"*\" on every resource is aws-iam-policy-full-admin's finding. Conditions on the " +
		"statement do not change the finding.",
	Remediation: rules.Remediation{
		Text: "List the S3 actions the principal uses (for an application, usually s3:GetObject, s3:PutObject and " +
			"s3:ListBucket) on the buckets and prefixes it uses; give bucket administration to a separate role.",
		Terraform: `data "aws_iam_policy_document" "app" {
  statement {
    actions   = ["s3:GetObject", "s3:PutObject"]
    resources = ["${aws_s3_bucket.data.arn}/uploads/*"]
  }
  statement {
    actions   = ["s3:ListBucket"]
    resources = [aws_s3_bucket.data.arn]
  }
}

resource "aws_iam_policy" "app" {
  name   = "app"
  policy = data.aws_iam_policy_document.app.json
}`,
		CloudFormation: `AppPolicy:
  Type: AWS::IAM::ManagedPolicy
  Properties:
    PolicyDocument:
      Version: "2012-10-17"
      Statement:
        - Effect: Allow
          Action:
            - s3:GetObject
            - s3:PutObject
          Resource: !Sub "${DataBucket.Arn}/uploads/*"
        - Effect: Allow
          Action: s3:ListBucket
          Resource: !GetAtt DataBucket.Arn`,
	},
	References: []string{
		"https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege",
		"https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html",
		"https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkNIST, ID: "PR.AA-05"},
		{Framework: rules.FrameworkISO, ID: "A.8.2"},
	},
	Tags:      []string{"iam", "s3", "least-privilege"},
	Precision: "high",
	Check: func(p *rules.Pass) {
		eachStatement(p, func(pol *aws.IAMPolicy, st *aws.Statement) {
			cond := graph.All(st.IsAllow(), coversEveryActionOf(st, "s3:"), grantsEveryAction(st).Not(), mayApplyToS3(st))
			where := "on the resources it names"
			if st.CoversAllResources() == graph.True || st.Resource.Any(namesEveryBucketAndObject) == graph.True {
				where = "on every bucket and object"
			}
			p.ReportIf(cond, explainedSubject(st), "%s allows every S3 action %s", pol.Describe(), where)
		})
	},
}

// mayApplyToS3 says whether a statement's resources can be S3 buckets or
// objects. Resources that are not known (a bucket's ARN known after apply)
// are taken to be when the statement's actions are S3's own: an S3 action
// on anything else grants nothing.
func mayApplyToS3(st *aws.Statement) graph.Tri {
	if !st.Resource.Set {
		return graph.TriOf(st.NotResource.Set)
	}
	t := st.Resource.Any(func(r string) bool { return r == "*" || mayNameS3(r) })
	if t == graph.Unknown && st.Action.Any(s3Pattern) == graph.True {
		return graph.True
	}
	return t
}

// s3Pattern reports whether an action pattern names S3's actions only.
func s3Pattern(p string) bool {
	p = strings.ToLower(p)
	return strings.HasPrefix(p, "s3:") || p == "s3*"
}
