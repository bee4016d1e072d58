package s3

import (
	"strings"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// ACLPublic flags buckets whose ACL grants access to everyone or to every
// AWS account, with nothing blocking public ACLs.
var ACLPublic = &rules.Rule{
	ID:       "aws-s3-acl-public",
	Title:    "S3 bucket ACL grants access to everyone",
	Severity: rules.High,
	Description: "A bucket ACL of public-read or public-read-write (PublicRead, PublicReadWrite in " +
		"CloudFormation) lets anyone on the internet list the bucket, or also write to it; authenticated-read, " +
		"or a grant to the AuthenticatedUsers group, does the same for anyone with any AWS account. ACLs are " +
		"private by default, and since April 2023 new buckets have ACLs disabled (object ownership " +
		"BucketOwnerEnforced), so a public ACL in code is either applied to an older bucket or to one whose " +
		"ownership controls were changed to allow it. Block Public Access decides whether it takes effect: " +
		"with BlockPublicAcls or IgnorePublicAcls on, in the bucket's block or in an account-level block known " +
		"to cover its account, the ACL is refused or ignored and the rule does not report it (the block " +
		"itself is aws-s3-public-access-not-blocked's concern).",
	Remediation: rules.Remediation{
		Text: "Remove the public ACL (or set it to private) and serve public content through CloudFront with origin access control; keep ACLs disabled with object ownership BucketOwnerEnforced.",
		Terraform: `resource "aws_s3_bucket_ownership_controls" "this" {
  bucket = aws_s3_bucket.this.id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}`,
		CloudFormation: `Bucket:
  Type: AWS::S3::Bucket
  Properties:
    OwnershipControls:
      Rules:
        - ObjectOwnership: BucketOwnerEnforced
    PublicAccessBlockConfiguration:
      BlockPublicAcls: true
      IgnorePublicAcls: true
      BlockPublicPolicy: true
      RestrictPublicBuckets: true`,
	},
	References: []string{
		"https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html#canned-acl",
		"https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-2",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-3",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkSecurityHub, ID: "S3.2"},
		{Framework: rules.FrameworkSecurityHub, ID: "S3.3"},
		{Framework: rules.FrameworkConfig, ID: "s3-bucket-public-read-prohibited"},
		{Framework: rules.FrameworkConfig, ID: "s3-bucket-public-write-prohibited"},
		{Framework: rules.FrameworkNIST, ID: "PR.AA-05"},
		{Framework: rules.FrameworkISO, ID: "A.8.3"},
	},
	Tags:      []string{"s3", "public-access"},
	Precision: "high",
	Check: func(p *rules.Pass) {
		for _, b := range p.AWS.S3.Buckets {
			public := aws.IsTrue(b.PublicACL)
			if public == graph.False {
				continue
			}
			blocked, why := aclsBlocked(p.AWS, b)
			var subject rules.Subject = b.PublicACL
			if public == graph.True {
				subject = rules.Because(b.PublicACL, why)
			}
			if f := p.ReportIf(public.And(blocked.Not()), subject, "the ACL of %s grants access to everyone", bucketLabel(b)); f != nil && cannedACL(b.PublicACL.At) {
				f.Fix = literalFix("Make the ACL private", b.PublicACL.At, b.PublicACL.Set, b.Resource.Format, privateACL(b.Resource.Format), true)
			}
		}
	},
}

// aclsBlocked says whether Block Public Access refuses or ignores public
// ACLs on b (BlockPublicAcls or IgnorePublicAcls on in its own block or a
// covering account-level block), and when that is unknown, why.
func aclsBlocked(m *aws.Model, b *aws.S3Bucket) (graph.Tri, string) {
	blocked, why := graph.False, ""
	if blk := b.PublicAccessBlock; blk != nil {
		own := aws.IsTrue(blk.BlockPublicACLs).Or(aws.IsTrue(blk.IgnorePublicACLs))
		if blk.Resource != b.Resource && blk.Resource.Exists != graph.True {
			own = own.And(graph.Unknown)
			why = blk.Resource.ExistsWhy
		}
		blocked = own
		if own == graph.Unknown && why == "" {
			why = "the public access block settings of " + bucketLabel(b) + " are not known"
		}
	} else if b.PublicAccessBlockWhy != "" {
		blocked, why = graph.Unknown, b.PublicAccessBlockWhy
	}
	for i := range 2 {
		t, w := accountBlockOn(m, b.Resource, i)
		if t == graph.Unknown && why == "" {
			why = w
		}
		blocked = blocked.Or(t)
	}
	return blocked, why
}

// privateACL is the private canned ACL in a format's spelling.
func privateACL(f graph.Format) string {
	if f == graph.CloudFormation {
		return "Private"
	}
	return "private"
}

// cannedACL says whether at locates a canned ACL argument (rather than a
// grant), which a fix can set to private.
func cannedACL(at graph.Loc) bool {
	return strings.HasSuffix(at.Path, "acl") || strings.HasSuffix(at.Path, "AccessControl")
}
