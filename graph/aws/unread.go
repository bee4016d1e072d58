package aws

import (
	"sort"
	"strings"

	"github.com/blindspot-iac/blindspot/graph"
)

// Modules whose code the scan could not read (graph.UnreadModule: not
// downloaded, or a local source that does not exist) may create what a
// rule checks exists: a bucket policy, a flow log, an account-level block,
// a service control policy. A rule that would answer "there is none" asks
// here first and answers Unknown when such a module could have created it.
//
// Whether it could is judged by what the call gives the module, never by
// its name or source: a module configures a particular resource (a
// bucket's versioning, a VPC's flow log) only if its arguments refer to
// that resource or hold its literal name; it creates account-level
// settings only in the accounts of the AWS provider configurations it
// receives; organisation resources only in a unit the organisation
// concerns.

// unreadCall is an unread module call with what it may deploy through.
type unreadCall struct {
	call *graph.UnreadModule
	// standIns stand for what the module would deploy through each AWS
	// provider configuration it receives (its deployment is asked of
	// Accounts like a resource's).
	standIns []*graph.Resource
}

// unreadCalls lists g's unread module calls with their stand-ins.
func unreadCalls(g *graph.Graph) []*unreadCall {
	out := make([]*unreadCall, 0, len(g.UnreadModules))
	for _, u := range g.UnreadModules {
		if u.Exists == graph.False {
			continue
		}
		c := &unreadCall{call: u}
		names := make([]string, 0, len(u.Providers))
		for name := range u.Providers {
			if name == "aws" || strings.HasPrefix(name, "aws.") {
				names = append(names, name)
			}
		}
		sort.Strings(names)
		standIn := func(p *graph.Provider, ref string) *graph.Resource {
			return &graph.Resource{Format: graph.Terraform, Unit: u.Unit, Type: "module", Address: u.Address,
				Range: u.Range, NameRange: u.Range, Exists: u.Exists, Provider: p, ProviderRef: ref, Calls: u.Calls}
		}
		for _, name := range names {
			ref := name
			if p := u.Providers[name]; p != nil {
				ref = p.Address
			}
			c.standIns = append(c.standIns, standIn(u.Providers[name], ref))
		}
		if u.Providers["aws"] == nil {
			// Without a configuration, the module uses the caller's
			// implied default one; with a providers argument that gives
			// none, what it would use is not worth guessing, so its
			// account is not known.
			ref := "aws"
			if u.ProvidersGiven {
				ref = u.Address + ":aws"
			}
			c.standIns = append(c.standIns, standIn(nil, ref))
		}
		out = append(out, c)
	}
	return out
}

// standIns are the stand-in resources of calls, for Accounts.
func standIns(calls []*unreadCall) []*graph.Resource {
	var out []*graph.Resource
	for _, c := range calls {
		out = append(out, c.standIns...)
	}
	return out
}

// unreadWhy says why an answer is unknown because of call u: what it may
// have created.
func unreadWhy(u *graph.UnreadModule, what string) string {
	how := "has not been downloaded"
	switch u.Reason {
	case graph.SourceMissing:
		how = "does not exist"
	case graph.SourceOutsidePackage:
		how = "leaves its package"
	}
	return u.Address + " comes from " + u.Source + ", which " + how + ", and may create " + what
}

// UnreadReceiving returns a module call of r's unit whose code was not
// read and whose arguments refer to r or hold its literal name: it may
// create a resource configuring r. It returns nil when there is none.
func (m *Model) UnreadReceiving(r *graph.Resource, name String) *graph.UnreadModule {
	lit, hasName := name.Get()
	hasName = hasName && name.Set && lit != ""
	for _, c := range m.unread {
		u := c.call
		if u.Unit != r.Unit {
			continue
		}
		for _, ref := range u.Args.AllRefs() {
			if m.index.resolveIn(u.Unit, ref) == r {
				return u
			}
		}
		if hasName && u.Passes(lit) {
			return u
		}
	}
	return nil
}

// UnreadReceivingWhy is UnreadReceiving's reason: "" when no unread module
// receives r, otherwise why what may configure it is not known.
func (m *Model) UnreadReceivingWhy(r *graph.Resource, name String, what string) string {
	if u := m.UnreadReceiving(r, name); u != nil {
		return unreadWhy(u, what)
	}
	return ""
}

// UnreadInAccount says whether a module whose code was not read may create
// an account-level setting (an account public access block, EBS encryption
// by default, a registry scanning configuration) in the account r is
// deployed to: Unknown, with the reason, when a call of r's unit receives
// an AWS provider whose account is not known to be another; False
// otherwise. Unread modules of other units are not assumed to be in r's
// account, as their resources are not.
func (m *Model) UnreadInAccount(r *graph.Resource, what string) (graph.Tri, string) {
	account := m.Accounts.Of(r).AccountID
	for _, c := range m.unread {
		if c.call.Unit != r.Unit {
			continue
		}
		for _, s := range c.standIns {
			if other := m.Accounts.Of(s).AccountID; account == "" || other == "" || other == account {
				return graph.Unknown, unreadWhy(c.call, what)
			}
		}
	}
	return graph.False, ""
}

// resolveIn resolves a reference made in unit, like Resolve.
func (ix *Index) resolveIn(unit string, ref graph.Ref) *graph.Resource {
	if r, ok := ix.byAddr[unitAddress{unit, ref.Address}]; ok {
		return r
	}
	if rs := ix.byBase[unitAddress{unit, ref.Address}]; len(rs) == 1 {
		return rs[0]
	}
	return nil
}

// Unread returns a module call whose code was not read and that may create
// organisation resources for org: one in a unit the organisation concerns
// (its own, or one that manages no organisation: policies and trails are
// often managed from roots of their own, or by a delegated
// administrator). With management set, only calls that may deploy in the
// management account count: registering delegated administrators is done
// there. It returns nil when there is none.
func (o *Organizations) Unread(org *Organization, management bool) *graph.UnreadModule {
	for _, c := range o.unread {
		if !o.Concerns(org, c.call.Unit) {
			continue
		}
		if !management || c.mayBeManagement {
			return c.call
		}
	}
	return nil
}

// UnreadWhy is Unread's reason: "" when there is no such call, otherwise
// why what the organisation has is not known.
func (o *Organizations) UnreadWhy(org *Organization, management bool, what string) string {
	if u := o.Unread(org, management); u != nil {
		return unreadWhy(u, what)
	}
	return ""
}

// orgUnread is an unread call as the organisation rules see it.
type orgUnread struct {
	call *graph.UnreadModule
	// mayBeManagement is set when one of the providers the module
	// receives may be the management account's.
	mayBeManagement bool
}

// buildOrgUnread records the unread calls for the organisation rules.
func buildOrgUnread(m *Model) {
	for _, c := range m.unread {
		ou := orgUnread{call: c.call}
		for _, s := range c.standIns {
			if m.Accounts.Of(s).Management != graph.False {
				ou.mayBeManagement = true
			}
		}
		m.Organizations.unread = append(m.Organizations.unread, ou)
	}
}
