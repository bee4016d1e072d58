variable "security_policy" {
  type = string
}

resource "aws_api_gateway_domain_name" "api" {
  domain_name              = "api.example.com"
  regional_certificate_arn = "arn:aws:acm:eu-west-1:111122223333:certificate/abcd"
  security_policy          = var.security_policy # unknown: aws-apigateway-tls-outdated

  endpoint_configuration {
    types = ["REGIONAL"]
  }
}
