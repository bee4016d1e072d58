package aws

import (
	"cmp"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/blindspot-iac/blindspot/graph"
)

// Deployment says where a resource is deployed and whether that is the
// organisation's management account, with the evidence for the answer.
type Deployment struct {
	// AccountID is empty when the code does not say.
	AccountID string
	// Management is True when the resource lands in the management account.
	Management graph.Tri
	// Reason says how the account was identified, as a sentence fragment
	// that completes "deployed in the management account: ...".
	Reason string
	// Evidence locates what identified it (a provider argument, an
	// Organizations resource); zero when nothing in the code did.
	Evidence graph.Loc
	// Region is the region of the resource's Terraform provider
	// configuration when it is written; empty otherwise.
	Region string
}

// UnitAccount is the account a unit is deployed to according to the
// configuration's account mapping.
type UnitAccount struct {
	ID         string
	Management bool
	// Evidence is the mapping entry in the configuration file.
	Evidence graph.Range
}

// Accounts holds the deployment of every resource.
type Accounts struct {
	// ManagementIDs are the management account IDs known from options and
	// inferred from the code, sorted.
	ManagementIDs []string
	byResource    map[*graph.Resource]Deployment
}

// Of returns the deployment of r.
func (a *Accounts) Of(r *graph.Resource) Deployment {
	if d, ok := a.byResource[r]; ok {
		return d
	}
	return Deployment{Reason: "the account " + r.Address + " is deployed to is not known"}
}

// IsOrganizationsType reports whether a resource type manages AWS
// Organizations itself (the organisation, its accounts, OUs and policies),
// which only the management account (or a delegated administrator for
// policies) can do.
func IsOrganizationsType(t string) bool {
	return strings.HasPrefix(t, "aws_organizations_") || strings.HasPrefix(t, "AWS::Organizations::")
}

func isOrganization(t string) bool { return organizationAdapters.reads(t) }

// stackDeployed reports whether r is deployed with its unit as a whole (a
// CloudFormation stack), whose account is the stack's, rather than
// through a provider configuration (Terraform), which says its account.
func stackDeployed(r *graph.Resource) bool { return schema(r.Format) == graph.CloudFormation }

var roleARN = regexp.MustCompile(`^arn:aws[a-z-]*:iam::(\d{12}):`)

// providerKey identifies a provider configuration within a unit.
type providerKey struct{ unit, address string }

func providerOf(r *graph.Resource) providerKey {
	if r.Provider != nil {
		return providerKey{r.Unit, r.Provider.Address}
	}
	return providerKey{r.Unit, cmp.Or(r.ProviderRef, "aws")}
}

// providerAccount is the account a provider configuration says it uses.
type providerAccount struct {
	id       string
	evidence graph.Loc
	how      string
	// pinned is set when only allowed_account_ids names the account: the
	// provider uses the caller's credentials, as a management provider
	// without an account ID may too.
	pinned bool
}

func accountOfProvider(p *graph.Provider) (providerAccount, bool) {
	at := func(v graph.Value) graph.Loc { return graph.Loc{Path: p.Address, Range: v.Range, Source: v.Source()} }
	if ar, ok := p.Attrs.Get("assume_role"); ok {
		if ar.Kind() == graph.KindList && len(ar.Elems()) > 0 {
			ar = ar.Elems()[0]
		}
		if arn, ok := ar.Get("role_arn"); ok {
			if s, ok := arn.AsString(); ok {
				if m := roleARN.FindStringSubmatch(s); m != nil {
					return providerAccount{m[1], at(arn), fmt.Sprintf("provider %s assumes a role in account %s", p.Address, m[1]), false}, true
				}
			}
			// An assumed role we cannot read: the account is unknown even
			// if allowed_account_ids is set below.
		}
	}
	if ids, ok := p.Attrs.Get("allowed_account_ids"); ok && len(ids.Elems()) == 1 {
		if s, ok := ids.Elems()[0].AsString(); ok {
			return providerAccount{s, at(ids), fmt.Sprintf("provider %s allows only account %s", p.Address, s), true}, true
		}
	}
	return providerAccount{}, false
}

// buildAccounts decides the deployment of g's resources, and of extra
// resources that stand for what unread modules would deploy.
func buildAccounts(ix *Index, g *graph.Graph, opts Options, extra []*graph.Resource) *Accounts {
	accts := &Accounts{byResource: map[*graph.Resource]Deployment{}}
	mgmt := map[string]string{} // id -> how it is known
	for _, id := range opts.ManagementAccountIDs {
		mgmt[id] = "account " + id + " is the management account (--management-account-id)"
	}
	for _, ua := range opts.UnitAccounts {
		if ua.Management && ua.ID != "" {
			mgmt[ua.ID] = "account " + ua.ID + " is mapped as the management account in the configuration"
		}
	}

	providers := map[providerKey]providerAccount{}
	for _, p := range g.Providers {
		if p.Name != "aws" {
			continue
		}
		if pa, ok := accountOfProvider(p); ok {
			providers[providerKey{p.Unit, p.Address}] = pa
		}
	}

	// The provider (or template) that manages AWS Organizations resources
	// is the management account.
	orgProvider := map[providerKey]*graph.Resource{}
	orgUnit := map[string]*graph.Resource{}
	for _, r := range g.Resources {
		if !IsOrganizationsType(r.Type) {
			continue
		}
		if stackDeployed(r) {
			if orgUnit[r.Unit] == nil || isOrganization(r.Type) && !isOrganization(orgUnit[r.Unit].Type) {
				orgUnit[r.Unit] = r
			}
			continue
		}
		k := providerOf(r)
		// The organisation itself is the clearest evidence; any other
		// Organizations resource will do when it is not there.
		if orgProvider[k] == nil || isOrganization(r.Type) && !isOrganization(orgProvider[k].Type) {
			orgProvider[k] = r
		}
		if pa, ok := providers[k]; ok {
			if _, known := mgmt[pa.id]; !known {
				mgmt[pa.id] = fmt.Sprintf("%s, which manages %s", pa.how, r.Address)
			}
		}
	}
	for unit, r := range orgUnit {
		if ua, ok := opts.UnitAccounts[unit]; ok && ua.ID != "" {
			if _, known := mgmt[ua.ID]; !known {
				mgmt[ua.ID] = fmt.Sprintf("account %s creates %s", ua.ID, r.Address)
			}
		}
	}
	accts.ManagementIDs = slices.Sorted(maps.Keys(mgmt))

	decide := func(id, how string, evidence graph.Loc) Deployment {
		d := Deployment{AccountID: id, Evidence: evidence}
		if why, ok := mgmt[id]; ok {
			d.Management = graph.True
			d.Reason = how
			if !strings.Contains(how, "management") {
				d.Reason = how + "; " + why
			}
			return d
		}
		d.Management = graph.False
		d.Reason = how + ", which is not a management account"
		return d
	}

	for _, r := range append(slices.Clip(g.Resources), extra...) {
		var d Deployment
		ua, mapped := opts.UnitAccounts[r.Unit]
		switch {
		case stackDeployed(r) && orgUnit[r.Unit] != nil:
			org := orgUnit[r.Unit]
			d = Deployment{Management: graph.True, AccountID: ua.ID, Evidence: org.Loc(),
				Reason: fmt.Sprintf("its template creates %s (%s), so it is deployed in the management account", org.Address, org.Type)}
		case !stackDeployed(r) && orgProvider[providerOf(r)] != nil:
			org := orgProvider[providerOf(r)]
			k := providerOf(r)
			d = Deployment{Management: graph.True, AccountID: providers[k].id, Evidence: org.Loc(),
				Reason: fmt.Sprintf("its provider %s also manages %s, so it is the management account", k.address, org.Address)}
		case !stackDeployed(r) && providers[providerOf(r)].id != "":
			pa := providers[providerOf(r)]
			d = decide(pa.id, pa.how, pa.evidence)
			if other := unknownOrgProvider(orgProvider, providers, r.Unit); d.Management == graph.False && pa.pinned && other != "" {
				d.Management = graph.Unknown
				d.Reason = fmt.Sprintf("%s, and provider %s, which manages the organisation, does not say which account it uses", pa.how, other)
			}
		case mapped && ua.ID != "":
			d = decide(ua.ID, "the configuration maps "+r.Unit+" to account "+ua.ID, graph.Loc{Range: ua.Evidence})
		case mapped && ua.Management:
			d = Deployment{Management: graph.True, Evidence: graph.Loc{Range: ua.Evidence},
				Reason: "the configuration maps " + r.Unit + " to the management account"}
		case !stackDeployed(r) && unitManagesOrg(orgProvider, r.Unit):
			d = Deployment{Management: graph.Unknown,
				Reason: fmt.Sprintf("provider %s does not say which account it uses, and this configuration also manages the organisation", providerOf(r).address)}
		case len(mgmt) > 0:
			d = Deployment{Management: graph.Unknown,
				Reason: "the account " + r.Address + " is deployed to is not known (map it in .blindspot.yaml accounts)"}
		default:
			d = Deployment{Management: graph.False, Reason: "no management account is identified in this scan"}
		}
		if r.Provider != nil {
			if v, ok := r.Provider.Attrs.Get("region"); ok {
				d.Region, _ = v.AsString()
			}
		}
		accts.byResource[r] = d
	}
	return accts
}

// unknownOrgProvider returns the address of a provider of unit that
// manages the organisation without saying which account it uses, or "".
func unknownOrgProvider(orgProvider map[providerKey]*graph.Resource, providers map[providerKey]providerAccount, unit string) string {
	var found []string
	for k := range orgProvider {
		if k.unit == unit && providers[k].id == "" {
			found = append(found, k.address)
		}
	}
	sort.Strings(found)
	if len(found) == 0 {
		return ""
	}
	return found[0]
}

func unitManagesOrg(orgProvider map[providerKey]*graph.Resource, unit string) bool {
	for k := range orgProvider {
		if k.unit == unit {
			return true
		}
	}
	return false
}
