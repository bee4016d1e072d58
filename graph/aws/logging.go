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

// SecurityHub holds Security Hub accounts and standard subscriptions.
type SecurityHub struct {
	Hubs []*Hub
}

// Hub is Security Hub enabled in an account.
type Hub struct {
	Resource *graph.Resource
	// DefaultStandards is whether enabling the hub turns on the default
	// standards (it does unless disabled).
	DefaultStandards Bool
	// Subscriptions are the standards subscribed in the same unit.
	Subscriptions []*graph.Resource
	// Policies are central configuration policies in the same unit, which
	// enable standards in the accounts they are associated with.
	Policies []*HubPolicy
}

// HubPolicy is a Security Hub central configuration policy.
type HubPolicy struct {
	Resource *graph.Resource
	// EnablesStandards is whether the policy turns Security Hub on with at
	// least one standard.
	EnablesStandards graph.Tri
	Why              string
}

// Detector is a GuardDuty detector.
type Detector struct {
	Resource *graph.Resource
	// Enabled is whether the detector runs (on by default in Terraform;
	// required in CloudFormation).
	Enabled Bool
	// S3Protection is whether S3 data events are analysed (on by default
	// for new detectors).
	S3Protection Bool
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
			d.S3Protection = BoolOf(a.Get("DataSources").Get("S3Logs").Get("Enable"), Ptr(true))
			for _, f := range blocksOf(a.Get("Features")) {
				if EqualFold(StringOf(f.Get("Name"), nil), "S3_DATA_EVENTS") == graph.True {
					d.S3Protection = EqualFoldBool(StringOf(f.Get("Status"), nil), "ENABLED")
				}
			}
		} else {
			d.Enabled = BoolOf(a.Get("enable"), Ptr(true))
			d.S3Protection = BoolOf(a.Get("datasources").Get("s3_logs").Get("enable"), Ptr(true))
		}
		m.GuardDuty.Detectors = append(m.GuardDuty.Detectors, d)
	}
	// aws_guardduty_detector_feature sets a protection plan of a detector.
	for _, r := range m.index.OfType("aws_guardduty_detector_feature") {
		a := Attrs(r)
		if EqualFold(StringOf(a.Get("name"), nil), "S3_DATA_EVENTS") != graph.True {
			continue
		}
		for _, det := range m.index.Referenced(r, a.Get("detector_id").Value, "aws_guardduty_detector") {
			for _, d := range m.GuardDuty.Detectors {
				if d.Resource != det {
					continue
				}
				status := EqualFoldBool(StringOf(a.Get("status"), nil), "ENABLED")
				switch r.Exists {
				case graph.True:
					d.S3Protection = status
				case graph.Unknown:
					// The feature may or may not override the detector's
					// own setting.
					prior, okPrior := d.S3Protection.Get()
					now, okNow := status.Get()
					if !okPrior || !okNow || prior != now {
						d.S3Protection = UnknownAttr[bool]("whether "+r.Address+" is created is not known: "+r.ExistsWhy, status.At)
					}
				}
			}
		}
	}
	for _, r := range m.index.OfType("aws_config_configuration_recorder", "AWS::Config::ConfigurationRecorder") {
		a := Attrs(r)
		// Terraform defaults all_supported to true even inside a written
		// recording_group; the Config API (and so CloudFormation) records
		// everything only when no RecordingGroup is given.
		group := a.Get("recording_group")
		all := BoolOf(group.Get("all_supported"), Ptr(true))
		if r.Format == graph.CloudFormation {
			group = a.Get("RecordingGroup")
			all = BoolOf(group.Get("AllSupported"), Ptr(!group.IsSet()))
		}
		rec := &Recorder{Resource: r, AllSupported: atBlock(all, group)}
		m.Config.Recorders = append(m.Config.Recorders, rec)
	}
	subs := map[string][]*graph.Resource{}
	for _, r := range m.index.OfType("aws_securityhub_standards_subscription", "AWS::SecurityHub::Standard") {
		subs[r.Unit] = append(subs[r.Unit], r)
	}
	policies := map[string][]*HubPolicy{}
	for _, r := range m.index.OfType("aws_securityhub_configuration_policy", "AWS::SecurityHub::ConfigurationPolicy") {
		cfg := Attrs(r).Get("configuration_policy")
		enabled, standards := cfg.Get("service_enabled"), cfg.Get("enabled_standard_arns")
		if r.Format == graph.CloudFormation {
			cfg = Attrs(r).Get("ConfigurationPolicy").Get("SecurityHub")
			enabled, standards = cfg.Get("ServiceEnabled"), cfg.Get("EnabledStandardIdentifiers")
		}
		on := IsTrue(BoolOf(enabled, nil))
		some, why := hasElements(standards)
		if on == graph.Unknown {
			why = enabled.Value.Why()
		}
		policies[r.Unit] = append(policies[r.Unit], &HubPolicy{Resource: r, EnablesStandards: on.And(some), Why: why})
	}
	for _, r := range m.index.OfType("aws_securityhub_account", "AWS::SecurityHub::Hub") {
		a := Attrs(r)
		def := a.Get("enable_default_standards")
		if r.Format == graph.CloudFormation {
			def = a.Get("EnableDefaultStandards")
		}
		m.SecurityHub.Hubs = append(m.SecurityHub.Hubs, &Hub{Resource: r, DefaultStandards: BoolOf(def, Ptr(true)), Subscriptions: subs[r.Unit], Policies: policies[r.Unit]})
	}
}

// hasElements says whether a list property has at least one element, and why
// that is not known.
func hasElements(f Field) (graph.Tri, string) {
	if !f.IsSet() || f.Value.IsNull() {
		return graph.False, ""
	}
	if f.Value.Kind() == graph.KindList {
		return graph.TriOf(len(f.Value.Elems()) > 0), ""
	}
	return graph.Unknown, f.Value.Why()
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
