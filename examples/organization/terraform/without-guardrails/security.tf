# A trail of the management account only, and GuardDuty run for the whole
# organisation from the management account.
resource "aws_cloudtrail" "management" {
  name                       = "management"
  s3_bucket_name             = aws_s3_bucket.trail.id
  is_multi_region_trail      = true
  enable_log_file_validation = true
  kms_key_id                 = "arn:aws:kms:eu-west-1:111111111111:key/8f4e3c2a-1b2c-4d5e-8f90-123456789abc"
}

resource "aws_guardduty_detector" "management" {
  enable = true
}

resource "aws_guardduty_organization_configuration" "this" {
  auto_enable_organization_members = "ALL"
  detector_id                      = aws_guardduty_detector.management.id
}

# The log archive bucket lives where it should: in the log archive account.
resource "aws_s3_bucket" "trail" {
  provider = aws.log_archive
  bucket   = "example-org-cloudtrail-logs"
}
