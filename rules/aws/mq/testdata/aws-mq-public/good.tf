variable "mq_password" {
  type      = string
  sensitive = true
}

resource "aws_mq_broker" "default" {
  broker_name        = "orders"
  engine_type        = "ActiveMQ"
  engine_version     = "5.18"
  host_instance_type = "mq.t3.micro"
  user {
    username = "app"
    password = var.mq_password
  }
}

resource "aws_mq_broker" "private" {
  broker_name         = "events"
  engine_type         = "RabbitMQ"
  host_instance_type  = "mq.t3.micro"
  publicly_accessible = false
  user {
    username = "app"
    password = var.mq_password
  }
}
