package eks

import (
	"slices"

	"github.com/blindspot-iac/blindspot/rules"
)

// AuditLoggingDisabled flags clusters that do not send the Kubernetes
// audit log to CloudWatch Logs.
var AuditLoggingDisabled = &rules.Rule{
	ID:       "aws-eks-audit-logging-disabled",
	Title:    "EKS cluster does not send its audit log to CloudWatch Logs",
	Severity: rules.Medium,
	Description: "The Kubernetes audit log records every request to the cluster's API server: who read a secret, " +
		"created a pod or changed a role binding. EKS sends control plane logs to CloudWatch Logs only for the " +
		"types a cluster enables, and none by default, so a cluster that does not list \"audit\" in " +
		"enabled_cluster_log_types (Logging.ClusterLogging.EnabledTypes) keeps no record of what was done " +
		"through its API. The api, authenticator, controllerManager and scheduler logs help troubleshooting; " +
		"the audit log is the one incident response needs.",
	Remediation: rules.Remediation{
		Text: "Enable the audit control plane log type (and api and authenticator where useful).",
		Terraform: `resource "aws_eks_cluster" "this" {
  name                      = "main"
  role_arn                  = var.cluster_role_arn
  enabled_cluster_log_types = ["api", "audit", "authenticator"]
  vpc_config {
    subnet_ids              = var.subnet_ids
    endpoint_public_access  = false
    endpoint_private_access = true
  }
}`,
		CloudFormation: `Cluster:
  Type: AWS::EKS::Cluster
  Properties:
    RoleArn: !Ref ClusterRoleArn
    ResourcesVpcConfig:
      SubnetIds: !Ref SubnetIds
      EndpointPublicAccess: false
      EndpointPrivateAccess: true
    Logging:
      ClusterLogging:
        EnabledTypes:
          - Type: api
          - Type: audit
          - Type: authenticator`,
	},
	References: []string{
		"https://docs.aws.amazon.com/eks/latest/userguide/control-plane-logs.html",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/eks-controls.html#eks-8",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkSecurityHub, ID: "EKS.8"},
		{Framework: rules.FrameworkConfig, ID: "eks-cluster-logging-enabled"},
		{Framework: rules.FrameworkNIST, ID: "DE.CM-09"},
		{Framework: rules.FrameworkISO, ID: "A.8.15"},
	},
	Tags:      []string{"eks", "logging", "containers"},
	Precision: "very-high",
	Check: func(p *rules.Pass) {
		for _, c := range p.AWS.EKS.Clusters {
			missing := c.LogTypes.Test(func(ts []string) bool { return !slices.Contains(ts, "audit") })
			p.ReportIf(missing, c.LogTypes, "EKS cluster %s does not send its audit log to CloudWatch Logs", c.Resource.Address)
		}
	},
}
