# args: --config .blindspot.yaml
# Staging may admit the internet; production admits only internal ranges.
provider "aws" {
  region              = "eu-west-1"
  allowed_account_ids = ["222222222222"]
}

provider "aws" {
  alias               = "production"
  region              = "eu-west-1"
  allowed_account_ids = ["111111111111"]
}

resource "aws_security_group" "staging" {
  name = "staging"
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group" "production" {
  provider = aws.production
  name     = "production"
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/8"]
  }
}
