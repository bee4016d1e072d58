variable "public" {
  type = bool
}

variable "interfaces" {
  type = list(object({ device_index = number, associate_public_ip_address = string }))
}

resource "aws_instance" "web" {
  ami                         = "ami-0c55b159cbfafe1f0"
  instance_type               = "t3.micro"
  associate_public_ip_address = var.public # unknown: aws-ec2-instance-public-ip
}

resource "aws_launch_template" "web" {
  image_id = "ami-0c55b159cbfafe1f0"
  dynamic "network_interfaces" { # unknown: aws-ec2-instance-public-ip
    for_each = var.interfaces
    content {
      device_index                = network_interfaces.value.device_index
      associate_public_ip_address = network_interfaces.value.associate_public_ip_address
    }
  }
}
