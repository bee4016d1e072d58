resource "aws_ecs_task_definition" "enabled" {
  family                = "enabled"
  container_definitions = jsonencode([{ name = "app", image = "nginx" }])
  volume {
    name = "data"
    efs_volume_configuration {
      file_system_id     = "fs-0123456789abcdef0"
      transit_encryption = "ENABLED"
    }
  }
}

resource "aws_ecs_task_definition" "no_efs" {
  family                = "no-efs"
  container_definitions = jsonencode([{ name = "app", image = "nginx" }])
  volume {
    name      = "scratch"
    host_path = "/tmp/scratch"
  }
}
