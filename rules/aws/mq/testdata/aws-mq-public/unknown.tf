variable "mq_password" {
  type      = string
  sensitive = true
}

variable "public" {
  type = bool
}

resource "aws_mq_broker" "this" {
  broker_name         = "orders"
  engine_type         = "ActiveMQ"
  host_instance_type  = "mq.t3.micro"
  publicly_accessible = var.public # unknown: aws-mq-public
  user {
    username = "app"
    password = var.mq_password
  }
}
