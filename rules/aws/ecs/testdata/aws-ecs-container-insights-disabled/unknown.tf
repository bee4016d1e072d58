variable "insights" {
  type = string
}

resource "aws_ecs_cluster" "this" {
  name = "this"
  setting {
    name  = "containerInsights"
    value = var.insights # unknown: aws-ecs-container-insights-disabled
  }
}
