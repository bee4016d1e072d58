variable "mq_password" {
  type      = string
  sensitive = true
}

variable "engine" {
  type = string
}

variable "audit" {
  type = bool
}

resource "aws_mq_broker" "engine" { # unknown: aws-mq-audit-logging-disabled "engine"
  broker_name        = "orders"
  engine_type        = var.engine
  host_instance_type = "mq.t3.micro"
  user {
    username = "app"
    password = var.mq_password
  }
}

resource "aws_mq_broker" "audit" {
  broker_name        = "billing"
  engine_type        = "ActiveMQ"
  host_instance_type = "mq.t3.micro"
  user {
    username = "app"
    password = var.mq_password
  }
  logs {
    audit = var.audit # unknown: aws-mq-audit-logging-disabled
  }
}
