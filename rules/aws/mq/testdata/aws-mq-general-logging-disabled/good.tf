variable "mq_password" {
  type      = string
  sensitive = true
}

resource "aws_mq_broker" "this" {
  broker_name        = "events"
  engine_type        = "RabbitMQ"
  host_instance_type = "mq.t3.micro"
  user {
    username = "app"
    password = var.mq_password
  }
  logs {
    general = true
  }
}
