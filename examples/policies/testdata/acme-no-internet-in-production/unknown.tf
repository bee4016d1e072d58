# args: --config .blindspot.yaml
# The provider does not say which account it deploys to.
provider "aws" {
  region = "eu-west-1"
}

resource "aws_security_group" "web" {
  name = "web"
  ingress { # unknown: acme-no-internet-in-production
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
