# The default provider manages the organisation, so it is the management
# account; the workload on it lands there too.
provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias  = "workloads"
  region = "eu-west-1"
  assume_role {
    role_arn = "arn:aws:iam::222222222222:role/OrganizationAccountAccessRole"
  }
}

resource "aws_organizations_organization" "this" {
  feature_set = "ALL"
}

resource "aws_instance" "bastion" { # want: aws-org-management-account-workload
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
}

resource "aws_lambda_function" "member_app" {
  provider      = aws.workloads
  function_name = "member-app"
  role          = "arn:aws:iam::222222222222:role/app"
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "app.zip"
}
