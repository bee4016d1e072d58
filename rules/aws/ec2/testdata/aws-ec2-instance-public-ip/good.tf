# Unset: the subnet decides (aws-ec2-subnet-public-ip-on-launch).
resource "aws_instance" "unset" {
  ami           = "ami-0c55b159cbfafe1f0"
  instance_type = "t3.micro"
}

resource "aws_instance" "private" {
  ami                         = "ami-0c55b159cbfafe1f0"
  instance_type               = "t3.micro"
  associate_public_ip_address = false
}

resource "aws_launch_template" "private" {
  image_id = "ami-0c55b159cbfafe1f0"
  network_interfaces {
    device_index = 0
  }
}
