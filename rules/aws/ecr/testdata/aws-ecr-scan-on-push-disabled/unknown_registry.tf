variable "scanned_repositories" {
  type        = string
  description = "Registry filter of the repositories scanned on push"
}

resource "aws_ecr_registry_scanning_configuration" "this" {
  scan_type = "ENHANCED"
  rule {
    scan_frequency = "SCAN_ON_PUSH"
    repository_filter {
      filter      = var.scanned_repositories
      filter_type = "WILDCARD"
    }
  }
}

resource "aws_ecr_repository" "api" { # unknown: aws-ecr-scan-on-push-disabled
  name = "api"
}
