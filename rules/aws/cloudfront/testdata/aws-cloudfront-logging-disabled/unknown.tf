module "cdn_logs" {
  source          = "registry.example.com/acme/cdn-logs/aws"
  version         = "1.0.0"
  distribution_id = aws_cloudfront_distribution.site.id
}

resource "aws_cloudfront_distribution" "site" { # unknown: aws-cloudfront-logging-disabled "cdn-logs"
  enabled = true
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
