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

# Launched from a template: the template's metadata options apply.
resource "aws_launch_template" "strict" {
  name = "strict"
  metadata_options {
    http_tokens = "required"
  }
}

resource "aws_instance" "from_template" {
  launch_template {
    id      = aws_launch_template.strict.id
    version = "$Latest"
  }
}

resource "aws_launch_configuration" "workers" {
  name_prefix   = "workers-"
  image_id      = "ami-0abcdef1234567890"
  instance_type = "t3.micro"
  metadata_options {
    http_endpoint = "enabled"
    http_tokens   = "required"
  }
}
