# A module that has not been downloaded may configure registry scanning
# for the account.
resource "aws_ecr_repository" "app" { # unknown: aws-ecr-scan-on-push-disabled
  name                 = "app"
  image_tag_mutability = "IMMUTABLE"
}

module "account_baseline" {
  source = "acme/account-baseline/aws"
}
