resource "aws_sfn_state_machine" "orders" { # want: aws-stepfunctions-tracing-disabled
  name       = "orders"
  role_arn   = "arn:aws:iam::111122223333:role/sfn"
  definition = jsonencode({ StartAt = "Done", States = { Done = { Type = "Succeed" } } })
}

resource "aws_sfn_state_machine" "refunds" {
  name       = "refunds"
  role_arn   = "arn:aws:iam::111122223333:role/sfn"
  definition = jsonencode({ StartAt = "Done", States = { Done = { Type = "Succeed" } } })

  tracing_configuration {
    enabled = false # want: aws-stepfunctions-tracing-disabled
  }
}
