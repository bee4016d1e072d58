package aws

import (
	"fmt"

	"github.com/blindspot-iac/blindspot/graph"
)

// CodeBuild holds the output artifacts of CodeBuild projects.
type CodeBuild struct {
	Artifacts []*BuildArtifacts
}

// BuildArtifacts is the primary or a secondary artifacts setting of a
// CodeBuild project.
type BuildArtifacts struct {
	Resource *graph.Resource
	// Name says which artifacts of the project they are.
	Name string
	// Type is S3, CODEPIPELINE or NO_ARTIFACTS; encryption applies to S3
	// artifacts only.
	Type String
	// EncryptionDisabled is whether CodeBuild is told not to encrypt the
	// artifacts with the project's KMS key (off by default).
	EncryptionDisabled Bool
}

var buildArtifactsAdapters = adapters[[]*BuildArtifacts]{
	{graph.Terraform, "aws_codebuild_project", func(_ *Model, r *graph.Resource) []*BuildArtifacts {
		a := Attrs(r)
		read := func(name string, f Field) *BuildArtifacts {
			return &BuildArtifacts{Resource: r, Name: name, Type: StringOf(f.Get("type"), nil),
				EncryptionDisabled: atBlock(BoolOf(f.Get("encryption_disabled"), Ptr(false)), f)}
		}
		out := []*BuildArtifacts{read("artifacts", a.Get("artifacts"))}
		for i, s := range blocksOf(a.Get("secondary_artifacts")) {
			out = append(out, read(secondaryName(s, "artifact_identifier", i), s))
		}
		return out
	}},
	{graph.CloudFormation, "AWS::CodeBuild::Project", func(_ *Model, r *graph.Resource) []*BuildArtifacts {
		a := Attrs(r)
		read := func(name string, f Field) *BuildArtifacts {
			return &BuildArtifacts{Resource: r, Name: name, Type: StringOf(f.Get("Type"), nil),
				EncryptionDisabled: atBlock(BoolOf(f.Get("EncryptionDisabled"), Ptr(false)), f)}
		}
		out := []*BuildArtifacts{read("artifacts", a.Get("Artifacts"))}
		for i, s := range blocksOf(a.Get("SecondaryArtifacts")) {
			out = append(out, read(secondaryName(s, "ArtifactIdentifier", i), s))
		}
		return out
	}},
}

// secondaryName names a secondary artifact by its identifier, or its
// position.
func secondaryName(f Field, key string, i int) string {
	if id, ok := f.Get(key).Value.AsString(); ok && id != "" {
		return "secondary artifacts " + id
	}
	return fmt.Sprintf("secondary artifacts #%d", i+1)
}

func buildCodeBuild(m *Model) {
	m.CodeBuild.Artifacts = flat(m, buildArtifactsAdapters)
}
