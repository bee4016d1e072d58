package aws

import (
	"fmt"

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

// Describe names the disk for messages: "root volume of aws_instance.web".
func (d *Disk) Describe() string { return fmt.Sprintf("%s of %s", d.Name, d.Resource.Address) }

// encryptedByDefault reports whether the code turns EBS encryption by
// default on in unit.
func (v *Volumes) encryptedByDefault(unit string) bool {
	for _, d := range v.AccountDefaults {
		if d.Resource.Unit == unit && IsTrue(d.Enabled) == graph.True {
			return true
		}
	}
	return false
}

var ebsDefaultAdapters = adapters[*EBSDefault]{
	{graph.Terraform, "aws_ebs_encryption_by_default", func(_ *Model, r *graph.Resource) *EBSDefault {
		return &EBSDefault{Resource: r, Enabled: BoolOf(Attrs(r).Get("enabled"), Ptr(true))}
	}},
}

// diskAdapters read volumes and the block devices of instances, launch
// templates and launch configurations.
var diskAdapters = adapters[[]*Disk]{
	{graph.Terraform, "aws_ebs_volume", func(m *Model, r *graph.Resource) []*Disk {
		a := Attrs(r)
		return []*Disk{newDisk(m, r, "volume", unsentWhenEmpty(a.Get("encrypted")), a.Get("snapshot_id"), Field{})}
	}},
	{graph.Terraform, "aws_instance", terraformBlockDevices},
	{graph.Terraform, "aws_launch_configuration", terraformBlockDevices},
	{graph.Terraform, "aws_launch_template", func(m *Model, r *graph.Resource) []*Disk {
		var out []*Disk
		for _, b := range blocksOf(Attrs(r).Get("block_device_mappings")) {
			for _, e := range blocksOf(b.Get("ebs")) {
				out = append(out, newDisk(m, r, deviceName(b.Get("device_name")), e.Get("encrypted"), e.Get("snapshot_id"), e))
			}
		}
		return out
	}},
	{graph.CloudFormation, "AWS::EC2::Volume", func(m *Model, r *graph.Resource) []*Disk {
		a := Attrs(r)
		d := newDisk(m, r, "volume", a.Get("Encrypted"), a.Get("SnapshotId"), Field{})
		// A copy of a volume (SourceVolumeId) is encrypted whenever its
		// source is, whatever Encrypted says.
		if a.Get("SourceVolumeId").IsSet() && IsTrue(d.Encrypted) != graph.True {
			d.Encrypted = UnknownAttr[bool]("a copy of a volume is encrypted if its source volume is", a.Get("Encrypted").Loc())
		}
		return []*Disk{d}
	}},
	{graph.CloudFormation, "AWS::EC2::Instance", func(m *Model, r *graph.Resource) []*Disk {
		a := Attrs(r)
		return withRootVolume(m, r, cloudFormationBlockDevices(m, r, a), a.Get("BlockDeviceMappings"), a.Get("LaunchTemplate"))
	}},
	{graph.CloudFormation, "AWS::EC2::LaunchTemplate", func(m *Model, r *graph.Resource) []*Disk {
		return cloudFormationBlockDevices(m, r, Attrs(r).Get("LaunchTemplateData"))
	}},
	{graph.CloudFormation, "AWS::AutoScaling::LaunchConfiguration", func(m *Model, r *graph.Resource) []*Disk {
		a := Attrs(r)
		return withRootVolume(m, r, cloudFormationBlockDevices(m, r, a), a.Get("BlockDeviceMappings"), Field{})
	}},
}

func terraformBlockDevices(m *Model, r *graph.Resource) []*Disk {
	a := Attrs(r)
	var out []*Disk
	// The provider sends encrypted only when it is true: false leaves the
	// volume to its snapshot and the account default, like no value.
	root := a.Get("root_block_device")
	for _, b := range blocksOf(root) {
		out = append(out, rootVolume(m, r, unsentWhenEmpty(b.Get("encrypted")), b))
	}
	for _, b := range blocksOf(a.Get("ebs_block_device")) {
		out = append(out, newDisk(m, r, deviceName(b.Get("device_name")), unsentWhenEmpty(b.Get("encrypted")), b.Get("snapshot_id"), b))
	}
	return withRootVolume(m, r, out, root, a.Get("launch_template"))
}

// withRootVolume adds the root volume of an instance or launch
// configuration whose code describes no block device for it (mappings,
// the root_block_device blocks or the BlockDeviceMappings, is absent or
// empty): it is there all the same, made from the AMI's snapshot. An
// instance launched from a launch template takes the template's block
// devices, which are checked on the template.
func withRootVolume(m *Model, r *graph.Resource, disks []*Disk, mappings, template Field) []*Disk {
	if template.IsSet() {
		return disks
	}
	if mappings.IsSet() && (mappings.Value.Kind() != graph.KindList || len(mappings.Value.Elems()) > 0) {
		return disks
	}
	return append(disks, rootVolume(m, r, Field{}, Field{}))
}

// rootVolume is the root volume of an instance or launch configuration.
// It is made from the AMI's snapshot, so when the code does not say
// encrypted = true it is encrypted exactly when that snapshot is, or when
// the account encrypts new volumes by default: known when the same code
// turns that on, unknown otherwise (the AMI is not in the code). block is
// the root_block_device block (the zero Field when there is none, or for
// CloudFormation, whose mappings do not say which device is the root).
func rootVolume(m *Model, r *graph.Resource, encrypted, block Field) *Disk {
	d := &Disk{Resource: r, Name: "root volume"}
	at := r.Loc()
	why := "the root volume is made from the AMI's snapshot: it is encrypted if that snapshot is, or if EBS " +
		"encryption by default is on in the account, and neither is in the code"
	switch {
	case encrypted.written():
		at = encrypted.Loc()
		why = "encrypted = false is not sent to AWS (the provider sends only true), so " + why
	case block.IsSet():
		at = KeyLoc(block)
	}
	switch {
	case encrypted.IsSet():
		d.Encrypted = BoolOf(encrypted, nil)
	case m.Volumes.encryptedByDefault(r.Unit):
		d.Encrypted = Default(true, at)
	default:
		d.Encrypted = Attr[bool]{At: at, Why: why}
	}
	return d
}

func cloudFormationBlockDevices(m *Model, r *graph.Resource, a Field) []*Disk {
	var out []*Disk
	for _, b := range blocksOf(a.Get("BlockDeviceMappings")) {
		ebs := b.Get("Ebs")
		if !ebs.IsSet() {
			continue
		}
		out = append(out, newDisk(m, r, deviceName(b.Get("DeviceName")), ebs.Get("Encrypted"), ebs.Get("SnapshotId"), ebs))
	}
	return out
}

// newDisk reads a disk's encryption. Unset, it falls back to the account
// default, when the same code turns it on, or to unencrypted (for volumes
// not made from a snapshot, whose encryption they inherit). block is the
// enclosing block device, where an absent setting is reported (the zero
// Field for a volume: its header).
func newDisk(m *Model, r *graph.Resource, name string, encrypted, snapshot, block Field) *Disk {
	d := &Disk{Resource: r, Name: name}
	if !encrypted.IsSet() && snapshot.IsSet() {
		why := "a volume created from a snapshot is encrypted if the snapshot is"
		if encrypted.written() {
			why = "encrypted = false is not sent to AWS, so the volume is encrypted if its snapshot is"
		}
		d.Encrypted = UnknownAttr[bool](why, encrypted.Loc())
	} else {
		d.Encrypted = BoolOf(encrypted, Ptr(m.Volumes.encryptedByDefault(r.Unit)))
		if !encrypted.IsSet() && IsTrue(d.Encrypted) == graph.False {
			if t, why := m.UnreadInAccount(r, "an aws_ebs_encryption_by_default for its account"); t == graph.Unknown {
				d.Encrypted = UnknownAttr[bool](why, encrypted.Loc())
			}
		}
	}
	if !encrypted.written() {
		d.Encrypted = atBlock(d.Encrypted, block)
	}
	return d
}

func buildVolumes(m *Model) {
	m.Volumes.AccountDefaults = ebsDefaultAdapters.all(m)
	m.Volumes.Disks = flat(m, diskAdapters)
}

func deviceName(f Field) string {
	if s, ok := f.Value.AsString(); ok && f.IsSet() {
		return s
	}
	return "block device"
}
