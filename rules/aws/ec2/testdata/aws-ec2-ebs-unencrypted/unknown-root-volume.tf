# A root volume is made from the AMI's snapshot: without encrypted = true it
# is encrypted if that snapshot is, or if the account encrypts new volumes
# by default. Having no root_block_device and having one that does not set
# encrypted are the same thing.
resource "aws_instance" "no_root_block" { # unknown: aws-ec2-ebs-unencrypted
  ami           = "ami-0abcdef1234567890"
  instance_type = "t3.micro"
}

resource "aws_instance" "root_block_without_encrypted" {
  ami           = "ami-0abcdef1234567890"
  instance_type = "t3.micro"
  root_block_device { # unknown: aws-ec2-ebs-unencrypted
    volume_size = 20
  }
}

resource "aws_launch_configuration" "workers" { # unknown: aws-ec2-ebs-unencrypted
  name_prefix   = "workers-"
  image_id      = "ami-0abcdef1234567890"
  instance_type = "t3.micro"
}

# The provider sends encrypted only when it is true: false leaves the root
# volume to the AMI's snapshot, like no value.
resource "aws_instance" "root_block_encrypted_false" {
  ami           = "ami-0abcdef1234567890"
  instance_type = "t3.micro"
  root_block_device {
    encrypted = false # unknown: aws-ec2-ebs-unencrypted
  }
}
