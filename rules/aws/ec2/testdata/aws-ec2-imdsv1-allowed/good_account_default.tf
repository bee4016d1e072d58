# The account default requires IMDSv2 for every launch that does not say
# otherwise.
resource "aws_ec2_instance_metadata_defaults" "this" {
  http_tokens                 = "required"
  http_put_response_hop_limit = 2
}

resource "aws_instance" "web" {
  ami           = "ami-0abcdef1234567890"
  instance_type = "t3.micro"
}

resource "aws_launch_template" "app" {
  name = "app"
  metadata_options {
    http_endpoint = "enabled"
  }
}
