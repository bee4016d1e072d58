data "aws_launch_template" "shared" {
  name = "platform-standard"
}

resource "aws_instance" "web" {
  launch_template { # unknown: aws-ec2-imdsv1-allowed
    id      = data.aws_launch_template.shared.id
    version = "$Default"
  }
}
