resource "aws_ecs_account_setting_default" "insights" {
  name  = "containerInsights"
  value = "enabled"
}

# Takes the account's default, set above.
resource "aws_ecs_cluster" "this" {
  name = "this"
}
