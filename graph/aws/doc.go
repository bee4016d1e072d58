// Package aws is blindspot's format-neutral model of AWS resources. Build
// turns the native resources of a graph.Graph (aws_s3_bucket,
// AWS::S3::Bucket, ...) into typed structs (S3Bucket, SecurityGroup, ...)
// that rules read without caring which format a resource came from.
//
// Each service lives in its own file (s3.go, ec2.go, ...) holding the typed
// structs and both adapters, Terraform and CloudFormation, side by side, so
// adding a property touches one place. Split resources such as
// aws_s3_bucket_versioning or AWS::EC2::SecurityGroupIngress are joined to
// their parent here, by reference or by literal name.
package aws
