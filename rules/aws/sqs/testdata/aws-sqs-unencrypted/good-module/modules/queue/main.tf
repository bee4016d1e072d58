variable "name" {
  type = string
}

variable "kms_key_arn" {
  type    = string
  default = null
}

variable "managed_sse" {
  type    = bool
  default = true
}

resource "aws_sqs_queue" "this" {
  name                              = var.name
  kms_master_key_id                 = var.kms_key_arn
  kms_data_key_reuse_period_seconds = var.kms_key_arn == null ? null : 300
  sqs_managed_sse_enabled           = var.kms_key_arn == null ? var.managed_sse : null
}
