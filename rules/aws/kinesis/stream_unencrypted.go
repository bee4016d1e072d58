package kinesis

import (
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// StreamUnencrypted flags data streams without server-side encryption.
var StreamUnencrypted = &rules.Rule{
	ID:       "aws-kinesis-stream-unencrypted",
	Title:    "Kinesis data stream is not encrypted at rest",
	Severity: rules.Medium,
	Description: "Kinesis Data Streams does not encrypt records at rest unless the stream's encryption type is KMS: " +
		"without it, every record kept for the retention period (a day by default, up to a year) is stored in " +
		"clear. With a KMS key (the AWS managed aws/kinesis or a customer managed key) records are encrypted " +
		"before they are written, and reading them also requires permission to use the key. Producers and " +
		"consumers always reach the service over TLS, so this is about data at rest.",
	Remediation: rules.Remediation{
		Text: "Set the stream's encryption type to KMS with a key (alias/aws/kinesis, or a customer managed key " +
			"whose policy lets producers and consumers use it).",
		Terraform: `resource "aws_kinesis_stream" "events" {
  name             = "events"
  shard_count      = 1
  encryption_type  = "KMS"
  kms_key_id       = aws_kms_key.kinesis.id
  retention_period = 24
}`,
		CloudFormation: `Events:
  Type: AWS::Kinesis::Stream
  Properties:
    ShardCount: 1
    StreamEncryption:
      EncryptionType: KMS
      KeyId: !Ref KinesisKey`,
	},
	References: []string{
		"https://docs.aws.amazon.com/streams/latest/dev/what-is-sse.html",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/kinesis-controls.html#kinesis-1",
		"https://docs.aws.amazon.com/config/latest/developerguide/kinesis-stream-encrypted.html",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkSecurityHub, ID: "Kinesis.1"},
		{Framework: rules.FrameworkConfig, ID: "kinesis-stream-encrypted"},
		{Framework: rules.FrameworkNIST, ID: "PR.DS-01"},
		{Framework: rules.FrameworkISO, ID: "A.8.24"},
	},
	Tags:      []string{"kinesis", "encryption"},
	Precision: "very-high",
	Check: func(p *rules.Pass) {
		for _, s := range p.AWS.Kinesis.Streams {
			p.ReportIf(aws.EqualFold(s.Encryption, "KMS").Not(), s.Encryption,
				"Kinesis stream %s is not encrypted at rest (encryption type is not KMS)", s.Resource.Address)
		}
	},
}
