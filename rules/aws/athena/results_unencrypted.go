package athena

import (
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// ResultsUnencrypted flags workgroups (and Terraform's Athena databases)
// whose query results Athena does not encrypt.
var ResultsUnencrypted = &rules.Rule{
	ID:       "aws-athena-results-unencrypted",
	Title:    "Athena does not encrypt query results",
	Severity: rules.Low,
	Description: "Athena writes every query's results (the rows it returned, often sensitive) to S3. A workgroup " +
		"whose result configuration names an encryption option (SSE_S3, SSE_KMS or CSE_KMS) has Athena encrypt " +
		"them; without one, they get only the output bucket's default encryption: SSE-S3, which S3 applies to " +
		"every new object since January 2023, so they are encrypted at rest but with no key policy and no " +
		"guarantee once the bucket's settings change. The severity reflects that default. Workgroups that keep " +
		"results in Athena's managed storage (managed query results) are always encrypted. " +
		"aws_athena_database, which Terraform creates by running a query, is checked the same way.",
	Remediation: rules.Remediation{
		Text: "Set an encryption option in the workgroup's result configuration (SSE_KMS with a customer managed " +
			"key gives control over who can read results), and enforce the workgroup's settings so that clients " +
			"cannot choose otherwise.",
		Terraform: `resource "aws_athena_workgroup" "analytics" {
  name = "analytics"

  configuration {
    enforce_workgroup_configuration = true

    result_configuration {
      output_location = "s3://${aws_s3_bucket.results.bucket}/"

      encryption_configuration {
        encryption_option = "SSE_KMS"
        kms_key_arn       = aws_kms_key.athena.arn
      }
    }
  }
}`,
		CloudFormation: `Analytics:
  Type: AWS::Athena::WorkGroup
  Properties:
    Name: analytics
    WorkGroupConfiguration:
      EnforceWorkGroupConfiguration: true
      ResultConfiguration:
        OutputLocation: !Sub s3://${ResultsBucket}/
        EncryptionConfiguration:
          EncryptionOption: SSE_KMS
          KmsKey: !GetAtt AthenaKey.Arn`,
	},
	References: []string{
		"https://docs.aws.amazon.com/athena/latest/ug/encrypting-query-results-stored-in-s3.html",
		"https://docs.aws.amazon.com/athena/latest/ug/managed-results.html",
		"https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-encryption-faq.html",
		"https://docs.aws.amazon.com/config/latest/developerguide/athena-workgroup-encrypted-at-rest.html",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkConfig, ID: "athena-workgroup-encrypted-at-rest"},
		{Framework: rules.FrameworkNIST, ID: "PR.DS-01"},
		{Framework: rules.FrameworkISO, ID: "A.8.24"},
	},
	Tags:      []string{"athena", "encryption"},
	Precision: "very-high",
	Check: func(p *rules.Pass) {
		for _, w := range p.AWS.Athena.Workgroups {
			p.ReportIf(aws.IsTrue(w.ResultsEncrypted).Not(), w.ResultsEncrypted,
				"Athena workgroup %s does not encrypt query results (no encryption option in its result configuration)", w.Resource.Address)
		}
		for _, d := range p.AWS.Athena.Databases {
			p.ReportIf(aws.IsTrue(d.ResultsEncrypted).Not(), d.ResultsEncrypted,
				"Athena database %s does not encrypt the results of the query that creates it", d.Resource.Address)
		}
	},
}
