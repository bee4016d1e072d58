variable "rotate" {
  type = bool
}

resource "aws_kms_key" "configurable" {
  description         = "rotation decided by the caller"
  enable_key_rotation = var.rotate # unknown: aws-kms-rotation-disabled
}

variable "key_spec" {
  type = string
}

resource "aws_kms_key" "spec_unknown" { # unknown: aws-kms-rotation-disabled
  description              = "may be asymmetric"
  customer_master_key_spec = var.key_spec
}
