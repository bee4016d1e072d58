package aws

import "github.com/blindspot-iac/blindspot/graph"

// Config holds AWS Config recorders and the sources of aggregators.
type Config struct {
	Recorders []*Recorder
	// AggregationSources are the account and organisation sources of
	// configuration aggregators.
	AggregationSources []*AggregationSource
}

// AggregationSource is where a configuration aggregator collects data
// from: some accounts, or the organisation, in some regions or all.
type AggregationSource struct {
	Resource *graph.Resource
	// Organization is true for an organisation source.
	Organization bool
	// AllRegions is whether every region, current and future, is
	// collected (off by default: only the listed regions are).
	AllRegions Bool
}

// Recorder is an AWS Config configuration recorder.
type Recorder struct {
	Resource *graph.Resource
	// AllSupported is whether every supported resource type is recorded
	// (the default when no recording group is given).
	AllSupported Bool
}

var recorderAdapters = adapters[*Recorder]{
	// Terraform defaults all_supported to true even inside a written
	// recording_group; the Config API (and so CloudFormation) records
	// everything only when no RecordingGroup is given.
	{graph.Terraform, "aws_config_configuration_recorder", func(_ *Model, r *graph.Resource) *Recorder {
		group := Attrs(r).Get("recording_group")
		return &Recorder{Resource: r, AllSupported: atBlock(BoolOf(group.Get("all_supported"), Ptr(true)), group)}
	}},
	{graph.CloudFormation, "AWS::Config::ConfigurationRecorder", func(_ *Model, r *graph.Resource) *Recorder {
		group := Attrs(r).Get("RecordingGroup")
		return &Recorder{Resource: r, AllSupported: atBlock(BoolOf(group.Get("AllSupported"), Ptr(!group.IsSet())), group)}
	}},
}

var aggregationSourceAdapters = adapters[[]*AggregationSource]{
	{graph.Terraform, "aws_config_configuration_aggregator", func(_ *Model, r *graph.Resource) []*AggregationSource {
		a := Attrs(r)
		var out []*AggregationSource
		for _, src := range blocksOf(a.Get("account_aggregation_source")) {
			out = append(out, &AggregationSource{Resource: r, AllRegions: atBlock(BoolOf(src.Get("all_regions"), Ptr(false)), src)})
		}
		for _, src := range blocksOf(a.Get("organization_aggregation_source")) {
			out = append(out, &AggregationSource{Resource: r, Organization: true, AllRegions: atBlock(BoolOf(src.Get("all_regions"), Ptr(false)), src)})
		}
		return out
	}},
	{graph.CloudFormation, "AWS::Config::ConfigurationAggregator", func(_ *Model, r *graph.Resource) []*AggregationSource {
		a := Attrs(r)
		var out []*AggregationSource
		for _, src := range blocksOf(a.Get("AccountAggregationSources")) {
			out = append(out, &AggregationSource{Resource: r, AllRegions: atBlock(BoolOf(src.Get("AllAwsRegions"), Ptr(false)), src)})
		}
		if src := a.Get("OrganizationAggregationSource"); src.IsSet() {
			out = append(out, &AggregationSource{Resource: r, Organization: true, AllRegions: atBlock(BoolOf(src.Get("AllAwsRegions"), Ptr(false)), src)})
		}
		return out
	}},
}

func buildConfig(m *Model) {
	m.Config.Recorders = recorderAdapters.all(m)
	m.Config.AggregationSources = flat(m, aggregationSourceAdapters)
}
