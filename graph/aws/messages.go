package aws

import "github.com/blindspot-iac/blindspot/graph"

// Messages holds SNS topics and SQS queues.
type Messages struct {
	Topics []*Topic
	Queues []*Queue
}

// Topic is an SNS topic.
type Topic struct {
	Resource *graph.Resource
	// KMSEncrypted is whether a KMS key encrypts messages at rest (SNS
	// does not encrypt without one).
	KMSEncrypted Bool
}

// Queue is an SQS queue.
type Queue struct {
	Resource *graph.Resource
	// KMSEncrypted is whether a KMS key is set.
	KMSEncrypted Bool
	// ManagedSSE is SSE-SQS, on by default for queues created since
	// October 2022.
	ManagedSSE Bool
}

// Encrypted is True when either kind of server-side encryption is on.
func (q *Queue) Encrypted() graph.Tri {
	return IsTrue(q.KMSEncrypted).Or(IsTrue(q.ManagedSSE))
}

var topicAdapters = adapters[*Topic]{
	{graph.Terraform, "aws_sns_topic", func(_ *Model, r *graph.Resource) *Topic {
		return &Topic{Resource: r, KMSEncrypted: Configured(Attrs(r).Get("kms_master_key_id"))}
	}},
	{graph.CloudFormation, "AWS::SNS::Topic", func(_ *Model, r *graph.Resource) *Topic {
		return &Topic{Resource: r, KMSEncrypted: Configured(Attrs(r).Get("KmsMasterKeyId"))}
	}},
}

var queueAdapters = adapters[*Queue]{
	{graph.Terraform, "aws_sqs_queue", func(_ *Model, r *graph.Resource) *Queue {
		a := Attrs(r)
		return newQueue(r, Configured(a.Get("kms_master_key_id")), BoolOf(a.Get("sqs_managed_sse_enabled"), Ptr(true)))
	}},
	{graph.CloudFormation, "AWS::SQS::Queue", func(_ *Model, r *graph.Resource) *Queue {
		a := Attrs(r)
		return newQueue(r, Configured(a.Get("KmsMasterKeyId")), BoolOf(a.Get("SqsManagedSseEnabled"), Ptr(true)))
	}},
}

func newQueue(r *graph.Resource, kms, managed Bool) *Queue {
	q := &Queue{Resource: r, KMSEncrypted: kms, ManagedSSE: managed}
	// Setting a KMS key replaces SSE-SQS.
	if IsTrue(q.KMSEncrypted) == graph.True {
		q.ManagedSSE = Default(false, q.ManagedSSE.At)
	}
	return q
}

func buildMessages(m *Model) {
	m.Messages.Topics = topicAdapters.all(m)
	m.Messages.Queues = queueAdapters.all(m)
}
