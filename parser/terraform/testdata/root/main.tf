variable "env" {
  type = string
}

variable "cidrs" {
  type    = list(string)
  default = ["10.0.0.0/8"]
}

variable "settings" {
  type = object({
    versioning = optional(bool, true)
    name       = string
  })
  default = { name = "data" }
}

variable "admin_cidr" {}

variable "password" {
  type      = string
  default   = "hunter2"
  sensitive = true
}

locals {
  prefix  = "acme-${var.env}"
  buckets = { logs = false, data = true }
  ports   = [22, 443]
}

provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias  = "member"
  region = "us-east-1"
  assume_role {
    role_arn = "arn:aws:iam::222222222222:role/deploy"
  }
}

module "bucket" {
  source     = "./modules/bucket"
  for_each   = local.buckets
  name       = "${local.prefix}-${each.key}"
  versioning = each.value
  providers = {
    aws = aws.member
  }
}

resource "aws_security_group" "web" {
  name = "web"
  dynamic "ingress" {
    for_each = local.ports
    content {
      from_port   = ingress.value
      to_port     = ingress.value
      cidr_blocks = var.cidrs
    }
  }
}

resource "aws_security_group_rule" "admin" {
  count             = 2
  type              = "ingress"
  security_group_id = aws_security_group.web.id
  cidr_blocks       = [var.admin_cidr]
  from_port         = 22 + count.index
}

resource "aws_instance" "maybe" {
  for_each = toset(var.unknown_list)
}

resource "aws_kms_key" "key" {
  description         = format("%s key %s", local.prefix, upper("x"))
  enable_key_rotation = var.settings.versioning
  policy              = data.aws_iam_policy_document.key.json
  tags = {
    Subnet = cidrsubnet("10.0.0.0/16", 8, 2)
    Joined = join(",", [for p in local.ports : tostring(p)])
    Secret = var.password
    When   = timestamp()
  }
}

data "aws_iam_policy_document" "key" {
  statement {
    effect    = "Allow"
    actions   = ["kms:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = [aws_security_group.web.arn]
    }
  }
}

resource "aws_s3_bucket_policy" "p" {
  bucket = module.bucket["logs"].id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Deny", Principal = "*", Action = "s3:*", Resource = "${module.bucket["logs"].arn}/*" }]
  })
}
