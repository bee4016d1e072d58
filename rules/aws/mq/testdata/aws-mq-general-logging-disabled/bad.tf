variable "mq_password" {
  type      = string
  sensitive = true
}

resource "aws_mq_broker" "none" { # want: aws-mq-general-logging-disabled "general log"
  broker_name        = "events"
  engine_type        = "RabbitMQ"
  host_instance_type = "mq.t3.micro"
  user {
    username = "app"
    password = var.mq_password
  }
}

resource "aws_mq_broker" "off" {
  broker_name        = "orders"
  engine_type        = "ActiveMQ"
  host_instance_type = "mq.t3.micro"
  user {
    username = "app"
    password = var.mq_password
  }
  logs {
    audit   = true
    general = false # want: aws-mq-general-logging-disabled
  }
}
