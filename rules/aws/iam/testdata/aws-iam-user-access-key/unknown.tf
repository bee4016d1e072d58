variable "key_status" {
  type = string
}

resource "aws_iam_access_key" "toggled" { # unknown: aws-iam-user-access-key
  user   = "legacy-app"
  status = var.key_status
}
