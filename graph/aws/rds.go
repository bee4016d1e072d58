package aws

import (
	"strings"

	"github.com/blindspot-iac/blindspot/graph"
)

// RDS holds database instances and clusters.
type RDS struct {
	Databases []*RDSDatabase
}

// RDSDatabase is an RDS DB instance or an Aurora/Multi-AZ DB cluster.
type RDSDatabase struct {
	Resource *graph.Resource
	// Cluster is true for DB clusters.
	Cluster bool
	// Encrypted is whether storage is encrypted; nil-like (unset Why) for
	// Aurora instances, whose cluster decides.
	Encrypted Bool
	// EncryptionFromCluster is true for instances whose cluster decides
	// their encryption (aws_rds_cluster_instance, Aurora instances), and
	// with it their deletion protection, IAM authentication and backups.
	EncryptionFromCluster bool
	// Replica is true for a read replica of another instance, whose
	// backups are optional.
	Replica bool
	// Engine is the database engine, lower case; unknown when not written
	// (a replica or restored database takes its source's).
	Engine String
	// DeletionProtection is whether the database refuses to be deleted
	// (off by default).
	DeletionProtection Bool
	// IAMAuth is whether IAM database authentication is on (off by
	// default).
	IAMAuth Bool
	// BackupRetention is how many days automated backups are kept; 0 turns
	// them off. AWS keeps them 1 day when it is not set.
	BackupRetention Int
	// InstanceClass is the DB instance class (db.r6g.large); unknown for
	// clusters and when not written.
	InstanceClass String
	// PerformanceInsights is whether Performance Insights is on (off by
	// default); PIAWSKey whether its data is encrypted with the AWS
	// managed key aws/rds (no key given) rather than a customer managed
	// one.
	PerformanceInsights Bool
	PIAWSKey            Bool
	// Public is whether the instance gets a public IP address; for a
	// cluster, only when it sets PubliclyAccessible (Multi-AZ DB clusters),
	// and otherwise not Set.
	Public Bool
}

// rdsSettings are the arguments every form of a database shares, as one
// format names them.
type rdsSettings struct {
	encrypted, engine, engineMode, clusterID                Field
	deletionProtection, iamAuth, backupRetention, replicaOf Field
	instanceClass, performanceInsights, piKey               Field
	// sources name the snapshot or database a new database is restored or
	// replicated from.
	sources []Field
	// member is true for a resource that is always a cluster member.
	member bool
}

var rdsAdapters = adapters[*RDSDatabase]{
	{graph.Terraform, "aws_db_instance", func(m *Model, r *graph.Resource) *RDSDatabase {
		a := Attrs(r)
		d := rdsDatabase(m, r, false, terraformRDS(a))
		d.Public = BoolOf(a.Get("publicly_accessible"), Ptr(false))
		return d
	}},
	{graph.Terraform, "aws_rds_cluster_instance", func(m *Model, r *graph.Resource) *RDSDatabase {
		a := Attrs(r)
		s := terraformRDS(a)
		s.member = true
		d := rdsDatabase(m, r, false, s)
		d.Public = BoolOf(a.Get("publicly_accessible"), Ptr(false))
		return d
	}},
	{graph.Terraform, "aws_rds_cluster", func(m *Model, r *graph.Resource) *RDSDatabase {
		a := Attrs(r)
		d := rdsDatabase(m, r, true, terraformRDS(a))
		d.Public = clusterPublic(a.Get("publicly_accessible"))
		return d
	}},
	{graph.CloudFormation, "AWS::RDS::DBInstance", func(m *Model, r *graph.Resource) *RDSDatabase {
		a := Attrs(r)
		d := rdsDatabase(m, r, false, cloudFormationRDS(a))
		if pub := a.Get("PubliclyAccessible"); pub.IsSet() {
			d.Public = BoolOf(pub, nil)
		} else {
			d.Public = UnknownAttr[bool]("PubliclyAccessible of "+r.Address+" is not set, so whether it is public depends on whether its VPC has an internet gateway", r.Loc())
		}
		return d
	}},
	{graph.CloudFormation, "AWS::RDS::DBCluster", func(m *Model, r *graph.Resource) *RDSDatabase {
		a := Attrs(r)
		d := rdsDatabase(m, r, true, cloudFormationRDS(a))
		d.Public = clusterPublic(a.Get("PubliclyAccessible"))
		return d
	}},
}

func terraformRDS(a Field) rdsSettings {
	return rdsSettings{
		encrypted: a.Get("storage_encrypted"), engine: a.Get("engine"), engineMode: a.Get("engine_mode"),
		clusterID:           a.Get("cluster_identifier"),
		deletionProtection:  a.Get("deletion_protection"),
		iamAuth:             a.Get("iam_database_authentication_enabled"),
		backupRetention:     a.Get("backup_retention_period"),
		replicaOf:           a.Get("replicate_source_db"),
		instanceClass:       a.Get("instance_class"),
		performanceInsights: a.Get("performance_insights_enabled"),
		piKey:               a.Get("performance_insights_kms_key_id"),
		sources:             []Field{a.Get("replicate_source_db"), a.Get("snapshot_identifier"), a.Get("replication_source_identifier")},
	}
}

func cloudFormationRDS(a Field) rdsSettings {
	return rdsSettings{
		encrypted: a.Get("StorageEncrypted"), engine: a.Get("Engine"), engineMode: a.Get("EngineMode"),
		clusterID:           a.Get("DBClusterIdentifier"),
		deletionProtection:  a.Get("DeletionProtection"),
		iamAuth:             a.Get("EnableIAMDatabaseAuthentication"),
		backupRetention:     a.Get("BackupRetentionPeriod"),
		replicaOf:           a.Get("SourceDBInstanceIdentifier"),
		instanceClass:       a.Get("DBInstanceClass"),
		performanceInsights: a.Get("EnablePerformanceInsights"),
		piKey:               a.Get("PerformanceInsightsKMSKeyId"),
		sources: []Field{a.Get("SourceDBInstanceIdentifier"), a.Get("DBSnapshotIdentifier"), a.Get("SnapshotIdentifier"),
			a.Get("SourceDBClusterIdentifier")},
	}
}

// rdsDatabase reads whether a database's storage is encrypted.
func rdsDatabase(m *Model, r *graph.Resource, cluster bool, s rdsSettings) *RDSDatabase {
	d := &RDSDatabase{Resource: r, Cluster: cluster, Encrypted: BoolOf(s.encrypted, Ptr(false)),
		Replica:             s.replicaOf.IsSet(),
		DeletionProtection:  BoolOf(s.deletionProtection, Ptr(false)),
		IAMAuth:             BoolOf(s.iamAuth, Ptr(false)),
		BackupRetention:     IntOf(s.backupRetention, Ptr(1)),
		InstanceClass:       StringOf(s.instanceClass, nil),
		PerformanceInsights: BoolOf(s.performanceInsights, Ptr(false)),
		PIAWSKey:            defaultServiceKey(m, s.piKey, "rds"),
	}
	d.Engine = Map(StringOf(s.engine, nil), strings.ToLower)
	if !s.engine.IsSet() {
		d.Engine = UnknownAttr[string]("the engine of "+r.Address+" is not written", r.Loc())
	}
	isAurora := StringOf(s.engine, Ptr("")).Test(func(e string) bool { return strings.HasPrefix(e, "aurora") })
	restored := false
	for _, f := range s.sources {
		restored = restored || f.IsSet()
	}
	switch {
	case s.member:
		// Cluster members have no storage setting of their own.
		d.EncryptionFromCluster = true
	case !cluster && (s.clusterID.IsSet() || isAurora == graph.True):
		d.EncryptionFromCluster = true
	case !s.encrypted.IsSet() && restored:
		d.Encrypted = UnknownAttr[bool]("the storage of "+r.Address+" is encrypted if its source snapshot or database is", r.Loc())
	case cluster && !s.encrypted.IsSet() && StringOf(s.engineMode, Ptr("provisioned")).Test(func(m string) bool { return m == "serverless" }) == graph.True:
		d.Encrypted = Default(true, r.Loc())
	}
	return d
}

// SupportsIAMAuth is whether the engine accepts IAM database
// authentication: MySQL, MariaDB and PostgreSQL instances and Aurora
// clusters (not Oracle, SQL Server or Db2, nor Multi-AZ DB clusters, which
// are judged by their engine's instances).
func (d *RDSDatabase) SupportsIAMAuth() graph.Tri {
	return d.Engine.Test(func(e string) bool {
		if d.Cluster {
			return strings.HasPrefix(e, "aurora")
		}
		return e == "mysql" || e == "mariadb" || e == "postgres" || strings.HasPrefix(e, "aurora")
	})
}

// clusterPublic reads whether a cluster's members are public: Multi-AZ DB
// clusters (not Aurora) set it for their members; when absent it depends
// on the VPC, so only a written value is judged.
func clusterPublic(pub Field) Bool {
	if !pub.IsSet() {
		return Bool{}
	}
	return BoolOf(pub, nil)
}

func buildRDS(m *Model) {
	m.RDS.Databases = rdsAdapters.all(m)
}
