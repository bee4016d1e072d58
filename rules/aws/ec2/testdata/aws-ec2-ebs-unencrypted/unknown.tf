variable "encrypt" {
  type = bool
}

resource "aws_ebs_volume" "data" {
  availability_zone = "eu-west-1a"
  size              = 100
  encrypted         = var.encrypt # unknown: aws-ec2-ebs-unencrypted
}

resource "aws_ebs_volume" "restored" { # unknown: aws-ec2-ebs-unencrypted
  availability_zone = "eu-west-1a"
  snapshot_id       = "snap-0123456789abcdef0"
}

# encrypted = false is not sent to AWS, so the volume is encrypted exactly
# when its snapshot is.
resource "aws_ebs_volume" "restored_explicit_false" {
  availability_zone = "eu-west-1a"
  snapshot_id       = "snap-0123456789abcdef0"
  encrypted         = false # unknown: aws-ec2-ebs-unencrypted
}
