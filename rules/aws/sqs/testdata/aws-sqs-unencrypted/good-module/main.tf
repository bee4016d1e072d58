resource "aws_kms_key" "queues" {
  description         = "SQS queues"
  enable_key_rotation = true
}

module "orders" {
  source = "./modules/queue"
  name   = "orders"
}

module "payments" {
  source      = "./modules/queue"
  name        = "payments"
  kms_key_arn = aws_kms_key.queues.arn
}
