variable "kms_key" {
  type = string
}

resource "aws_ecr_repository" "app" {
  name = "app"
  encryption_configuration {
    encryption_type = "KMS"
    kms_key         = var.kms_key # unknown: aws-ecr-no-customer-key
  }
}
