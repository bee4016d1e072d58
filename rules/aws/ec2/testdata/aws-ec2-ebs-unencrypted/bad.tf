resource "aws_ebs_volume" "data" { # want: aws-ec2-ebs-unencrypted
  availability_zone = "eu-west-1a"
  size              = 100
}

resource "aws_launch_template" "workers" {
  name = "workers"
  block_device_mappings {
    device_name = "/dev/xvda"
    ebs {
      volume_size = 50
      encrypted   = "false" # want: aws-ec2-ebs-unencrypted
    }
  }
}

resource "aws_ebs_encryption_by_default" "this" {
  enabled = false # want: aws-ec2-ebs-unencrypted
}

resource "aws_instance" "db" {
  ami           = "ami-0abcdef1234567890"
  instance_type = "r6g.large"
  root_block_device {
    encrypted   = true
    volume_size = 20
  }
  ebs_block_device { # want: aws-ec2-ebs-unencrypted
    device_name = "/dev/sdf"
    volume_size = 200
    volume_type = "gp3"
  }
}
