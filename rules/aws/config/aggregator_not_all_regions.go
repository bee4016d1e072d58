package config

import (
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// AggregatorNotAllRegions flags aggregator sources limited to some
// regions.
var AggregatorNotAllRegions = &rules.Rule{
	ID:       "aws-config-aggregator-not-all-regions",
	Title:    "AWS Config aggregator does not collect every region",
	Severity: rules.Medium,
	Description: "An aggregator source that lists regions instead of collecting all of them (off by default) " +
		"gives the central view a blind spot: resources created in a region nobody expected to be used, which " +
		"is where an intruder or a forgotten experiment runs, never reach it, and neither does any region AWS " +
		"adds later. Each account or organisation source is checked.",
	Remediation: rules.Remediation{
		Text: "Collect all regions (all_regions / AllAwsRegions) in every source of the aggregator.",
		Terraform: `resource "aws_config_configuration_aggregator" "org" {
  name = "organization"

  organization_aggregation_source {
    all_regions = true
    role_arn    = aws_iam_role.config_aggregator.arn
  }
}`,
		CloudFormation: `Aggregator:
  Type: AWS::Config::ConfigurationAggregator
  Properties:
    ConfigurationAggregatorName: organization
    OrganizationAggregationSource:
      AllAwsRegions: true
      RoleArn: !GetAtt AggregatorRole.Arn`,
	},
	References: []string{
		"https://docs.aws.amazon.com/config/latest/developerguide/aggregate-data.html",
		"https://docs.aws.amazon.com/config/latest/APIReference/API_OrganizationAggregationSource.html",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkNIST, ID: "ID.AM-08"},
		{Framework: rules.FrameworkISO, ID: "A.8.9"},
	},
	Tags:      []string{"config", "logging", "multi-region"},
	Precision: "very-high",
	Check: func(p *rules.Pass) {
		for _, src := range p.AWS.Config.AggregationSources {
			what := "account aggregation source"
			if src.Organization {
				what = "organisation aggregation source"
			}
			p.ReportIf(aws.IsTrue(src.AllRegions).Not(), src.AllRegions,
				"the %s of AWS Config aggregator %s does not collect every region", what, src.Resource.Address)
		}
	},
}
