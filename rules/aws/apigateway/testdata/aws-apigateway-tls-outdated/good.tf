resource "aws_api_gateway_domain_name" "api" {
  domain_name              = "api.example.com"
  regional_certificate_arn = "arn:aws:acm:eu-west-1:111122223333:certificate/abcd"
  security_policy          = "TLS_1_2"

  endpoint_configuration {
    types = ["REGIONAL"]
  }
}

# API Gateway uses TLS_1_2 when no policy is named.
resource "aws_api_gateway_domain_name" "default" {
  domain_name              = "default.example.com"
  regional_certificate_arn = "arn:aws:acm:eu-west-1:111122223333:certificate/abcd"

  endpoint_configuration {
    types = ["REGIONAL"]
  }
}

resource "aws_apigatewayv2_domain_name" "http" {
  domain_name = "http.example.com"

  domain_name_configuration {
    certificate_arn = "arn:aws:acm:eu-west-1:111122223333:certificate/abcd"
    endpoint_type   = "REGIONAL"
    security_policy = "TLS_1_2"
  }
}
