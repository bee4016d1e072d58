package aws

import "github.com/blindspot-iac/blindspot/graph"

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
	// S3Protection is whether S3 data events are analysed (on by default
	// for new detectors).
	S3Protection Bool
}

var detectorAdapters = adapters[*Detector]{
	{graph.Terraform, "aws_guardduty_detector", func(_ *Model, r *graph.Resource) *Detector {
		a := Attrs(r)
		return &Detector{Resource: r,
			Enabled:      BoolOf(a.Get("enable"), Ptr(true)),
			S3Protection: BoolOf(a.Get("datasources").Get("s3_logs").Get("enable"), Ptr(true)),
		}
	}},
	{graph.CloudFormation, "AWS::GuardDuty::Detector", func(_ *Model, r *graph.Resource) *Detector {
		a := Attrs(r)
		d := &Detector{Resource: r,
			Enabled:      BoolOf(a.Get("Enable"), nil),
			S3Protection: BoolOf(a.Get("DataSources").Get("S3Logs").Get("Enable"), Ptr(true)),
		}
		for _, f := range blocksOf(a.Get("Features")) {
			if EqualFold(StringOf(f.Get("Name"), nil), "S3_DATA_EVENTS") == graph.True {
				d.S3Protection = EqualFoldBool(StringOf(f.Get("Status"), nil), "ENABLED")
			}
		}
		return d
	}},
}

// s3ProtectionFeature is a resource of its own turning a detector's S3
// protection on or off, before it is joined to the detector it names.
type s3ProtectionFeature struct {
	res      *graph.Resource
	detector Field
	status   Bool
}

var s3ProtectionFeatureAdapters = adapters[[]s3ProtectionFeature]{
	{graph.Terraform, "aws_guardduty_detector_feature", func(_ *Model, r *graph.Resource) []s3ProtectionFeature {
		a := Attrs(r)
		if EqualFold(StringOf(a.Get("name"), nil), "S3_DATA_EVENTS") != graph.True {
			return nil
		}
		return []s3ProtectionFeature{{r, a.Get("detector_id"), EqualFoldBool(StringOf(a.Get("status"), nil), "ENABLED")}}
	}},
}

func buildGuardDuty(m *Model) {
	m.GuardDuty.Detectors = detectorAdapters.all(m)
	for _, f := range flat(m, s3ProtectionFeatureAdapters) {
		r := f.res
		for _, det := range m.index.Referenced(r, f.detector.Value) {
			for _, d := range m.GuardDuty.Detectors {
				if d.Resource != det {
					continue
				}
				switch r.Exists {
				case graph.True:
					d.S3Protection = f.status
				case graph.Unknown:
					// The feature may or may not override the detector's
					// own setting.
					prior, okPrior := d.S3Protection.Get()
					now, okNow := f.status.Get()
					if !okPrior || !okNow || prior != now {
						d.S3Protection = UnknownAttr[bool]("whether "+r.Address+" is created is not known: "+r.ExistsWhy, f.status.At)
					}
				}
			}
		}
	}
	for _, d := range m.GuardDuty.Detectors {
		if IsTrue(d.S3Protection) == graph.False {
			if w := m.UnreadReceivingWhy(d.Resource, String{}, "an S3 protection feature for it"); w != "" {
				d.S3Protection = UnknownAttr[bool](w, d.S3Protection.At)
			}
		}
	}
}
