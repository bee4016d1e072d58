package aws

import (
	"strings"

	"github.com/blindspot-iac/blindspot/graph"
)

// MSK holds Amazon MSK (Managed Streaming for Apache Kafka) provisioned
// clusters. Serverless clusters always use TLS and encrypt at rest, and
// are not modelled.
type MSK struct {
	Clusters []*MSKCluster
}

// MSKCluster is a provisioned MSK cluster.
type MSKCluster struct {
	Resource *graph.Resource
	// ClientBroker is how clients may reach brokers: TLS (the default),
	// TLS_PLAINTEXT or PLAINTEXT.
	ClientBroker String
	// InCluster is whether brokers talk to each other over TLS (on by
	// default).
	InCluster Bool
	// AWSManagedKey is whether data at rest, which MSK always encrypts,
	// is encrypted with the AWS managed key aws/kafka (when no key is
	// given).
	AWSManagedKey Bool
	// BrokerLogs is whether broker logs are delivered anywhere (CloudWatch
	// Logs, Firehose or S3); off by default.
	BrokerLogs Bool
}

// mskNames are the argument names of one format.
type mskNames struct {
	encryption, atRest, atRestKey, inTransit, clientBroker, inCluster string
	logging, brokerLogs, enabled                                      string
	destinations                                                      [3]string
}

var (
	tfMSKNames = mskNames{"encryption_info", "", "encryption_at_rest_kms_key_arn", "encryption_in_transit", "client_broker", "in_cluster",
		"logging_info", "broker_logs", "enabled", [3]string{"cloudwatch_logs", "firehose", "s3"}}
	cfnMSKNames = mskNames{"EncryptionInfo", "EncryptionAtRest", "DataVolumeKMSKeyId", "EncryptionInTransit", "ClientBroker", "InCluster",
		"LoggingInfo", "BrokerLogs", "Enabled", [3]string{"CloudWatchLogs", "Firehose", "S3"}}
)

var mskClusterAdapters = adapters[*MSKCluster]{
	{graph.Terraform, "aws_msk_cluster", func(m *Model, r *graph.Resource) *MSKCluster { return mskCluster(m, r, tfMSKNames) }},
	{graph.CloudFormation, "AWS::MSK::Cluster", func(m *Model, r *graph.Resource) *MSKCluster { return mskCluster(m, r, cfnMSKNames) }},
}

func mskCluster(m *Model, r *graph.Resource, n mskNames) *MSKCluster {
	a := Attrs(r)
	enc := a.Get(n.encryption)
	atRest := enc
	if n.atRest != "" {
		atRest = enc.Get(n.atRest)
	}
	transit := enc.Get(n.inTransit)
	c := &MSKCluster{Resource: r,
		ClientBroker:  atBlock(Map(StringOf(transit.Get(n.clientBroker), Ptr("TLS")), strings.ToUpper), transit),
		InCluster:     atBlock(BoolOf(transit.Get(n.inCluster), Ptr(true)), transit),
		AWSManagedKey: defaultServiceKey(m, atRest.Get(n.atRestKey), "kafka"),
	}
	logging := a.Get(n.logging)
	logs := logging.Get(n.brokerLogs)
	switch {
	case logs.IsSet():
		c.BrokerLogs = brokerLogs(logs, n)
	case logging.IsSet():
		c.BrokerLogs = Default(false, KeyLoc(logging))
	default:
		c.BrokerLogs = Default(false, r.Loc())
	}
	return c
}

// brokerLogs reads whether any destination of a broker_logs block is
// enabled.
func brokerLogs(logs Field, n mskNames) Bool {
	out := Known(false, true, KeyLoc(logs))
	for _, d := range n.destinations {
		switch IsTrue(BoolOf(logs.Get(d).Get(n.enabled), Ptr(false))) {
		case graph.True:
			return Known(true, true, KeyLoc(logs))
		case graph.Unknown:
			out = UnknownAttr[bool]("whether "+d+" delivery of broker logs is enabled is not known", KeyLoc(logs))
		}
	}
	return out
}

// PlaintextClients is True when clients may connect without TLS.
func (c *MSKCluster) PlaintextClients() graph.Tri {
	return c.ClientBroker.Test(func(s string) bool { return s == "PLAINTEXT" || s == "TLS_PLAINTEXT" })
}

func buildMSK(m *Model) {
	m.MSK.Clusters = mskClusterAdapters.all(m)
}
