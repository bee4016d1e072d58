variable "encrypted" {
  type = bool
}

resource "aws_efs_file_system" "this" {
  creation_token = "shared"
  encrypted      = var.encrypted # unknown: aws-efs-unencrypted
}
