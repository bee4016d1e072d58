package aws

import "github.com/blindspot-iac/blindspot/graph"

// Messages holds SNS topics and SQS queues.
type Messages struct {
	Topics []*Topic
	Queues []*Queue
	// QueuePolicies are the queue access policies written in the code,
	// inline or as resources of their own.
	QueuePolicies []*QueuePolicy
}

// Topic is an SNS topic.
type Topic struct {
	Resource *graph.Resource
	// KMSEncrypted is whether a KMS key encrypts messages at rest (SNS
	// does not encrypt without one).
	KMSEncrypted Bool
	// AWSManagedKey is whether that key is the AWS managed key
	// alias/aws/sns, whose policy the account cannot change.
	AWSManagedKey Bool
}

// Queue is an SQS queue.
type Queue struct {
	Resource *graph.Resource
	// KMSEncrypted is whether a KMS key is set.
	KMSEncrypted Bool
	// AWSManagedKey is whether that key is the AWS managed key
	// alias/aws/sqs.
	AWSManagedKey Bool
	// ManagedSSE is SSE-SQS, on by default for queues created since
	// October 2022.
	ManagedSSE Bool
}

// Encrypted is True when either kind of server-side encryption is on.
func (q *Queue) Encrypted() graph.Tri {
	return IsTrue(q.KMSEncrypted).Or(IsTrue(q.ManagedSSE))
}

var topicAdapters = adapters[*Topic]{
	{graph.Terraform, "aws_sns_topic", func(m *Model, r *graph.Resource) *Topic {
		key := Attrs(r).Get("kms_master_key_id")
		return &Topic{Resource: r, KMSEncrypted: Configured(key), AWSManagedKey: AWSManagedKey(m, key, "sns")}
	}},
	{graph.CloudFormation, "AWS::SNS::Topic", func(m *Model, r *graph.Resource) *Topic {
		key := Attrs(r).Get("KmsMasterKeyId")
		return &Topic{Resource: r, KMSEncrypted: Configured(key), AWSManagedKey: AWSManagedKey(m, key, "sns")}
	}},
}

var queueAdapters = adapters[*Queue]{
	{graph.Terraform, "aws_sqs_queue", func(m *Model, r *graph.Resource) *Queue {
		a := Attrs(r)
		return newQueue(m, r, a.Get("kms_master_key_id"), BoolOf(a.Get("sqs_managed_sse_enabled"), Ptr(true)))
	}},
	{graph.CloudFormation, "AWS::SQS::Queue", func(m *Model, r *graph.Resource) *Queue {
		a := Attrs(r)
		return newQueue(m, r, a.Get("KmsMasterKeyId"), BoolOf(a.Get("SqsManagedSseEnabled"), Ptr(true)))
	}},
}

func newQueue(m *Model, r *graph.Resource, key Field, managed Bool) *Queue {
	q := &Queue{Resource: r, KMSEncrypted: Configured(key), AWSManagedKey: AWSManagedKey(m, key, "sqs"), ManagedSSE: managed}
	// Setting a KMS key replaces SSE-SQS.
	if IsTrue(q.KMSEncrypted) == graph.True {
		q.ManagedSSE = Default(false, q.ManagedSSE.At)
	}
	return q
}

// QueuePolicy is an SQS queue access policy: the policy argument of
// aws_sqs_queue, an aws_sqs_queue_policy or an AWS::SQS::QueuePolicy
// (which may apply to several queues).
type QueuePolicy struct {
	// Resource is where the policy is written.
	Resource *graph.Resource
	Document *Policy
}

var queuePolicyAdapters = adapters[[]*QueuePolicy]{
	{graph.Terraform, "aws_sqs_queue", func(_ *Model, r *graph.Resource) []*QueuePolicy {
		return inlineQueuePolicy(r, Attrs(r).Get("policy"))
	}},
	{graph.Terraform, "aws_sqs_queue_policy", func(_ *Model, r *graph.Resource) []*QueuePolicy {
		return []*QueuePolicy{{Resource: r, Document: PolicyOf(Attrs(r).Get("policy"))}}
	}},
	{graph.CloudFormation, "AWS::SQS::QueuePolicy", func(_ *Model, r *graph.Resource) []*QueuePolicy {
		return []*QueuePolicy{{Resource: r, Document: PolicyOf(Attrs(r).Get("PolicyDocument"))}}
	}},
}

// inlineQueuePolicy is the policy written on a queue itself, if any.
func inlineQueuePolicy(r *graph.Resource, doc Field) []*QueuePolicy {
	if !doc.IsSet() {
		return nil
	}
	if s, ok := doc.Value.AsString(); ok && s == "" {
		return nil
	}
	return []*QueuePolicy{{Resource: r, Document: PolicyOf(doc)}}
}

func buildMessages(m *Model) {
	m.Messages.Topics = topicAdapters.all(m)
	m.Messages.Queues = queueAdapters.all(m)
	m.Messages.QueuePolicies = flat(m, queuePolicyAdapters)
}
