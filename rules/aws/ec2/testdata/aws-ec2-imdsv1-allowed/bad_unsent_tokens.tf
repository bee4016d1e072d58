# For a launch configuration the AWS provider sends http_tokens only with
# http_endpoint = "enabled": without it, AWS's default (IMDSv1 allowed)
# applies.
resource "aws_launch_configuration" "workers" {
  name_prefix   = "workers-"
  image_id      = "ami-0abcdef1234567890"
  instance_type = "t3.micro"
  metadata_options {
    http_tokens = "required" # want: aws-ec2-imdsv1-allowed
  }
}

# An empty http_tokens is not sent: the AMI's default applies.
resource "aws_instance" "web" {
  ami           = "ami-0abcdef1234567890"
  instance_type = "t3.micro"
  metadata_options { # want: aws-ec2-imdsv1-allowed
    http_tokens = ""
  }
}
