variable "tokens" {
  type = string
}

resource "aws_instance" "web" {
  ami           = "ami-0abcdef1234567890"
  instance_type = "t3.micro"
  metadata_options {
    http_tokens = var.tokens # unknown: aws-ec2-imdsv1-allowed
  }
}
