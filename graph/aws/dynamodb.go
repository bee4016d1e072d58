package aws

import "github.com/blindspot-iac/blindspot/graph"

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

// tableAdapters read tables and the replicas of global tables.
var tableAdapters = adapters[[]*Table]{
	{graph.Terraform, "aws_dynamodb_table", func(_ *Model, r *graph.Resource) []*Table {
		a := Attrs(r)
		blk := a.Get("point_in_time_recovery")
		out := []*Table{{Resource: r, Name: r.Address, PointInTimeRecovery: pitrOf(blk.Get("enabled"), blk)}}
		// Each replica of a global table (version 2019.11.21) has its own
		// setting, off unless the replica block turns it on.
		for _, rep := range blocksOf(a.Get("replica")) {
			region, _ := rep.Get("region_name").Value.AsString()
			out = append(out, &Table{Resource: r, Name: r.Address + " (replica " + region + ")",
				PointInTimeRecovery: atBlock(BoolOf(rep.Get("point_in_time_recovery"), Ptr(false)), rep)})
		}
		return out
	}},
	{graph.Terraform, "aws_dynamodb_table_replica", func(_ *Model, r *graph.Resource) []*Table {
		return []*Table{{Resource: r, Name: r.Address, PointInTimeRecovery: BoolOf(Attrs(r).Get("point_in_time_recovery"), Ptr(false))}}
	}},
	{graph.CloudFormation, "AWS::DynamoDB::Table", func(_ *Model, r *graph.Resource) []*Table {
		spec := Attrs(r).Get("PointInTimeRecoverySpecification")
		return []*Table{{Resource: r, Name: r.Address, PointInTimeRecovery: pitrOf(spec.Get("PointInTimeRecoveryEnabled"), spec)}}
	}},
	{graph.CloudFormation, "AWS::DynamoDB::GlobalTable", func(_ *Model, r *graph.Resource) []*Table {
		a := Attrs(r)
		replicas, ok := a.Get("Replicas").Blocks()
		if !ok {
			return []*Table{{Resource: r, Name: r.Address,
				PointInTimeRecovery: UnknownAttr[bool]("the replicas of "+r.Address+" are not known", a.Get("Replicas").Loc())}}
		}
		var out []*Table
		for _, rep := range replicas {
			region, _ := rep.Get("Region").Value.AsString()
			out = append(out, &Table{Resource: r, Name: r.Address + " (replica " + region + ")",
				PointInTimeRecovery: pitrOf(rep.Get("PointInTimeRecoverySpecification").Get("PointInTimeRecoveryEnabled"), rep)})
		}
		return out
	}},
	// A SAM SimpleTable is a DynamoDB table whose point-in-time recovery
	// cannot be turned on.
	{graph.CloudFormation, "AWS::Serverless::SimpleTable", func(_ *Model, r *graph.Resource) []*Table {
		return []*Table{{Resource: r, Name: r.Address + " (AWS::Serverless::SimpleTable, which cannot enable it)",
			PointInTimeRecovery: Default(false, r.Loc())}}
	}},
}

func buildDynamoDB(m *Model) {
	m.DynamoDB.Tables = flat(m, tableAdapters)
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
