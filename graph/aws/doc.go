// Package aws is blindspot's format-neutral model of AWS resources. Build
// turns the native resources of a graph.Graph (aws_s3_bucket,
// AWS::S3::Bucket, ...) into typed structs (S3Bucket, SecurityGroup, ...)
// that rules read without caring which format a resource came from.
//
// Each service lives in its own file (s3.go, kms.go, ...) holding its
// typed structs, the adapters that fill them and the build function that
// joins what the adapters read. An adapter reads one native resource type
// of one format; the adapters that fill one struct are listed in a table,
// adapters[T], keyed by format and type:
//
//	var trailAdapters = adapters[*Trail]{
//		{graph.Terraform, "aws_cloudtrail", func(_ *Model, r *graph.Resource) *Trail { ... }},
//		{graph.CloudFormation, "AWS::CloudTrail::Trail", func(_ *Model, r *graph.Resource) *Trail { ... }},
//	}
//
// so each property is read in one place per format, and a new front end
// adds rows and adapter functions without changing the existing ones, the
// joins or the rules. The Terraform adapters also read plans (schema).
//
// Split resources such as aws_s3_bucket_versioning or
// AWS::EC2::SecurityGroupIngress have adapters of their own that read the
// argument naming their parent; the service's build function joins them
// to it, by reference or by literal name (joins.go), without knowing
// which format either came from.
package aws
