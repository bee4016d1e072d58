# A module whose code was not downloaded is given the group: it may attach
# a policy that requires MFA.
resource "aws_iam_group" "developers" { # unknown: aws-iam-group-mfa-not-enforced
  name = "developers"
}

module "enforce_mfa" {
  source  = "acme/enforce-mfa/aws"
  version = "1.0.0"

  groups = [aws_iam_group.developers.name]
}
