resource "aws_cloudfront_distribution" "site" { # want: aws-cloudfront-logging-disabled
  enabled    = true
  web_acl_id = "arn:aws:wafv2:us-east-1:111122223333:global/webacl/edge/abcd"
  origin {
    domain_name = "acme-site.s3.eu-west-1.amazonaws.com"
    origin_id   = "site"
  }
  default_cache_behavior {
    target_origin_id       = "site"
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
    viewer_protocol_policy = "redirect-to-https"
    cache_policy_id        = "658327ea-f89d-4fab-a63d-7e88639e58f6"
  }
  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }
  viewer_certificate {
    cloudfront_default_certificate = true
  }
}

# A delivery source for another kind of resource does not log the
# distribution.
resource "aws_cloudwatch_log_delivery_source" "agent" {
  name         = "agent"
  log_type     = "APPLICATION_LOGS"
  resource_arn = "arn:aws:bedrock:us-east-1:111122223333:knowledge-base/KB12345678"
}
