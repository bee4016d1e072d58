variable "mq_password" {
  type      = string
  sensitive = true
}

resource "aws_mq_broker" "this" {
  broker_name         = "orders"
  engine_type         = "ActiveMQ"
  engine_version      = "5.18"
  host_instance_type  = "mq.t3.micro"
  publicly_accessible = true # want: aws-mq-public "publicly accessible"
  user {
    username = "app"
    password = var.mq_password
  }
}
