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

resource "aws_launch_configuration" "workers" { # want: aws-ec2-imdsv1-allowed
  name_prefix   = "workers-"
  image_id      = "ami-0abcdef1234567890"
  instance_type = "t3.micro"
}

# The instance's own metadata options override its launch template's.
resource "aws_launch_template" "strict" {
  name = "strict"
  metadata_options {
    http_tokens = "required"
  }
}

resource "aws_instance" "override" {
  launch_template {
    id      = aws_launch_template.strict.id
    version = "$Latest"
  }
  metadata_options {
    http_tokens = "optional" # want: aws-ec2-imdsv1-allowed
  }
}
