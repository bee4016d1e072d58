package s3

import (
	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// PublicAccessNotBlocked flags buckets without S3 Block Public Access and
// blocks with a setting off.
var PublicAccessNotBlocked = &rules.Rule{
	ID:       "aws-s3-public-access-not-blocked",
	Title:    "S3 Block Public Access is missing or not fully enabled",
	Severity: rules.High,
	Description: "S3 Block Public Access is the guard against a bucket policy or ACL that makes data public by " +
		"mistake. Its four settings work together: BlockPublicAcls and IgnorePublicAcls stop public ACLs from " +
		"being set and from taking effect, BlockPublicPolicy refuses public bucket policies and " +
		"RestrictPublicBuckets limits an existing public policy to AWS services and the owner's account. A bucket " +
		"is protected when its own block, or an account-level block of the account it is in, has all four on.\n\n" +
		"S3 has turned the four settings on for new buckets since April 2023, but that default is not in the " +
		"code: buckets created earlier, or changed later in the console, stay exposed without anything in the " +
		"code saying so. The rule therefore asks for the block to be declared. An aws_s3_account_public_access_block " +
		"with all four settings on covers the buckets created through the same provider configuration, and those " +
		"known to be in the same account; it is not assumed to cover buckets of other roots or templates whose " +
		"account is not known. CloudFormation has no account-level resource: declare " +
		"PublicAccessBlockConfiguration on each bucket.",
	Remediation: rules.Remediation{
		Text: "Declare a public access block for the bucket with all four settings on, or an account-level block " +
			"in the same configuration. Buckets that must serve public content should do it through CloudFront " +
			"with origin access control instead.",
		Terraform: `resource "aws_s3_bucket_public_access_block" "this" {
  bucket                  = aws_s3_bucket.this.id
  block_public_acls       = true
  ignore_public_acls      = true
  block_public_policy     = true
  restrict_public_buckets = true
}

# Or once for the whole account:
resource "aws_s3_account_public_access_block" "this" {
  block_public_acls       = true
  ignore_public_acls      = true
  block_public_policy     = true
  restrict_public_buckets = true
}`,
		CloudFormation: `Bucket:
  Type: AWS::S3::Bucket
  Properties:
    PublicAccessBlockConfiguration:
      BlockPublicAcls: true
      IgnorePublicAcls: true
      BlockPublicPolicy: true
      RestrictPublicBuckets: true`,
	},
	References: []string{
		"https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html",
		"https://docs.aws.amazon.com/AmazonS3/latest/userguide/create-bucket-faq.html",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-8",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-1",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkCIS, ID: "2.1.4"},
		{Framework: rules.FrameworkSecurityHub, ID: "S3.8"},
		{Framework: rules.FrameworkSecurityHub, ID: "S3.1"},
		{Framework: rules.FrameworkConfig, ID: "s3-bucket-level-public-access-prohibited"},
		{Framework: rules.FrameworkConfig, ID: "s3-account-level-public-access-blocks-periodic"},
		{Framework: rules.FrameworkNIST, ID: "PR.AA-05"},
		{Framework: rules.FrameworkISO, ID: "A.8.3"},
	},
	Tags:      []string{"s3", "public-access", "data-protection"},
	Precision: "high",
	Check:     checkPublicAccessBlocks,
}

func checkPublicAccessBlocks(p *rules.Pass) {
	m := p.AWS
	accountOn := func(r *graph.Resource, i int) (graph.Tri, string) { return accountBlockOn(m, r, i) }

	for _, blk := range m.S3.AccountPublicAccessBlocks {
		for _, s := range blk.Settings() {
			f := p.ReportIf(aws.IsTrue(s.On).Not(), s.On, "%s is %s in the account-level S3 public access block %s",
				s.On.At.Path, offText(s.On), blk.Resource.Address)
			if f != nil {
				f.Fix = literalFix("Turn the setting on", s.On.At, s.On.Set, blk.Resource.Format, "true", false)
			}
		}
	}

	for _, blk := range m.S3.PublicAccessBlocks {
		target, label := blk.Resource, blk.Resource.Address
		if blk.Bucket != nil {
			target, label = blk.Bucket.Resource, bucketLabel(blk.Bucket)
		}
		for i, s := range blk.Settings() {
			acct, why := accountOn(target, i)
			own := aws.IsTrue(s.On)
			var subject rules.Subject = s.On
			if own != graph.Unknown {
				subject = rules.Because(s.On, why)
			}
			f := p.ReportIf(own.Not().And(acct.Not()), subject, "%s is %s in the public access block of %s",
				s.On.At.Path, offText(s.On), label)
			if f != nil {
				f.Fix = literalFix("Turn the setting on", s.On.At, s.On.Set, blk.Resource.Format, "true", false)
			}
		}
	}

	for _, b := range m.S3.Buckets {
		noBlock, why := graph.True, ""
		switch blk := b.PublicAccessBlock; {
		case blk != nil && (blk.Resource == b.Resource || blk.Resource.Exists == graph.True):
			continue
		case blk != nil:
			noBlock, why = graph.Unknown, aws.ExistsWhy(blk.Resource)
		case b.PublicAccessBlockWhy != "":
			noBlock, why = graph.Unknown, b.PublicAccessBlockWhy
		}
		covered := graph.True
		for i := range 4 {
			t, w := accountOn(b.Resource, i)
			if t == graph.Unknown && why == "" {
				why = w
			}
			covered = covered.And(t)
		}
		p.ReportIf(noBlock.And(covered.Not()), rules.Because(b.Resource, why),
			"%s has no public access block, and no account-level block known to cover its account has every setting on",
			bucketLabel(b))
	}
}

// offText says whether an off setting is set false or left out.
func offText(b aws.Bool) string {
	if b.Set {
		return "off"
	}
	return "not set (off)"
}

// accountBlockOn says whether an account-level block covering the account
// of r has setting i (in the order of Settings) on, and when that is
// unknown, why.
func accountBlockOn(m *aws.Model, r *graph.Resource, i int) (graph.Tri, string) {
	on, why := graph.False, ""
	for _, blk := range m.S3.AccountPublicAccessBlocks {
		applies, w := m.AccountBlockApplies(blk, r)
		setting := blk.Settings()[i].On
		t := applies.And(aws.IsTrue(setting))
		if t == graph.Unknown && why == "" {
			why = w
			if aws.IsTrue(setting) == graph.Unknown {
				why = setting.UnknownReason()
			}
		}
		on = on.Or(t)
	}
	if on == graph.False {
		on, why = m.UnreadInAccount(r, "an account-level S3 public access block")
	}
	return on, why
}
