package aws

import "github.com/blindspot-iac/blindspot/graph"

// DynamoDB holds DynamoDB tables (each global table replica counts) and
// DynamoDB Accelerator (DAX) clusters.
type DynamoDB struct {
	Tables      []*Table
	DAXClusters []*DAXCluster
}

// DAXCluster is a DynamoDB Accelerator cluster.
type DAXCluster struct {
	Resource *graph.Resource
	// Encrypted is whether the cluster encrypts its cache, configuration
	// and logs at rest (off by default; set only at creation).
	Encrypted Bool
}

// Table is a DynamoDB table or a replica of a global table.
type Table struct {
	Resource *graph.Resource
	// Name says which replica of a global table it is.
	Name string
	// PointInTimeRecovery is whether continuous backups are on (off by
	// default).
	PointInTimeRecovery Bool
	// AWSKey is whether the table is encrypted with a key AWS owns or
	// manages rather than a customer managed key. DynamoDB always
	// encrypts: with an AWS owned key unless KMS encryption is turned on,
	// then with the AWS managed key aws/dynamodb unless a key is named.
	AWSKey Bool
}

// tableAdapters read tables and the replicas of global tables.
var tableAdapters = adapters[[]*Table]{
	{graph.Terraform, "aws_dynamodb_table", func(m *Model, r *graph.Resource) []*Table {
		a := Attrs(r)
		blk := a.Get("point_in_time_recovery")
		sse := a.Get("server_side_encryption")
		out := []*Table{{Resource: r, Name: r.Address, PointInTimeRecovery: pitrOf(blk.Get("enabled"), blk),
			AWSKey: tableAWSKey(m, sse.Get("enabled"), sse.Get("kms_key_arn"), sse)}}
		// Each replica of a global table (version 2019.11.21) has its own
		// setting, off unless the replica block turns it on.
		for _, rep := range blocksOf(a.Get("replica")) {
			region, _ := rep.Get("region_name").Value.AsString()
			out = append(out, &Table{Resource: r, Name: r.Address + " (replica " + region + ")",
				PointInTimeRecovery: atBlock(BoolOf(rep.Get("point_in_time_recovery"), Ptr(false)), rep),
				// A replica without a key of its own uses the AWS owned or
				// AWS managed key, as its table does.
				AWSKey: atBlock(defaultServiceKey(m, rep.Get("kms_key_arn"), "dynamodb"), rep)})
		}
		return out
	}},
	{graph.Terraform, "aws_dynamodb_table_replica", func(m *Model, r *graph.Resource) []*Table {
		a := Attrs(r)
		return []*Table{{Resource: r, Name: r.Address, PointInTimeRecovery: BoolOf(a.Get("point_in_time_recovery"), Ptr(false)),
			AWSKey: defaultServiceKey(m, a.Get("kms_key_arn"), "dynamodb")}}
	}},
	{graph.CloudFormation, "AWS::DynamoDB::Table", func(m *Model, r *graph.Resource) []*Table {
		a := Attrs(r)
		spec := a.Get("PointInTimeRecoverySpecification")
		sse := a.Get("SSESpecification")
		return []*Table{{Resource: r, Name: r.Address, PointInTimeRecovery: pitrOf(spec.Get("PointInTimeRecoveryEnabled"), spec),
			AWSKey: tableAWSKey(m, sse.Get("SSEEnabled"), sse.Get("KMSMasterKeyId"), sse)}}
	}},
	{graph.CloudFormation, "AWS::DynamoDB::GlobalTable", func(m *Model, r *graph.Resource) []*Table {
		a := Attrs(r)
		replicas, ok := a.Get("Replicas").Blocks()
		if !ok {
			why := "the replicas of " + r.Address + " are not known"
			return []*Table{{Resource: r, Name: r.Address,
				PointInTimeRecovery: UnknownAttr[bool](why, a.Get("Replicas").Loc()),
				AWSKey:              UnknownAttr[bool](why, a.Get("Replicas").Loc())}}
		}
		sse := a.Get("SSESpecification")
		var out []*Table
		for _, rep := range replicas {
			region, _ := rep.Get("Region").Value.AsString()
			out = append(out, &Table{Resource: r, Name: r.Address + " (replica " + region + ")",
				PointInTimeRecovery: pitrOf(rep.Get("PointInTimeRecoverySpecification").Get("PointInTimeRecoveryEnabled"), rep),
				AWSKey:              tableAWSKey(m, sse.Get("SSEEnabled"), rep.Get("SSESpecification").Get("KMSMasterKeyId"), sse)})
		}
		return out
	}},
	// A SAM SimpleTable is a DynamoDB table whose point-in-time recovery
	// cannot be turned on.
	// Its SSESpecification turns on the AWS managed key; it has no key
	// property (reading an absent one keeps the location in the block).
	{graph.CloudFormation, "AWS::Serverless::SimpleTable", func(m *Model, r *graph.Resource) []*Table {
		sse := Attrs(r).Get("SSESpecification")
		return []*Table{{Resource: r, Name: r.Address + " (AWS::Serverless::SimpleTable, which cannot enable it)",
			PointInTimeRecovery: Default(false, r.Loc()),
			AWSKey:              tableAWSKey(m, sse.Get("SSEEnabled"), sse.Get("KMSMasterKeyId"), sse)}}
	}},
}

// tableAWSKey reads a table's encryption settings: True for the AWS owned
// key (KMS encryption off, the default) and for the AWS managed key (on,
// no key named), False for a customer managed key.
func tableAWSKey(m *Model, enabled, key, block Field) Bool {
	on := atBlock(BoolOf(enabled, Ptr(false)), block)
	switch IsTrue(on) {
	case graph.False:
		return Known(true, on.Set, on.At)
	case graph.Unknown:
		return UnknownAttr[bool](on.UnknownReason(), on.At)
	}
	return atBlock(defaultServiceKey(m, key, "dynamodb"), block)
}

var daxClusterAdapters = adapters[*DAXCluster]{
	{graph.Terraform, "aws_dax_cluster", func(_ *Model, r *graph.Resource) *DAXCluster {
		sse := Attrs(r).Get("server_side_encryption")
		return &DAXCluster{Resource: r, Encrypted: enabledBlock(sse, "enabled")}
	}},
	{graph.CloudFormation, "AWS::DAX::Cluster", func(_ *Model, r *graph.Resource) *DAXCluster {
		sse := Attrs(r).Get("SSESpecification")
		return &DAXCluster{Resource: r, Encrypted: enabledBlock(sse, "SSEEnabled")}
	}},
}

func buildDynamoDB(m *Model) {
	m.DynamoDB.Tables = flat(m, tableAdapters)
	m.DynamoDB.DAXClusters = daxClusterAdapters.all(m)
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
