resource "aws_workspaces_workspace" "analyst" {
  directory_id                   = "d-1234567890"
  bundle_id                      = "wsb-gk1wpk43z"
  user_name                      = "analyst"
  root_volume_encryption_enabled = true
  user_volume_encryption_enabled = true
  volume_encryption_key          = "alias/aws/workspaces"
}
