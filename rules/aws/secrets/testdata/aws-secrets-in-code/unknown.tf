# The keys come from variables without a value: they may be in a tfvars
# file that was not scanned.
variable "aws_access_key" {
  type = string
}

variable "aws_secret_key" {
  type      = string
  sensitive = true
}

provider "aws" {
  region     = "eu-west-1"
  access_key = var.aws_access_key # unknown: aws-secrets-in-code
  secret_key = var.aws_secret_key # unknown: aws-secrets-in-code
}
