variable "scan" {
  type = bool
}

resource "aws_ecr_repository" "app" {
  name = "app"
  image_scanning_configuration {
    scan_on_push = var.scan # unknown: aws-ecr-scan-on-push-disabled
  }
}
