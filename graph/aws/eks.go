package aws

import "github.com/blindspot-iac/blindspot/graph"

// EKS holds EKS clusters.
type EKS struct {
	Clusters []*EKSCluster
}

// EKSCluster is an EKS cluster's API endpoint access.
type EKSCluster struct {
	Resource *graph.Resource
	// PublicAccess is on by default.
	PublicAccess Bool
	// PublicCIDRs default to 0.0.0.0/0.
	PublicCIDRs Attr[[]string]
}

var eksClusterAdapters = adapters[*EKSCluster]{
	{graph.Terraform, "aws_eks_cluster", func(_ *Model, r *graph.Resource) *EKSCluster {
		cfg := Attrs(r).Get("vpc_config")
		return newEKSCluster(r, cfg, cfg.Get("endpoint_public_access"), cfg.Get("public_access_cidrs"))
	}},
	{graph.CloudFormation, "AWS::EKS::Cluster", func(_ *Model, r *graph.Resource) *EKSCluster {
		cfg := Attrs(r).Get("ResourcesVpcConfig")
		return newEKSCluster(r, cfg, cfg.Get("EndpointPublicAccess"), cfg.Get("PublicAccessCidrs"))
	}},
}

// newEKSCluster reads the endpoint settings from the cluster's VPC
// configuration cfg.
func newEKSCluster(r *graph.Resource, cfg, public, cidrs Field) *EKSCluster {
	c := &EKSCluster{Resource: r, PublicAccess: atBlock(BoolOf(public, Ptr(true)), cfg)}
	if !cidrs.IsSet() {
		c.PublicCIDRs = Default([]string{"0.0.0.0/0"}, c.PublicAccess.At)
		return c
	}
	// An empty list is no restriction: the AWS provider does not send it
	// (the argument is optional and computed), and EKS applies its
	// default, 0.0.0.0/0.
	c.PublicCIDRs = Map(StringsOf(cidrs), func(l []string) []string {
		if len(l) == 0 {
			return []string{"0.0.0.0/0"}
		}
		return l
	})
	return c
}

func buildEKS(m *Model) {
	m.EKS.Clusters = eksClusterAdapters.all(m)
}
