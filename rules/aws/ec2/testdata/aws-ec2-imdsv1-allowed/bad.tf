resource "aws_instance" "default" { # want: aws-ec2-imdsv1-allowed
  ami           = "ami-0abcdef1234567890"
  instance_type = "t3.micro"
}

resource "aws_launch_template" "optional" {
  name = "optional"
  metadata_options {
    http_endpoint = "enabled"
    http_tokens   = "optional" # want: aws-ec2-imdsv1-allowed
  }
}
