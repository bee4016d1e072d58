# The source account is the account Terraform runs in: not known before
# apply, but an account all the same, so the permission is not public.
data "aws_caller_identity" "current" {}

resource "aws_lambda_permission" "from_bucket" {
  function_name  = "processor"
  action         = "lambda:InvokeFunction"
  principal      = "s3.amazonaws.com"
  source_account = data.aws_caller_identity.current.account_id
}
