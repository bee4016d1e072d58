package aws

import (
	"github.com/blindspot-iac/blindspot/graph"
)

// Deployment says where a resource is deployed and whether that is the
// organisation's management account, with the evidence for the answer.
type Deployment struct {
	// AccountID is empty when the code does not say.
	AccountID string
	// Management is True when the resource lands in the management account.
	Management graph.Tri
	// Reason says how the account was identified, in a sentence.
	Reason string
	// Evidence locates what identified it (a provider block, an
	// Organizations resource, a config mapping); zero when nothing did.
	Evidence graph.Loc
}

// Accounts holds the deployment of every resource.
type Accounts struct {
	byResource map[*graph.Resource]Deployment
}

// Of returns the deployment of r.
func (a *Accounts) Of(r *graph.Resource) Deployment {
	if d, ok := a.byResource[r]; ok {
		return d
	}
	return Deployment{Reason: "the account " + r.Address + " is deployed to is not known"}
}

func buildAccounts(ix *Index, opts Options) *Accounts {
	return &Accounts{byResource: map[*graph.Resource]Deployment{}}
}
