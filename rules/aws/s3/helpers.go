package s3

import (
	"strings"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// literalFix replaces a value written literally where at points with
// value: quoted in Terraform and JSON, plain in YAML. It returns nil when
// the value was not written there (a default, or set elsewhere), since
// editing the wrong place would not fix the finding.
func literalFix(description string, at graph.Loc, set bool, format graph.Format, value string, quote bool) *rules.Fix {
	if !set || at.Range.IsZero() || !at.Source.IsZero() {
		return nil
	}
	text := value
	if quote && (format != graph.CloudFormation || strings.HasSuffix(at.Range.File, ".json")) {
		text = `"` + value + `"`
	}
	return &rules.Fix{Description: description, Edits: []rules.Edit{{Range: at.Range, Text: text}}}
}

// bucketLabel names a bucket in messages.
func bucketLabel(b *aws.S3Bucket) string { return "S3 bucket " + b.Resource.Address }

// policyLabel names a bucket policy in messages.
func policyLabel(pol *aws.S3BucketPolicy) string {
	if pol.Bucket != nil {
		return "the bucket policy of " + bucketLabel(pol.Bucket)
	}
	return "bucket policy " + pol.Resource.Address
}

// bucketPolicyHas says whether the bucket's policy holds a statement
// satisfying test, and the subject a finding about it points at: the
// policy document, or the bucket when it has none.
func bucketPolicyHas(b *aws.S3Bucket, test func(*aws.Statement) graph.Tri) (graph.Tri, rules.Subject) {
	switch {
	case b.Policy != nil:
		doc := b.Policy.Document
		has := doc.AnyStatement(test)
		if r := b.Policy.Resource; r.Exists != graph.True && r != b.Resource && has == graph.True {
			return graph.Unknown, rules.Because(doc, aws.ExistsWhy(r))
		}
		return has, doc
	case b.PolicyWhy != "":
		return graph.Unknown, rules.Because(b.Resource, b.PolicyWhy)
	}
	return graph.False, b.Resource
}

// actionsText lists what a statement allows, for messages.
func actionsText(st *aws.Statement) string {
	list := func(s aws.StringSet) string {
		vals := append([]string{}, s.Values...)
		if s.AllUnknown || s.Unknown > 0 {
			vals = append(vals, "(unknown)")
		}
		if len(vals) > 3 {
			vals = append(vals[:3], "...")
		}
		return strings.Join(vals, ", ")
	}
	if st.Action.Set {
		return list(st.Action)
	}
	if st.NotAction.Set {
		return "every action except " + list(st.NotAction)
	}
	return "no action"
}

// gateOnBucket makes a result about a bucket's configuration that points
// at another resource (its policy) unknown when the bucket itself may not
// be created.
func gateOnBucket(b *aws.S3Bucket, cond graph.Tri, subject rules.Subject) (graph.Tri, rules.Subject) {
	r := b.Resource
	if r.Exists == graph.True || subject.Loc().Resource == r {
		return cond, subject
	}
	if cond == graph.False {
		return cond, subject
	}
	return graph.Unknown, rules.Because(subject, aws.ExistsWhy(r))
}

// unjoinedPolicies returns the bucket policy resources not joined to a
// bucket of the code: policies of buckets created elsewhere
// (bucket = "existing-bucket", a data source) or whose bucket cannot be
// determined. Whichever bucket such a policy is for, it is that bucket's
// policy, so the rules about what a bucket policy holds check it on its
// own.
func unjoinedPolicies(s3 aws.S3) []*aws.S3BucketPolicy {
	var out []*aws.S3BucketPolicy
	for _, pol := range s3.BucketPolicies {
		if pol.Bucket == nil {
			out = append(out, pol)
		}
	}
	return out
}

// policyHas applies test to the statements of a policy checked on its
// own: unknown when the policy resource may not be created and test
// fails (a policy that is not created holds nothing, but then no bucket
// of the code depends on it either).
func policyHas(pol *aws.S3BucketPolicy, test func(*aws.Statement) graph.Tri) (graph.Tri, rules.Subject) {
	doc := pol.Document
	has := doc.AnyStatement(test)
	if r := pol.Resource; r.Exists != graph.True && has != graph.True {
		why := r.ExistsWhy
		if why == "" {
			why = "whether " + r.Address + " is created is not known"
		}
		return graph.Unknown, rules.Because(doc, why)
	}
	return has, doc
}
