package aws

import (
	"strings"

	"github.com/blindspot-iac/blindspot/graph"
)

// Instances holds the instance metadata settings of instances, launch
// templates and launch configurations.
type Instances struct {
	Metadata []*MetadataOptions
	// AccountDefaults are the account's instance metadata defaults
	// (aws_ec2_instance_metadata_defaults), which apply to launches that
	// leave a setting unset.
	AccountDefaults []*MetadataDefaults
}

// MetadataDefaults are the account's instance metadata defaults.
type MetadataDefaults struct {
	Resource *graph.Resource
	// Tokens is the default http_tokens; "required" makes every launch
	// that leaves it unset IMDSv2-only.
	Tokens String
}

// MetadataOptions is the instance metadata service configuration of an
// instance or launch template.
type MetadataOptions struct {
	Resource *graph.Resource
	// Tokens is http_tokens / HttpTokens: "required" means IMDSv2 only;
	// "optional" (the default) also allows IMDSv1.
	Tokens String
	// Endpoint is "enabled" (the default) or "disabled".
	Endpoint String
	// TokensNotSent says why an http_tokens written in the code does not
	// reach AWS, whose default Tokens then holds.
	TokensNotSent string
}

var metadataDefaultsAdapters = adapters[*MetadataDefaults]{
	{graph.Terraform, "aws_ec2_instance_metadata_defaults", func(_ *Model, r *graph.Resource) *MetadataDefaults {
		return &MetadataDefaults{Resource: r, Tokens: StringOf(Attrs(r).Get("http_tokens"), nil)}
	}},
}

// metadataAdapters read the metadata options of instances, launch
// templates and launch configurations.
var metadataAdapters = adapters[[]*MetadataOptions]{
	{graph.Terraform, "aws_instance", func(m *Model, r *graph.Resource) []*MetadataOptions {
		a := Attrs(r)
		// An instance launched from a template without its own metadata
		// options takes the template's, which are checked on the template
		// when it is defined here and cannot be known otherwise.
		if lt := a.Get("launch_template"); !a.Get("metadata_options").IsSet() && lt.IsSet() {
			return templateOptions(m, r, lt, lt.Get("id"), lt.Get("name"), "aws_launch_template")
		}
		return terraformMetadataOptions(m, r, a.Get("ami"))
	}},
	{graph.Terraform, "aws_launch_template", func(m *Model, r *graph.Resource) []*MetadataOptions {
		return terraformMetadataOptions(m, r, Attrs(r).Get("image_id"))
	}},
	{graph.Terraform, "aws_launch_configuration", func(m *Model, r *graph.Resource) []*MetadataOptions {
		opts := terraformMetadataOptions(m, r, Attrs(r).Get("image_id"))
		// The provider sends http_tokens for a launch configuration only
		// when http_endpoint is "enabled" (an optional, computed argument
		// it does not send when unset): without it, the tokens setting is
		// AWS's default.
		mo := Attrs(r).Get("metadata_options")
		endpoint := StringOf(mo.Get("http_endpoint"), Ptr(""))
		switch enabled := Equals(endpoint, "enabled"); {
		case !opts[0].Tokens.Set:
		case enabled == graph.False:
			opts[0].Tokens = Default(*defaultTokens(m, r, Attrs(r).Get("image_id")), opts[0].Tokens.At)
			opts[0].TokensNotSent = "http_tokens is not sent to AWS without http_endpoint = \"enabled\""
		case enabled == graph.Unknown:
			opts[0].Tokens = UnknownAttr[string]("http_tokens is sent only with http_endpoint = \"enabled\", and http_endpoint is not known: "+
				endpoint.UnknownReason(), opts[0].Tokens.At)
		}
		return opts
	}},
	{graph.CloudFormation, "AWS::EC2::LaunchTemplate", func(m *Model, r *graph.Resource) []*MetadataOptions {
		return cloudFormationMetadataOptions(m, r, Attrs(r).Get("LaunchTemplateData"))
	}},
	{graph.CloudFormation, "AWS::AutoScaling::LaunchConfiguration", func(m *Model, r *graph.Resource) []*MetadataOptions {
		return cloudFormationMetadataOptions(m, r, Attrs(r))
	}},
	// A CloudFormation instance takes its own MetadataOptions, like
	// aws_instance; without them, its launch template's, or the defaults.
	{graph.CloudFormation, "AWS::EC2::Instance", func(m *Model, r *graph.Resource) []*MetadataOptions {
		a := Attrs(r)
		mo := a.Get("MetadataOptions")
		if lt := a.Get("LaunchTemplate"); lt.IsSet() && !mo.IsSet() {
			return templateOptions(m, r, lt, lt.Get("LaunchTemplateId"), lt.Get("LaunchTemplateName"), "AWS::EC2::LaunchTemplate")
		}
		if !mo.IsSet() {
			return []*MetadataOptions{{Resource: r,
				Tokens: Default(*defaultTokens(m, r, a.Get("ImageId")), r.Loc()), Endpoint: Default("enabled", r.Loc())}}
		}
		return cloudFormationMetadataOptions(m, r, a)
	}},
}

// terraformMetadataOptions reads metadata_options, whose arguments the
// provider does not send when they are empty strings.
func terraformMetadataOptions(m *Model, r *graph.Resource, image Field) []*MetadataOptions {
	mo := Attrs(r).Get("metadata_options")
	return []*MetadataOptions{{Resource: r,
		Tokens:   atBlock(StringOf(unsentWhenEmpty(mo.Get("http_tokens")), defaultTokens(m, r, image)), mo),
		Endpoint: StringOf(unsentWhenEmpty(mo.Get("http_endpoint")), Ptr("enabled"))}}
}

func cloudFormationMetadataOptions(m *Model, r *graph.Resource, a Field) []*MetadataOptions {
	mo := a.Get("MetadataOptions")
	return []*MetadataOptions{{Resource: r,
		Tokens:   atBlock(StringOf(mo.Get("HttpTokens"), defaultTokens(m, r, a.Get("ImageId"))), mo),
		Endpoint: StringOf(mo.Get("HttpEndpoint"), Ptr("enabled"))}}
}

// defaultTokens is the http_tokens of a launch that leaves it unset: the
// account default when the same code sets one, then the AMI's: Amazon
// Linux 2023 images are registered with ImdsSupport v2.0, so their
// instances require IMDSv2.
func defaultTokens(m *Model, r *graph.Resource, image Field) *string {
	for _, d := range m.Instances.AccountDefaults {
		if d.Resource.Unit == r.Unit && Equals(d.Tokens, "required") == graph.True {
			return Ptr("required")
		}
	}
	if s, ok := image.Value.AsString(); ok && image.IsSet() && strings.Contains(s, "al2023-ami") {
		return Ptr("required")
	}
	return Ptr("optional")
}

func buildInstances(m *Model) {
	m.Instances.AccountDefaults = metadataDefaultsAdapters.all(m)
	m.Instances.Metadata = flat(m, metadataAdapters)
}

// templateOptions is nil when an instance's launch template (by id or
// name) is defined in the same code, whose metadata options are checked
// there, and otherwise options that are unknown: they come from a template
// this code does not show.
func templateOptions(m *Model, r *graph.Resource, lt, id, name Field, templateType string) []*MetadataOptions {
	for _, f := range []Field{id, name} {
		if f.IsSet() && len(m.index.Referenced(r, f.Value, templateType)) > 0 {
			return nil
		}
	}
	why := r.Address + " takes its metadata options from a launch template that is not defined here"
	return []*MetadataOptions{{Resource: r, Tokens: UnknownAttr[string](why, KeyLoc(lt)), Endpoint: UnknownAttr[string](why, KeyLoc(lt))}}
}
