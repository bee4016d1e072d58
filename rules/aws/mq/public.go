package mq

import (
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// Public flags Amazon MQ brokers reachable from the internet.
var Public = &rules.Rule{
	ID:       "aws-mq-public",
	Title:    "Amazon MQ broker is publicly accessible",
	Severity: rules.High,
	Description: "A publicly accessible broker gets an endpoint that resolves to a public IP address, so its " +
		"messaging protocols and web console can be reached from anywhere the security group allows; brokers " +
		"created public cannot be made private later. A private broker is reached only from its VPC (or what is " +
		"connected to it). Terraform creates private brokers unless publicly_accessible is set; CloudFormation " +
		"requires PubliclyAccessible to be written.",
	Remediation: rules.Remediation{
		Text: "Create the broker private (PubliclyAccessible / publicly_accessible = false) in the VPC's subnets, and reach it through the VPC.",
		Terraform: `resource "aws_mq_broker" "this" {
  broker_name         = "orders"
  engine_type         = "ActiveMQ"
  engine_version      = "5.18"
  host_instance_type  = "mq.t3.micro"
  publicly_accessible = false
  subnet_ids          = [aws_subnet.private.id]
  security_groups     = [aws_security_group.mq.id]
  user {
    username = "app"
    password = var.mq_password
  }
  logs {
    audit   = true
    general = true
  }
}`,
		CloudFormation: `Broker:
  Type: AWS::AmazonMQ::Broker
  Properties:
    BrokerName: orders
    EngineType: ActiveMQ
    EngineVersion: "5.18"
    HostInstanceType: mq.t3.micro
    DeploymentMode: SINGLE_INSTANCE
    PubliclyAccessible: false
    SubnetIds:
      - !Ref PrivateSubnet
    Users:
      - Username: app
        Password: !Ref MqPassword
    Logs:
      Audit: true
      General: true`,
	},
	References: []string{
		"https://docs.aws.amazon.com/amazon-mq/latest/developer-guide/using-amazon-mq-securely.html#prefer-brokers-without-public-accessibility",
		"https://docs.aws.amazon.com/amazon-mq/latest/developer-guide/accessing-web-console-of-broker-without-private-accessibility.html",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkNIST, ID: "PR.AA-05"},
		{Framework: rules.FrameworkISO, ID: "A.8.20"},
	},
	Tags:      []string{"mq", "network", "public-access"},
	Precision: "very-high",
	Check: func(p *rules.Pass) {
		for _, b := range p.AWS.MQ.Brokers {
			if f := p.ReportIf(aws.IsTrue(b.Public), b.Public, "Amazon MQ broker %s is publicly accessible", b.Resource.Address); f != nil {
				rules.FixLiteral(f, b.Public.At, b.Public.Set, "Make the broker private", "false")
			}
		}
	},
}
