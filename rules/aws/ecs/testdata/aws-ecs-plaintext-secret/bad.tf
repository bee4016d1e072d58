variable "db_password" {
  type      = string
  sensitive = true
}

resource "aws_ecs_task_definition" "literal" {
  family = "literal"
  container_definitions = jsonencode([{
    name  = "app"
    image = "nginx"
    environment = [
      { name = "DB_HOST", value = "db.internal" },
      { name = "DB_PASSWORD", value = "hunter2-but-longer" }, # want: aws-ecs-plaintext-secret "environment variable DB_PASSWORD of container app in aws_ecs_task_definition.literal holds a secret in plain text"
      { name = "apiKey", value = var.db_password },           # want: aws-ecs-plaintext-secret "apiKey"
      { name = "LOG_CONFIG", value = "key=AKIAIOSFODNN7REALKEY" }, # want: aws-ecs-plaintext-secret "LOG_CONFIG"
    ]
  }])
}

resource "aws_ecs_task_definition" "text" {
  family                = "text"
  container_definitions = "[{\"name\": \"worker\", \"image\": \"worker:1\", \"Environment\": [{\"Name\": \"GITHUB_TOKEN\", \"Value\": \"ghp_0123456789abcdefghijklmnopqrstuvwxyz\"}]}]" # want: aws-ecs-plaintext-secret "GITHUB_TOKEN of container worker"
}
