variable "encrypt" {
  type = bool
}

resource "aws_workspaces_workspace" "analyst" {
  directory_id                   = "d-1234567890"
  bundle_id                      = "wsb-gk1wpk43z"
  user_name                      = "analyst"
  root_volume_encryption_enabled = var.encrypt # unknown: aws-workspaces-volume-unencrypted
  user_volume_encryption_enabled = true
  volume_encryption_key          = "alias/aws/workspaces"
}
