package scan

import (
	"cmp"
	"errors"
	"fmt"
	"os"
	"slices"
	"time"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/internal/config"
	"github.com/blindspot-iac/blindspot/internal/suppress"
	"github.com/blindspot-iac/blindspot/rules"
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
	unitAccount   func(unitPath string) (aws.UnitAccount, bool)
	rules         []*rules.Rule
	compliance    string
	severity      map[string]rules.Severity
	failOn        rules.Severity
	baseline      *suppress.Baseline
	today         time.Time
	keepResources bool
	// knownRules are the IDs of every candidate rule, run or not, which a
	// suppression may name.
	knownRules []string
	// foreign maps other scanners' suppressions to rules; nil ignores them.
	foreign *suppress.Equivalents
}

// settle merges opts with its configuration: the configuration's lists
// come first and the command line's add to them; the command line's
// threshold replaces the configuration's.
func settle(opts Options) (*settings, error) {
	cfg := opts.Config
	if cfg == nil {
		cfg = &config.Config{}
	}
	reg, err := rules.NewRegistry(opts.Rules...)
	if err != nil {
		return nil, err
	}
	if err := cfg.Validate(reg); err != nil {
		return nil, err
	}
	if err := checkOptions(opts); err != nil {
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
	}
	if s.today.IsZero() {
		s.today = time.Now()
	}
	if len(cfg.Accounts) > 0 {
		s.unitAccount = cfg.UnitAccount
	}
	s.rules, s.compliance, err = selectRules(reg, cfg, opts)
	if err != nil {
		return nil, err
	}
	for _, r := range reg.All() {
		s.knownRules = append(s.knownRules, r.ID)
	}
	if !opts.NoForeignSuppressions {
		if s.foreign, err = suppress.BuiltinEquivalents(); err != nil {
			return nil, fmt.Errorf("the table of equivalent checks: %w", err)
		}
	}
	return s, nil
}

// checkOptions refuses options the configuration would refuse, with the
// same checks, before anything is read.
func checkOptions(opts Options) error {
	var errs []error
	for _, id := range opts.ManagementAccountIDs {
		if err := config.CheckAccountID(id); err != nil {
			errs = append(errs, fmt.Errorf("management account ID: %w", err))
		}
	}
	for _, g := range opts.Exclude {
		if err := config.CheckGlob(g); err != nil {
			errs = append(errs, fmt.Errorf("exclude: %w", err))
		}
	}
	if opts.Jobs < 0 {
		errs = append(errs, fmt.Errorf("jobs: %d is not a positive number", opts.Jobs))
	}
	if opts.Compliance != "" {
		if _, ok := rules.FrameworkNamed(opts.Compliance); !ok {
			errs = append(errs, config.UnknownFramework(opts.Compliance))
		}
	}
	return errors.Join(errs...)
}

// concat returns a new slice holding a's elements, then b's.
func concat(a, b []string) []string {
	return append(slices.Clip(a), b...)
}

// selectRules applies the enable and disable patterns of the
// configuration and the command line, and the compliance framework: a rule
// runs when some enable pattern selects it (or there is none), no disable
// pattern does, and it maps to a control of the framework (when one is
// asked for). It returns the rules and the framework's full name.
func selectRules(reg *rules.Registry, cfg *config.Config, opts Options) ([]*rules.Rule, string, error) {
	only, err1 := config.CheckRulePatterns(reg, "--rule", opts.Only)
	skip, err2 := config.CheckRulePatterns(reg, "--skip-rule", opts.Skip)
	if err := errors.Join(err1, err2); err != nil {
		return nil, "", err
	}
	enable, _ := config.CheckRulePatterns(reg, "rules.enable", cfg.Enable)
	disable, _ := config.CheckRulePatterns(reg, "rules.disable", cfg.Disable)
	enable = append(enable, only...)
	disable = append(disable, skip...)
	framework := ""
	if name := cmp.Or(opts.Compliance, cfg.Compliance); name != "" {
		framework, _ = rules.FrameworkNamed(name)
	}
	var out []*rules.Rule
	for _, r := range reg.All() {
		if len(enable) > 0 && !rules.MatchesAny(enable, r) || rules.MatchesAny(disable, r) {
			continue
		}
		if framework != "" && len(r.Controls(framework)) == 0 {
			continue
		}
		out = append(out, r)
	}
	if len(out) == 0 {
		return nil, "", errors.New("the rule selection (rules.enable, rules.disable, --rule, --skip-rule, --compliance) leaves no rule to run")
	}
	return out, framework, nil
}

// finish applies the configuration's severities, the suppressions and the
// baseline to the findings of res.
func (s *settings) finish(res *Result) {
	for i := range res.Findings {
		if sev, ok := s.severity[res.Findings[i].RuleID]; ok {
			res.Findings[i].Severity = sev
		}
	}
	diags := append(res.Diagnostics, suppress.Apply(res.Findings, res.Graph, suppress.Options{ReadFile: os.ReadFile, Today: s.today, KnownRules: s.knownRules, Foreign: s.foreign})...)
	graph.SortDiagnostics(diags)
	if s.baseline != nil {
		res.Findings, res.Baselined = s.baseline.Apply(res.Findings)
		if n := len(res.Baselined); n > 0 {
			diags = append(diags, graph.Notef(graph.Range{File: s.baseline.Path}, "baseline", "%d findings recorded in the baseline are not reported", n))
		}
	}
	res.Diagnostics = diags
}
