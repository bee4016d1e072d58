package aws

import "github.com/blindspot-iac/blindspot/graph"

// EMR holds Amazon EMR security configurations.
type EMR struct {
	SecurityConfigurations []*EMRSecurityConfiguration
}

// EMRSecurityConfiguration is an EMR security configuration: the
// encryption (and authentication) settings clusters that name it use.
type EMRSecurityConfiguration struct {
	Resource *graph.Resource
	// AtRest and InTransit are EnableAtRestEncryption and
	// EnableInTransitEncryption (both off when absent).
	AtRest    Bool
	InTransit Bool
	// LocalDisk is whether an at-rest configuration encrypts the nodes'
	// local disks (LocalDiskEncryptionConfiguration is present).
	LocalDisk Bool
}

var emrSecurityConfigurationAdapters = adapters[*EMRSecurityConfiguration]{
	{graph.Terraform, "aws_emr_security_configuration", func(_ *Model, r *graph.Resource) *EMRSecurityConfiguration {
		return emrSecurityConfiguration(r, Attrs(r).Get("configuration"))
	}},
	{graph.CloudFormation, "AWS::EMR::SecurityConfiguration", func(_ *Model, r *graph.Resource) *EMRSecurityConfiguration {
		return emrSecurityConfiguration(r, Attrs(r).Get("SecurityConfiguration"))
	}},
}

// emrSecurityConfiguration reads the JSON document of a security
// configuration (a string in Terraform, an object or a string in
// CloudFormation).
func emrSecurityConfiguration(r *graph.Resource, doc Field) *EMRSecurityConfiguration {
	doc = jsonDocument(doc)
	at := KeyLoc(doc)
	if doc.IsSet() && doc.Value.IsKnown() && doc.Value.Kind() != graph.KindObject {
		why := doc.Path + " is not a JSON object"
		return &EMRSecurityConfiguration{Resource: r,
			AtRest: UnknownAttr[bool](why, at), InTransit: UnknownAttr[bool](why, at), LocalDisk: UnknownAttr[bool](why, at)}
	}
	enc := doc.Get("EncryptionConfiguration")
	c := &EMRSecurityConfiguration{Resource: r,
		AtRest:    atBlock(BoolOf(enc.Get("EnableAtRestEncryption"), Ptr(false)), doc),
		InTransit: atBlock(BoolOf(enc.Get("EnableInTransitEncryption"), Ptr(false)), doc),
	}
	atRest := enc.Get("AtRestEncryptionConfiguration")
	local := atRest.Get("LocalDiskEncryptionConfiguration")
	switch {
	case local.IsSet() && local.Value.IsKnown():
		c.LocalDisk = Known(true, true, KeyLoc(local))
	case local.IsSet():
		c.LocalDisk = UnknownAttr[bool]("the local disk encryption settings of "+r.Address+" are not known", KeyLoc(local))
	case atRest.IsSet() && !atRest.Value.IsKnown():
		c.LocalDisk = UnknownAttr[bool]("the at-rest encryption settings of "+r.Address+" are not known", KeyLoc(atRest))
	default:
		c.LocalDisk = atBlock(Default(false, at), atRest)
	}
	return c
}

// jsonDocument returns a field whose value is a JSON document written as a
// string decoded into its structure; a document written as an object, or
// not known, is returned as it is, and a string that is not JSON becomes
// an unknown value saying so.
func jsonDocument(f Field) Field {
	if !f.IsSet() || !f.Value.IsKnown() || f.Value.Kind() != graph.KindString {
		return f
	}
	s, _ := f.Value.AsString()
	v, err := DecodeJSON(s, f.Value.Range)
	if err != nil {
		v = graph.UnknownValue(f.Path+" is not valid JSON: "+err.Error(), f.Value.Range)
	}
	return Field{Res: f.Res, Path: f.Path, Value: v, Present: true}
}

func buildEMR(m *Model) {
	m.EMR.SecurityConfigurations = emrSecurityConfigurationAdapters.all(m)
}
