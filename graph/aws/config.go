package aws

import "github.com/blindspot-iac/blindspot/graph"

// Config holds AWS Config recorders.
type Config struct {
	Recorders []*Recorder
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

func buildConfig(m *Model) {
	m.Config.Recorders = recorderAdapters.all(m)
}
