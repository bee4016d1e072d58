variable "container_definitions" {
  type = string
}

resource "aws_ecs_task_definition" "this" {
  family                = "this"
  container_definitions = var.container_definitions # unknown: aws-ecs-plaintext-secret
}
