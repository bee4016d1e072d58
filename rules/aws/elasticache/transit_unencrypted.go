package elasticache

import (
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// TransitUnencrypted flags replication groups that accept connections
// without TLS.
var TransitUnencrypted = &rules.Rule{
	ID:       "aws-elasticache-transit-unencrypted",
	Title:    "ElastiCache replication group accepts unencrypted connections",
	Severity: rules.High,
	Description: "Without in-transit encryption, clients talk to a Valkey or Redis OSS replication group in clear " +
		"text: cached data, the AUTH token or user passwords can be read or altered by anyone on the network path. " +
		"In-transit encryption is off unless TransitEncryptionEnabled / transit_encryption_enabled is set; with " +
		"it on, TransitEncryptionMode preferred (used while migrating clients) still accepts unencrypted " +
		"connections, so only the default mode, required, counts.",
	Remediation: rules.Remediation{
		Text: "Turn on in-transit encryption in required mode, after moving clients to TLS.",
		Terraform: `resource "aws_elasticache_replication_group" "this" {
  replication_group_id       = "sessions"
  description                = "session cache"
  engine                     = "redis"
  node_type                  = "cache.t4g.small"
  num_cache_clusters         = 2
  at_rest_encryption_enabled = true
  transit_encryption_enabled = true
  transit_encryption_mode    = "required"
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
    TransitEncryptionMode: required`,
	},
	References: []string{
		"https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/in-transit-encryption.html",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/elasticache-controls.html#elasticache-5",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkSecurityHub, ID: "ElastiCache.5"},
		{Framework: rules.FrameworkConfig, ID: "elasticache-repl-grp-encrypted-in-transit"},
		{Framework: rules.FrameworkNIST, ID: "PR.DS-02"},
		{Framework: rules.FrameworkISO, ID: "A.8.24"},
	},
	Tags:      []string{"elasticache", "encryption-in-transit", "tls"},
	Precision: "very-high",
	Check: func(p *rules.Pass) {
		for _, g := range p.AWS.ElastiCache.ReplicationGroups {
			tls := g.TransitEncryption
			if f := p.ReportIf(aws.IsTrue(tls).Not(), tls, "ElastiCache replication group %s does not encrypt connections in transit", g.Resource.Address); f != nil {
				rules.FixLiteral(f, tls.At, tls.Set, "Encrypt connections", "true")
				continue
			}
			mode := g.TransitMode
			if f := p.ReportIf(aws.IsTrue(tls).And(aws.Equals(mode, "preferred")), mode,
				"ElastiCache replication group %s also accepts unencrypted connections (transit encryption mode preferred)", g.Resource.Address); f != nil {
				rules.FixString(f, mode.At, mode.Set, "Require TLS", "required")
			}
		}
	},
}
