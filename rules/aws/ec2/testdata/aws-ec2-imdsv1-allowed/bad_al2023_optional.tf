resource "aws_launch_template" "web" {
  name     = "web"
  image_id = "resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64"
  metadata_options {
    http_tokens = "optional" # want: aws-ec2-imdsv1-allowed
  }
}
