package aws

import (
	"strings"

	"github.com/blindspot-iac/blindspot/graph"
)

// DelegatedAdmin registers an account as delegated administrator of an
// organisation service.
type DelegatedAdmin struct {
	Resource *graph.Resource
	// Service is the service principal ("guardduty.amazonaws.com").
	Service String
}

// OrgService is what enables a security service for the organisation.
type OrgService struct {
	// Service is the service principal it enables
	// ("securityhub.amazonaws.com").
	Service  string
	Resource *graph.Resource
	At       graph.Loc
	// What describes it for messages.
	What string
	// Maybe is set when the service is enabled only if a value that is
	// not known (the organisation's trusted services) holds it.
	Maybe string
}

// Organisation security services, by service principal.
const (
	GuardDutyService   = "guardduty.amazonaws.com"
	SecurityHubService = "securityhub.amazonaws.com"
	ConfigService      = "config.amazonaws.com"
)

// ServiceName is the product name of a service principal.
func ServiceName(principal string) string {
	switch principal {
	case GuardDutyService:
		return "GuardDuty"
	case SecurityHubService:
		return "Security Hub"
	case ConfigService:
		return "AWS Config"
	}
	return principal
}

// canonicalService maps the service principals that stand for a
// service's organisation integration to one name.
func canonicalService(p string) string {
	p = strings.ToLower(strings.TrimSpace(p))
	if p == "config-multiaccountsetup.amazonaws.com" {
		return ConfigService
	}
	return p
}

// OrganizationScoped reports whether the organisation-scoped rules read the
// attributes of resources of type t: AWS Organizations resources, delegated
// administrators, organisation-wide service settings and trails. A scan
// keeps these in full across units; of other resources it keeps only what
// locates them (see rules.OrganizationScope).
func OrganizationScoped(t string) bool {
	return IsOrganizationsType(t) || delegatedAdminAdapters.reads(t) || orgServiceAdapters.reads(t) || trailAdapters.reads(t)
}

// delegatedAdminAdapters read the resources that make an account the
// delegated administrator of a service.
var delegatedAdminAdapters = adapters[*DelegatedAdmin]{
	{graph.Terraform, "aws_organizations_delegated_administrator", func(_ *Model, r *graph.Resource) *DelegatedAdmin {
		return &DelegatedAdmin{Resource: r, Service: Map(StringOf(Attrs(r).Get("service_principal"), nil), canonicalService)}
	}},
	{graph.Terraform, "aws_guardduty_organization_admin_account", delegatesTo(GuardDutyService)},
	{graph.Terraform, "aws_securityhub_organization_admin_account", delegatesTo(SecurityHubService)},
	{graph.CloudFormation, "AWS::SecurityHub::DelegatedAdmin", delegatesTo(SecurityHubService)},
}

// delegatesTo reads a resource that delegates the administration of one
// service.
func delegatesTo(service string) func(*Model, *graph.Resource) *DelegatedAdmin {
	return func(_ *Model, r *graph.Resource) *DelegatedAdmin {
		return &DelegatedAdmin{Resource: r, Service: Known(service, true, r.Loc())}
	}
}

func buildDelegatedAdmins(m *Model) {
	m.Organizations.DelegatedAdmins = delegatedAdminAdapters.all(m)
}

// orgServiceAdapters read the resources that run a security service for
// the whole organisation.
var orgServiceAdapters = adapters[[]*OrgService]{
	{graph.Terraform, "aws_guardduty_organization_configuration", runs(GuardDutyService)},
	{graph.Terraform, "aws_guardduty_organization_configuration_feature", runs(GuardDutyService)},
	{graph.Terraform, "aws_securityhub_organization_configuration", runs(SecurityHubService)},
	{graph.Terraform, "aws_config_organization_managed_rule", runs(ConfigService)},
	{graph.Terraform, "aws_config_organization_custom_rule", runs(ConfigService)},
	{graph.Terraform, "aws_config_organization_custom_policy_rule", runs(ConfigService)},
	{graph.Terraform, "aws_config_organization_conformance_pack", runs(ConfigService)},
	{graph.Terraform, "aws_config_configuration_aggregator", func(m *Model, r *graph.Resource) []*OrgService {
		return aggregatesOrganization(r, Attrs(r).Get("organization_aggregation_source"))
	}},
	{graph.CloudFormation, "AWS::SecurityHub::OrganizationConfiguration", runs(SecurityHubService)},
	{graph.CloudFormation, "AWS::Config::OrganizationConfigRule", runs(ConfigService)},
	{graph.CloudFormation, "AWS::Config::OrganizationConformancePack", runs(ConfigService)},
	{graph.CloudFormation, "AWS::Config::ConfigurationAggregator", func(m *Model, r *graph.Resource) []*OrgService {
		return aggregatesOrganization(r, Attrs(r).Get("OrganizationAggregationSource"))
	}},
}

// runs reads a resource whose existence runs service for the organisation.
func runs(service string) func(*Model, *graph.Resource) []*OrgService {
	return func(_ *Model, r *graph.Resource) []*OrgService { return []*OrgService{orgService(r, service)} }
}

// aggregatesOrganization reads a Config aggregator, which runs AWS Config
// for the organisation when its source is the organisation.
func aggregatesOrganization(r *graph.Resource, source Field) []*OrgService {
	if !source.IsSet() {
		return nil
	}
	return []*OrgService{orgService(r, ConfigService)}
}

func orgService(r *graph.Resource, service string) *OrgService {
	return &OrgService{Service: service, Resource: r, At: r.Loc(),
		What: r.Address + " (" + r.Type + ") runs " + ServiceName(service) + " for the organisation"}
}

// buildOrgServices finds what runs a security service for the
// organisation: the trusted access the organisation gives it, and the
// service's own organisation-wide resources.
func buildOrgServices(m *Model) {
	o := &m.Organizations
	for _, org := range o.Orgs {
		if sp := org.ServiceAccessPrincipals; sp.AllUnknown || sp.Unknown > 0 {
			known := map[string]bool{}
			for _, v := range sp.Values {
				known[canonicalService(v)] = true
			}
			for _, svc := range []string{GuardDutyService, SecurityHubService, ConfigService} {
				if !known[svc] {
					o.OrgServices = append(o.OrgServices, &OrgService{Service: svc, Resource: org.Resource, At: sp.At,
						What:  org.Resource.Address + " may give " + svc + " trusted access to the organisation",
						Maybe: "the trusted services of " + org.Resource.Address + " are not known: " + sp.Why})
				}
			}
		}
		for i, v := range org.ServiceAccessPrincipals.Values {
			svc := canonicalService(v)
			if svc != GuardDutyService && svc != SecurityHubService && svc != ConfigService {
				continue
			}
			at := org.principals
			loc := at.Loc()
			if e, ok := at.Value.Index(i); ok && !e.Range.IsZero() {
				loc = org.Resource.At(at.Path, e)
			}
			o.OrgServices = append(o.OrgServices, &OrgService{Service: svc, Resource: org.Resource, At: loc,
				What: org.Resource.Address + " gives " + v + " trusted access to the organisation"})
		}
	}
	o.OrgServices = append(o.OrgServices, flat(m, orgServiceAdapters)...)
}

// Delegated says whether some account is registered as delegated
// administrator of service (a service principal) in the scanned code, for
// the organisation managed in unit (any, when no unit manages one).
func (o *Organizations) Delegated(service, unit string) (graph.Tri, string) {
	result, why := graph.False, ""
	for _, d := range o.DelegatedAdmins {
		if !o.sameOrganization(unit, d.Resource.Unit) {
			continue
		}
		t := d.Service.Test(func(s string) bool { return s == service }).And(d.Resource.Exists)
		if t == graph.Unknown && why == "" {
			why = "the service " + d.Resource.Address + " delegates is not known"
			if d.Service.IsKnown() {
				why = "whether " + d.Resource.Address + " is created is not known"
			}
		}
		result = result.Or(t)
	}
	if result == graph.False {
		// Registering a delegated administrator is done from the
		// management account.
		for _, c := range o.unread {
			if o.sameOrganization(unit, c.call.Unit) && c.mayBeManagement {
				return graph.Unknown, unreadWhy(c.call, "a delegated administrator registration")
			}
		}
	}
	return result, why
}

// sameOrganization reports whether resources of units a and b may belong
// to the same organisation: one of them manages none, or both are the
// same unit.
func (o *Organizations) sameOrganization(a, b string) bool {
	if a == b {
		return true
	}
	managesA, managesB := false, false
	for _, org := range o.Orgs {
		managesA = managesA || org.Resource.Unit == a
		managesB = managesB || org.Resource.Unit == b
	}
	return !managesA || !managesB
}
