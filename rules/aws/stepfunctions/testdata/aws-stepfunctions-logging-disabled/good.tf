resource "aws_cloudwatch_log_group" "sfn" {
  name = "/aws/vendedlogs/states/orders"
}

resource "aws_sfn_state_machine" "orders" {
  name       = "orders"
  role_arn   = "arn:aws:iam::111122223333:role/sfn"
  definition = jsonencode({ StartAt = "Done", States = { Done = { Type = "Succeed" } } })

  logging_configuration {
    level           = "ERROR"
    log_destination = "${aws_cloudwatch_log_group.sfn.arn}:*"
  }
}
