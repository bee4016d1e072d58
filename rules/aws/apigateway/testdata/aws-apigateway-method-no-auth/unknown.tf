variable "authorization" {
  type = string
}

variable "rest_api_id" {
  type = string
}

resource "aws_api_gateway_rest_api" "api" {
  name = "orders"
}

resource "aws_api_gateway_method" "get_orders" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  resource_id   = aws_api_gateway_rest_api.api.root_resource_id
  http_method   = "GET"
  authorization = var.authorization # unknown: aws-apigateway-method-no-auth
}

# The API is created elsewhere: it may be private.
resource "aws_api_gateway_method" "elsewhere" {
  rest_api_id   = var.rest_api_id
  resource_id   = "abc123"
  http_method   = "GET"
  authorization = "NONE" # unknown: aws-apigateway-method-no-auth "REST API of the method is not known"
}
