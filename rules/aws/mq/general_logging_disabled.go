package mq

import (
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// GeneralLoggingDisabled flags brokers that do not publish their general
// log.
var GeneralLoggingDisabled = &rules.Rule{
	ID:       "aws-mq-general-logging-disabled",
	Title:    "Amazon MQ broker does not publish general logs",
	Severity: rules.Low,
	Description: "A broker's general log (the broker's own log for ActiveMQ, the connection and channel log for " +
		"RabbitMQ) shows connections, authentication failures and errors. Amazon MQ publishes it to CloudWatch Logs " +
		"only when general logging is on (Logs.General / logs.general), which it is not by default; without it, " +
		"there is nothing to look back on after an incident.",
	Remediation: rules.Remediation{
		Text: "Turn on general logging for the broker, and give Amazon MQ permission to write to CloudWatch Logs.",
		Terraform: `resource "aws_mq_broker" "this" {
  broker_name        = "events"
  engine_type        = "RabbitMQ"
  engine_version     = "3.13"
  host_instance_type = "mq.t3.micro"
  user {
    username = "app"
    password = var.mq_password
  }
  logs {
    general = true
  }
}`,
		CloudFormation: `Broker:
  Type: AWS::AmazonMQ::Broker
  Properties:
    BrokerName: events
    EngineType: RabbitMQ
    EngineVersion: "3.13"
    HostInstanceType: mq.t3.micro
    DeploymentMode: SINGLE_INSTANCE
    PubliclyAccessible: false
    Users:
      - Username: app
        Password: !Ref MqPassword
    Logs:
      General: true`,
	},
	References: []string{
		"https://docs.aws.amazon.com/amazon-mq/latest/developer-guide/security-logging-monitoring-cloudwatch.html",
		"https://docs.aws.amazon.com/amazon-mq/latest/developer-guide/configure-logging-monitoring-activemq.html",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkNIST, ID: "DE.CM-09"},
		{Framework: rules.FrameworkISO, ID: "A.8.15"},
	},
	Tags:      []string{"mq", "logging"},
	Precision: "very-high",
	Check: func(p *rules.Pass) {
		for _, b := range p.AWS.MQ.Brokers {
			if f := p.ReportIf(aws.IsTrue(b.GeneralLog).Not(), b.GeneralLog, "Amazon MQ broker %s does not publish its general log to CloudWatch Logs", b.Resource.Address); f != nil {
				rules.FixLiteral(f, b.GeneralLog.At, b.GeneralLog.Set, "Publish the general log", "true")
			}
		}
	},
}
