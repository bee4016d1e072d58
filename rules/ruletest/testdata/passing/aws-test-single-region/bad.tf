resource "aws_cloudtrail" "regional" {
  name                  = "regional"
  s3_bucket_name        = "logs"
  is_multi_region_trail = false # want: aws-test-single-region "regional records only its own region"
}

resource "aws_cloudtrail" "unset" { # want: aws-test-single-region
  name           = "unset"
  s3_bucket_name = "logs"
}

resource "aws_cloudtrail" "both" {
  count                 = 2
  name                  = "both-${count.index}"
  s3_bucket_name        = "logs"
  is_multi_region_trail = false # want: aws-test-single-region `both\[0\]` aws-test-single-region `both\[1\]`
}
