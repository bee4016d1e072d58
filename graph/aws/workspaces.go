package aws

import "github.com/blindspot-iac/blindspot/graph"

// WorkSpaces holds Amazon WorkSpaces desktops.
type WorkSpaces struct {
	Workspaces []*Workspace
}

// Workspace is a WorkSpaces desktop and the encryption of its two
// volumes (both off by default).
type Workspace struct {
	Resource *graph.Resource
	// RootEncrypted is whether the root volume (C: or /) is encrypted.
	RootEncrypted Bool
	// UserEncrypted is whether the user volume (D: or /home) is
	// encrypted.
	UserEncrypted Bool
}

var workspaceAdapters = adapters[*Workspace]{
	{graph.Terraform, "aws_workspaces_workspace", func(_ *Model, r *graph.Resource) *Workspace {
		a := Attrs(r)
		return &Workspace{Resource: r,
			RootEncrypted: BoolOf(a.Get("root_volume_encryption_enabled"), Ptr(false)),
			UserEncrypted: BoolOf(a.Get("user_volume_encryption_enabled"), Ptr(false)),
		}
	}},
	{graph.CloudFormation, "AWS::WorkSpaces::Workspace", func(_ *Model, r *graph.Resource) *Workspace {
		a := Attrs(r)
		return &Workspace{Resource: r,
			RootEncrypted: BoolOf(a.Get("RootVolumeEncryptionEnabled"), Ptr(false)),
			UserEncrypted: BoolOf(a.Get("UserVolumeEncryptionEnabled"), Ptr(false)),
		}
	}},
}

func buildWorkSpaces(m *Model) {
	m.WorkSpaces.Workspaces = workspaceAdapters.all(m)
}
