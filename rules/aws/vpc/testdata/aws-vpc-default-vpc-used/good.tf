resource "aws_vpc" "app" {
  cidr_block = "10.20.0.0/16"
}

resource "aws_subnet" "app_private" {
  vpc_id     = aws_vpc.app.id
  cidr_block = "10.20.1.0/24"
}
