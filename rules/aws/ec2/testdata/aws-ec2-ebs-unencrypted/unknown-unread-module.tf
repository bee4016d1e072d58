# A module that has not been downloaded, through the same provider, may
# turn EBS encryption by default on for the account.
resource "aws_ebs_volume" "data" { # unknown: aws-ec2-ebs-unencrypted
  availability_zone = "eu-west-1a"
  size              = 10
}

module "account_baseline" {
  source = "acme/account-baseline/aws"
}
