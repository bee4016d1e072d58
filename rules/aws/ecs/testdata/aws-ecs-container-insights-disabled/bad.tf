resource "aws_ecs_cluster" "default" { # want: aws-ecs-container-insights-disabled
  name = "default"
}

resource "aws_ecs_cluster" "disabled" {
  name = "disabled"
  setting {
    name  = "containerInsights"
    value = "disabled" # want: aws-ecs-container-insights-disabled
  }
}
