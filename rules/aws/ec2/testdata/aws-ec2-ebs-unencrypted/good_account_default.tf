resource "aws_ebs_encryption_by_default" "this" {
  enabled = true
}

resource "aws_ebs_volume" "data" {
  availability_zone = "eu-west-1a"
  size              = 100
}

# encrypted = false is not sent to AWS (the provider sends the argument only
# when it is true), so the account default encrypts this volume too.
resource "aws_ebs_volume" "explicit_false" {
  availability_zone = "eu-west-1a"
  size              = 100
  encrypted         = false
}
