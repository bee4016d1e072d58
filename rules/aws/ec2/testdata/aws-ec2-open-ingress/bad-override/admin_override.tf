# ...but an override file, merged by Terraform, replaces its ingress
# blocks with one open to the internet.
resource "aws_security_group" "admin" {
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"] # want: aws-ec2-open-ingress
  }
}
