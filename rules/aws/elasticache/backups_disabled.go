package elasticache

import (
	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// BackupsDisabled flags Valkey and Redis OSS caches without automatic
// backups.
var BackupsDisabled = &rules.Rule{
	ID:       "aws-elasticache-backups-disabled",
	Title:    "ElastiCache cluster has no automatic backups",
	Severity: rules.Medium,
	Description: "Valkey and Redis OSS caches are often used as data stores, not only caches. ElastiCache takes " +
		"daily automatic backups only when the snapshot retention limit (SnapshotRetentionLimit / " +
		"snapshot_retention_limit) is at least one day; it is 0, no backups, by default. Without them, data lost " +
		"to a failure of every node, a bad deployment or a FLUSHALL cannot be restored. Memcached keeps no backups " +
		"and is not judged; members of a replication group follow the group.",
	Remediation: rules.Remediation{
		Text: "Keep automatic backups for at least one day, longer where the data cannot be rebuilt.",
		Terraform: `resource "aws_elasticache_replication_group" "this" {
  replication_group_id       = "sessions"
  description                = "session cache"
  engine                     = "redis"
  node_type                  = "cache.t4g.small"
  num_cache_clusters         = 2
  at_rest_encryption_enabled = true
  transit_encryption_enabled = true
  snapshot_retention_limit   = 7
  snapshot_window            = "03:00-05:00"
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
    SnapshotRetentionLimit: 7
    SnapshotWindow: "03:00-05:00"`,
	},
	References: []string{
		"https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/backups-automatic.html",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/elasticache-controls.html#elasticache-1",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkSecurityHub, ID: "ElastiCache.1"},
		{Framework: rules.FrameworkConfig, ID: "elasticache-redis-cluster-automatic-backup-check"},
		{Framework: rules.FrameworkNIST, ID: "PR.DS-11"},
		{Framework: rules.FrameworkISO, ID: "A.8.13"},
	},
	Tags:      []string{"elasticache", "backup"},
	Precision: "very-high",
	Check: func(p *rules.Pass) {
		none := func(n aws.Int) graph.Tri { return n.Test(func(d int) bool { return d < 1 }) }
		for _, g := range p.AWS.ElastiCache.ReplicationGroups {
			p.ReportIf(none(g.SnapshotRetention), g.SnapshotRetention, "ElastiCache replication group %s keeps no automatic backups", g.Resource.Address)
		}
		for _, c := range p.AWS.ElastiCache.Clusters {
			subject := rules.Because(c.SnapshotRetention, "the engine of "+c.Resource.Address+" is not known")
			if c.KeepsBackups() != graph.Unknown {
				subject = c.SnapshotRetention
			}
			p.ReportIf(c.KeepsBackups().And(none(c.SnapshotRetention)), subject, "ElastiCache cluster %s keeps no automatic backups", c.Resource.Address)
		}
	},
}
