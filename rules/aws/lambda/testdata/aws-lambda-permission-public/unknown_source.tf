# The bucket ARN is an input without a value: whether it is set at all
# (a null source_arn leaves the permission open to every account's
# buckets) is not known.
variable "upload_bucket_arn" {
  type    = string
  default = null
}

variable "bucket_arn_override" {
  type = string
}

resource "aws_lambda_permission" "uploads" {
  statement_id  = "AllowS3Invoke"
  action        = "lambda:InvokeFunction"
  function_name = "thumbnailer"
  principal     = "s3.amazonaws.com" # unknown: aws-lambda-permission-public
  source_arn    = coalesce(var.bucket_arn_override, var.upload_bucket_arn)
}
