package report

import "github.com/blindspot-iac/blindspot/graph"

// Organization is the organisation view a report draws: for each
// organisation the code manages, its tree of OUs and accounts, the policies
// attached where, which guardrails hold at each place, the management
// account with the workloads found in it, the organisation trail and the
// delegated administrators. internal/orgview builds it from the
// organisation model, judging guardrails as the rules do.
type Organization struct {
	// Guardrails name the guardrail columns, in order.
	Guardrails []GuardrailColumn
	Orgs       []Org
	// ManagementAccounts are the management account IDs known (given or
	// inferred from the code).
	ManagementAccounts []string
	// ManagementWorkloads are the workloads deployed in the management
	// account (or maybe deployed there).
	ManagementWorkloads []OrgResource
}

// GuardrailColumn is one guardrail of the matrix.
type GuardrailColumn struct {
	Name string
	// RuleID is the rule that asks for it.
	RuleID string
}

// Org is one organisation.
type Org struct {
	Resource OrgResource
	// FeatureSet is ALL or CONSOLIDATED_BILLING ("" when not known).
	FeatureSet string
	// Root is the root of the tree; OUs and accounts whose parent is not
	// known hang from Unplaced.
	Root     OrgNode
	Unplaced []OrgNode
	// Held says, for each guardrail column, whether the organisation as a
	// whole holds it (the rule's answer).
	Held []Cell
	// Policies are the organisation's service control and AI services
	// opt-out policies with where they are attached.
	Policies []OrgPolicy
	// Trails are the CloudTrail trails that may record the organisation.
	Trails []OrgTrail
	// DelegatedAdmins are the accounts registered as delegated
	// administrators of a service.
	DelegatedAdmins []OrgDelegation
	// Services are the resources that run a security service for the whole
	// organisation.
	Services []OrgResource
}

// OrgNode is the root, an OU or an account, with its children.
type OrgNode struct {
	// Kind is "root", "ou" or "account".
	Kind string
	// Name is the OU or account name, "Root" for the root.
	Name string
	// Detail adds what else is known (an account's email).
	Detail   string
	Resource OrgResource
	// Policies are the policies attached to this node directly, by name.
	Policies []string
	// Guardrails holds one cell per guardrail column.
	Guardrails []Cell
	Children   []OrgNode
}

// Cell is a guardrail's status at one place.
type Cell struct {
	// Status is "held", "not-held" or "unknown".
	Status string
	// Why explains an unknown status; By names the policies that hold a
	// held one.
	Why string
	By  []string
}

// Cell statuses.
const (
	Held    = "held"
	NotHeld = "not-held"
	Unknown = "unknown"
)

// CellOf is the cell of a three-valued answer.
func CellOf(t graph.Tri, why string, by []string) Cell {
	switch t {
	case graph.True:
		return Cell{Status: Held, By: by}
	case graph.False:
		return Cell{Status: NotHeld}
	}
	return Cell{Status: Unknown, Why: why}
}

// OrgResource names a resource and where it is written.
type OrgResource struct {
	Address string
	Type    string
	Range   graph.Range
	// Note adds what the reader needs to know ("maybe: count is unknown",
	// the workload category).
	Note string
}

// OrgPolicy is a policy with where it is attached.
type OrgPolicy struct {
	Resource OrgResource
	Name     string
	// Type is SERVICE_CONTROL_POLICY or AISERVICES_OPT_OUT_POLICY (or
	// "unknown").
	Type string
	// AttachedTo names the targets ("Root", an OU or account name, a
	// literal ID, "unknown target"); none means attached nowhere.
	AttachedTo []string
}

// OrgTrail is a trail and whether it records the whole organisation.
type OrgTrail struct {
	Resource     OrgResource
	Organization Cell
}

// OrgDelegation is a delegated administrator registration.
type OrgDelegation struct {
	Resource OrgResource
	Service  string
	Account  string
}
