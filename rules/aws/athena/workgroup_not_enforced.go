package athena

import (
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// WorkgroupNotEnforced flags workgroups whose settings clients may
// override.
var WorkgroupNotEnforced = &rules.Rule{
	ID:       "aws-athena-workgroup-not-enforced",
	Title:    "Athena workgroup lets clients override its settings",
	Severity: rules.Medium,
	Description: "Unless a workgroup overrides client-side settings (EnforceWorkGroupConfiguration), Athena uses " +
		"each client's own query result location, encryption and object ownership settings: a user or an " +
		"application can write results to another bucket, or unencrypted, whatever the workgroup says. The " +
		"option is off by default in Athena; Terraform's configuration block turns it on unless told otherwise, " +
		"so only a workgroup with no configuration block or an explicit false is reported there.",
	Remediation: rules.Remediation{
		Text: "Turn on Override client-side settings (enforce_workgroup_configuration / " +
			"EnforceWorkGroupConfiguration), after telling the workgroup's users: their own settings stop applying.",
		Terraform: `resource "aws_athena_workgroup" "analytics" {
  name = "analytics"

  configuration {
    enforce_workgroup_configuration = true

    result_configuration {
      output_location = "s3://${aws_s3_bucket.results.bucket}/"

      encryption_configuration {
        encryption_option = "SSE_S3"
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
          EncryptionOption: SSE_S3`,
	},
	References: []string{
		"https://docs.aws.amazon.com/athena/latest/ug/workgroups-settings-override.html",
		"https://docs.aws.amazon.com/config/latest/developerguide/athena-workgroup-enforce-workgroup-configuration.html",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkConfig, ID: "athena-workgroup-enforce-workgroup-configuration"},
		{Framework: rules.FrameworkNIST, ID: "PR.PS-01"},
		{Framework: rules.FrameworkISO, ID: "A.8.9"},
	},
	Tags:      []string{"athena", "configuration"},
	Precision: "very-high",
	Check: func(p *rules.Pass) {
		for _, w := range p.AWS.Athena.Workgroups {
			p.ReportIf(aws.IsTrue(w.Enforced).Not(), w.Enforced,
				"Athena workgroup %s does not override client-side settings, so clients choose their own result location and encryption", w.Resource.Address)
		}
	},
}
