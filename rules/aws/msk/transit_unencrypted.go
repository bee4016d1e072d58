package msk

import (
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// TransitUnencrypted flags MSK clusters that accept plaintext from clients
// or send it between brokers.
var TransitUnencrypted = &rules.Rule{
	ID:       "aws-msk-transit-unencrypted",
	Title:    "MSK cluster allows unencrypted traffic",
	Severity: rules.High,
	Description: "By default an MSK cluster accepts only TLS from clients (ClientBroker TLS) and encrypts traffic " +
		"between its brokers (InCluster true). Allowing PLAINTEXT, or TLS_PLAINTEXT which accepts both, lets " +
		"clients send and read records, and SASL/SCRAM credentials, unencrypted on the network; turning InCluster " +
		"off sends replicated data between brokers in clear. The in-cluster setting cannot be changed after the " +
		"cluster is created.",
	Remediation: rules.Remediation{
		Text: "Use TLS for client connections and between brokers (the defaults).",
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
    encryption_in_transit {
      client_broker = "TLS"
      in_cluster    = true
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
    EncryptionInfo:
      EncryptionInTransit:
        ClientBroker: TLS
        InCluster: true`,
	},
	References: []string{
		"https://docs.aws.amazon.com/msk/latest/developerguide/msk-encryption.html",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/msk-controls.html#msk-1",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkSecurityHub, ID: "MSK.1"},
		{Framework: rules.FrameworkConfig, ID: "msk-in-cluster-node-require-tls"},
		{Framework: rules.FrameworkNIST, ID: "PR.DS-02"},
		{Framework: rules.FrameworkISO, ID: "A.8.24"},
	},
	Tags:      []string{"msk", "kafka", "encryption-in-transit"},
	Precision: "very-high",
	Check: func(p *rules.Pass) {
		for _, c := range p.AWS.MSK.Clusters {
			cb := c.ClientBroker
			if f := p.ReportIf(c.PlaintextClients(), cb, "MSK cluster %s accepts plaintext connections from clients (client_broker %s)", c.Resource.Address, value(cb)); f != nil {
				rules.FixString(f, cb.At, cb.Set, "Accept only TLS from clients", "TLS")
			}
			if f := p.ReportIf(aws.IsTrue(c.InCluster).Not(), c.InCluster, "MSK cluster %s does not encrypt traffic between its brokers", c.Resource.Address); f != nil {
				rules.FixLiteral(f, c.InCluster.At, c.InCluster.Set, "Encrypt traffic between brokers", "true")
			}
		}
	},
}

// value is a known string for messages.
func value(s aws.String) string {
	v, _ := s.Get()
	return v
}
