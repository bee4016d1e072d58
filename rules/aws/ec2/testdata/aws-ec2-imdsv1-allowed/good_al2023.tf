# A launch template may name its AMI by Systems Manager parameter; an
# Amazon Linux 2023 AMI requires IMDSv2 unless the launch says otherwise.
resource "aws_launch_template" "web" {
  name          = "web"
  image_id      = "resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64"
  instance_type = "t3.micro"
}
