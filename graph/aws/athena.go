package aws

import "github.com/blindspot-iac/blindspot/graph"

// Athena holds Athena workgroups and the databases Terraform creates
// with a query.
type Athena struct {
	Workgroups []*AthenaWorkgroup
	Databases  []*AthenaDatabase
}

// AthenaWorkgroup is an Athena workgroup's query settings.
type AthenaWorkgroup struct {
	Resource *graph.Resource
	// ResultsEncrypted is whether query results are encrypted by Athena
	// (SSE_S3, SSE_KMS or CSE_KMS in the result configuration, or results
	// kept in Athena's managed storage, which is always encrypted). Without
	// it, results get only the output bucket's default encryption.
	ResultsEncrypted Bool
	// Enforced is whether the workgroup's settings override those of the
	// clients. Athena does not by default; Terraform's configuration
	// block turns it on unless told otherwise.
	Enforced Bool
}

// AthenaDatabase is an aws_athena_database: Terraform creates it by
// running a query, whose results go to its bucket.
type AthenaDatabase struct {
	Resource *graph.Resource
	// ResultsEncrypted is whether the query's results are encrypted by
	// Athena.
	ResultsEncrypted Bool
}

var athenaWorkgroupAdapters = adapters[*AthenaWorkgroup]{
	{graph.Terraform, "aws_athena_workgroup", func(_ *Model, r *graph.Resource) *AthenaWorkgroup {
		cfg := Attrs(r).Get("configuration")
		// Without a configuration block the provider sends none, and
		// Athena's default applies.
		w := &AthenaWorkgroup{Resource: r,
			Enforced: atBlock(BoolOf(cfg.Get("enforce_workgroup_configuration"), Ptr(cfg.IsSet())), cfg)}
		results := cfg.Get("result_configuration")
		w.ResultsEncrypted = athenaEncrypted(results.Get("encryption_configuration").Get("encryption_option"), results, cfg)
		if IsTrue(BoolOf(cfg.Get("managed_query_results_configuration").Get("enabled"), Ptr(false))) == graph.True {
			w.ResultsEncrypted = Known(true, true, cfg.Get("managed_query_results_configuration").Loc())
		}
		return w
	}},
	{graph.CloudFormation, "AWS::Athena::WorkGroup", func(_ *Model, r *graph.Resource) *AthenaWorkgroup {
		cfg := Attrs(r).Get("WorkGroupConfiguration")
		w := &AthenaWorkgroup{Resource: r,
			Enforced: atBlock(BoolOf(cfg.Get("EnforceWorkGroupConfiguration"), Ptr(false)), cfg)}
		results := cfg.Get("ResultConfiguration")
		w.ResultsEncrypted = athenaEncrypted(results.Get("EncryptionConfiguration").Get("EncryptionOption"), results, cfg)
		if IsTrue(BoolOf(cfg.Get("ManagedQueryResultsConfiguration").Get("Enabled"), Ptr(false))) == graph.True {
			w.ResultsEncrypted = Known(true, true, KeyLoc(cfg.Get("ManagedQueryResultsConfiguration")))
		}
		return w
	}},
}

var athenaDatabaseAdapters = adapters[*AthenaDatabase]{
	{graph.Terraform, "aws_athena_database", func(_ *Model, r *graph.Resource) *AthenaDatabase {
		enc := Attrs(r).Get("encryption_configuration")
		return &AthenaDatabase{Resource: r, ResultsEncrypted: athenaEncrypted(enc.Get("encryption_option"), enc, Field{})}
	}},
}

// athenaEncrypted reads an encryption option: any option given encrypts
// the results. An absent option points at the innermost block written.
func athenaEncrypted(option, block, outer Field) Bool {
	b := Configured(option)
	if !b.Set {
		if block.IsSet() {
			b.At = KeyLoc(block)
		} else if outer.Res != nil && outer.IsSet() {
			b.At = KeyLoc(outer)
		}
	}
	return b
}

func buildAthena(m *Model) {
	m.Athena.Workgroups = athenaWorkgroupAdapters.all(m)
	m.Athena.Databases = athenaDatabaseAdapters.all(m)
}
