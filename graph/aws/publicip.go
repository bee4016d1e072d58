package aws

import "github.com/blindspot-iac/blindspot/graph"

// PublicIPSetting is a setting that gives EC2 instances a public IPv4
// address: the network interface settings of an instance, launch template
// or launch configuration, or a subnet's map-on-launch setting.
type PublicIPSetting struct {
	Resource *graph.Resource
	// Subnet is true for a subnet's setting, which applies to every
	// instance launched into it that does not decide for itself.
	Subnet bool
	// Assigns is whether the setting asks for a public address. An
	// instance, template or configuration that leaves it unset defers to
	// the subnet and is false here: the subnet's own setting is checked.
	// Subnets default to false, the default subnets of a default VPC
	// (aws_default_subnet) to true.
	Assigns Bool
}

// Loc locates the setting.
func (s *PublicIPSetting) Loc() graph.Loc { return s.Assigns.At }

var publicIPAdapters = adapters[[]*PublicIPSetting]{
	{graph.Terraform, "aws_instance", func(_ *Model, r *graph.Resource) []*PublicIPSetting {
		return []*PublicIPSetting{publicIPOf(r, Attrs(r).Get("associate_public_ip_address"), false)}
	}},
	{graph.Terraform, "aws_launch_configuration", func(_ *Model, r *graph.Resource) []*PublicIPSetting {
		return []*PublicIPSetting{publicIPOf(r, Attrs(r).Get("associate_public_ip_address"), false)}
	}},
	{graph.Terraform, "aws_launch_template", func(_ *Model, r *graph.Resource) []*PublicIPSetting {
		return interfacesPublicIP(r, Attrs(r).Get("network_interfaces"), "associate_public_ip_address")
	}},
	{graph.Terraform, "aws_subnet", func(_ *Model, r *graph.Resource) []*PublicIPSetting {
		return []*PublicIPSetting{publicIPOf(r, Attrs(r).Get("map_public_ip_on_launch"), false)}
	}},
	{graph.Terraform, "aws_default_subnet", func(_ *Model, r *graph.Resource) []*PublicIPSetting {
		return []*PublicIPSetting{publicIPOf(r, Attrs(r).Get("map_public_ip_on_launch"), true)}
	}},
	{graph.CloudFormation, "AWS::EC2::Instance", func(_ *Model, r *graph.Resource) []*PublicIPSetting {
		return interfacesPublicIP(r, Attrs(r).Get("NetworkInterfaces"), "AssociatePublicIpAddress")
	}},
	{graph.CloudFormation, "AWS::EC2::LaunchTemplate", func(_ *Model, r *graph.Resource) []*PublicIPSetting {
		return interfacesPublicIP(r, Attrs(r).Get("LaunchTemplateData").Get("NetworkInterfaces"), "AssociatePublicIpAddress")
	}},
	{graph.CloudFormation, "AWS::AutoScaling::LaunchConfiguration", func(_ *Model, r *graph.Resource) []*PublicIPSetting {
		return []*PublicIPSetting{publicIPOf(r, Attrs(r).Get("AssociatePublicIpAddress"), false)}
	}},
	{graph.CloudFormation, "AWS::EC2::Subnet", func(_ *Model, r *graph.Resource) []*PublicIPSetting {
		return []*PublicIPSetting{publicIPOf(r, Attrs(r).Get("MapPublicIpOnLaunch"), false)}
	}},
}

func publicIPOf(r *graph.Resource, f Field, dflt bool) *PublicIPSetting {
	subnet := r.Type == "aws_subnet" || r.Type == "aws_default_subnet" || r.Type == "AWS::EC2::Subnet"
	return &PublicIPSetting{Resource: r, Subnet: subnet, Assigns: BoolOf(f, Ptr(dflt))}
}

// interfacesPublicIP reads the public address setting of each network
// interface an instance or template declares; with none, the subnet
// decides and nothing is reported here. A list that is not known is one
// unknown setting.
func interfacesPublicIP(r *graph.Resource, list Field, key string) []*PublicIPSetting {
	if !list.IsSet() {
		return nil
	}
	blocks, ok := list.Blocks()
	if !ok {
		return []*PublicIPSetting{{Resource: r, Assigns: UnknownAttr[bool](firstWhy(list.Value.Why(), "the network interfaces of "+r.Address+" are not known"), KeyLoc(list))}}
	}
	var out []*PublicIPSetting
	for _, b := range blocks {
		out = append(out, &PublicIPSetting{Resource: r, Assigns: atBlock(BoolOf(b.Get(key), Ptr(false)), b)})
	}
	return out
}

func buildPublicIPs(m *Model) { m.EC2.PublicIPs = flat(m, publicIPAdapters) }
