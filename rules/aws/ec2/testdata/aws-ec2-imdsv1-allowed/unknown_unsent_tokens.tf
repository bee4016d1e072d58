# For a launch configuration http_tokens is sent only with http_endpoint =
# "enabled", which here is a variable without a value.
variable "metadata_endpoint" {
  type = string
}

resource "aws_launch_configuration" "workers" {
  name_prefix   = "workers-"
  image_id      = "ami-0abcdef1234567890"
  instance_type = "t3.micro"
  metadata_options {
    http_endpoint = var.metadata_endpoint
    http_tokens   = "required" # unknown: aws-ec2-imdsv1-allowed
  }
}
