data "aws_ami" "web" { # want: aws-ec2-ami-lookup-no-owner "image search module.web.data.aws_ami.web"
  count       = 1
  most_recent = true
  name_regex  = "^web-"
}
