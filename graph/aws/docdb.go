package aws

import (
	"slices"

	"github.com/blindspot-iac/blindspot/graph"
)

// DocumentDB holds Amazon DocumentDB (with MongoDB compatibility)
// clusters.
type DocumentDB struct {
	Clusters []*DocDBCluster
}

// DocDBCluster is a DocumentDB cluster (instance-based; elastic clusters
// are always encrypted and are not modelled).
type DocDBCluster struct {
	Resource *graph.Resource
	// Encrypted is whether storage is encrypted: off by default when the
	// cluster is created through the API, CloudFormation or Terraform (the
	// console turns it on); unknown for a cluster restored from a snapshot
	// or joining a global cluster, whose source decides.
	Encrypted Bool
	// AWSManagedKey is whether encrypted storage uses the AWS managed key
	// aws/rds, which applies when no key is given.
	AWSManagedKey Bool
	// LogExports are the log types exported to CloudWatch Logs ("audit",
	// "profiler"); none by default.
	LogExports Attr[[]string]
}

// clusterStorage is how one format names the storage settings of an
// RDS-family cluster (DocumentDB, Neptune).
type clusterStorage struct {
	encrypted, key, logs Field
	// sources name a snapshot, cluster or global cluster whose encryption
	// the new cluster takes.
	sources []Field
}

var docDBClusterAdapters = adapters[*DocDBCluster]{
	{graph.Terraform, "aws_docdb_cluster", func(m *Model, r *graph.Resource) *DocDBCluster {
		a := Attrs(r)
		return docDBCluster(m, r, clusterStorage{
			encrypted: a.Get("storage_encrypted"), key: a.Get("kms_key_id"), logs: a.Get("enabled_cloudwatch_logs_exports"),
			sources: []Field{a.Get("snapshot_identifier"), a.Get("global_cluster_identifier"), a.Get("restore_to_point_in_time")},
		})
	}},
	{graph.CloudFormation, "AWS::DocDB::DBCluster", func(m *Model, r *graph.Resource) *DocDBCluster {
		a := Attrs(r)
		return docDBCluster(m, r, clusterStorage{
			encrypted: a.Get("StorageEncrypted"), key: a.Get("KmsKeyId"), logs: a.Get("EnableCloudwatchLogsExports"),
			sources: []Field{a.Get("SnapshotIdentifier"), a.Get("SourceDBClusterIdentifier"), a.Get("GlobalClusterIdentifier")},
		})
	}},
}

func docDBCluster(m *Model, r *graph.Resource, s clusterStorage) *DocDBCluster {
	return &DocDBCluster{Resource: r,
		Encrypted:     storageEncrypted(r, s),
		AWSManagedKey: defaultServiceKey(m, s.key, "rds"),
		LogExports:    listAt(s.logs),
	}
}

// storageEncrypted reads whether a cluster's storage is encrypted: off
// unless set, and unknown when unset on a cluster that takes its
// encryption from a snapshot, another cluster or a global cluster.
func storageEncrypted(r *graph.Resource, s clusterStorage) Bool {
	if !s.encrypted.IsSet() && slices.ContainsFunc(s.sources, Field.IsSet) {
		return UnknownAttr[bool]("the storage of "+r.Address+" is encrypted if its source snapshot, cluster or global cluster is", r.Loc())
	}
	return BoolOf(s.encrypted, Ptr(false))
}

// defaultServiceKey reads the KMS key argument of a resource that, without
// one, encrypts with the AWS managed key of service (alias/aws/<service>):
// True when the key is absent or names that alias, False for a key the
// code creates or any other key, Unknown when that cannot be told.
func defaultServiceKey(m *Model, key Field, service string) Bool {
	if !key.IsSet() {
		return Default(true, key.Loc())
	}
	return AWSManagedKey(m, key, service)
}

// listAt reads a list of strings located at its key, where a finding
// about the list as a whole belongs.
func listAt(f Field) Attr[[]string] {
	l := StringsOf(f)
	if f.IsSet() {
		l.At = KeyLoc(f)
	}
	return l
}

// Exports reports whether a log type is among those exported.
func Exports(logs Attr[[]string], logType string) graph.Tri {
	return logs.Test(func(l []string) bool { return slices.Contains(l, logType) })
}

func buildDocumentDB(m *Model) {
	m.DocumentDB.Clusters = docDBClusterAdapters.all(m)
}
