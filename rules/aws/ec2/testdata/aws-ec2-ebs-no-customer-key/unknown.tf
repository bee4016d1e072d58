variable "kms_key_id" {
  type = string
}

variable "encrypted" {
  type = bool
}

resource "aws_ebs_volume" "key" {
  availability_zone = "eu-west-1a"
  size              = 10
  encrypted         = true
  kms_key_id        = var.kms_key_id # unknown: aws-ec2-ebs-no-customer-key
}

resource "aws_ebs_volume" "encrypted" { # unknown: aws-ec2-ebs-no-customer-key "is encrypted is not known"
  availability_zone = "eu-west-1a"
  size              = 10
  encrypted         = var.encrypted
}
