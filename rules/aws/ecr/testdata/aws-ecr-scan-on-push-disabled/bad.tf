resource "aws_ecr_repository" "app" { # want: aws-ecr-scan-on-push-disabled
  name = "app"
}

resource "aws_ecr_repository" "worker" {
  name = "worker"
  image_scanning_configuration {
    scan_on_push = false # want: aws-ecr-scan-on-push-disabled
  }
}
