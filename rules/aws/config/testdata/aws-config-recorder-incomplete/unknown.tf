variable "record_all" {
  type = bool
}

resource "aws_config_configuration_recorder" "this" {
  name     = "default"
  role_arn = "arn:aws:iam::111122223333:role/config"
  recording_group {
    all_supported = var.record_all # unknown: aws-config-recorder-incomplete
  }
}
