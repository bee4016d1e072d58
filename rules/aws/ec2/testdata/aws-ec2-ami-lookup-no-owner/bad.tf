data "aws_ami" "ubuntu" { # want: aws-ec2-ami-lookup-no-owner `image search data.aws_ami.ubuntu does not name the image's owner, so any account's public AMI may match \(most_recent takes the newest\)`
  most_recent = true

  filter {
    name   = "name"
    values = ["ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-*"]
  }
}

data "aws_ami" "pinned_by_name" {
  owners = [] # want: aws-ec2-ami-lookup-no-owner "image search data.aws_ami.pinned_by_name does not name the image's owner, so any account's public AMI may match$"

  filter {
    name   = "name"
    values = ["golden-web-2024-06-01"]
  }
}

resource "aws_instance" "web" {
  ami           = data.aws_ami.ubuntu.id
  instance_type = "t3.micro"

  metadata_options {
    http_tokens = "required"
  }
}
