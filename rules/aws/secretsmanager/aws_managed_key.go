package secretsmanager

import (
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// AWSManagedKey flags secrets encrypted with the AWS managed key.
var AWSManagedKey = &rules.Rule{
	ID:       "aws-secretsmanager-aws-managed-key",
	Title:    "Secrets Manager secret is encrypted with the AWS managed key",
	Severity: rules.Low,
	Description: "Secrets Manager encrypts every secret; without a key of your own it uses the AWS managed key " +
		"aws/secretsmanager, whose key policy AWS writes: any principal of the account allowed to read the " +
		"secret can decrypt it, the key cannot be shared with another account (so cross-account access to the " +
		"secret is impossible), and you cannot disable it or limit its use. A customer managed key adds a " +
		"second, independent permission check (the key policy) before a secret can be read.",
	Remediation: rules.Remediation{
		Text: "Create a customer managed KMS key whose policy grants kms:Decrypt only to the principals that read " +
			"the secret (through Secrets Manager, with kms:ViaService), and use it for the secret.",
		Terraform: `resource "aws_secretsmanager_secret" "db" {
  name       = "prod/db"
  kms_key_id = aws_kms_key.secrets.arn
}`,
		CloudFormation: `DbSecret:
  Type: AWS::SecretsManager::Secret
  Properties:
    Name: prod/db
    KmsKeyId: !Ref SecretsKey`,
	},
	References: []string{
		"https://docs.aws.amazon.com/secretsmanager/latest/userguide/security-encryption.html",
		"https://docs.aws.amazon.com/secretsmanager/latest/userguide/auth-and-access_examples_cross.html",
		"https://docs.aws.amazon.com/config/latest/developerguide/secretsmanager-using-cmk.html",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkConfig, ID: "secretsmanager-using-cmk"},
		{Framework: rules.FrameworkNIST, ID: "PR.DS-01"},
		{Framework: rules.FrameworkISO, ID: "A.8.24"},
	},
	Tags:      []string{"secretsmanager", "encryption", "kms"},
	Precision: "very-high",
	Check: func(p *rules.Pass) {
		for _, s := range p.AWS.SecretsManager.Secrets {
			p.ReportIf(aws.IsTrue(s.AWSManagedKey), s.AWSManagedKey,
				"Secrets Manager secret %s is encrypted with the AWS managed key aws/secretsmanager", s.Resource.Address)
		}
	},
}
