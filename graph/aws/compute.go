package aws

import (
	"fmt"
	"strings"

	"github.com/blindspot-iac/blindspot/graph"
)

// Volumes holds EBS volumes and block device mappings.
type Volumes struct {
	Disks []*Disk
	// AccountDefaults are aws_ebs_encryption_by_default resources.
	AccountDefaults []*EBSDefault
}

// Disk is an EBS volume, or a block device of an instance, launch template
// or launch configuration.
type Disk struct {
	Resource *graph.Resource
	// Name says which device it is ("root volume", "/dev/sdf").
	Name      string
	Encrypted Bool
}

// EBSDefault is the account's EBS encryption-by-default setting.
type EBSDefault struct {
	Resource *graph.Resource
	Enabled  Bool
}

// Instances holds the instance metadata settings of instances, launch
// templates and launch configurations.
type Instances struct {
	Metadata []*MetadataOptions
}

// MetadataOptions is the instance metadata service configuration of an
// instance or launch template.
type MetadataOptions struct {
	Resource *graph.Resource
	// Tokens is http_tokens / HttpTokens: "required" means IMDSv2 only;
	// "optional" (the default) also allows IMDSv1.
	Tokens String
	// Endpoint is "enabled" (the default) or "disabled".
	Endpoint String
}

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

// Lambda holds function permissions and URLs.
type Lambda struct {
	Permissions []*LambdaPermission
	URLs        []*FunctionURL
}

// LambdaPermission is a resource-based policy statement of a function.
type LambdaPermission struct {
	Resource      *graph.Resource
	Principal     String
	SourceArn     Bool
	SourceAccount Bool
	PrincipalOrg  Bool
}

// FunctionURL is a function URL (aws_lambda_function_url, AWS::Lambda::Url
// or a SAM function's FunctionUrlConfig).
type FunctionURL struct {
	Resource *graph.Resource
	AuthType String
}

func buildCompute(m *Model) {
	accountDefault := map[string]bool{}
	for _, r := range m.index.OfType("aws_ebs_encryption_by_default") {
		d := &EBSDefault{Resource: r, Enabled: BoolOf(Attrs(r).Get("enabled"), Ptr(true))}
		m.Volumes.AccountDefaults = append(m.Volumes.AccountDefaults, d)
		if IsTrue(d.Enabled) == graph.True {
			accountDefault[r.Unit] = true
		}
	}
	// Unset encryption falls back to the account default, when the same code
	// turns it on, or to unencrypted (for volumes not made from a snapshot,
	// whose encryption they inherit).
	// block is the enclosing block device, where an absent setting is
	// reported (the zero Field for a volume: its header).
	encrypted := func(r *graph.Resource, f, snapshot, block Field) Bool {
		if !f.IsSet() && snapshot.IsSet() {
			return atBlock(UnknownAttr[bool]("a volume created from a snapshot is encrypted if the snapshot is", f.Loc()), block)
		}
		return atBlock(BoolOf(f, Ptr(accountDefault[r.Unit])), block)
	}
	add := func(r *graph.Resource, name string, enc Bool) {
		m.Volumes.Disks = append(m.Volumes.Disks, &Disk{Resource: r, Name: name, Encrypted: enc})
	}
	for _, r := range m.index.OfType("aws_ebs_volume", "AWS::EC2::Volume") {
		a := Attrs(r)
		if r.Format == graph.CloudFormation {
			enc := encrypted(r, a.Get("Encrypted"), a.Get("SnapshotId"), Field{})
			// A copy of a volume (SourceVolumeId) is encrypted whenever its
			// source is, whatever Encrypted says.
			if a.Get("SourceVolumeId").IsSet() && IsTrue(enc) != graph.True {
				enc = UnknownAttr[bool]("a copy of a volume is encrypted if its source volume is", a.Get("Encrypted").Loc())
			}
			add(r, "volume", enc)
		} else {
			add(r, "volume", encrypted(r, a.Get("encrypted"), a.Get("snapshot_id"), Field{}))
		}
	}
	for _, r := range m.index.OfType("aws_instance", "aws_launch_configuration") {
		a := Attrs(r)
		for _, b := range blocksOf(a.Get("root_block_device")) {
			add(r, "root volume", encrypted(r, b.Get("encrypted"), Field{}, b))
		}
		for _, b := range blocksOf(a.Get("ebs_block_device")) {
			add(r, deviceName(b.Get("device_name")), encrypted(r, b.Get("encrypted"), b.Get("snapshot_id"), b))
		}
	}
	for _, r := range m.index.OfType("aws_launch_template") {
		for _, b := range blocksOf(Attrs(r).Get("block_device_mappings")) {
			for _, e := range blocksOf(b.Get("ebs")) {
				add(r, deviceName(b.Get("device_name")), encrypted(r, e.Get("encrypted"), e.Get("snapshot_id"), e))
			}
		}
	}
	for _, r := range m.index.OfType("AWS::EC2::Instance", "AWS::EC2::LaunchTemplate", "AWS::AutoScaling::LaunchConfiguration") {
		a := Attrs(r)
		if r.Type == "AWS::EC2::LaunchTemplate" {
			a = a.Get("LaunchTemplateData")
		}
		for _, b := range blocksOf(a.Get("BlockDeviceMappings")) {
			ebs := b.Get("Ebs")
			if !ebs.IsSet() {
				continue
			}
			add(r, deviceName(b.Get("DeviceName")), encrypted(r, ebs.Get("Encrypted"), ebs.Get("SnapshotId"), ebs))
		}
	}

	// The account's instance metadata defaults (aws_ec2_instance_metadata_defaults)
	// apply to launches that leave http_tokens unset: "required" there makes
	// every such instance IMDSv2-only.
	tokensDefault := map[string]*string{}
	for _, r := range m.index.OfType("aws_ec2_instance_metadata_defaults") {
		if Equals(StringOf(Attrs(r).Get("http_tokens"), nil), "required") == graph.True {
			tokensDefault[r.Unit] = Ptr("required")
		}
	}
	// Unset, http_tokens follows the account default, then the AMI: Amazon
	// Linux 2023 images are registered with ImdsSupport v2.0, so their
	// instances require IMDSv2.
	defaultTokens := func(r *graph.Resource, image Field) *string {
		if d := tokensDefault[r.Unit]; d != nil {
			return d
		}
		if s, ok := image.Value.AsString(); ok && image.IsSet() && strings.Contains(s, "al2023-ami") {
			return Ptr("required")
		}
		return Ptr("optional")
	}
	for _, r := range m.index.OfType("aws_instance", "aws_launch_template", "aws_launch_configuration") {
		a := Attrs(r)
		mo := a.Get("metadata_options")
		// An instance launched from a template without its own metadata
		// options takes the template's, which are checked on the template
		// when it is defined here and cannot be known otherwise.
		if lt := a.Get("launch_template"); r.Type == "aws_instance" && !mo.IsSet() && lt.IsSet() {
			if o := templateOptions(m.index, r, lt, lt.Get("id"), lt.Get("name"), "aws_launch_template"); o != nil {
				m.Instances.Metadata = append(m.Instances.Metadata, o)
			}
			continue
		}
		image := a.Get("image_id")
		if r.Type == "aws_instance" {
			image = a.Get("ami")
		}
		m.Instances.Metadata = append(m.Instances.Metadata, &MetadataOptions{Resource: r,
			Tokens:   atBlock(StringOf(mo.Get("http_tokens"), defaultTokens(r, image)), mo),
			Endpoint: StringOf(mo.Get("http_endpoint"), Ptr("enabled"))})
	}
	for _, r := range m.index.OfType("AWS::EC2::LaunchTemplate", "AWS::AutoScaling::LaunchConfiguration") {
		a := Attrs(r)
		if r.Type == "AWS::EC2::LaunchTemplate" {
			a = a.Get("LaunchTemplateData")
		}
		mo := a.Get("MetadataOptions")
		m.Instances.Metadata = append(m.Instances.Metadata, &MetadataOptions{Resource: r,
			Tokens:   atBlock(StringOf(mo.Get("HttpTokens"), defaultTokens(r, a.Get("ImageId"))), mo),
			Endpoint: StringOf(mo.Get("HttpEndpoint"), Ptr("enabled"))})
	}
	// A CloudFormation instance takes its own MetadataOptions, like
	// aws_instance; without them, its launch template's, or the defaults.
	for _, r := range m.index.OfType("AWS::EC2::Instance") {
		a := Attrs(r)
		mo := a.Get("MetadataOptions")
		if lt := a.Get("LaunchTemplate"); lt.IsSet() && !mo.IsSet() {
			if o := templateOptions(m.index, r, lt, lt.Get("LaunchTemplateId"), lt.Get("LaunchTemplateName"), "AWS::EC2::LaunchTemplate"); o != nil {
				m.Instances.Metadata = append(m.Instances.Metadata, o)
			}
			continue
		}
		if !mo.IsSet() {
			m.Instances.Metadata = append(m.Instances.Metadata, &MetadataOptions{Resource: r,
				Tokens: Default(*defaultTokens(r, a.Get("ImageId")), r.Loc()), Endpoint: Default("enabled", r.Loc())})
			continue
		}
		m.Instances.Metadata = append(m.Instances.Metadata, &MetadataOptions{Resource: r,
			Tokens:   atBlock(StringOf(mo.Get("HttpTokens"), defaultTokens(r, a.Get("ImageId"))), mo),
			Endpoint: StringOf(mo.Get("HttpEndpoint"), Ptr("enabled"))})
	}

	for _, r := range m.index.OfType("aws_eks_cluster", "AWS::EKS::Cluster") {
		a := Attrs(r)
		c := &EKSCluster{Resource: r}
		var cfg Field
		var public, cidrs Field
		if r.Format == graph.CloudFormation {
			cfg = a.Get("ResourcesVpcConfig")
			public, cidrs = cfg.Get("EndpointPublicAccess"), cfg.Get("PublicAccessCidrs")
		} else {
			cfg = a.Get("vpc_config")
			public, cidrs = cfg.Get("endpoint_public_access"), cfg.Get("public_access_cidrs")
		}
		c.PublicAccess = atBlock(BoolOf(public, Ptr(true)), cfg)
		c.PublicCIDRs = StringsOf(cidrs)
		if !cidrs.IsSet() {
			c.PublicCIDRs = Default([]string{"0.0.0.0/0"}, c.PublicAccess.At)
		}
		m.EKS.Clusters = append(m.EKS.Clusters, c)
	}

	for _, r := range m.index.OfType("aws_lambda_permission", "AWS::Lambda::Permission") {
		a := Attrs(r)
		p := &LambdaPermission{Resource: r}
		if r.Format == graph.CloudFormation {
			p.Principal = StringOf(a.Get("Principal"), nil)
			p.SourceArn, p.SourceAccount, p.PrincipalOrg = Configured(a.Get("SourceArn")), Configured(a.Get("SourceAccount")), Configured(a.Get("PrincipalOrgID"))
		} else {
			p.Principal = StringOf(a.Get("principal"), nil)
			p.SourceArn, p.SourceAccount, p.PrincipalOrg = Configured(a.Get("source_arn")), Configured(a.Get("source_account")), Configured(a.Get("principal_org_id"))
		}
		m.Lambda.Permissions = append(m.Lambda.Permissions, p)
	}
	for _, r := range m.index.OfType("aws_lambda_function_url", "AWS::Lambda::Url", "AWS::Serverless::Function") {
		a := Attrs(r)
		switch r.Type {
		case "aws_lambda_function_url":
			m.Lambda.URLs = append(m.Lambda.URLs, &FunctionURL{Resource: r, AuthType: StringOf(a.Get("authorization_type"), nil)})
		case "AWS::Lambda::Url":
			m.Lambda.URLs = append(m.Lambda.URLs, &FunctionURL{Resource: r, AuthType: StringOf(a.Get("AuthType"), nil)})
		default:
			if cfg := a.Get("FunctionUrlConfig"); cfg.IsSet() {
				m.Lambda.URLs = append(m.Lambda.URLs, &FunctionURL{Resource: r, AuthType: StringOf(cfg.Get("AuthType"), nil)})
			}
		}
	}
}

// templateOptions is nil when an instance's launch template (by id or
// name) is defined in the same code, whose metadata options are checked
// there, and otherwise options that are unknown: they come from a template
// this code does not show.
func templateOptions(ix *Index, r *graph.Resource, lt, id, name Field, templateType string) *MetadataOptions {
	for _, f := range []Field{id, name} {
		if f.IsSet() && len(ix.Referenced(r, f.Value, templateType)) > 0 {
			return nil
		}
	}
	why := r.Address + " takes its metadata options from a launch template that is not defined here"
	return &MetadataOptions{Resource: r, Tokens: UnknownAttr[string](why, KeyLoc(lt)), Endpoint: UnknownAttr[string](why, KeyLoc(lt))}
}

// blocksOf returns the elements of a repeated block or list property; an
// unknown list yields one unknown element so that checks answer unknown.
func blocksOf(f Field) []Field {
	if !f.IsSet() {
		return nil
	}
	blocks, ok := f.Blocks()
	if !ok {
		return []Field{f}
	}
	return blocks
}

func deviceName(f Field) string {
	if s, ok := f.Value.AsString(); ok && f.IsSet() {
		return s
	}
	return "block device"
}

// atBlock points an absent setting at its enclosing block when the block
// is written, rather than at the resource header.
func atBlock[T any](a Attr[T], block Field) Attr[T] {
	if !a.Set && block.IsSet() {
		a.At = KeyLoc(block)
	}
	return a
}

// Describe names the disk for messages: "root volume of aws_instance.web".
func (d *Disk) Describe() string { return fmt.Sprintf("%s of %s", d.Name, d.Resource.Address) }
