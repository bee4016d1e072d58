# A small web application in a workload account: storage, an encryption
# key and the security group of its web tier.

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0"
    }
  }
}

provider "aws" {
  region              = var.region
  allowed_account_ids = ["222222222222"]
}

locals {
  name = "acme-${var.environment}"
}

# Application data: versioned through the module's inputs.
module "buckets" {
  source   = "./modules/bucket"
  for_each = var.buckets

  name       = "${local.name}-${each.key}"
  versioning = each.value.versioning
  kms_key_id = aws_kms_key.data.arn
}

resource "aws_kms_key" "data" {
  description         = "${local.name} application data"
  enable_key_rotation = true
}

# Key for the CI pipeline's artifacts: rotation was forgotten.
resource "aws_kms_key" "artifacts" {
  description = "${local.name} build artifacts"
}

resource "aws_security_group" "web" {
  name        = "${local.name}-web"
  description = "web tier"
  vpc_id      = var.vpc_id

  ingress {
    description     = "HTTPS from the load balancer"
    from_port       = 443
    to_port         = 443
    protocol        = "tcp"
    security_groups = [aws_security_group.lb.id]
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group" "lb" {
  name        = "${local.name}-lb"
  description = "load balancer"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_ingress_rule" "lb_https" {
  security_group_id = aws_security_group.lb.id
  cidr_ipv4         = "0.0.0.0/0"
  from_port         = 443
  to_port           = 443
  ip_protocol       = "tcp"
}

# Temporary debugging access that was never removed.
resource "aws_security_group_rule" "web_ssh" {
  type              = "ingress"
  from_port         = 22
  to_port           = 22
  protocol          = "tcp"
  cidr_blocks       = [var.admin_cidr]
  security_group_id = aws_security_group.web.id
}
