resource "aws_kms_key" "default_rotation" { # want: aws-kms-rotation-disabled
  description = "rotation is off unless enabled"
}

resource "aws_kms_key" "explicitly_off" {
  description         = "application data"
  enable_key_rotation = false # want: aws-kms-rotation-disabled
}

variable "rotate" {
  type    = bool
  default = false
}

resource "aws_kms_key" "from_variable" {
  description              = "logs"
  customer_master_key_spec = "SYMMETRIC_DEFAULT"
  enable_key_rotation      = var.rotate # want: aws-kms-rotation-disabled
}
