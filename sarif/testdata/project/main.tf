module "logs" {
  source = "./modules/logs"
  name   = "audit logs"
}

resource "aws_kms_key" "k" {
  enable_key_rotation = false
}

resource "aws_security_group" "web" {
  ingress {
    cidr_blocks = [var.ingress_cidr]
  }
}
