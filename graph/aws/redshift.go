package aws

import "github.com/blindspot-iac/blindspot/graph"

// Redshift holds Amazon Redshift provisioned clusters and EC2-Classic
// cluster security groups.
type Redshift struct {
	Clusters []*RedshiftCluster
	// ClassicSecurityGroups are EC2-Classic cluster security groups and
	// the clusters that name them.
	ClassicSecurityGroups []*ClassicSecurityGroup
}

// RedshiftCluster is a provisioned Redshift cluster.
type RedshiftCluster struct {
	Resource *graph.Resource
	// Encrypted is whether the cluster is encrypted at rest. New clusters
	// are encrypted by default since January 2025 (CloudFormation and the
	// API); the AWS provider for Terraform sent encrypted = false unless it
	// was set before version 6, so an unset value in Terraform is unknown.
	Encrypted Bool
	// AWSKey is whether encryption uses a key AWS owns or manages (no
	// key given, or alias/aws/redshift) rather than a customer managed
	// one.
	AWSKey Bool
	// SubnetGroup is whether the cluster names a cluster subnet group;
	// without one it is placed in the default VPC.
	SubnetGroup Bool
	// Public is whether the cluster has a public endpoint: off by default
	// for CloudFormation and the API; the AWS provider for Terraform turned
	// it on unless it was set before version 6, so an unset value in
	// Terraform is unknown.
	Public Bool
}

// redshiftNames are one format's argument names.
type redshiftNames struct {
	encrypted, key, subnetGroup, public, snapshot string
}

var redshiftClusterAdapters = adapters[*RedshiftCluster]{
	{graph.Terraform, "aws_redshift_cluster", func(m *Model, r *graph.Resource) *RedshiftCluster {
		return redshiftCluster(m, r, redshiftNames{"encrypted", "kms_key_id", "cluster_subnet_group_name", "publicly_accessible", "snapshot_identifier"}, nil, nil)
	}},
	{graph.CloudFormation, "AWS::Redshift::Cluster", func(m *Model, r *graph.Resource) *RedshiftCluster {
		return redshiftCluster(m, r, redshiftNames{"Encrypted", "KmsKeyId", "ClusterSubnetGroupName", "PubliclyAccessible", "SnapshotIdentifier"}, Ptr(true), Ptr(false))
	}},
}

// redshiftCluster reads a cluster; encrypted and public are the defaults
// of the format, nil when they depend on the provider version.
func redshiftCluster(m *Model, r *graph.Resource, n redshiftNames, encrypted, public *bool) *RedshiftCluster {
	a := Attrs(r)
	c := &RedshiftCluster{Resource: r,
		Encrypted:   BoolOf(a.Get(n.encrypted), encrypted),
		SubnetGroup: Configured(a.Get(n.subnetGroup)),
		Public:      BoolOf(a.Get(n.public), public),
	}
	const providerDefault = " is not set, and its default depends on the version of the AWS provider (it changed in version 6)"
	switch {
	case !a.Get(n.encrypted).IsSet() && a.Get(n.snapshot).IsSet():
		c.Encrypted = UnknownAttr[bool](r.Address+" is restored from a snapshot, whose encryption it takes", r.Loc())
	case encrypted == nil && !a.Get(n.encrypted).IsSet():
		c.Encrypted = UnknownAttr[bool](n.encrypted+providerDefault, r.Loc())
	}
	if public == nil && !a.Get(n.public).IsSet() {
		c.Public = UnknownAttr[bool](n.public+providerDefault, r.Loc())
	}
	c.AWSKey = defaultServiceKey(m, a.Get(n.key), "redshift")
	return c
}

var classicRedshiftGroupAdapters = adapters[*ClassicSecurityGroup]{
	{graph.Terraform, "aws_redshift_security_group", classicGroup},
	{graph.CloudFormation, "AWS::Redshift::ClusterSecurityGroup", classicGroup},
	{graph.Terraform, "aws_redshift_cluster", namesClassicGroups("cluster_security_groups")},
	{graph.CloudFormation, "AWS::Redshift::Cluster", namesClassicGroups("ClusterSecurityGroups")},
}

func buildRedshift(m *Model) {
	m.Redshift.Clusters = redshiftClusterAdapters.all(m)
	classicRedshiftGroupAdapters.each(m, func(c *ClassicSecurityGroup) {
		if c != nil {
			m.Redshift.ClassicSecurityGroups = append(m.Redshift.ClassicSecurityGroups, c)
		}
	})
}
