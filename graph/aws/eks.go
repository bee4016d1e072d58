package aws

import (
	"slices"

	"github.com/blindspot-iac/blindspot/graph"
)

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
	// LogTypes are the control plane log types sent to CloudWatch Logs
	// (none by default).
	LogTypes Attr[[]string]
	// SecretsKMS is whether Kubernetes secrets are envelope-encrypted with
	// a KMS key the cluster names (an encryption configuration for the
	// "secrets" resource). Without one, clusters from Kubernetes 1.28 are
	// still envelope-encrypted with a key AWS owns.
	SecretsKMS Bool
}

var eksClusterAdapters = adapters[*EKSCluster]{
	{graph.Terraform, "aws_eks_cluster", func(_ *Model, r *graph.Resource) *EKSCluster {
		a := Attrs(r)
		cfg := a.Get("vpc_config")
		c := newEKSCluster(r, cfg, cfg.Get("endpoint_public_access"), cfg.Get("public_access_cidrs"))
		c.LogTypes = StringsOf(a.Get("enabled_cluster_log_types"))
		c.SecretsKMS = encryptsSecrets(a.Get("encryption_config"), "resources")
		return c
	}},
	{graph.CloudFormation, "AWS::EKS::Cluster", func(_ *Model, r *graph.Resource) *EKSCluster {
		a := Attrs(r)
		cfg := a.Get("ResourcesVpcConfig")
		c := newEKSCluster(r, cfg, cfg.Get("EndpointPublicAccess"), cfg.Get("PublicAccessCidrs"))
		c.LogTypes = cloudFormationLogTypes(a.Get("Logging").Get("ClusterLogging").Get("EnabledTypes"))
		c.SecretsKMS = encryptsSecrets(a.Get("EncryptionConfig"), "Resources")
		return c
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

// cloudFormationLogTypes reads EnabledTypes, a list of {Type: ...}
// objects; unknown when the list or one of its types is not known.
func cloudFormationLogTypes(f Field) Attr[[]string] {
	if !f.IsSet() {
		return Default([]string{}, f.Loc())
	}
	blocks, ok := f.Blocks()
	if !ok {
		return UnknownAttr[[]string](firstWhy(f.Value.Why(), f.Path+" is not known"), KeyLoc(f))
	}
	types := []string{}
	for _, b := range blocks {
		t, ok := StringOf(b.Get("Type"), nil).Get()
		if !ok {
			return UnknownAttr[[]string](b.Path+".Type is not known", KeyLoc(f))
		}
		types = append(types, t)
	}
	return Known(types, true, KeyLoc(f))
}

// encryptsSecrets says whether an EKS encryption configuration (a list
// of blocks, each with a list of resources) covers "secrets".
func encryptsSecrets(list Field, resourcesKey string) Bool {
	if !list.IsSet() {
		return Default(false, list.Loc())
	}
	blocks, ok := list.Blocks()
	if !ok {
		return UnknownAttr[bool](firstWhy(list.Value.Why(), list.Path+" is not known"), KeyLoc(list))
	}
	out := Known(false, true, KeyLoc(list))
	for _, b := range blocks {
		has := StringsOf(b.Get(resourcesKey)).Test(func(rs []string) bool { return slices.Contains(rs, "secrets") })
		switch has {
		case graph.True:
			return Known(true, true, KeyLoc(list))
		case graph.Unknown:
			out = UnknownAttr[bool]("the resources "+list.Path+" encrypts are not known", KeyLoc(list))
		}
	}
	return out
}
