# User data that takes its credentials from the instance profile, and the
# documentation's example keys.
resource "aws_instance" "worker" {
  ami                  = "ami-0abcdef1234567890"
  instance_type        = "t3.micro"
  iam_instance_profile = "worker"
  user_data = base64encode(
    <<-EOF
    #!/bin/bash
    aws s3 sync s3://acme-artifacts /opt/app
    # export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE
    EOF
  )
}

module "uploader" {
  source  = "acme/uploader/aws"
  version = "1.2.0"
  bucket  = "acme-uploads"
}
