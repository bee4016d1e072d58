resource "aws_workspaces_workspace" "analyst" { # want: aws-workspaces-volume-unencrypted "root volume" aws-workspaces-volume-unencrypted "user volume"
  directory_id = "d-1234567890"
  bundle_id    = "wsb-gk1wpk43z"
  user_name    = "analyst"
}

resource "aws_workspaces_workspace" "dev" {
  directory_id                   = "d-1234567890"
  bundle_id                      = "wsb-gk1wpk43z"
  user_name                      = "dev"
  root_volume_encryption_enabled = true
  user_volume_encryption_enabled = false # want: aws-workspaces-volume-unencrypted "user volume"
  volume_encryption_key          = "alias/aws/workspaces"
}
