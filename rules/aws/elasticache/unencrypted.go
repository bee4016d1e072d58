package elasticache

import (
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// Unencrypted flags replication groups whose data at rest is not
// encrypted.
var Unencrypted = &rules.Rule{
	ID:       "aws-elasticache-unencrypted",
	Title:    "ElastiCache replication group is not encrypted at rest",
	Severity: rules.High,
	Description: "Encryption at rest covers what a Valkey or Redis OSS replication group writes to disk: swap, " +
		"backups and snapshots exported to S3. It is chosen when the group is created and cannot be changed. " +
		"Valkey groups are encrypted by default; Redis OSS groups are not unless AtRestEncryptionEnabled / " +
		"at_rest_encryption_enabled is set, which is the default the rule assumes. A secondary group of a global " +
		"datastore takes the primary's setting and is not judged when it leaves the setting out.",
	Remediation: rules.Remediation{
		Text: "Create the replication group with encryption at rest on (it cannot be turned on later).",
		Terraform: `resource "aws_elasticache_replication_group" "this" {
  replication_group_id       = "sessions"
  description                = "session cache"
  engine                     = "redis"
  node_type                  = "cache.t4g.small"
  num_cache_clusters         = 2
  at_rest_encryption_enabled = true
  transit_encryption_enabled = true
  snapshot_retention_limit   = 7
}`,
		CloudFormation: `ReplicationGroup:
  Type: AWS::ElastiCache::ReplicationGroup
  Properties:
    ReplicationGroupDescription: session cache
    Engine: redis
    CacheNodeType: cache.t4g.small
    NumCacheClusters: 2
    AtRestEncryptionEnabled: true
    TransitEncryptionEnabled: true
    SnapshotRetentionLimit: 7`,
	},
	References: []string{
		"https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/at-rest-encryption.html",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/elasticache-controls.html#elasticache-4",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkSecurityHub, ID: "ElastiCache.4"},
		{Framework: rules.FrameworkConfig, ID: "elasticache-repl-grp-encrypted-at-rest"},
		{Framework: rules.FrameworkNIST, ID: "PR.DS-01"},
		{Framework: rules.FrameworkISO, ID: "A.8.24"},
	},
	Tags:      []string{"elasticache", "encryption"},
	Precision: "very-high",
	Check: func(p *rules.Pass) {
		for _, g := range p.AWS.ElastiCache.ReplicationGroups {
			if f := p.ReportIf(aws.IsTrue(g.AtRestEncryption).Not(), g.AtRestEncryption, "ElastiCache replication group %s is not encrypted at rest", g.Resource.Address); f != nil {
				rules.FixLiteral(f, g.AtRestEncryption.At, g.AtRestEncryption.Set, "Encrypt data at rest", "true")
			}
		}
	},
}
