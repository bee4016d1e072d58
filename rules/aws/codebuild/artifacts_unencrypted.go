package codebuild

import (
	"strings"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// ArtifactsUnencrypted flags projects that turn off the encryption of
// their S3 artifacts.
var ArtifactsUnencrypted = &rules.Rule{
	ID:       "aws-codebuild-artifacts-unencrypted",
	Title:    "CodeBuild project does not encrypt its build artifacts",
	Severity: rules.Low,
	Description: "CodeBuild encrypts the artifacts it uploads to S3 with the project's KMS key (aws/s3 unless the " +
		"project names one) unless encryption is disabled for them. Disabled, the build output (packages, " +
		"binaries, reports, sometimes configuration with secrets baked in) is protected only by the bucket's " +
		"default encryption: SSE-S3, which S3 applies to every new object since January 2023, so the objects " +
		"are still encrypted at rest but anyone who can read the bucket can read them, without a key policy in " +
		"the way. The severity reflects that default. Artifacts that are not S3 artifacts (CODEPIPELINE, " +
		"NO_ARTIFACTS) do not take this setting.",
	Remediation: rules.Remediation{
		Text: "Remove the encryption_disabled / EncryptionDisabled setting (or set it to false), and give the " +
			"project a customer managed key if the artifacts need one.",
		Terraform: `resource "aws_codebuild_project" "app" {
  name           = "app"
  service_role   = aws_iam_role.codebuild.arn
  encryption_key = aws_kms_key.artifacts.arn

  artifacts {
    type                = "S3"
    location            = aws_s3_bucket.artifacts.bucket
    encryption_disabled = false
  }

  environment {
    compute_type = "BUILD_GENERAL1_SMALL"
    image        = "aws/codebuild/standard:7.0"
    type         = "LINUX_CONTAINER"
  }

  source {
    type     = "GITHUB"
    location = "https://github.com/example/app.git"
  }
}`,
		CloudFormation: `App:
  Type: AWS::CodeBuild::Project
  Properties:
    ServiceRole: !GetAtt CodeBuildRole.Arn
    EncryptionKey: !GetAtt ArtifactsKey.Arn
    Artifacts:
      Type: S3
      Location: !Ref ArtifactsBucket
      EncryptionDisabled: false
    Environment:
      ComputeType: BUILD_GENERAL1_SMALL
      Image: aws/codebuild/standard:7.0
      Type: LINUX_CONTAINER
    Source:
      Type: GITHUB
      Location: https://github.com/example/app.git`,
	},
	References: []string{
		"https://docs.aws.amazon.com/codebuild/latest/userguide/security-encryption.html",
		"https://docs.aws.amazon.com/codebuild/latest/APIReference/API_ProjectArtifacts.html",
		"https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-encryption-faq.html",
		"https://docs.aws.amazon.com/config/latest/developerguide/codebuild-project-artifact-encryption.html",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkConfig, ID: "codebuild-project-artifact-encryption"},
		{Framework: rules.FrameworkNIST, ID: "PR.DS-01"},
		{Framework: rules.FrameworkISO, ID: "A.8.24"},
	},
	Tags:      []string{"codebuild", "encryption"},
	Precision: "very-high",
	Check: func(p *rules.Pass) {
		for _, a := range p.AWS.CodeBuild.Artifacts {
			notS3 := a.Type.Test(func(t string) bool { return !strings.EqualFold(t, "S3") })
			subject := rules.Subject(a.EncryptionDisabled)
			if notS3 == graph.Unknown && a.EncryptionDisabled.IsKnown() {
				subject = rules.Because(a.EncryptionDisabled, "the type of the artifacts is not known: "+a.Type.UnknownReason())
			}
			p.ReportIf(aws.IsTrue(a.EncryptionDisabled).And(notS3.Not()), subject,
				"CodeBuild project %s does not encrypt its %s", a.Resource.Address, a.Name)
		}
	},
}
