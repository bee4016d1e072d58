data "aws_ami" "al2023" {
  most_recent = true
  owners      = ["amazon"]

  filter {
    name   = "name"
    values = ["al2023-ami-2023.*-x86_64"]
  }
}

data "aws_ami" "golden" {
  most_recent = true
  owners      = ["self"]
  name_regex  = "^golden-web-"
}

data "aws_ami" "vendor" {
  most_recent = true

  filter {
    name   = "owner-id"
    values = ["679593333241"]
  }

  filter {
    name   = "name"
    values = ["vendor-appliance-*"]
  }
}

data "aws_ami" "exact" {
  filter {
    name   = "image-id"
    values = ["ami-0a1b2c3d4e5f60718"]
  }
}
