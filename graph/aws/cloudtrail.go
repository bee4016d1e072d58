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
	// CloudWatchLogs is whether the trail also delivers its events to a
	// CloudWatch Logs log group (off by default).
	CloudWatchLogs Bool
	// logGroup is the ARN of that log group.
	logGroup Field
	// bucket names the bucket the trail delivers to.
	bucket Field
}

var trailAdapters = adapters[*Trail]{
	{graph.Terraform, "aws_cloudtrail", func(_ *Model, r *graph.Resource) *Trail {
		a := Attrs(r)
		return &Trail{Resource: r,
			MultiRegion:    BoolOf(a.Get("is_multi_region_trail"), Ptr(false)),
			LogValidation:  BoolOf(a.Get("enable_log_file_validation"), Ptr(false)),
			KMSEncrypted:   Configured(a.Get("kms_key_id")),
			Organization:   BoolOf(a.Get("is_organization_trail"), Ptr(false)),
			CloudWatchLogs: Configured(a.Get("cloud_watch_logs_group_arn")),
			logGroup:       a.Get("cloud_watch_logs_group_arn"),
			bucket:         a.Get("s3_bucket_name"),
		}
	}},
	{graph.CloudFormation, "AWS::CloudTrail::Trail", func(_ *Model, r *graph.Resource) *Trail {
		a := Attrs(r)
		return &Trail{Resource: r,
			MultiRegion:    BoolOf(a.Get("IsMultiRegionTrail"), Ptr(false)),
			LogValidation:  BoolOf(a.Get("EnableLogFileValidation"), Ptr(false)),
			KMSEncrypted:   Configured(a.Get("KMSKeyId")),
			Organization:   BoolOf(a.Get("IsOrganizationTrail"), Ptr(false)),
			CloudWatchLogs: Configured(a.Get("CloudWatchLogsLogGroupArn")),
			logGroup:       a.Get("CloudWatchLogsLogGroupArn"),
			bucket:         a.Get("S3BucketName"),
		}
	}},
}

func buildCloudTrail(m *Model) {
	m.CloudTrail.Trails = trailAdapters.all(m)
	for _, t := range m.CloudTrail.Trails {
		m.targets = append(m.targets, t.bucket)
	}
}

// TrailLogGroup returns the log group trail t delivers to: the log group
// of the scan, or nil and the name its ARN gives literally ("" when it
// gives none).
func (m *Model) TrailLogGroup(t *Trail) (*LogGroup, string) {
	return m.LogGroupOf(t.Resource, t.logGroup)
}

// TrailBucket returns the bucket of the scan trail t delivers to: the
// bucket, or nil when it is not in the scan. maybe is a bucket of the
// trail's unit that may be it when that cannot be told.
func (m *Model) TrailBucket(t *Trail) (bucket, maybe *S3Bucket) {
	s := s3Split{t.Resource, t.bucket}
	for _, b := range m.S3.Buckets {
		switch configuresBucket(m.index, s, b) {
		case graph.True:
			return b, nil
		case graph.Unknown:
			if _, literal := t.bucket.Value.AsString(); literal && !b.name.IsSet() {
				// A generated name is not known when the code is
				// written: a literal cannot name the bucket.
				continue
			}
			if maybe == nil && b.Resource.Unit == t.Resource.Unit {
				maybe = b
			}
		}
	}
	return nil, maybe
}
