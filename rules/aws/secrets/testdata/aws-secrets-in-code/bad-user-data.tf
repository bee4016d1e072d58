# AWS keys written in user data: plain, base64-encoded in the code, encoded
# with base64encode(), and around parts not known before apply.
variable "bucket" {
  type = string
}

resource "aws_instance" "worker" {
  ami           = "ami-0abcdef1234567890"
  instance_type = "t3.micro"
  user_data = join("\n", [ # want: aws-secrets-in-code
    "#!/bin/bash",
    "export AWS_ACCESS_KEY_ID=AKIAG7PRQSE2T3ZZHQOU",
    "export AWS_SECRET_ACCESS_KEY=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",
    "aws s3 sync s3://acme-artifacts /opt/app",
  ])
}

resource "aws_instance" "encoded" {
  ami              = "ami-0abcdef1234567890"
  instance_type    = "t3.micro"
  user_data_base64 = "IyEvYmluL2Jhc2gKZXhwb3J0IEFXU19BQ0NFU1NfS0VZX0lEPUFLSUFRM1RaTFZOVzVSWDJDN0tECmV4cG9ydCBBV1NfU0VDUkVUX0FDQ0VTU19LRVk9WnA0bVc5cUx4MlZiN05jMVJ0OFloM0tzNkZkMEdqNVVhK0llL09vNwphd3MgczMgc3luYyBzMzovL2FjbWUtYXJ0aWZhY3RzIC9vcHQvYXBwCg==" # want: aws-secrets-in-code
}

resource "aws_launch_template" "workers" {
  name     = "workers"
  image_id = "ami-0abcdef1234567890"
  user_data = base64encode( # want: aws-secrets-in-code
    <<-EOF
    #!/bin/bash
    aws configure set aws_access_key_id AKIAH7F14K8Y3T5310GQ
    aws configure set aws_secret_access_key 8YE5+is+I4cZ2cSV8HTMyf8GmXmeyNdaKTGoesza
    EOF
  )
}

resource "aws_launch_configuration" "workers" {
  name_prefix   = "workers-"
  image_id      = "ami-0abcdef1234567890"
  instance_type = "t3.micro"
  user_data = base64encode( # want: aws-secrets-in-code
    <<-EOF
    #!/bin/bash
    export AWS_SECRET_ACCESS_KEY=+XFXO+eF28RlHnqzgsBH+5qWgnGV21q4ClswscCT
    aws s3 sync s3://${var.bucket} /opt/app
    EOF
  )
}
