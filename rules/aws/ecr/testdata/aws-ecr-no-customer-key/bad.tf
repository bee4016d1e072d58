resource "aws_ecr_repository" "default" { # want: aws-ecr-no-customer-key
  name = "default"
}

resource "aws_ecr_repository" "aes" {
  name = "aes"
  encryption_configuration {
    encryption_type = "AES256" # want: aws-ecr-no-customer-key
  }
}

resource "aws_ecr_repository" "managed" {
  name = "managed"
  encryption_configuration { # want: aws-ecr-no-customer-key
    encryption_type = "KMS"
  }
}
