resource "aws_config_configuration_aggregator" "accounts" {
  name = "accounts"

  account_aggregation_source { # want: aws-config-aggregator-not-all-regions "account aggregation source"
    account_ids = ["111122223333", "444455556666"]
    regions     = ["eu-west-1", "us-east-1"]
  }
}

resource "aws_config_configuration_aggregator" "org" {
  name = "organization"

  organization_aggregation_source {
    all_regions = false # want: aws-config-aggregator-not-all-regions "organisation aggregation source"
    regions     = ["eu-west-1"]
    role_arn    = "arn:aws:iam::111122223333:role/config-aggregator"
  }
}
