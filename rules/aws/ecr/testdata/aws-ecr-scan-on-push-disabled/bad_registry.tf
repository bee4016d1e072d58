# The registry scans only the production repositories on push.
resource "aws_ecr_registry_scanning_configuration" "this" {
  scan_type = "BASIC"
  rule {
    scan_frequency = "SCAN_ON_PUSH"
    repository_filter {
      filter      = "prod-*"
      filter_type = "WILDCARD"
    }
  }
}

resource "aws_ecr_repository" "prod_api" {
  name = "prod-api"
}

resource "aws_ecr_repository" "sandbox" { # want: aws-ecr-scan-on-push-disabled
  name = "sandbox-api"
}

# A repository the registry does not cover may still scan on push itself.
resource "aws_ecr_repository" "tools" {
  name = "tools"
  image_scanning_configuration {
    scan_on_push = true
  }
}
