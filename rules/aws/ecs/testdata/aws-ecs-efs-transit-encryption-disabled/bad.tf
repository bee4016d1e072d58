resource "aws_ecs_task_definition" "default" {
  family                = "default"
  container_definitions = jsonencode([{ name = "app", image = "nginx" }])
  volume {
    name = "data"
    efs_volume_configuration { # want: aws-ecs-efs-transit-encryption-disabled "EFS volume \"data\" without encryption in transit"
      file_system_id = "fs-0123456789abcdef0"
    }
  }
}

resource "aws_ecs_task_definition" "disabled" {
  family                = "disabled"
  container_definitions = jsonencode([{ name = "app", image = "nginx" }])
  volume {
    name = "host"
  }
  volume {
    name = "data"
    efs_volume_configuration {
      file_system_id     = "fs-0123456789abcdef0"
      transit_encryption = "DISABLED" # want: aws-ecs-efs-transit-encryption-disabled
    }
  }
}
