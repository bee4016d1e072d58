package ec2

import (
	"strings"

	"github.com/blindspot-iac/blindspot/rules"
)

// IMDSv1Allowed flags: eC2 instance metadata service allows IMDSv1.
var IMDSv1Allowed = &rules.Rule{
	ID:          "aws-ec2-imdsv1-allowed",
	Title:       "EC2 instance metadata service allows IMDSv1",
	Severity:    rules.High,
	Description: "IMDSv1 answers plain GET requests, so a server-side request forgery in an application on the instance can read the role's temporary credentials. IMDSv2 requires a session token obtained with a PUT, which SSRF cannot send.",
	Remediation: rules.Remediation{
		Text: "Require IMDSv2 (http_tokens / HttpTokens = required) on the instance, or on the launch template or launch configuration it is launched from.",
		Terraform: `resource "aws_instance" "web" {
  ami           = var.ami
  instance_type = "t3.micro"
  metadata_options {
    http_tokens = "required"
  }
}`,
		CloudFormation: `Web:
  Type: AWS::EC2::Instance
  Properties:
    ImageId: !Ref ImageId
    InstanceType: t3.micro
    MetadataOptions:
      HttpTokens: required`,
	},
	References: []string{
		"https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-IMDS-new-instances.html",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-8",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkCIS, ID: "5.6"},
		{Framework: rules.FrameworkSecurityHub, ID: "EC2.8"},
		{Framework: rules.FrameworkConfig, ID: "ec2-imdsv2-check"},
		{Framework: rules.FrameworkNIST, ID: "PR.AA-05"},
		{Framework: rules.FrameworkISO, ID: "A.8.9"},
	},
	Tags:      []string{"ec2", "imds"},
	Precision: "high",
	Check: func(p *rules.Pass) {
		for _, m := range p.AWS.Instances.Metadata {
			enabled := m.Endpoint.Test(func(e string) bool { return !strings.EqualFold(e, "disabled") })
			optional := m.Tokens.Test(func(t string) bool { return !strings.EqualFold(t, "required") })
			why := "http_tokens is not \"required\""
			if m.TokensNotSent != "" {
				why = m.TokensNotSent
			}
			if f := p.ReportIf(enabled.And(optional), m.Tokens, "%s allows IMDSv1 (%s)", m.Resource.Address, why); f != nil {
				rules.FixLiteral(f, m.Tokens.At, m.Tokens.Set, "Require IMDSv2", "\"required\"")
			}
		}
	},
}
