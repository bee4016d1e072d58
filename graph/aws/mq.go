package aws

import "github.com/blindspot-iac/blindspot/graph"

// MQ holds Amazon MQ brokers.
type MQ struct {
	Brokers []*MQBroker
}

// MQBroker is an Amazon MQ broker (ActiveMQ or RabbitMQ).
type MQBroker struct {
	Resource *graph.Resource
	// Engine is ActiveMQ or RabbitMQ.
	Engine String
	// Public is whether the broker has a public endpoint (off by default in
	// Terraform; CloudFormation requires the property).
	Public Bool
	// AuditLog and GeneralLog are whether the broker publishes those logs
	// to CloudWatch Logs (off by default; RabbitMQ has no audit log).
	AuditLog   Bool
	GeneralLog Bool
}

// IsActiveMQ is True for an ActiveMQ broker.
func (b *MQBroker) IsActiveMQ() graph.Tri { return EqualFold(b.Engine, "ActiveMQ") }

var mqBrokerAdapters = adapters[*MQBroker]{
	{graph.Terraform, "aws_mq_broker", func(_ *Model, r *graph.Resource) *MQBroker {
		a := Attrs(r)
		logs := a.Get("logs")
		return &MQBroker{Resource: r,
			Engine:     StringOf(a.Get("engine_type"), nil),
			Public:     BoolOf(a.Get("publicly_accessible"), Ptr(false)),
			AuditLog:   atBlock(BoolOf(logs.Get("audit"), Ptr(false)), logs),
			GeneralLog: atBlock(BoolOf(logs.Get("general"), Ptr(false)), logs),
		}
	}},
	{graph.CloudFormation, "AWS::AmazonMQ::Broker", func(_ *Model, r *graph.Resource) *MQBroker {
		a := Attrs(r)
		logs := a.Get("Logs")
		return &MQBroker{Resource: r,
			Engine:     StringOf(a.Get("EngineType"), nil),
			Public:     BoolOf(a.Get("PubliclyAccessible"), Ptr(false)),
			AuditLog:   atBlock(BoolOf(logs.Get("Audit"), Ptr(false)), logs),
			GeneralLog: atBlock(BoolOf(logs.Get("General"), Ptr(false)), logs),
		}
	}},
}

func buildMQ(m *Model) {
	m.MQ.Brokers = mqBrokerAdapters.all(m)
}
