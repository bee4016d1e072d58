variable "mq_password" {
  type      = string
  sensitive = true
}

resource "aws_mq_broker" "none" { # want: aws-mq-audit-logging-disabled "ActiveMQ broker"
  broker_name        = "orders"
  engine_type        = "ActiveMQ"
  host_instance_type = "mq.t3.micro"
  user {
    username = "app"
    password = var.mq_password
  }
}

resource "aws_mq_broker" "general_only" {
  broker_name        = "billing"
  engine_type        = "ActiveMQ"
  host_instance_type = "mq.t3.micro"
  user {
    username = "app"
    password = var.mq_password
  }
  logs { # want: aws-mq-audit-logging-disabled
    general = true
  }
}

resource "aws_mq_broker" "off" {
  broker_name        = "payments"
  engine_type        = "ActiveMQ"
  host_instance_type = "mq.t3.micro"
  user {
    username = "app"
    password = var.mq_password
  }
  logs {
    audit = false # want: aws-mq-audit-logging-disabled
  }
}
