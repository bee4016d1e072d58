# An empty http_tokens is not sent: the AMI's default applies, which for
# Amazon Linux 2023 is IMDSv2 only.
resource "aws_instance" "web" {
  ami           = "al2023-ami-2023.4.20240401.1-kernel-6.1-x86_64"
  instance_type = "t3.micro"
  metadata_options {
    http_tokens = ""
  }
}
