package eks

import (
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// SecretsNoCustomerKey flags clusters whose Kubernetes secrets are not
// envelope-encrypted with a KMS key the account controls.
var SecretsNoCustomerKey = &rules.Rule{
	ID:       "aws-eks-secrets-no-customer-key",
	Title:    "EKS cluster does not encrypt Kubernetes secrets with a KMS key of its own",
	Severity: rules.Low,
	Description: "EKS encrypts the etcd volumes of every cluster, and since 2025 envelope-encrypts all Kubernetes API " +
		"data of clusters running Kubernetes 1.28 or later with a key AWS owns. Only an encryption configuration " +
		"for the \"secrets\" resource with a KMS key the account manages lets the account control and audit use " +
		"of that key (a key policy, CloudTrail records of every decryption, revocation by disabling it). The rule " +
		"reports clusters without one; it is low because AWS's default already encrypts the data. Clusters on " +
		"older Kubernetes versions without an encryption configuration keep secrets base64-encoded in etcd.",
	Remediation: rules.Remediation{
		Text: "Add an encryption configuration for secrets with a customer managed KMS key.",
		Terraform: `resource "aws_eks_cluster" "this" {
  name     = "main"
  role_arn = var.cluster_role_arn
  vpc_config {
    subnet_ids              = var.subnet_ids
    endpoint_public_access  = false
    endpoint_private_access = true
  }
  encryption_config {
    resources = ["secrets"]
    provider {
      key_arn = var.kms_key_arn
    }
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
    EncryptionConfig:
      - Resources: [secrets]
        Provider:
          KeyArn: !Ref KmsKeyArn`,
	},
	References: []string{
		"https://docs.aws.amazon.com/eks/latest/userguide/envelope-encryption.html",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/eks-controls.html#eks-3",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkSecurityHub, ID: "EKS.3"},
		{Framework: rules.FrameworkConfig, ID: "eks-secrets-encrypted"},
		{Framework: rules.FrameworkNIST, ID: "PR.DS-01"},
		{Framework: rules.FrameworkISO, ID: "A.8.24"},
	},
	Tags:      []string{"eks", "encryption", "containers"},
	Precision: "very-high",
	Check: func(p *rules.Pass) {
		for _, c := range p.AWS.EKS.Clusters {
			p.ReportIf(aws.IsTrue(c.SecretsKMS).Not(), c.SecretsKMS, "EKS cluster %s does not encrypt Kubernetes secrets with a customer managed KMS key", c.Resource.Address)
		}
	},
}
