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
	// their encryption (aws_rds_cluster_instance, Aurora instances).
	EncryptionFromCluster bool
	// Public is whether the instance gets a public IP address; for a
	// cluster, only when it sets PubliclyAccessible (Multi-AZ DB clusters),
	// and otherwise not Set.
	Public Bool
}

// DynamoDB holds DynamoDB tables (each global table replica counts).
type DynamoDB struct {
	Tables []*Table
}

// Table is a DynamoDB table or a replica of a global table.
type Table struct {
	Resource *graph.Resource
	// Name says which replica of a global table it is.
	Name string
	// PointInTimeRecovery is whether continuous backups are on (off by
	// default).
	PointInTimeRecovery Bool
}

// Messages holds SNS topics and SQS queues.
type Messages struct {
	Topics []*Topic
	Queues []*Queue
}

// Topic is an SNS topic.
type Topic struct {
	Resource *graph.Resource
	// KMSEncrypted is whether a KMS key encrypts messages at rest (SNS
	// does not encrypt without one).
	KMSEncrypted Bool
}

// Queue is an SQS queue.
type Queue struct {
	Resource *graph.Resource
	// KMSEncrypted is whether a KMS key is set.
	KMSEncrypted Bool
	// ManagedSSE is SSE-SQS, on by default for queues created since
	// October 2022.
	ManagedSSE Bool
}

// Encrypted is True when either kind of server-side encryption is on.
func (q *Queue) Encrypted() graph.Tri {
	return IsTrue(q.KMSEncrypted).Or(IsTrue(q.ManagedSSE))
}

// ECR holds container image repositories.
type ECR struct {
	Repositories []*Repository
}

// Repository is an ECR repository.
type Repository struct {
	Resource *graph.Resource
	// ScanOnPush is the repository's basic scan-on-push setting (off by
	// default).
	ScanOnPush Bool
	// RegistryScanning is the registry-level scanning configuration found
	// in the same unit, which applies to every repository; nil when none.
	RegistryScanning *graph.Resource
	// RegistryScans is whether a rule of RegistryScanning scans the
	// repository on push or continuously (false without one).
	RegistryScans Bool
	// TagMutability is MUTABLE (the default) or IMMUTABLE (or the
	// IMMUTABLE_WITH_EXCLUSION / MUTABLE_WITH_EXCLUSION variants).
	TagMutability String
}

func buildData(m *Model) {
	for _, r := range m.index.OfType("aws_db_instance", "aws_rds_cluster", "aws_rds_cluster_instance", "AWS::RDS::DBInstance", "AWS::RDS::DBCluster") {
		a := Attrs(r)
		d := &RDSDatabase{Resource: r, Cluster: r.Type == "aws_rds_cluster" || r.Type == "AWS::RDS::DBCluster"}
		cfn := r.Format == graph.CloudFormation
		key := func(tf, cf string) Field {
			if cfn {
				return a.Get(cf)
			}
			return a.Get(tf)
		}
		enc := key("storage_encrypted", "StorageEncrypted")
		d.Encrypted = BoolOf(enc, Ptr(false))
		engine := StringOf(key("engine", "Engine"), Ptr(""))
		isAurora := engine.Test(func(e string) bool { return strings.HasPrefix(e, "aurora") })
		switch {
		case r.Type == "aws_rds_cluster_instance":
			// Cluster members have no storage setting of their own.
			d.EncryptionFromCluster = true
		case !d.Cluster && (key("cluster_identifier", "DBClusterIdentifier").IsSet() || isAurora == graph.True):
			d.EncryptionFromCluster = true
		case !enc.IsSet() && (key("replicate_source_db", "SourceDBInstanceIdentifier").IsSet() ||
			key("snapshot_identifier", "DBSnapshotIdentifier").IsSet() ||
			key("snapshot_identifier", "SnapshotIdentifier").IsSet() ||
			key("replication_source_identifier", "SourceDBClusterIdentifier").IsSet()):
			d.Encrypted = UnknownAttr[bool]("the storage of "+r.Address+" is encrypted if its source snapshot or database is", r.Loc())
		case d.Cluster && !enc.IsSet() && StringOf(key("engine_mode", "EngineMode"), Ptr("provisioned")).Test(func(m string) bool { return m == "serverless" }) == graph.True:
			d.Encrypted = Default(true, r.Loc())
		}
		if !d.Cluster {
			if cfn {
				pub := a.Get("PubliclyAccessible")
				if pub.IsSet() {
					d.Public = BoolOf(pub, nil)
				} else {
					d.Public = UnknownAttr[bool]("PubliclyAccessible of "+r.Address+" is not set, so whether it is public depends on whether its VPC has an internet gateway", r.Loc())
				}
			} else {
				d.Public = BoolOf(a.Get("publicly_accessible"), Ptr(false))
			}
		} else if pub := key("publicly_accessible", "PubliclyAccessible"); pub.IsSet() {
			// Multi-AZ DB clusters (not Aurora) set it for their members;
			// when absent it depends on the VPC, so only a written value
			// is judged.
			d.Public = BoolOf(pub, nil)
		}
		m.RDS.Databases = append(m.RDS.Databases, d)
	}

	for _, r := range m.index.OfType("aws_dynamodb_table", "AWS::DynamoDB::Table", "AWS::DynamoDB::GlobalTable") {
		a := Attrs(r)
		switch r.Type {
		case "AWS::DynamoDB::GlobalTable":
			replicas, ok := a.Get("Replicas").Blocks()
			if !ok {
				m.DynamoDB.Tables = append(m.DynamoDB.Tables, &Table{Resource: r, Name: r.Address,
					PointInTimeRecovery: UnknownAttr[bool]("the replicas of "+r.Address+" are not known", a.Get("Replicas").Loc())})
			}
			for _, rep := range replicas {
				region, _ := rep.Get("Region").Value.AsString()
				m.DynamoDB.Tables = append(m.DynamoDB.Tables, &Table{Resource: r, Name: r.Address + " (replica " + region + ")",
					PointInTimeRecovery: pitrOf(rep.Get("PointInTimeRecoverySpecification").Get("PointInTimeRecoveryEnabled"), rep)})
			}
		case "AWS::DynamoDB::Table":
			spec := a.Get("PointInTimeRecoverySpecification")
			m.DynamoDB.Tables = append(m.DynamoDB.Tables, &Table{Resource: r, Name: r.Address,
				PointInTimeRecovery: pitrOf(spec.Get("PointInTimeRecoveryEnabled"), spec)})
		default:
			blk := a.Get("point_in_time_recovery")
			m.DynamoDB.Tables = append(m.DynamoDB.Tables, &Table{Resource: r, Name: r.Address,
				PointInTimeRecovery: pitrOf(blk.Get("enabled"), blk)})
			// Each replica of a global table (version 2019.11.21) has its
			// own setting, off unless the replica block turns it on.
			for _, rep := range blocksOf(a.Get("replica")) {
				region, _ := rep.Get("region_name").Value.AsString()
				m.DynamoDB.Tables = append(m.DynamoDB.Tables, &Table{Resource: r, Name: r.Address + " (replica " + region + ")",
					PointInTimeRecovery: atBlock(BoolOf(rep.Get("point_in_time_recovery"), Ptr(false)), rep)})
			}
		}
	}
	for _, r := range m.index.OfType("aws_dynamodb_table_replica") {
		m.DynamoDB.Tables = append(m.DynamoDB.Tables, &Table{Resource: r, Name: r.Address,
			PointInTimeRecovery: BoolOf(Attrs(r).Get("point_in_time_recovery"), Ptr(false))})
	}

	// A SAM SimpleTable is a DynamoDB table whose point-in-time recovery
	// cannot be turned on.
	for _, r := range m.index.OfType("AWS::Serverless::SimpleTable") {
		m.DynamoDB.Tables = append(m.DynamoDB.Tables, &Table{Resource: r, Name: r.Address + " (AWS::Serverless::SimpleTable, which cannot enable it)",
			PointInTimeRecovery: Default(false, r.Loc())})
	}

	for _, r := range m.index.OfType("aws_sns_topic", "AWS::SNS::Topic") {
		a := Attrs(r)
		t := &Topic{Resource: r}
		if r.Format == graph.CloudFormation {
			t.KMSEncrypted = Configured(a.Get("KmsMasterKeyId"))
		} else {
			t.KMSEncrypted = Configured(a.Get("kms_master_key_id"))
		}
		m.Messages.Topics = append(m.Messages.Topics, t)
	}
	for _, r := range m.index.OfType("aws_sqs_queue", "AWS::SQS::Queue") {
		a := Attrs(r)
		q := &Queue{Resource: r}
		if r.Format == graph.CloudFormation {
			q.KMSEncrypted = Configured(a.Get("KmsMasterKeyId"))
			q.ManagedSSE = BoolOf(a.Get("SqsManagedSseEnabled"), Ptr(true))
		} else {
			q.KMSEncrypted = Configured(a.Get("kms_master_key_id"))
			q.ManagedSSE = BoolOf(a.Get("sqs_managed_sse_enabled"), Ptr(true))
		}
		// Setting a KMS key replaces SSE-SQS.
		if IsTrue(q.KMSEncrypted) == graph.True {
			q.ManagedSSE = Default(false, q.ManagedSSE.At)
		}
		m.Messages.Queues = append(m.Messages.Queues, q)
	}

	registry := map[string]*graph.Resource{}
	for _, r := range m.index.OfType("aws_ecr_registry_scanning_configuration", "AWS::ECR::RegistryScanningConfiguration") {
		registry[r.Unit] = r
	}
	for _, r := range m.index.OfType("aws_ecr_repository", "AWS::ECR::Repository") {
		a := Attrs(r)
		repo := &Repository{Resource: r, RegistryScanning: registry[r.Unit], RegistryScans: Default(false, r.Loc())}
		if repo.RegistryScanning != nil {
			name := StringOf(a.Get("name"), nil)
			if r.Format == graph.CloudFormation {
				name = StringOf(a.Get("RepositoryName"), nil)
				if !a.Get("RepositoryName").IsSet() {
					name = UnknownAttr[string]("the name of "+r.Address+" is generated by CloudFormation", r.Loc())
				}
			}
			repo.RegistryScans = registryScans(repo.RegistryScanning, name)
		}
		if r.Format == graph.CloudFormation {
			repo.ScanOnPush = BoolOf(a.Get("ImageScanningConfiguration").Get("ScanOnPush"), Ptr(false))
			repo.TagMutability = StringOf(a.Get("ImageTagMutability"), Ptr("MUTABLE"))
		} else {
			repo.ScanOnPush = BoolOf(a.Get("image_scanning_configuration").Get("scan_on_push"), Ptr(false))
			repo.TagMutability = StringOf(a.Get("image_tag_mutability"), Ptr("MUTABLE"))
		}
		m.ECR.Repositories = append(m.ECR.Repositories, repo)
	}
}

// pitrOf reads a point-in-time recovery flag; when the whole block is
// absent the finding points at it.
func pitrOf(flag, block Field) Bool {
	b := BoolOf(flag, Ptr(false))
	if !flag.IsSet() && block.IsSet() {
		b.At = block.Loc()
	}
	return b
}

// registryScans reports whether a registry scanning configuration scans a
// repository called name: some rule scanning on push or continuously has a
// filter that matches the name.
func registryScans(cfg *graph.Resource, name String) Bool {
	a := Attrs(cfg)
	rulesKey, freqKey, filtersKey, filterKey := "rule", "scan_frequency", "repository_filter", "filter"
	if cfg.Format == graph.CloudFormation {
		rulesKey, freqKey, filtersKey, filterKey = "Rules", "ScanFrequency", "RepositoryFilters", "Filter"
	}
	at := KeyLoc(a)
	result, why := graph.False, ""
	for _, rule := range blocksOf(a.Get(rulesKey)) {
		freq := StringOf(rule.Get(freqKey), nil)
		scans := freq.Test(func(f string) bool { return f == "SCAN_ON_PUSH" || f == "CONTINUOUS_SCAN" })
		for _, flt := range blocksOf(rule.Get(filtersKey)) {
			pattern := StringOf(flt.Get(filterKey), nil)
			match := graph.Unknown
			if pat, ok := pattern.Get(); ok {
				if n, ok := name.Get(); ok {
					match = graph.TriOf(RepositoryFilterMatches(pat, n))
				} else if pat == "*" {
					match = graph.True
				}
			}
			t := scans.And(match)
			if t == graph.Unknown && why == "" {
				why = firstWhy(freq.Why, pattern.Why, name.Why, "whether the registry scanning rules of "+cfg.Address+" cover it is not known")
			}
			result = result.Or(t)
		}
	}
	switch result {
	case graph.True:
		return Known(true, true, at)
	case graph.Unknown:
		return UnknownAttr[bool](why, at)
	}
	return Default(false, at)
}

// RepositoryFilterMatches applies an ECR scanning repository filter: with a
// wildcard, * stands for any run of characters and the whole name must
// match; without one, the filter matches names that contain it.
func RepositoryFilterMatches(filter, name string) bool {
	if !strings.Contains(filter, "*") {
		return strings.Contains(name, filter)
	}
	parts := strings.Split(filter, "*")
	if !strings.HasPrefix(name, parts[0]) {
		return false
	}
	rest := name[len(parts[0]):]
	last := parts[len(parts)-1]
	for _, mid := range parts[1 : len(parts)-1] {
		i := strings.Index(rest, mid)
		if i < 0 {
			return false
		}
		rest = rest[i+len(mid):]
	}
	return strings.HasSuffix(rest, last)
}
