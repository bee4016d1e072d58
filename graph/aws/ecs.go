package aws

import (
	"strings"

	"github.com/blindspot-iac/blindspot/graph"
)

// ECS holds ECS clusters.
type ECS struct {
	Clusters []*ECSCluster
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

func buildECS(m *Model) { m.ECS.Clusters = ecsClusterAdapters.all(m) }
