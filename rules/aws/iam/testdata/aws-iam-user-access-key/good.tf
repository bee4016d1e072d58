# A key kept only in its deactivated state, pending deletion.
resource "aws_iam_access_key" "retired" {
  user   = "legacy-app"
  status = "Inactive"
}
