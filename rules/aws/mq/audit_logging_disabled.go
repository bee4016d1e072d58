package mq

import (
	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// AuditLoggingDisabled flags ActiveMQ brokers that do not publish their
// audit log.
var AuditLoggingDisabled = &rules.Rule{
	ID:       "aws-mq-audit-logging-disabled",
	Title:    "ActiveMQ broker does not publish audit logs",
	Severity: rules.Medium,
	Description: "An ActiveMQ broker's audit log records management actions taken through JMX or the web console: " +
		"who created or deleted destinations, changed or purged queues. It is published to CloudWatch Logs only " +
		"when the broker's audit logging is on (Logs.Audit / logs.audit), which it is not by default. RabbitMQ " +
		"brokers have no audit log and are not judged.",
	Remediation: rules.Remediation{
		Text: "Turn on audit logging for the broker, and give Amazon MQ permission to write to CloudWatch Logs.",
		Terraform: `resource "aws_mq_broker" "this" {
  broker_name        = "orders"
  engine_type        = "ActiveMQ"
  engine_version     = "5.18"
  host_instance_type = "mq.t3.micro"
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
    Users:
      - Username: app
        Password: !Ref MqPassword
    Logs:
      Audit: true
      General: true`,
	},
	References: []string{
		"https://docs.aws.amazon.com/amazon-mq/latest/developer-guide/configure-logging-monitoring-activemq.html",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/mq-controls.html#mq-2",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkSecurityHub, ID: "MQ.2"},
		{Framework: rules.FrameworkConfig, ID: "mq-cloudwatch-audit-logging-enabled"},
		{Framework: rules.FrameworkNIST, ID: "DE.CM-09"},
		{Framework: rules.FrameworkISO, ID: "A.8.15"},
	},
	Tags:      []string{"mq", "logging"},
	Precision: "very-high",
	Check: func(p *rules.Pass) {
		for _, b := range p.AWS.MQ.Brokers {
			cond := b.IsActiveMQ().And(aws.IsTrue(b.AuditLog).Not())
			var subject rules.Subject = b.AuditLog
			if b.IsActiveMQ() == graph.Unknown {
				subject = rules.Because(b.AuditLog, "the engine of "+b.Resource.Address+" is not known: "+b.Engine.UnknownReason())
			}
			if f := p.ReportIf(cond, subject, "ActiveMQ broker %s does not publish its audit log to CloudWatch Logs", b.Resource.Address); f != nil {
				rules.FixLiteral(f, b.AuditLog.At, b.AuditLog.Set, "Publish the audit log", "true")
			}
		}
	},
}
