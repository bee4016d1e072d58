package aws

import "github.com/blindspot-iac/blindspot/graph"

// SecurityHub holds Security Hub accounts and standard subscriptions.
type SecurityHub struct {
	Hubs []*Hub
}

// Hub is Security Hub enabled in an account.
type Hub struct {
	Resource *graph.Resource
	// DefaultStandards is whether enabling the hub turns on the default
	// standards (it does unless disabled).
	DefaultStandards Bool
	// Subscriptions are the standards subscribed in the same unit.
	Subscriptions []*graph.Resource
	// Policies are central configuration policies in the same unit, which
	// enable standards in the accounts they are associated with.
	Policies []*HubPolicy
}

// HubPolicy is a Security Hub central configuration policy.
type HubPolicy struct {
	Resource *graph.Resource
	// EnablesStandards is whether the policy turns Security Hub on with at
	// least one standard.
	EnablesStandards graph.Tri
	Why              string
}

var hubAdapters = adapters[*Hub]{
	{graph.Terraform, "aws_securityhub_account", func(_ *Model, r *graph.Resource) *Hub {
		return &Hub{Resource: r, DefaultStandards: BoolOf(Attrs(r).Get("enable_default_standards"), Ptr(true))}
	}},
	{graph.CloudFormation, "AWS::SecurityHub::Hub", func(_ *Model, r *graph.Resource) *Hub {
		return &Hub{Resource: r, DefaultStandards: BoolOf(Attrs(r).Get("EnableDefaultStandards"), Ptr(true))}
	}},
}

// standardSubscriptionAdapters read the subscriptions to a standard, which
// apply to the hub of their unit.
var standardSubscriptionAdapters = adapters[*graph.Resource]{
	{graph.Terraform, "aws_securityhub_standards_subscription", subscription},
	{graph.CloudFormation, "AWS::SecurityHub::Standard", subscription},
}

func subscription(_ *Model, r *graph.Resource) *graph.Resource { return r }

// hubPolicyAdapters read central configuration policies, which apply to
// the hub of their unit.
var hubPolicyAdapters = adapters[*HubPolicy]{
	{graph.Terraform, "aws_securityhub_configuration_policy", func(_ *Model, r *graph.Resource) *HubPolicy {
		cfg := Attrs(r).Get("configuration_policy")
		return hubPolicy(r, cfg.Get("service_enabled"), cfg.Get("enabled_standard_arns"))
	}},
	{graph.CloudFormation, "AWS::SecurityHub::ConfigurationPolicy", func(_ *Model, r *graph.Resource) *HubPolicy {
		cfg := Attrs(r).Get("ConfigurationPolicy").Get("SecurityHub")
		return hubPolicy(r, cfg.Get("ServiceEnabled"), cfg.Get("EnabledStandardIdentifiers"))
	}},
}

func hubPolicy(r *graph.Resource, enabled, standards Field) *HubPolicy {
	on := IsTrue(BoolOf(enabled, nil))
	some, why := hasElements(standards)
	if on == graph.Unknown {
		why = enabled.Value.Why()
	}
	return &HubPolicy{Resource: r, EnablesStandards: on.And(some), Why: why}
}

func buildSecurityHub(m *Model) {
	subs := map[string][]*graph.Resource{}
	for _, r := range standardSubscriptionAdapters.all(m) {
		subs[r.Unit] = append(subs[r.Unit], r)
	}
	policies := map[string][]*HubPolicy{}
	for _, p := range hubPolicyAdapters.all(m) {
		policies[p.Resource.Unit] = append(policies[p.Resource.Unit], p)
	}
	for _, h := range hubAdapters.all(m) {
		h.Subscriptions, h.Policies = subs[h.Resource.Unit], policies[h.Resource.Unit]
		m.SecurityHub.Hubs = append(m.SecurityHub.Hubs, h)
	}
}
