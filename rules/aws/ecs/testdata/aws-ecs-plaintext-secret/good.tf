resource "aws_secretsmanager_secret" "db" {
  name = "db"
}

resource "aws_ecs_task_definition" "app" {
  family = "app"
  container_definitions = jsonencode([{
    name  = "app"
    image = "nginx"
    environment = [
      { name = "DB_HOST", value = "db.internal" },
      { name = "DB_PASSWORD_ARN", value = aws_secretsmanager_secret.db.arn },
      { name = "DB_SECRET", value = aws_secretsmanager_secret.db.id },
      { name = "TOKEN_URL", value = "https://auth.example.com/token" },
      { name = "PASSWORD_MIN_LENGTH", value = "12" },
      { name = "SECRET_FILE", value = "/run/secrets/db" },
      { name = "USE_TOKEN", value = "true" },
      { name = "API_KEY", value = "" },
      { name = "API_TOKEN" },
    ]
    secrets = [
      { name = "DB_PASSWORD", valueFrom = aws_secretsmanager_secret.db.arn },
    ]
  }])
}

resource "aws_ecs_task_definition" "no_environment" {
  family                = "no-environment"
  container_definitions = jsonencode([{ name = "app", image = "nginx" }])
}
