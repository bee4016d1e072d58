resource "aws_ebs_volume" "default_key" { # want: aws-ec2-ebs-no-customer-key
  availability_zone = "eu-west-1a"
  size              = 10
  encrypted         = true
}

resource "aws_ebs_volume" "managed_alias" {
  availability_zone = "eu-west-1a"
  size              = 10
  encrypted         = true
  kms_key_id        = "arn:aws:kms:eu-west-1:111122223333:alias/aws/ebs" # want: aws-ec2-ebs-no-customer-key
}

resource "aws_instance" "web" {
  ami           = "ami-0c55b159cbfafe1f0"
  instance_type = "t3.micro"
  root_block_device { # want: aws-ec2-ebs-no-customer-key
    encrypted = true
  }
}
