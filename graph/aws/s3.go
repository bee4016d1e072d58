package aws

import (
	"strings"

	"github.com/blindspot-iac/blindspot/graph"
)

// S3 holds the S3 resources of the model.
type S3 struct {
	Buckets []*S3Bucket
}

// S3Bucket is an S3 bucket with the configuration joined from split
// resources (aws_s3_bucket_versioning, ...).
type S3Bucket struct {
	Resource *graph.Resource
	// Name is the bucket name when set literally.
	Name String
	// Versioning is the bucket's versioning status: "Enabled", "Suspended"
	// or "Disabled" (never enabled, the default).
	Versioning String
}

// VersioningEnabled is True when versioning is Enabled.
func (b *S3Bucket) VersioningEnabled() graph.Tri { return Equals(b.Versioning, "Enabled") }

// s3Versioning is a split aws_s3_bucket_versioning resource before it is
// joined.
type s3Versioning struct {
	res    *graph.Resource
	bucket Field
	status String
}

func buildS3(m *Model) {
	ix := m.index
	var splits []s3Versioning
	for _, r := range ix.OfType("aws_s3_bucket_versioning") {
		a := Attrs(r)
		splits = append(splits, s3Versioning{
			res:    r,
			bucket: a.Get("bucket"),
			status: StringOf(a.Get("versioning_configuration").Get("status"), nil),
		})
	}
	for _, r := range ix.OfType("aws_s3_bucket", "AWS::S3::Bucket") {
		a := Attrs(r)
		b := &S3Bucket{Resource: r}
		if r.Format == graph.CloudFormation {
			b.Name = StringOf(a.Get("BucketName"), nil)
			b.Versioning = StringOf(a.Get("VersioningConfiguration").Get("Status"), Ptr("Disabled"))
		} else {
			b.Name = StringOf(a.Get("bucket"), nil)
			b.Versioning = inlineVersioning(a.Get("versioning"))
			b.Versioning = joinVersioning(ix, b, splits)
		}
		m.S3.Buckets = append(m.S3.Buckets, b)
	}
}

// inlineVersioning reads the legacy `versioning { enabled = ... }` block of
// aws_s3_bucket (provider v3 and earlier).
func inlineVersioning(f Field) String {
	enabled := BoolOf(f.Get("enabled"), Ptr(false))
	if !f.IsSet() {
		enabled.At = f.Res.At("versioning", graph.Value{})
	}
	return Map(enabled, func(on bool) string {
		if on {
			return "Enabled"
		}
		if f.IsSet() {
			return "Suspended"
		}
		return "Disabled"
	})
}

// joinVersioning applies the aws_s3_bucket_versioning resources that target
// b: by reference, or by literal bucket name. A versioning resource whose
// target cannot be determined might target b, which makes an otherwise
// unversioned bucket's status unknown rather than a finding.
func joinVersioning(ix *Index, b *S3Bucket, splits []s3Versioning) String {
	status := b.Versioning
	var maybe *s3Versioning
	for i := range splits {
		s := &splits[i]
		switch targets(ix, s.res, s.bucket, b.Resource, b.Name) {
		case graph.True:
			if s.res.Exists != graph.True {
				return UnknownAttr[string](s.res.ExistsWhy, s.status.At)
			}
			return s.status
		case graph.Unknown:
			if s.res.Unit == b.Resource.Unit {
				maybe = s
			}
		}
	}
	if maybe != nil && !b.VersioningEnabled().IsTrue() {
		return UnknownAttr[string]("the bucket of "+maybe.res.Address+" is not known, so it may configure this bucket", status.At)
	}
	return status
}

// targets reports whether field f of resource from (a bucket argument, a
// security_group_id) designates target, whose literal name is name: True
// by reference or equal literal, False when it clearly designates
// something else, Unknown when it cannot be told.
func targets(ix *Index, from *graph.Resource, f Field, target *graph.Resource, name String) graph.Tri {
	if !f.IsSet() {
		return graph.False
	}
	refs := f.Value.AllRefs()
	for _, ref := range refs {
		if r := ix.Resolve(from, ref); r != nil {
			return graph.TriOf(r == target)
		}
	}
	if lit, ok := f.Value.AsString(); ok {
		if n, known := name.Get(); known {
			return graph.TriOf(n == lit)
		}
		return graph.Unknown
	}
	for _, ref := range refs {
		if strings.HasPrefix(ref.Address, "data.") {
			// A resource looked up, not created, by this code.
			return graph.False
		}
	}
	return graph.Unknown
}
