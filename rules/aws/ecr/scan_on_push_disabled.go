package ecr

import (
	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// ScanOnPushDisabled flags: eCR repository does not scan images on push.
var ScanOnPushDisabled = &rules.Rule{
	ID:          "aws-ecr-scan-on-push-disabled",
	Title:       "ECR repository does not scan images on push",
	Severity:    rules.Medium,
	Description: "Images pushed without a vulnerability scan reach deployment with known CVEs unnoticed. Scan on push (or a registry-level scanning rule whose filter matches the repository) reports them as soon as the image lands.",
	Remediation: rules.Remediation{
		Text: "Enable scan on push on the repository, or configure registry-level scanning.",
		Terraform: `resource "aws_ecr_repository" "this" {
  name = "app"
  image_scanning_configuration {
    scan_on_push = true
  }
}`,
		CloudFormation: `Repository:
  Type: AWS::ECR::Repository
  Properties:
    ImageScanningConfiguration:
      ScanOnPush: true`,
	},
	References: []string{
		"https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-scanning.html",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/ecr-controls.html#ecr-1",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkSecurityHub, ID: "ECR.1"},
		{Framework: rules.FrameworkConfig, ID: "ecr-private-image-scanning-enabled"},
		{Framework: rules.FrameworkNIST, ID: "ID.RA-01"},
		{Framework: rules.FrameworkISO, ID: "A.8.8"},
	},
	Tags:      []string{"ecr", "containers"},
	Precision: "high",
	Check: func(p *rules.Pass) {
		for _, r := range p.AWS.ECR.Repositories {
			// Either the repository's own setting or a registry rule
			// covering it scans its images.
			subject := rules.Subject(r.ScanOnPush)
			if aws.IsTrue(r.RegistryScans) == graph.Unknown {
				subject = rules.Because(r.ScanOnPush, r.RegistryScans.UnknownReason())
			}
			unscanned := aws.IsTrue(r.ScanOnPush).Not().And(aws.IsTrue(r.RegistryScans).Not())
			if f := p.ReportIf(unscanned, subject, "ECR repository %s does not scan images on push", r.Resource.Address); f != nil {
				rules.FixLiteral(f, r.ScanOnPush.At, r.ScanOnPush.Set, "Scan images on push", "true")
			}
		}
	},
}
