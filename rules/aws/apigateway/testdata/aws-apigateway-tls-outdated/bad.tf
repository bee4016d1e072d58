resource "aws_api_gateway_domain_name" "api" {
  domain_name              = "api.example.com"
  regional_certificate_arn = "arn:aws:acm:eu-west-1:111122223333:certificate/abcd"
  security_policy          = "TLS_1_0" # want: aws-apigateway-tls-outdated "TLS_1_0"

  endpoint_configuration {
    types = ["REGIONAL"]
  }
}
