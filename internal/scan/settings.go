package scan

import (
	"cmp"
	"errors"
	"os"
	"slices"
	"time"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/internal/config"
	"github.com/blindspot-iac/blindspot/internal/suppress"
	"github.com/blindspot-iac/blindspot/rules"
	"github.com/blindspot-iac/blindspot/rules/policy"
)

// settings are Options merged with the configuration file: what the
// scan does.
type settings struct {
	paths                []string
	exclude              []string
	vars, varFiles       []string
	parameters           []string
	parameterFiles       []string
	managementAccountIDs []string
	// unitAccount gives the configured account of a unit path; nil when
	// the configuration maps none.
	unitAccount func(unitPath string) (aws.UnitAccount, bool)
	// unitRegion gives the configured region of a unit path; nil when the
	// configuration maps none.
	unitRegion    func(unitPath string) (string, bool)
	rules         []*rules.Rule
	severity      map[string]rules.Severity
	failOn        rules.Severity
	baseline      *suppress.Baseline
	today         time.Time
	keepResources bool
	// policies is this scan's run of the custom policies; nil when there
	// are none.
	policies *policy.Run
}

// settle merges opts with its configuration: the configuration's lists
// come first and the command line's add to them; the command line's
// threshold replaces the configuration's.
func settle(opts Options) (*settings, error) {
	cfg := opts.Config
	if cfg == nil {
		cfg = &config.Config{}
	}
	set := opts.Policies
	if set == nil {
		files, err := PolicyFiles(concat(cfg.Policies, opts.PolicyPaths), defaultPolicyRoots(opts.Paths))
		if err != nil {
			return nil, err
		}
		set, err = LoadPolicies(files, opts.Rules, policy.Options{})
		if err != nil {
			return nil, err
		}
	}
	all := opts.Rules
	var run *policy.Run
	if set != nil {
		ro := policy.RunOptions{AccountTags: cfg.AccountTags()}
		if len(cfg.Accounts) > 0 {
			ro.UnitRegion = cfg.UnitRegion
		}
		run = set.NewRun(ro)
		all = append(slices.Clip(all), run.Rules()...)
	}
	reg, err := rules.NewRegistry(all...)
	if err != nil {
		return nil, err
	}
	if err := cfg.Validate(reg); err != nil {
		return nil, err
	}
	s := &settings{
		paths:                opts.Paths,
		exclude:              concat(cfg.Exclude, opts.Exclude),
		vars:                 concat(cfg.Vars, opts.Vars),
		varFiles:             concat(cfg.VarFiles, opts.VarFiles),
		parameters:           concat(cfg.Parameters, opts.Parameters),
		parameterFiles:       concat(cfg.ParameterFiles, opts.ParameterFiles),
		managementAccountIDs: concat(cfg.ManagementAccountIDs, opts.ManagementAccountIDs),
		severity:             cfg.Severity,
		failOn:               cmp.Or(opts.FailOn, cfg.FailOn, rules.Low),
		baseline:             opts.Baseline,
		today:                opts.Today,
		keepResources:        opts.KeepResources,
		policies:             run,
	}
	if s.today.IsZero() {
		s.today = time.Now()
	}
	if len(cfg.Accounts) > 0 {
		s.unitAccount = cfg.UnitAccount
		s.unitRegion = cfg.UnitRegion
	}
	s.rules, err = selectRules(reg, cfg)
	if err != nil {
		return nil, err
	}
	return s, nil
}

// concat returns a new slice holding a's elements, then b's.
func concat(a, b []string) []string {
	return append(slices.Clip(a), b...)
}

// selectRules applies the configuration's enable and disable lists.
func selectRules(reg *rules.Registry, cfg *config.Config) ([]*rules.Rule, error) {
	var out []*rules.Rule
	for _, r := range reg.All() {
		if (len(cfg.Enable) == 0 || slices.Contains(cfg.Enable, r.ID)) && !slices.Contains(cfg.Disable, r.ID) {
			out = append(out, r)
		}
	}
	if len(out) == 0 {
		return nil, errors.New("the configuration disables every rule")
	}
	return out, nil
}

// finish applies the configuration's severities, the suppressions and the
// baseline to the findings of res.
func (s *settings) finish(res *Result) {
	for i := range res.Findings {
		if sev, ok := s.severity[res.Findings[i].RuleID]; ok {
			res.Findings[i].Severity = sev
		}
	}
	diags := append(res.Diagnostics, suppress.Apply(res.Findings, res.Graph, suppress.Options{ReadFile: os.ReadFile, Today: s.today})...)
	graph.SortDiagnostics(diags)
	if s.baseline != nil {
		res.Findings, res.Baselined = s.baseline.Apply(res.Findings)
		if n := len(res.Baselined); n > 0 {
			diags = append(diags, graph.Notef(graph.Range{File: s.baseline.Path}, "baseline", "%d findings recorded in the baseline are not reported", n))
		}
	}
	res.Diagnostics = diags
}
