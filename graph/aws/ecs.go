package aws

import (
	"cmp"
	"strings"

	"github.com/blindspot-iac/blindspot/graph"
)

// ECS holds ECS clusters and task definitions.
type ECS struct {
	Clusters        []*ECSCluster
	TaskDefinitions []*ECSTaskDefinition
}

// ECSCluster is an ECS cluster.
type ECSCluster struct {
	Resource *graph.Resource
	// ContainerInsights is whether the cluster collects Container
	// Insights metrics ("enabled" or "enhanced"). A cluster that does not
	// say takes the account's containerInsights setting, off unless the
	// same code turns it on (aws_ecs_account_setting_default).
	ContainerInsights Bool
}

var ecsClusterAdapters = adapters[*ECSCluster]{
	{graph.Terraform, "aws_ecs_cluster", func(m *Model, r *graph.Resource) *ECSCluster {
		return newECSCluster(m, r, Attrs(r).Get("setting"), "name", "value")
	}},
	{graph.CloudFormation, "AWS::ECS::Cluster", func(m *Model, r *graph.Resource) *ECSCluster {
		return newECSCluster(m, r, Attrs(r).Get("ClusterSettings"), "Name", "Value")
	}},
}

func newECSCluster(m *Model, r *graph.Resource, settings Field, nameKey, valueKey string) *ECSCluster {
	c := &ECSCluster{Resource: r}
	value, found, why := keyedEntry(settings, nameKey, valueKey, "containerInsights")
	switch found {
	case graph.True:
		c.ContainerInsights = Map(StringOf(value, nil), insightsOn)
	case graph.Unknown:
		c.ContainerInsights = UnknownAttr[bool](why, KeyLoc(settings))
	default:
		at := r.Loc()
		if settings.IsSet() {
			at = KeyLoc(settings)
		}
		c.ContainerInsights = Default(ecsAccountInsights(m, r.Unit), at)
	}
	return c
}

func insightsOn(v string) bool {
	return strings.EqualFold(v, "enabled") || strings.EqualFold(v, "enhanced")
}

// ecsAccountInsights reports whether the code turns Container Insights on
// by default for the account of unit.
func ecsAccountInsights(m *Model, unit string) bool {
	for _, r := range m.index.OfType("aws_ecs_account_setting_default") {
		a := Attrs(r)
		if r.Unit == unit && Equals(StringOf(a.Get("name"), nil), "containerInsights") == graph.True &&
			StringOf(a.Get("value"), nil).Test(insightsOn) == graph.True {
			return true
		}
	}
	return false
}

// ECSTaskDefinition is an ECS task definition.
type ECSTaskDefinition struct {
	Resource *graph.Resource
	// EFSVolumes are the task's volumes backed by EFS file systems.
	EFSVolumes []*ECSEFSVolume
	// Containers are the container definitions. When they cannot be read
	// (Terraform's container_definitions is not known, or is not JSON),
	// Containers is nil and ContainersWhy says why, ContainersAt where.
	Containers    []*ECSContainer
	ContainersWhy string
	ContainersAt  graph.Loc
}

// Loc locates the container definitions.
func (t *ECSTaskDefinition) Loc() graph.Loc { return t.ContainersAt }

// UnknownReason says why the container definitions are not known.
func (t *ECSTaskDefinition) UnknownReason() string { return t.ContainersWhy }

// ECSEFSVolume is a task volume on an EFS file system.
type ECSEFSVolume struct {
	// Name is the volume's name, for messages ("" when not known).
	Name string
	// TransitEncryption is whether the task encrypts the NFS traffic to
	// the file system with TLS (DISABLED by default).
	TransitEncryption Bool
}

// ECSContainer is one container definition.
type ECSContainer struct {
	At graph.Loc
	// Name is the container's name ("" when not known).
	Name string
	// Environment holds the plain-text environment variables (not the
	// secrets read from Secrets Manager or Parameter Store). When they
	// cannot be read, Environment is nil and EnvironmentWhy says why.
	Environment    []*ECSEnvironmentVariable
	EnvironmentWhy string
}

// ECSEnvironmentVariable is a plain-text environment variable of a
// container.
type ECSEnvironmentVariable struct {
	At graph.Loc
	// Name is the variable's name.
	Name String
	// Value is the value as evaluated; it may be unknown.
	Value graph.Value
}

var ecsTaskDefinitionAdapters = adapters[*ECSTaskDefinition]{
	{graph.Terraform, "aws_ecs_task_definition", func(_ *Model, r *graph.Resource) *ECSTaskDefinition {
		a := Attrs(r)
		t := &ECSTaskDefinition{Resource: r}
		for _, vol := range blocksOf(a.Get("volume")) {
			t.addEFSVolume(vol, vol.Get("name"), vol.Get("efs_volume_configuration"), "transit_encryption")
		}
		t.readContainers(a.Get("container_definitions"))
		return t
	}},
	{graph.CloudFormation, "AWS::ECS::TaskDefinition", func(_ *Model, r *graph.Resource) *ECSTaskDefinition {
		a := Attrs(r)
		t := &ECSTaskDefinition{Resource: r}
		for _, vol := range blocksOf(a.Get("Volumes")) {
			t.addEFSVolume(vol, vol.Get("Name"), vol.Get("EFSVolumeConfiguration"), "TransitEncryption")
		}
		t.readContainers(a.Get("ContainerDefinitions"))
		return t
	}},
}

// addEFSVolume adds the volume when it is backed by EFS (or may be: an
// unknown volume is one whose encryption is unknown).
func (t *ECSTaskDefinition) addEFSVolume(vol, name, efs Field, transitKey string) {
	n, _ := name.Value.AsString()
	if !vol.Value.IsKnown() && len(vol.Value.Alternatives()) == 0 {
		t.EFSVolumes = append(t.EFSVolumes, &ECSEFSVolume{Name: n, TransitEncryption: UnknownAttr[bool](vol.Value.Why(), vol.Loc())})
		return
	}
	if !efs.IsSet() || efs.Value.Kind() == graph.KindList && len(efs.Value.Elems()) == 0 {
		return
	}
	transit := Map(StringOf(efs.Get(transitKey), Ptr("DISABLED")), func(v string) bool { return strings.EqualFold(v, "ENABLED") })
	t.EFSVolumes = append(t.EFSVolumes, &ECSEFSVolume{Name: n, TransitEncryption: atBlock(transit, efs)})
}

// readContainers reads the container definitions: a list (CloudFormation,
// or Terraform's jsonencode of a literal list) or JSON text. Terraform
// passes the JSON to the ECS API, whose keys match case-insensitively, so
// keys are matched that way in both formats.
func (t *ECSTaskDefinition) readContainers(f Field) {
	t.ContainersAt = KeyLoc(f)
	if !f.IsSet() {
		return
	}
	v := f.Value
	if s, ok := v.AsString(); ok && v.Kind() == graph.KindString {
		decoded, err := DecodeJSON(s, v.Range)
		if err != nil {
			t.ContainersWhy = "the container definitions are not valid JSON: " + err.Error()
			return
		}
		f = Field{Res: f.Res, Path: f.Path, Value: decoded.WithSource(v.Source()), Present: true}
	}
	blocks, ok := f.Blocks()
	if !ok || f.Value.Kind() != graph.KindList {
		t.ContainersWhy = cmp.Or(f.Value.Why(), "the container definitions are not a list")
		return
	}
	for _, b := range blocks {
		c := &ECSContainer{At: b.Loc()}
		c.Name, _ = getFold(b, "name").Value.AsString()
		env := getFold(b, "environment")
		vars, ok := env.Blocks()
		switch {
		case !b.Value.IsKnown():
			c.EnvironmentWhy = b.Value.Why()
		case !ok:
			c.EnvironmentWhy = cmp.Or(env.Value.Why(), "the environment is not a list")
		}
		for _, e := range vars {
			name, value := getFold(e, "name"), getFold(e, "value")
			if e.Value.IsKnown() && (e.Value.Kind() != graph.KindObject || !name.IsSet()) {
				// Not a name and value: nothing is passed.
				continue
			}
			if !value.IsSet() {
				value.Value = graph.Null(value.Value.Range)
			}
			c.Environment = append(c.Environment, &ECSEnvironmentVariable{At: e.Loc(), Name: StringOf(name, nil), Value: value.Value})
		}
		t.Containers = append(t.Containers, c)
	}
}

// getFold is Get with the key matched case-insensitively.
func getFold(f Field, key string) Field {
	v := f.Value
	if v.Kind() == graph.KindObject {
		for _, fl := range v.Fields() {
			if strings.EqualFold(fl.Key, key) {
				return f.Get(fl.Key)
			}
		}
	}
	return f.Get(key)
}

func buildECS(m *Model) {
	m.ECS.Clusters = ecsClusterAdapters.all(m)
	m.ECS.TaskDefinitions = ecsTaskDefinitionAdapters.all(m)
}
