package elasticache

import (
	"github.com/blindspot-iac/blindspot/rules"
)

// ClassicSecurityGroup flags EC2-Classic cache security groups.
var ClassicSecurityGroup = &rules.Rule{
	ID:       "aws-elasticache-classic-security-group",
	Title:    "ElastiCache uses an EC2-Classic cache security group",
	Severity: rules.Medium,
	Description: "Cache security groups (AWS::ElastiCache::SecurityGroup, aws_elasticache_security_group, and " +
		"CacheSecurityGroupNames / security_group_names on a cluster) exist only for clusters on EC2-Classic, the " +
		"flat network AWS retired on 15 August 2023. They control access by EC2-Classic security group rather " +
		"than by VPC security groups with rules a reviewer can read, and they can no longer be created: code that " +
		"declares them is either failing or describing a cluster that should be moved into a VPC. Their " +
		"descriptions, which older checks asked for, are beside the point once the group itself is gone.",
	Remediation: rules.Remediation{
		Text: "Run the cluster in a VPC: give it a cache subnet group and VPC security groups, and remove the cache security groups.",
		Terraform: `resource "aws_elasticache_replication_group" "this" {
  replication_group_id       = "sessions"
  description                = "session cache"
  node_type                  = "cache.t4g.small"
  num_cache_clusters         = 2
  subnet_group_name          = aws_elasticache_subnet_group.private.name
  security_group_ids         = [aws_security_group.cache.id]
  at_rest_encryption_enabled = true
  transit_encryption_enabled = true
}`,
		CloudFormation: `ReplicationGroup:
  Type: AWS::ElastiCache::ReplicationGroup
  Properties:
    ReplicationGroupDescription: session cache
    CacheNodeType: cache.t4g.small
    NumCacheClusters: 2
    CacheSubnetGroupName: !Ref CacheSubnets
    SecurityGroupIds:
      - !GetAtt CacheSecurityGroup.GroupId
    AtRestEncryptionEnabled: true
    TransitEncryptionEnabled: true`,
	},
	References: []string{
		"https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/VPCs.html",
		"https://aws.amazon.com/blogs/aws/ec2-classic-is-retiring-heres-how-to-prepare/",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkNIST, ID: "PR.IR-01"},
		{Framework: rules.FrameworkISO, ID: "A.8.22"},
	},
	Tags:      []string{"elasticache", "network", "ec2-classic"},
	Precision: "very-high",
	Check: func(p *rules.Pass) {
		for _, g := range p.AWS.ElastiCache.ClassicSecurityGroups {
			msg := "%s is an EC2-Classic cache security group"
			if g.Names {
				msg = "%s uses EC2-Classic cache security groups"
			}
			p.ReportIf(g.Uses, g, msg, g.Resource.Address)
		}
	},
}
