package aws

import "github.com/blindspot-iac/blindspot/graph"

// CloudTrail holds the trails of the model.
type CloudTrail struct {
	Trails []*Trail
}

// Trail is a CloudTrail trail.
type Trail struct {
	Resource *graph.Resource
	// MultiRegion is whether the trail records every region (off by
	// default).
	MultiRegion Bool
	// LogValidation is whether log file integrity validation is on (off by
	// default).
	LogValidation Bool
	// KMSEncrypted is whether a KMS key encrypts the logs (SSE-S3 when
	// none is set).
	KMSEncrypted Bool
	// Organization is whether the trail records every account of the
	// organisation.
	Organization Bool
}

// GuardDuty holds the GuardDuty detectors of the model.
type GuardDuty struct {
	Detectors []*Detector
}

// Detector is a GuardDuty detector.
type Detector struct {
	Resource *graph.Resource
	// Enabled is whether the detector runs (on by default in Terraform;
	// required in CloudFormation).
	Enabled Bool
}

func buildLogging(m *Model) {
	for _, r := range m.index.OfType("aws_cloudtrail", "AWS::CloudTrail::Trail") {
		a := Attrs(r)
		t := &Trail{Resource: r}
		if r.Format == graph.CloudFormation {
			t.MultiRegion = BoolOf(a.Get("IsMultiRegionTrail"), Ptr(false))
			t.LogValidation = BoolOf(a.Get("EnableLogFileValidation"), Ptr(false))
			t.KMSEncrypted = Configured(a.Get("KMSKeyId"))
			t.Organization = BoolOf(a.Get("IsOrganizationTrail"), Ptr(false))
		} else {
			t.MultiRegion = BoolOf(a.Get("is_multi_region_trail"), Ptr(false))
			t.LogValidation = BoolOf(a.Get("enable_log_file_validation"), Ptr(false))
			t.KMSEncrypted = Configured(a.Get("kms_key_id"))
			t.Organization = BoolOf(a.Get("is_organization_trail"), Ptr(false))
		}
		m.CloudTrail.Trails = append(m.CloudTrail.Trails, t)
	}
	for _, r := range m.index.OfType("aws_guardduty_detector", "AWS::GuardDuty::Detector") {
		a := Attrs(r)
		d := &Detector{Resource: r}
		if r.Format == graph.CloudFormation {
			d.Enabled = BoolOf(a.Get("Enable"), nil)
		} else {
			d.Enabled = BoolOf(a.Get("enable"), Ptr(true))
		}
		m.GuardDuty.Detectors = append(m.GuardDuty.Detectors, d)
	}
}

// Configured reads whether an identifier-like property (a key ARN, a web
// ACL ID) is given: false when absent or empty, true when a non-empty value
// or a reference to another resource (an ARN known only after apply, never
// empty) is given, unknown otherwise.
func Configured(f Field) Bool {
	at := f.Loc()
	if !f.IsSet() {
		return Default(false, at)
	}
	v := f.Value
	if !v.IsKnown() && len(v.Alternatives()) == 0 {
		if len(v.AllRefs()) > 0 {
			return Known(true, true, at)
		}
		return UnknownAttr[bool](v.Why(), at)
	}
	a := Attr[bool]{Set: true, At: at, Why: v.Why()}
	for _, alt := range v.Alternatives() {
		s, ok := alt.AsString()
		a.Values = append(a.Values, ok && s != "" || !ok && !alt.IsNull())
	}
	return a
}
