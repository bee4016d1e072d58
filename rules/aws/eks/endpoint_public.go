package eks

import (
	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// EndpointPublic flags: eKS API endpoint is open to the internet.
var EndpointPublic = &rules.Rule{
	ID:          "aws-eks-endpoint-public",
	Title:       "EKS API endpoint is open to the internet",
	Severity:    rules.High,
	Description: "An EKS cluster whose API server endpoint is public and accepts 0.0.0.0/0 exposes the Kubernetes control plane to the whole internet: any leaked credential or API server flaw is exploitable from anywhere.",
	Remediation: rules.Remediation{
		Text: "Disable public endpoint access, or restrict it to known CIDR ranges.",
		Terraform: `resource "aws_eks_cluster" "this" {
  name     = "prod"
  role_arn = aws_iam_role.cluster.arn
  vpc_config {
    subnet_ids              = var.private_subnet_ids
    endpoint_private_access = true
    endpoint_public_access  = false
  }
}`,
		CloudFormation: `Cluster:
  Type: AWS::EKS::Cluster
  Properties:
    RoleArn: !GetAtt ClusterRole.Arn
    ResourcesVpcConfig:
      SubnetIds: !Ref PrivateSubnets
      EndpointPrivateAccess: true
      EndpointPublicAccess: false`,
	},
	References: []string{
		"https://docs.aws.amazon.com/eks/latest/userguide/cluster-endpoint.html",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/eks-controls.html#eks-1",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkSecurityHub, ID: "EKS.1"},
		{Framework: rules.FrameworkConfig, ID: "eks-endpoint-no-public-access"},
		{Framework: rules.FrameworkNIST, ID: "PR.AA-05"},
		{Framework: rules.FrameworkISO, ID: "A.8.20"},
	},
	Tags:      []string{"eks", "containers", "network"},
	Precision: "high",
	Check: func(p *rules.Pass) {
		for _, c := range p.AWS.EKS.Clusters {
			open := c.PublicCIDRs.Test(func(cidrs []string) bool {
				for _, s := range cidrs {
					if s == "0.0.0.0/0" || s == "::/0" {
						return true
					}
				}
				return false
			})
			subject := c.PublicAccess
			if aws.IsTrue(c.PublicAccess) == graph.True {
				subject = aws.Map(c.PublicCIDRs, func([]string) bool { return true })
				if !c.PublicCIDRs.Set {
					subject.At = c.PublicAccess.At
				}
			}
			p.ReportIf(aws.IsTrue(c.PublicAccess).And(open), subject, "the API endpoint of EKS cluster %s is public and open to 0.0.0.0/0", c.Resource.Address)
		}
	},
}
