resource "aws_instance" "web" {
  ami                         = "ami-0c55b159cbfafe1f0"
  instance_type               = "t3.micro"
  associate_public_ip_address = true # want: aws-ec2-instance-public-ip
}

resource "aws_launch_configuration" "web" {
  image_id                    = "ami-0c55b159cbfafe1f0"
  instance_type               = "t3.micro"
  associate_public_ip_address = true # want: aws-ec2-instance-public-ip
}

resource "aws_launch_template" "web" {
  image_id = "ami-0c55b159cbfafe1f0"
  network_interfaces {
    device_index                = 0
    associate_public_ip_address = "true" # want: aws-ec2-instance-public-ip
  }
}
