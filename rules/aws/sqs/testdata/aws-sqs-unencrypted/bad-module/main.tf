# The legacy consumer cannot read encrypted messages, so the caller turns
# SSE-SQS off through terraform.tfvars.
variable "legacy_consumer" {
  type    = bool
  default = false
}

module "orders" {
  source = "./modules/queue"
  name   = "orders"
}

module "legacy" {
  source      = "./modules/queue"
  name        = "legacy-events"
  managed_sse = !var.legacy_consumer
}
