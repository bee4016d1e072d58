package ecs

import (
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// ContainerInsightsDisabled flags ECS clusters that do not collect
// Container Insights metrics.
var ContainerInsightsDisabled = &rules.Rule{
	ID:       "aws-ecs-container-insights-disabled",
	Title:    "ECS cluster does not collect Container Insights",
	Severity: rules.Low,
	Description: "Container Insights collects CPU, memory, network and storage metrics and diagnostic events (tasks " +
		"stopped, containers restarted) of a cluster's services and tasks, which is how an unexpected workload or " +
		"a crash loop shows. It is off unless the cluster's containerInsights setting is enabled or enhanced, or " +
		"the account's default setting turns it on; the rule takes the account default to be off unless the same " +
		"code sets it (aws_ecs_account_setting_default). The metrics are charged as CloudWatch custom metrics.",
	Remediation: rules.Remediation{
		Text: "Set the cluster's containerInsights setting to enabled (or enhanced).",
		Terraform: `resource "aws_ecs_cluster" "this" {
  name = "main"
  setting {
    name  = "containerInsights"
    value = "enabled"
  }
}`,
		CloudFormation: `Cluster:
  Type: AWS::ECS::Cluster
  Properties:
    ClusterSettings:
      - Name: containerInsights
        Value: enabled`,
	},
	References: []string{
		"https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/ContainerInsights.html",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html#ecs-12",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkSecurityHub, ID: "ECS.12"},
		{Framework: rules.FrameworkConfig, ID: "ecs-container-insights-enabled"},
		{Framework: rules.FrameworkNIST, ID: "DE.CM-09"},
		{Framework: rules.FrameworkISO, ID: "A.8.16"},
	},
	Tags:      []string{"ecs", "monitoring", "containers"},
	Precision: "very-high",
	Check: func(p *rules.Pass) {
		for _, c := range p.AWS.ECS.Clusters {
			p.ReportIf(aws.IsTrue(c.ContainerInsights).Not(), c.ContainerInsights, "ECS cluster %s does not collect Container Insights", c.Resource.Address)
		}
	},
}
