resource "aws_config_configuration_aggregator" "accounts" {
  name = "accounts"

  account_aggregation_source {
    account_ids = ["111122223333", "444455556666"]
    all_regions = true
  }
}

resource "aws_config_configuration_aggregator" "org" {
  name = "organization"

  organization_aggregation_source {
    all_regions = true
    role_arn    = "arn:aws:iam::111122223333:role/config-aggregator"
  }
}
