variable "all_regions" {
  type = bool
}

resource "aws_config_configuration_aggregator" "org" {
  name = "organization"

  organization_aggregation_source {
    all_regions = var.all_regions # unknown: aws-config-aggregator-not-all-regions
    role_arn    = "arn:aws:iam::111122223333:role/config-aggregator"
  }
}
