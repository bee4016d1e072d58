variable "access_log_destination" {
  type = string
}

resource "aws_apigatewayv2_api" "http" {
  name          = "http"
  protocol_type = "HTTP"
}

resource "aws_apigatewayv2_stage" "default" {
  api_id = aws_apigatewayv2_api.http.id
  name   = "$default"

  access_log_settings {
    destination_arn = var.access_log_destination # unknown: aws-apigateway-access-logging-disabled
    format          = "$context.requestId"
  }
}
