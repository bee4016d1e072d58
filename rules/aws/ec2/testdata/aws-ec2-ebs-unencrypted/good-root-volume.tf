# The account encrypts new volumes by default, so root volumes are
# encrypted whatever the AMI's snapshot.
resource "aws_ebs_encryption_by_default" "this" {
  enabled = true
}

resource "aws_instance" "no_root_block" {
  ami           = "ami-0abcdef1234567890"
  instance_type = "t3.micro"
}

resource "aws_instance" "root_block_without_encrypted" {
  ami           = "ami-0abcdef1234567890"
  instance_type = "t3.micro"
  root_block_device {
    volume_size = 20
  }
}

# An instance launched from a template takes the template's block devices,
# checked on the template.
resource "aws_launch_template" "app" {
  name     = "app"
  image_id = "ami-0abcdef1234567890"
  block_device_mappings {
    device_name = "/dev/xvda"
    ebs {
      encrypted = true
    }
  }
}

resource "aws_instance" "from_template" {
  launch_template {
    id = aws_launch_template.app.id
  }
}
