package aws

import "github.com/blindspot-iac/blindspot/graph"

// EFS holds Amazon EFS file systems.
type EFS struct {
	FileSystems []*EFSFileSystem
}

// EFSFileSystem is an EFS file system.
type EFSFileSystem struct {
	Resource *graph.Resource
	// Encrypted is whether data at rest is encrypted: off unless set when
	// the file system is created through the API, CloudFormation or
	// Terraform (the console turns it on).
	Encrypted Bool
}

var efsFileSystemAdapters = adapters[*EFSFileSystem]{
	{graph.Terraform, "aws_efs_file_system", func(_ *Model, r *graph.Resource) *EFSFileSystem {
		return &EFSFileSystem{Resource: r, Encrypted: BoolOf(Attrs(r).Get("encrypted"), Ptr(false))}
	}},
	{graph.CloudFormation, "AWS::EFS::FileSystem", func(_ *Model, r *graph.Resource) *EFSFileSystem {
		return &EFSFileSystem{Resource: r, Encrypted: BoolOf(Attrs(r).Get("Encrypted"), Ptr(false))}
	}},
}

func buildEFS(m *Model) {
	m.EFS.FileSystems = efsFileSystemAdapters.all(m)
}
