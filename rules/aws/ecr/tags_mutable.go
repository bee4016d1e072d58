package ecr

import (
	"strings"

	"github.com/blindspot-iac/blindspot/rules"
)

// TagsMutable flags: eCR repository allows image tags to be overwritten.
var TagsMutable = &rules.Rule{
	ID:          "aws-ecr-tags-mutable",
	Title:       "ECR repository allows image tags to be overwritten",
	Severity:    rules.Low,
	Description: "With mutable tags anyone who can push can replace the image behind a tag such as v1.4.2 or prod, so what runs is no longer what was reviewed and scanned.",
	Remediation: rules.Remediation{
		Text: "Make tags immutable.",
		Terraform: `resource "aws_ecr_repository" "this" {
  name                 = "app"
  image_tag_mutability = "IMMUTABLE"
}`,
		CloudFormation: `Repository:
  Type: AWS::ECR::Repository
  Properties:
    ImageTagMutability: IMMUTABLE`,
	},
	References: []string{
		"https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-tag-mutability.html",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/ecr-controls.html#ecr-2",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkSecurityHub, ID: "ECR.2"},
		{Framework: rules.FrameworkConfig, ID: "ecr-private-tag-immutability-enabled"},
		{Framework: rules.FrameworkNIST, ID: "PR.PS-01"},
		{Framework: rules.FrameworkISO, ID: "A.8.32"},
	},
	Tags:      []string{"ecr", "containers"},
	Precision: "very-high",
	Check: func(p *rules.Pass) {
		for _, r := range p.AWS.ECR.Repositories {
			mutable := r.TagMutability.Test(func(m string) bool { return strings.HasPrefix(strings.ToUpper(m), "MUTABLE") })
			p.ReportIf(mutable, r.TagMutability, "image tags of ECR repository %s are mutable", r.Resource.Address)
		}
	},
}
