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
