resource "aws_instance" "web" {
  ami           = "ami-0abcdef1234567890"
  instance_type = "t3.micro"
  metadata_options {
    http_tokens = "required"
  }
}

resource "aws_launch_template" "no_imds" {
  name = "no-imds"
  metadata_options {
    http_endpoint = "disabled"
  }
}
