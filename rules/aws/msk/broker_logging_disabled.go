package msk

import (
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// BrokerLoggingDisabled flags MSK clusters that deliver their broker logs
// nowhere.
var BrokerLoggingDisabled = &rules.Rule{
	ID:       "aws-msk-broker-logging-disabled",
	Title:    "MSK cluster does not deliver broker logs",
	Severity: rules.Medium,
	Description: "Kafka's broker logs record client connections, authentication and authorisation failures and " +
		"broker errors. MSK keeps them only when the cluster delivers them to CloudWatch Logs, Kinesis Data " +
		"Firehose or S3 (LoggingInfo.BrokerLogs / logging_info.broker_logs, with a destination enabled); no " +
		"destination is enabled by default.",
	Remediation: rules.Remediation{
		Text: "Deliver the broker logs to at least one destination: CloudWatch Logs, Firehose or S3.",
		Terraform: `resource "aws_msk_cluster" "this" {
  cluster_name           = "events"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3
  broker_node_group_info {
    instance_type   = "kafka.m5.large"
    client_subnets  = aws_subnet.private[*].id
    security_groups = [aws_security_group.kafka.id]
  }
  logging_info {
    broker_logs {
      cloudwatch_logs {
        enabled   = true
        log_group = aws_cloudwatch_log_group.kafka.name
      }
    }
  }
}`,
		CloudFormation: `Cluster:
  Type: AWS::MSK::Cluster
  Properties:
    ClusterName: events
    KafkaVersion: 3.6.0
    NumberOfBrokerNodes: 3
    BrokerNodeGroupInfo:
      InstanceType: kafka.m5.large
      ClientSubnets: !Ref PrivateSubnets
    LoggingInfo:
      BrokerLogs:
        CloudWatchLogs:
          Enabled: true
          LogGroup: !Ref KafkaLogs`,
	},
	References: []string{
		"https://docs.aws.amazon.com/msk/latest/developerguide/msk-logging.html",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkNIST, ID: "DE.CM-09"},
		{Framework: rules.FrameworkISO, ID: "A.8.15"},
	},
	Tags:      []string{"msk", "kafka", "logging"},
	Precision: "very-high",
	Check: func(p *rules.Pass) {
		for _, c := range p.AWS.MSK.Clusters {
			p.ReportIf(aws.IsTrue(c.BrokerLogs).Not(), c.BrokerLogs, "MSK cluster %s delivers its broker logs to no destination", c.Resource.Address)
		}
	},
}
