package ec2

import (
	"strings"

	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// SecurityGroupNoDescription flags security groups whose description says
// nothing about their purpose.
var SecurityGroupNoDescription = &rules.Rule{
	ID:       "aws-ec2-security-group-no-description",
	Title:    "Security group has no description of its purpose",
	Severity: rules.Low,
	Description: "A security group's description is what the console, the API and audits show about why the group " +
		"exists. Without one, a reviewer deciding whether a rule can be removed, or an incident responder " +
		"deciding what a group protects, has only its name and its rules. A description that is empty or " +
		"Terraform's default, \"Managed by Terraform\", which the AWS provider sets when the argument is " +
		"omitted, is reported: it says who created the group, not what it is for. CloudFormation requires " +
		"GroupDescription, so only an empty one is reported there. Default security groups, whose " +
		"description AWS sets, are not checked. AWS cannot change a group's description after creation: " +
		"Terraform replaces the group to change it.",
	Remediation: rules.Remediation{
		Text: "Describe what the group admits and for which workload. Changing the description replaces the " +
			"group, so do it when its attachments can move (create_before_destroy in Terraform).",
		Terraform: `resource "aws_security_group" "web" {
  name        = "web"
  description = "Public web servers: HTTPS from the load balancer only"
  vpc_id      = aws_vpc.main.id

  lifecycle {
    create_before_destroy = true
  }
}`,
		CloudFormation: `WebSecurityGroup:
  Type: AWS::EC2::SecurityGroup
  Properties:
    GroupDescription: "Public web servers: HTTPS from the load balancer only"
    VpcId: !Ref Vpc`,
	},
	References: []string{
		"https://docs.aws.amazon.com/vpc/latest/userguide/creating-security-groups.html",
		"https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSecurityGroup.html",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkNIST, ID: "ID.AM-03"},
		{Framework: rules.FrameworkISO, ID: "A.8.9"},
	},
	Tags:      []string{"ec2", "vpc", "network", "hygiene"},
	Precision: "very-high",
	Check: func(p *rules.Pass) {
		for _, g := range p.AWS.EC2.SecurityGroups {
			if g.Default {
				continue
			}
			p.ReportIf(g.Description.Test(missingDescription), g.Description,
				"security group %s has no description of its purpose", g.Resource.Address)
		}
	},
}

// SecurityGroupRuleNoDescription flags security group rules without a
// description.
var SecurityGroupRuleNoDescription = &rules.Rule{
	ID:       "aws-ec2-security-group-rule-no-description",
	Title:    "Security group rule has no description",
	Severity: rules.Low,
	Description: "Each security group rule can say why it exists (\"HTTPS from the office VPN\", \"PostgreSQL from " +
		"the app tier\"). Without a description, whether a rule is still needed, and whom it lets in, has to be " +
		"worked out from addresses and ports, so stale openings stay. Inline ingress and egress rules, " +
		"aws_security_group_rule, aws_vpc_security_group_ingress_rule and aws_vpc_security_group_egress_rule " +
		"in Terraform, and SecurityGroupIngress and SecurityGroupEgress entries and resources in CloudFormation " +
		"are checked; an empty description counts as none. Rules of groups AWS creates for a resource are not " +
		"in the code and are not checked. Unlike a group's, a rule's description can be changed in place.",
	Remediation: rules.Remediation{
		Text: "Give every rule a description saying what it admits and why.",
		Terraform: `resource "aws_vpc_security_group_ingress_rule" "https_from_vpn" {
  security_group_id = aws_security_group.web.id
  description       = "HTTPS from the office VPN"
  cidr_ipv4         = "10.8.0.0/16"
  from_port         = 443
  to_port           = 443
  ip_protocol       = "tcp"
}`,
		CloudFormation: `HttpsFromVpn:
  Type: AWS::EC2::SecurityGroupIngress
  Properties:
    GroupId: !Ref WebSecurityGroup
    Description: HTTPS from the office VPN
    IpProtocol: tcp
    FromPort: 443
    ToPort: 443
    CidrIp: 10.8.0.0/16`,
	},
	References: []string{
		"https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html",
		"https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_UpdateSecurityGroupRuleDescriptionsIngress.html",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkNIST, ID: "ID.AM-03"},
		{Framework: rules.FrameworkISO, ID: "A.8.9"},
	},
	Tags:      []string{"ec2", "vpc", "network", "hygiene"},
	Precision: "very-high",
	Check: func(p *rules.Pass) {
		check := func(r *aws.SecurityGroupRule) {
			if r.CreatedBy != "" {
				return
			}
			p.ReportIf(r.Description.Test(missingDescription), r.Description, "%s has no description", ruleName(r))
		}
		for _, r := range p.AWS.EC2.IngressRules {
			check(r)
		}
		for _, r := range p.AWS.EC2.EgressRules {
			// A rule whose direction is not known is in both lists.
			if r.DirectionWhy == "" {
				check(r)
			}
		}
	},
}

// missingDescription reports whether a description says nothing about a
// purpose: empty, or the AWS provider's default.
func missingDescription(d string) bool {
	d = strings.TrimSpace(d)
	return d == "" || d == aws.TerraformDefaultDescription
}

// ruleName names a rule for messages: its direction and where it is.
func ruleName(r *aws.SecurityGroupRule) string {
	dir := "egress"
	switch {
	case r.DirectionWhy != "":
		dir = "security group"
	case r.Ingress:
		dir = "ingress"
	}
	if r.Group != nil && r.Group.Resource == r.Resource {
		return dir + " rule of security group " + r.Resource.Address
	}
	return dir + " rule " + r.Resource.Address
}
