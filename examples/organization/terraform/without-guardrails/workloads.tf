# Convenience workloads someone put in the management account.
resource "aws_instance" "jump_host" {
  ami           = "ami-0a1b2c3d4e5f67890"
  instance_type = "t3.micro"
  tags = {
    Name = "jump-host"
  }
}

resource "aws_lambda_function" "cost_report" {
  function_name = "cost-report"
  role          = "arn:aws:iam::111111111111:role/cost-report"
  runtime       = "python3.12"
  handler       = "report.handler"
  filename      = "cost_report.zip"
}
