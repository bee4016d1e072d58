variable "transit" {
  type = string
}

resource "aws_ecs_task_definition" "this" {
  family                = "this"
  container_definitions = jsonencode([{ name = "app", image = "nginx" }])
  volume {
    name = "data"
    efs_volume_configuration {
      file_system_id     = "fs-0123456789abcdef0"
      transit_encryption = var.transit # unknown: aws-ecs-efs-transit-encryption-disabled
    }
  }
}
