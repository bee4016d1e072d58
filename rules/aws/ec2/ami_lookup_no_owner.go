package ec2

import (
	"cmp"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// AMILookupNoOwner flags image searches that any AWS account can answer.
var AMILookupNoOwner = &rules.Rule{
	ID:       "aws-ec2-ami-lookup-no-owner",
	Title:    "AMI search does not name the image's owner",
	Severity: rules.Low,
	Description: "An aws_ami data source without owners (and without a filter on owner-id, owner-alias or " +
		"image-id) searches every public image in the region as well as the account's own. Anyone can publish " +
		"a public AMI under any name, so a name filter such as \"ubuntu/images/*\" can match an image an " +
		"attacker published, and instances launched from it run the attacker's code with the instance " +
		"role's permissions. With most_recent = true the newest match wins, which an attacker controls by " +
		"publishing after the real image: those findings are raised to medium. Without most_recent, a second " +
		"match makes the search fail instead, so the finding stays low. CloudFormation has no image search: " +
		"templates take an image ID or an SSM parameter (AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>, " +
		"or a {{resolve:ssm:...}} reference) that resolves an image AWS publishes, so only Terraform is " +
		"checked. The account-level Allowed AMIs setting, which can refuse images of unknown owners, is " +
		"not visible in code and is not assumed.",
	Remediation: rules.Remediation{
		Text: "Name the account that publishes the image in owners (\"amazon\", \"self\", the vendor's account ID), " +
			"or look the image up through the SSM parameter its publisher maintains.",
		Terraform: `data "aws_ami" "al2023" {
  most_recent = true
  owners      = ["amazon"]

  filter {
    name   = "name"
    values = ["al2023-ami-2023.*-x86_64"]
  }
}`,
		CloudFormation: `Server:
  Type: AWS::EC2::Instance
  Properties:
    ImageId: "{{resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64}}"
    InstanceType: t3.micro
    MetadataOptions:
      HttpTokens: required`,
	},
	References: []string{
		"https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/finding-an-ami.html",
		"https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-allowed-amis.html",
		"https://docs.aws.amazon.com/systems-manager/latest/userguide/parameter-store-public-parameters-ami.html",
		"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/data-sources/ami",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkNIST, ID: "GV.SC-07"},
		{Framework: rules.FrameworkISO, ID: "A.8.19"},
	},
	Tags:      []string{"ec2", "supply-chain"},
	Precision: "very-high",
	Check: func(p *rules.Pass) {
		for _, l := range p.AWS.AMI.Lookups {
			named := l.Owners.Test(func(o []string) bool { return len(o) > 0 })
			unpinned := named.Or(l.OwnerFilter).Not()
			subject := rules.Because(l.Owners, cmp.Or(l.Owners.Why, l.FilterWhy, l.Owners.UnknownReason()))
			f := p.ReportIf(unpinned, subject, "image search %s does not name the image's owner, so any account's public AMI may match%s",
				l.Resource.Address, newestNote(l))
			if f != nil && aws.IsTrue(l.MostRecent) == graph.True {
				f.Severity = rules.Medium
			}
		}
	},
}

// newestNote adds to the message that the newest match is taken.
func newestNote(l *aws.AMILookup) string {
	if aws.IsTrue(l.MostRecent) == graph.True {
		return " (most_recent takes the newest)"
	}
	return ""
}
