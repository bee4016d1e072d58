resource "aws_sfn_state_machine" "orders" { # want: aws-stepfunctions-logging-disabled "orders does not log"
  name       = "orders"
  role_arn   = "arn:aws:iam::111122223333:role/sfn"
  definition = jsonencode({ StartAt = "Done", States = { Done = { Type = "Succeed" } } })
}

resource "aws_sfn_state_machine" "refunds" {
  name       = "refunds"
  type       = "EXPRESS"
  role_arn   = "arn:aws:iam::111122223333:role/sfn"
  definition = jsonencode({ StartAt = "Done", States = { Done = { Type = "Succeed" } } })

  logging_configuration {
    level = "OFF" # want: aws-stepfunctions-logging-disabled
  }
}
