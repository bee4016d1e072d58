package aws

import (
	"maps"
	"slices"

	"github.com/blindspot-iac/blindspot/graph"
)

// Links are the facts through which the model of one deployment unit can
// depend on another's: almost every join is by reference, within a unit,
// but a split resource (a bucket policy, a security group rule, a load
// balancer policy) may name its target literally, and an account-level
// setting applies to every resource of its account. A scan that checks
// units one at a time checks together the units whose names meet
// (LinkedGroups), and adds to the model of a unit the account-level
// settings other units make for its accounts.
type Links struct {
	// Names are the known names of the unit's resources that a split
	// resource can target by name: buckets, security groups, classic load
	// balancers.
	Names []string
	// Targets are the literal names the unit's split resources use for
	// their target.
	Targets []string
	// Accounts are the known accounts of the unit's resources.
	Accounts []string
	// Settings are the unit's account-level settings of a known account
	// (aws_s3_account_public_access_block, a trail recording S3 data
	// events), which apply to the resources of other units in that
	// account.
	Settings []AccountSetting
}

// AccountSetting is an account-level setting and the account it is for.
// Its Resource is complete: a scan adds it to other units' models.
type AccountSetting struct {
	Account  string
	Resource *graph.Resource
}

// LinkedGroups returns the groups of units (indexes into links) whose
// names and targets meet, directly or through other units, each in
// increasing order; units linked to no other are in no group. Account
// settings do not group units: they reach the other units' models alone.
func LinkedGroups(links []Links) [][]int {
	parent := make([]int, len(links))
	for i := range parent {
		parent[i] = i
	}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	union := func(a, b int) {
		if ra, rb := find(a), find(b); ra != rb {
			parent[max(ra, rb)] = min(ra, rb)
		}
	}
	// Join each unit to every unit holding a name it targets; the holders
	// of a targeted name are joined to each other too.
	holders := map[string][]int{}
	for i, l := range links {
		for _, name := range l.Names {
			holders[name] = append(holders[name], i)
		}
	}
	chained := map[string]bool{}
	for i, l := range links {
		for _, name := range l.Targets {
			hs := holders[name]
			if len(hs) == 0 {
				continue
			}
			if !chained[name] {
				chained[name] = true
				for _, h := range hs[1:] {
					union(hs[0], h)
				}
			}
			union(i, hs[0])
		}
	}
	groups := map[int][]int{}
	var roots []int
	for i := range links {
		r := find(i)
		if _, ok := groups[r]; !ok {
			roots = append(roots, r)
		}
		groups[r] = append(groups[r], i)
	}
	var out [][]int
	for _, r := range roots {
		if len(groups[r]) > 1 {
			out = append(out, groups[r])
		}
	}
	return out
}

// Links returns the model's links to other units.
func (m *Model) Links() Links {
	names := map[string]bool{}
	for _, s := range m.names {
		if n, ok := s.Get(); ok {
			names[n] = true
		}
	}
	accounts := map[string]bool{}
	for _, r := range m.Graph.Resources {
		if id := m.Accounts.Of(r).AccountID; id != "" {
			accounts[id] = true
		}
	}
	var settings []AccountSetting
	for _, blk := range m.S3.AccountPublicAccessBlocks {
		if id := m.blockAccount(blk); id != "" {
			settings = append(settings, AccountSetting{Account: id, Resource: blk.Resource})
		}
	}
	for _, t := range m.CloudTrail.Trails {
		if id := m.Accounts.Of(t.Resource).AccountID; id != "" && t.selectsObjectEvents() {
			settings = append(settings, AccountSetting{Account: id, Resource: t.Resource})
		}
	}
	targets := map[string]bool{}
	for _, f := range m.targets {
		if s, ok := f.Value.AsString(); ok && f.IsSet() {
			targets[s] = true
		}
	}
	return Links{Names: slices.Sorted(maps.Keys(names)), Targets: slices.Sorted(maps.Keys(targets)),
		Accounts: slices.Sorted(maps.Keys(accounts)), Settings: settings}
}
