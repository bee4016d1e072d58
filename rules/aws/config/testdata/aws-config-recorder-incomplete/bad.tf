resource "aws_config_configuration_recorder" "this" {
  name     = "default"
  role_arn = "arn:aws:iam::111122223333:role/config"
  recording_group {
    all_supported  = false # want: aws-config-recorder-incomplete
    resource_types = ["AWS::EC2::Instance"]
  }
}

resource "aws_config_configuration_recorder" "exclusions" {
  name     = "exclusions"
  role_arn = "arn:aws:iam::111122223333:role/config"
  recording_group {
    all_supported = false # want: aws-config-recorder-incomplete
    exclusion_by_resource_types {
      resource_types = ["AWS::EC2::NetworkInterface"]
    }
    recording_strategy {
      use_only = "EXCLUSION_BY_RESOURCE_TYPES"
    }
  }
}
