package aws

import "github.com/blindspot-iac/blindspot/graph"

// Kinesis holds Kinesis data streams.
type Kinesis struct {
	Streams []*KinesisStream
}

// KinesisStream is a Kinesis data stream.
type KinesisStream struct {
	Resource *graph.Resource
	// Encryption is the server-side encryption type: KMS, or NONE (the
	// default: a stream is not encrypted at rest unless asked).
	Encryption String
}

var kinesisStreamAdapters = adapters[*KinesisStream]{
	{graph.Terraform, "aws_kinesis_stream", func(_ *Model, r *graph.Resource) *KinesisStream {
		return &KinesisStream{Resource: r, Encryption: StringOf(Attrs(r).Get("encryption_type"), Ptr("NONE"))}
	}},
	{graph.CloudFormation, "AWS::Kinesis::Stream", func(_ *Model, r *graph.Resource) *KinesisStream {
		enc := Attrs(r).Get("StreamEncryption")
		return &KinesisStream{Resource: r, Encryption: atBlock(StringOf(enc.Get("EncryptionType"), Ptr("NONE")), enc)}
	}},
}

func buildKinesis(m *Model) {
	m.Kinesis.Streams = kinesisStreamAdapters.all(m)
}
