package rules

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/blindspot-iac/blindspot/graph"
)

// Rule is one security check with the metadata reports and documentation
// need.
type Rule struct {
	// ID is aws-<service>-<what is wrong>, kebab case; it never changes
	// once released.
	ID string
	// Title is a one-line statement of the problem.
	Title string
	// Severity is the default severity of a finding.
	Severity Severity
	// Description explains the risk.
	Description string
	// Remediation says how to fix it, with snippets for both formats.
	Remediation Remediation
	// References are links to the AWS documentation and guidance.
	References []string
	// Compliance maps the rule to controls of compliance frameworks.
	Compliance []Control
	// Tags classify the rule (SARIF properties.tags; "security" is implied).
	Tags []string
	// Precision is SARIF's precision: very-high, high, medium or low.
	Precision string
	// Scope says what the rule reads: one deployment unit at a time (the
	// zero value) or the whole organisation.
	Scope Scope
	// Conceals says that the source text a finding points at is a secret:
	// reports never show it (the text report's excerpt masks it).
	Conceals bool
	// Check inspects the model and reports through the pass.
	Check func(*Pass)
	// Source locates a custom policy in its policy file; it is zero for
	// blindspot's own rules. Reports tell the two apart by it (SARIF lists
	// custom policies in a tool extension of their own).
	Source graph.Range
}

// Custom reports whether r is a custom policy rather than one of
// blindspot's own rules.
func (r *Rule) Custom() bool { return !r.Source.IsZero() }

// Scope is how much of the scan a rule's Check sees.
type Scope uint8

const (
	// UnitScope rules see one deployment unit (a Terraform root module with
	// its modules, a CloudFormation template with its nested stacks), or
	// the few units that configure each other's resources by name or
	// account. They run as soon as the unit is evaluated, so a scan holds
	// only the units being checked, whatever the size of the repository.
	UnitScope Scope = iota
	// OrganizationScope rules see every unit at once, but only what the
	// organisation view needs: AWS Organizations resources, trails and
	// organisation-wide service settings in full (aws.OrganizationScoped),
	// providers, and every other resource without its attributes (type,
	// address, location, provider, whether it exists).
	OrganizationScope
)

// Remediation tells the user how to fix a finding.
type Remediation struct {
	Text           string
	Terraform      string
	CloudFormation string
}

// Control is a compliance framework control the rule helps meet.
type Control struct {
	// Framework is one of the Framework* constants.
	Framework string
	// ID is the control identifier within the framework ("2.1.1", "S3.14",
	// "s3-bucket-versioning-enabled", "PR.DS-11").
	ID string
}

// Compliance frameworks rules map to.
const (
	FrameworkCIS         = "CIS AWS Foundations Benchmark v3.0.0"
	FrameworkSecurityHub = "AWS Security Hub"
	FrameworkConfig      = "AWS Config managed rule"
	FrameworkNIST        = "NIST CSF 2.0"
	FrameworkISO         = "ISO/IEC 27001:2022"
)

var idPattern = regexp.MustCompile(`^aws-[a-z0-9]+(-[a-z0-9]+)+$`)

var customIDPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)+$`)

// Validate reports metadata a rule must have. A custom policy needs less:
// its ID is namespaced kebab case outside aws-, and remediation and
// references are its author's choice.
func (r *Rule) Validate() error {
	if r.Custom() {
		switch {
		case !customIDPattern.MatchString(r.ID) || strings.HasPrefix(r.ID, "aws-"):
			return fmt.Errorf("policy %q: ID must be kebab case, namespaced, outside aws-", r.ID)
		case r.Title == "":
			return fmt.Errorf("policy %s: missing title", r.ID)
		case r.Severity < Low || r.Severity > Critical:
			return fmt.Errorf("policy %s: missing severity", r.ID)
		case r.Description == "":
			return fmt.Errorf("policy %s: missing description", r.ID)
		case r.Check == nil:
			return fmt.Errorf("policy %s: missing Check", r.ID)
		}
		return nil
	}
	switch {
	case !idPattern.MatchString(r.ID):
		return fmt.Errorf("rule %q: ID must be aws-<service>-<what-is-wrong> in kebab case", r.ID)
	case r.Title == "":
		return fmt.Errorf("rule %s: missing Title", r.ID)
	case r.Severity < Low || r.Severity > Critical:
		return fmt.Errorf("rule %s: missing Severity", r.ID)
	case r.Description == "":
		return fmt.Errorf("rule %s: missing Description", r.ID)
	case r.Remediation.Text == "" || r.Remediation.Terraform == "" || r.Remediation.CloudFormation == "":
		return fmt.Errorf("rule %s: Remediation needs text and both a Terraform and a CloudFormation snippet", r.ID)
	case len(r.References) == 0:
		return fmt.Errorf("rule %s: missing References", r.ID)
	case r.Check == nil:
		return fmt.Errorf("rule %s: missing Check", r.ID)
	}
	switch r.Precision {
	case "very-high", "high", "medium", "low":
	default:
		return fmt.Errorf("rule %s: Precision must be very-high, high, medium or low", r.ID)
	}
	return nil
}

// Registry is the set of rules a scan runs, sorted by ID.
type Registry struct {
	rules []*Rule
	byID  map[string]*Rule
}

// NewRegistry validates rs and indexes them; duplicate IDs are an error.
func NewRegistry(rs ...*Rule) (*Registry, error) {
	reg := &Registry{byID: make(map[string]*Rule, len(rs))}
	for _, r := range rs {
		if err := r.Validate(); err != nil {
			return nil, err
		}
		if _, dup := reg.byID[r.ID]; dup {
			return nil, fmt.Errorf("rule %s registered twice", r.ID)
		}
		reg.byID[r.ID] = r
		reg.rules = append(reg.rules, r)
	}
	sort.Slice(reg.rules, func(i, j int) bool { return reg.rules[i].ID < reg.rules[j].ID })
	return reg, nil
}

// All returns the rules sorted by ID.
func (r *Registry) All() []*Rule { return r.rules }

// Lookup finds a rule by ID.
func (r *Registry) Lookup(id string) (*Rule, bool) {
	rule, ok := r.byID[id]
	return rule, ok
}
