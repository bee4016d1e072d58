package aws

import (
	"strings"

	"github.com/blindspot-iac/blindspot/graph"
)

// ElastiCache holds ElastiCache replication groups, cache clusters and
// EC2-Classic cache security groups.
type ElastiCache struct {
	ReplicationGroups []*CacheReplicationGroup
	// Clusters are the cache clusters that are not members of a
	// replication group.
	Clusters []*CacheCluster
	// ClassicSecurityGroups are EC2-Classic cache security groups and the
	// clusters or replication groups that name them.
	ClassicSecurityGroups []*ClassicSecurityGroup
}

// CacheReplicationGroup is a Valkey or Redis OSS replication group.
type CacheReplicationGroup struct {
	Resource *graph.Resource
	// Engine is redis (the default) or valkey, lower case.
	Engine String
	// AtRestEncryption is whether data at rest is encrypted: on by default
	// for Valkey, off for Redis OSS; unknown for a secondary of a global
	// datastore, which takes the primary's setting.
	AtRestEncryption Bool
	// TransitEncryption is whether connections use TLS (off by default);
	// TransitMode is "required" (the default when TLS is on) or
	// "preferred", which also accepts unencrypted connections.
	TransitEncryption Bool
	TransitMode       String
	// SnapshotRetention is how many days automatic backups are kept; 0
	// (the default) turns them off.
	SnapshotRetention Int
}

// CacheCluster is a cache cluster created on its own: Memcached, or a
// single Valkey or Redis OSS node.
type CacheCluster struct {
	Resource *graph.Resource
	// Engine is memcached, redis or valkey, lower case.
	Engine String
	// SnapshotRetention is as for replication groups (Valkey and Redis OSS
	// only).
	SnapshotRetention Int
}

// ClassicSecurityGroup is an EC2-Classic security group: a resource that
// creates one, or a resource that names them.
type ClassicSecurityGroup struct {
	Resource *graph.Resource
	// At locates the resource or the argument naming the groups.
	At graph.Loc
	// Names is set when the resource names groups rather than creating
	// one.
	Names bool
	// Uses is whether the resource creates or names any group: True for
	// a group, Unknown for a list of names that is not known.
	Uses graph.Tri
	Why  string
}

// Loc locates the group or the argument.
func (c *ClassicSecurityGroup) Loc() graph.Loc { return c.At }

// UnknownReason says why whether groups are named is not known.
func (c *ClassicSecurityGroup) UnknownReason() string { return c.Why }

// cacheEngineBacksUp is False for Memcached, which has no backups.
func cacheEngineBacksUp(engine String) graph.Tri {
	return engine.Test(func(e string) bool { return e != "memcached" })
}

// KeepsBackups is whether the engine of the cluster has automatic
// backups (Valkey and Redis OSS, not Memcached).
func (c *CacheCluster) KeepsBackups() graph.Tri { return cacheEngineBacksUp(c.Engine) }

// RequiresTLS is True when every connection must use TLS.
func (g *CacheReplicationGroup) RequiresTLS() graph.Tri {
	return IsTrue(g.TransitEncryption).And(Equals(g.TransitMode, "required"))
}

// cacheGroupNames are one format's argument names of a replication group.
type cacheGroupNames struct {
	engine, atRest, transit, transitMode, retention, global string
}

var (
	tfCacheGroupNames  = cacheGroupNames{"engine", "at_rest_encryption_enabled", "transit_encryption_enabled", "transit_encryption_mode", "snapshot_retention_limit", "global_replication_group_id"}
	cfnCacheGroupNames = cacheGroupNames{"Engine", "AtRestEncryptionEnabled", "TransitEncryptionEnabled", "TransitEncryptionMode", "SnapshotRetentionLimit", "GlobalReplicationGroupId"}
)

var cacheReplicationGroupAdapters = adapters[*CacheReplicationGroup]{
	{graph.Terraform, "aws_elasticache_replication_group", func(_ *Model, r *graph.Resource) *CacheReplicationGroup {
		return cacheReplicationGroup(r, tfCacheGroupNames)
	}},
	{graph.CloudFormation, "AWS::ElastiCache::ReplicationGroup", func(_ *Model, r *graph.Resource) *CacheReplicationGroup {
		return cacheReplicationGroup(r, cfnCacheGroupNames)
	}},
}

func cacheReplicationGroup(r *graph.Resource, n cacheGroupNames) *CacheReplicationGroup {
	a := Attrs(r)
	g := &CacheReplicationGroup{Resource: r,
		Engine:            Map(StringOf(a.Get(n.engine), Ptr("redis")), strings.ToLower),
		TransitEncryption: BoolOf(a.Get(n.transit), Ptr(false)),
		TransitMode:       Map(StringOf(a.Get(n.transitMode), Ptr("required")), strings.ToLower),
		SnapshotRetention: IntOf(a.Get(n.retention), Ptr(0)),
	}
	atRest := a.Get(n.atRest)
	switch {
	case atRest.IsSet():
		g.AtRestEncryption = BoolOf(atRest, nil)
	case a.Get(n.global).IsSet():
		g.AtRestEncryption = UnknownAttr[bool](r.Address+" joins a global datastore, whose primary decides its encryption at rest", r.Loc())
	default:
		// Valkey encrypts by default, Redis OSS does not.
		g.AtRestEncryption = Map(g.Engine, func(e string) bool { return e == "valkey" })
		g.AtRestEncryption.Set, g.AtRestEncryption.At = false, atRest.Loc()
	}
	return g
}

var cacheClusterAdapters = adapters[*CacheCluster]{
	{graph.Terraform, "aws_elasticache_cluster", func(_ *Model, r *graph.Resource) *CacheCluster {
		a := Attrs(r)
		if a.Get("replication_group_id").IsSet() {
			return nil
		}
		return &CacheCluster{Resource: r, Engine: Map(StringOf(a.Get("engine"), nil), strings.ToLower),
			SnapshotRetention: IntOf(a.Get("snapshot_retention_limit"), Ptr(0))}
	}},
	{graph.CloudFormation, "AWS::ElastiCache::CacheCluster", func(_ *Model, r *graph.Resource) *CacheCluster {
		a := Attrs(r)
		return &CacheCluster{Resource: r, Engine: Map(StringOf(a.Get("Engine"), nil), strings.ToLower),
			SnapshotRetention: IntOf(a.Get("SnapshotRetentionLimit"), Ptr(0))}
	}},
}

// classicCacheGroupAdapters read EC2-Classic cache security groups and
// the arguments that name them.
var classicCacheGroupAdapters = adapters[*ClassicSecurityGroup]{
	{graph.Terraform, "aws_elasticache_security_group", classicGroup},
	{graph.CloudFormation, "AWS::ElastiCache::SecurityGroup", classicGroup},
	{graph.Terraform, "aws_elasticache_cluster", namesClassicGroups("security_group_names")},
	{graph.CloudFormation, "AWS::ElastiCache::CacheCluster", namesClassicGroups("CacheSecurityGroupNames")},
	{graph.Terraform, "aws_elasticache_replication_group", namesClassicGroups("security_group_names")},
	{graph.CloudFormation, "AWS::ElastiCache::ReplicationGroup", namesClassicGroups("CacheSecurityGroupNames")},
}

// classicGroup reads a resource that creates an EC2-Classic security
// group.
func classicGroup(_ *Model, r *graph.Resource) *ClassicSecurityGroup {
	return &ClassicSecurityGroup{Resource: r, At: r.Loc(), Uses: graph.True}
}

// namesClassicGroups reads the argument with which a resource names
// EC2-Classic security groups; nil when it names none.
func namesClassicGroups(arg string) func(*Model, *graph.Resource) *ClassicSecurityGroup {
	return func(_ *Model, r *graph.Resource) *ClassicSecurityGroup {
		f := Attrs(r).Get(arg)
		has, why := hasElements(f)
		if has == graph.False {
			return nil
		}
		return &ClassicSecurityGroup{Resource: r, At: KeyLoc(f), Names: true, Uses: has, Why: why}
	}
}

func buildElastiCache(m *Model) {
	m.ElastiCache.ReplicationGroups = cacheReplicationGroupAdapters.all(m)
	cacheClusterAdapters.each(m, func(c *CacheCluster) {
		if c != nil {
			m.ElastiCache.Clusters = append(m.ElastiCache.Clusters, c)
		}
	})
	classicCacheGroupAdapters.each(m, func(c *ClassicSecurityGroup) {
		if c != nil {
			m.ElastiCache.ClassicSecurityGroups = append(m.ElastiCache.ClassicSecurityGroups, c)
		}
	})
}
