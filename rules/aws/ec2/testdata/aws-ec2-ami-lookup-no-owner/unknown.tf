variable "ami_owners" {
  type = list(string)
}

variable "filters" {
  type = list(object({ name = string, values = list(string) }))
}

data "aws_ami" "base" {
  most_recent = true
  owners      = var.ami_owners # unknown: aws-ec2-ami-lookup-no-owner
  name_regex  = "^base-"
}

data "aws_ami" "filtered" { # unknown: aws-ec2-ami-lookup-no-owner
  most_recent = true

  dynamic "filter" {
    for_each = var.filters
    content {
      name   = filter.value.name
      values = filter.value.values
    }
  }
}

variable "lookup" {
  type = bool
}

data "aws_ami" "maybe" { # unknown: aws-ec2-ami-lookup-no-owner
  count       = var.lookup ? 1 : 0
  most_recent = true
  name_regex  = "^web-"
}
