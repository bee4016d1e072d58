resource "aws_config_configuration_recorder" "this" {
  name     = "default"
  role_arn = "arn:aws:iam::111122223333:role/config"
  recording_group {
    all_supported  = false # want: aws-config-recorder-incomplete
    resource_types = ["AWS::EC2::Instance"]
  }
}
