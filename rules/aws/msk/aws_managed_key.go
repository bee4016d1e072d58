package msk

import (
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// AWSManagedKey flags MSK clusters whose data at rest is encrypted with
// the AWS managed key.
var AWSManagedKey = &rules.Rule{
	ID:       "aws-msk-aws-managed-key",
	Title:    "MSK cluster data is encrypted with the AWS managed key",
	Severity: rules.Low,
	Description: "MSK always encrypts data at rest; when the cluster names no KMS key (DataVolumeKMSKeyId / " +
		"encryption_at_rest_kms_key_arn) it uses the AWS managed key aws/kafka. AWS writes that key's policy and " +
		"it cannot be changed, narrowed to one cluster or shared with another account. A customer managed key " +
		"lets you control and audit who may use the data's key and revoke that use. The key is chosen when the " +
		"cluster is created.",
	Remediation: rules.Remediation{
		Text: "Create the cluster with a customer managed KMS key for data at rest.",
		Terraform: `resource "aws_msk_cluster" "this" {
  cluster_name           = "events"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3
  broker_node_group_info {
    instance_type   = "kafka.m5.large"
    client_subnets  = aws_subnet.private[*].id
    security_groups = [aws_security_group.kafka.id]
  }
  encryption_info {
    encryption_at_rest_kms_key_arn = aws_kms_key.kafka.arn
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
    EncryptionInfo:
      EncryptionAtRest:
        DataVolumeKMSKeyId: !GetAtt KafkaKey.Arn`,
	},
	References: []string{
		"https://docs.aws.amazon.com/msk/latest/developerguide/msk-working-with-encryption.html",
		"https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#aws-managed-cmk",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkNIST, ID: "PR.DS-01"},
		{Framework: rules.FrameworkISO, ID: "A.8.24"},
	},
	Tags:      []string{"msk", "kafka", "encryption", "kms"},
	Precision: "very-high",
	Check: func(p *rules.Pass) {
		for _, c := range p.AWS.MSK.Clusters {
			p.ReportIf(aws.IsTrue(c.AWSManagedKey), c.AWSManagedKey,
				"MSK cluster %s encrypts its data with the AWS managed key aws/kafka, not a customer managed key", c.Resource.Address)
		}
	},
}
