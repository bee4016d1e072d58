variable "mq_password" {
  type      = string
  sensitive = true
}

resource "aws_mq_broker" "activemq" {
  broker_name        = "orders"
  engine_type        = "ActiveMQ"
  host_instance_type = "mq.t3.micro"
  user {
    username = "app"
    password = var.mq_password
  }
  logs {
    audit = true
  }
}

# RabbitMQ has no audit log.
resource "aws_mq_broker" "rabbitmq" {
  broker_name        = "events"
  engine_type        = "RabbitMQ"
  host_instance_type = "mq.t3.micro"
  user {
    username = "app"
    password = var.mq_password
  }
}
