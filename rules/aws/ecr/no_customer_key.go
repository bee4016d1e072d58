package ecr

import (
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// NoCustomerKey flags repositories whose images are not encrypted with a
// customer managed KMS key.
var NoCustomerKey = &rules.Rule{
	ID:       "aws-ecr-no-customer-key",
	Title:    "ECR repository does not encrypt images with a customer managed KMS key",
	Severity: rules.Low,
	Description: "ECR always encrypts images at rest: by default with S3-managed keys (AES256), or, with encryption " +
		"type KMS, with the AWS managed key aws/ecr unless a key is named. Only a customer managed key has a key " +
		"policy the account writes, so that pulling an image needs permission on the key as well, and every use of " +
		"it is recorded in CloudTrail. The rule reports repositories on AES256, and KMS repositories that name no " +
		"key or alias/aws/ecr. The encryption settings of a repository cannot be changed after it is created.",
	Remediation: rules.Remediation{
		Text: "Create the repository with encryption type KMS and a customer managed key.",
		Terraform: `resource "aws_kms_key" "ecr" {
  description         = "ECR images"
  enable_key_rotation = true
}

resource "aws_ecr_repository" "this" {
  name                 = "app"
  image_tag_mutability = "IMMUTABLE"
  encryption_configuration {
    encryption_type = "KMS"
    kms_key         = aws_kms_key.ecr.arn
  }
}`,
		CloudFormation: `Key:
  Type: AWS::KMS::Key
  Properties:
    EnableKeyRotation: true
Repository:
  Type: AWS::ECR::Repository
  Properties:
    ImageTagMutability: IMMUTABLE
    EncryptionConfiguration:
      EncryptionType: KMS
      KmsKey: !GetAtt Key.Arn`,
	},
	References: []string{
		"https://docs.aws.amazon.com/AmazonECR/latest/userguide/encryption-at-rest.html",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkSecurityHub, ID: "ECR.5"},
		{Framework: rules.FrameworkConfig, ID: "ecr-repository-cmk-encryption-enabled"},
		{Framework: rules.FrameworkNIST, ID: "PR.DS-01"},
		{Framework: rules.FrameworkISO, ID: "A.8.24"},
	},
	Tags:      []string{"ecr", "encryption", "containers"},
	Precision: "very-high",
	Check: func(p *rules.Pass) {
		for _, r := range p.AWS.ECR.Repositories {
			p.ReportIf(aws.IsTrue(r.CustomerKey).Not(), r.CustomerKey, "ECR repository %s does not encrypt images with a customer managed KMS key", r.Resource.Address)
		}
	},
}
