package iam

import (
	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// S3ReadWriteAllBuckets flags identity policies that allow reading and
// writing the objects of every bucket.
var S3ReadWriteAllBuckets = &rules.Rule{
	ID:       "aws-iam-s3-read-write-all-buckets",
	Title:    "IAM policy allows reading and writing objects in every S3 bucket",
	Severity: rules.High,
	Description: "A policy that allows both s3:GetObject and s3:PutObject on every bucket (Resource \"*\", " +
		"arn:aws:s3:::* or arn:aws:s3:::*/*) lets its holder read any data stored in S3 and replace any object: " +
		"the templates, scripts, packages and configuration that other services load from buckets (CloudFormation " +
		"templates, Glue and EMR scripts, Lambda and SageMaker artefacts), which turns one compromised workload " +
		"into control of others. Such grants come with service roles created with broad defaults and with " +
		"bucket names that are guessed rather than listed. Without a condition on aws:ResourceAccount, the grant " +
		"also reaches buckets of other accounts whose policies allow it, including buckets an attacker creates " +
		"under a name the workload expects. The rule reports identity policies in which Allow statements give " +
		"both actions (s3:GetObject, s3:Get*, s3:*Object, ...) on every object; statements that allow every S3 " +
		"action are aws-iam-s3-full-access's finding, and \"*\" on \"*\" aws-iam-policy-full-admin's.",
	Remediation: rules.Remediation{
		Text: "Name the buckets (and prefixes) the principal reads and writes, as ARNs or references to the " +
			"buckets; where buckets cannot be listed, limit the grant to the account's own with a condition on " +
			"aws:ResourceAccount.",
		Terraform: `data "aws_iam_policy_document" "etl" {
  statement {
    actions = ["s3:GetObject", "s3:PutObject"]
    resources = [
      "${aws_s3_bucket.raw.arn}/*",
      "${aws_s3_bucket.curated.arn}/*",
    ]
  }
}

resource "aws_iam_policy" "etl" {
  name   = "etl"
  policy = data.aws_iam_policy_document.etl.json
}`,
		CloudFormation: `EtlPolicy:
  Type: AWS::IAM::ManagedPolicy
  Properties:
    PolicyDocument:
      Version: "2012-10-17"
      Statement:
        - Effect: Allow
          Action:
            - s3:GetObject
            - s3:PutObject
          Resource:
            - !Sub "${RawBucket.Arn}/*"
            - !Sub "${CuratedBucket.Arn}/*"`,
	},
	References: []string{
		"https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege",
		"https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-resourceaccount",
		"https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-owner-condition.html",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkNIST, ID: "PR.AA-05"},
		{Framework: rules.FrameworkISO, ID: "A.8.3"},
	},
	Tags:      []string{"iam", "s3", "least-privilege"},
	Precision: "high",
	Check: func(p *rules.Pass) {
		for _, pol := range p.AWS.IAM.Policies {
			if !pol.Document.Known {
				p.ReportIf(graph.Unknown, pol.Document, "")
				continue
			}
			read, write := graph.False, graph.False
			var writer *aws.Statement
			for _, st := range pol.Document.Statements {
				broad := graph.All(st.IsAllow(), coversEveryObject(st), coversEveryActionOf(st, "s3:").Not(), grantsEveryAction(st).Not())
				read = read.Or(broad.And(st.CoversAction("s3:GetObject")))
				if w := broad.And(st.CoversAction("s3:PutObject")); w != graph.False && (writer == nil || w == graph.True) {
					write = write.Or(w)
					writer = st
				}
			}
			if writer == nil {
				p.ReportIf(graph.False, pol.Document, "")
				continue
			}
			p.ReportIf(read.And(write), explainedSubject(writer),
				"%s allows reading and writing objects (s3:GetObject and s3:PutObject) in every S3 bucket", pol.Describe())
		}
	},
}

// coversEveryObject is True when a statement applies to every object of
// every bucket.
func coversEveryObject(st *aws.Statement) graph.Tri {
	if st.Resource.Set {
		return derivedNotAll(st.Resource, st.Resource.Any(namesEveryObject))
	}
	return graph.TriOf(st.NotResource.Set)
}

// derivedNotAll turns an Unknown answer about a resource set into False
// when every unknown element is derived from a resource attribute or has
// literal text around its unknown parts: an ARN of one resource (or a
// template such as "${bucket.arn}/*"), which does not name everything.
// A template whose unknown part is only the partition is missed.
func derivedNotAll(s aws.StringSet, t graph.Tri) graph.Tri {
	unknown := s.Unknown
	if s.AllUnknown {
		unknown++
	}
	if t == graph.Unknown && s.RefDerived > 0 && s.RefDerived == unknown {
		return graph.False
	}
	return t
}
