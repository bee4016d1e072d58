package aws

import "github.com/blindspot-iac/blindspot/graph"

// Neptune holds Amazon Neptune clusters.
type Neptune struct {
	Clusters []*NeptuneCluster
}

// NeptuneCluster is a Neptune DB cluster.
type NeptuneCluster struct {
	Resource *graph.Resource
	// Encrypted is whether storage is encrypted: off unless set (the
	// console turns it on); unknown for a cluster restored from a snapshot
	// or joining a global cluster, whose source decides.
	Encrypted Bool
	// AWSManagedKey is whether encrypted storage uses the AWS managed key
	// aws/rds, which applies when no key is given.
	AWSManagedKey Bool
	// LogExports are the log types exported to CloudWatch Logs ("audit",
	// "slowquery"); none by default.
	LogExports Attr[[]string]
}

var neptuneClusterAdapters = adapters[*NeptuneCluster]{
	{graph.Terraform, "aws_neptune_cluster", func(m *Model, r *graph.Resource) *NeptuneCluster {
		a := Attrs(r)
		return neptuneCluster(m, r, clusterStorage{
			encrypted: a.Get("storage_encrypted"), key: a.Get("kms_key_arn"), logs: a.Get("enable_cloudwatch_logs_exports"),
			sources: []Field{a.Get("snapshot_identifier"), a.Get("global_cluster_identifier"), a.Get("replication_source_identifier")},
		})
	}},
	{graph.CloudFormation, "AWS::Neptune::DBCluster", func(m *Model, r *graph.Resource) *NeptuneCluster {
		a := Attrs(r)
		return neptuneCluster(m, r, clusterStorage{
			encrypted: a.Get("StorageEncrypted"), key: a.Get("KmsKeyId"), logs: a.Get("EnableCloudwatchLogsExports"),
			sources: []Field{a.Get("SnapshotIdentifier"), a.Get("SourceDBClusterIdentifier"), a.Get("GlobalClusterIdentifier")},
		})
	}},
}

func neptuneCluster(m *Model, r *graph.Resource, s clusterStorage) *NeptuneCluster {
	return &NeptuneCluster{Resource: r,
		Encrypted:     storageEncrypted(r, s),
		AWSManagedKey: defaultServiceKey(m, s.key, "rds"),
		LogExports:    listAt(s.logs),
	}
}

func buildNeptune(m *Model) {
	m.Neptune.Clusters = neptuneClusterAdapters.all(m)
}
