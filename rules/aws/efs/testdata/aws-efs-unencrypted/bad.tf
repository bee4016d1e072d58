resource "aws_efs_file_system" "default" { # want: aws-efs-unencrypted "not encrypted at rest"
  creation_token = "shared"
}

resource "aws_efs_file_system" "off" {
  creation_token = "scratch"
  encrypted      = false # want: aws-efs-unencrypted
}
