package scan

import (
	"cmp"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/internal/config"
	"github.com/blindspot-iac/blindspot/internal/suppress"
	"github.com/blindspot-iac/blindspot/parser/terraform"
	"github.com/blindspot-iac/blindspot/rules"
)

// settings are Options merged with the configuration file: what the
// scan does.
type settings struct {
	paths []string
	// base is the absolute directory report paths are relative to.
	base                 string
	exclude              []string
	varInputs            []VarInput
	tfEnv                map[string]string
	workspace            string
	parameters           []string
	parameterFiles       []string
	managementAccountIDs []string
	// unitAccount gives the configured account of a unit path; nil when
	// the configuration maps none.
	unitAccount   func(unitPath string) (aws.UnitAccount, bool)
	rules         []*rules.Rule
	severity      map[string]rules.Severity
	failOn        rules.Severity
	baseline      *suppress.Baseline
	today         time.Time
	keepResources bool
	evaluateAll   bool
	modules       ModuleFetcher
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
	s := &settings{
		paths:                opts.Paths,
		exclude:              concat(cfg.Exclude, opts.Exclude),
		varInputs:            varInputs(cfg, opts.VarInputs),
		parameters:           concat(cfg.Parameters, opts.Parameters),
		parameterFiles:       concat(cfg.ParameterFiles, opts.ParameterFiles),
		managementAccountIDs: concat(cfg.ManagementAccountIDs, opts.ManagementAccountIDs),
		severity:             cfg.Severity,
		failOn:               cmp.Or(opts.FailOn, cfg.FailOn, rules.Low),
		baseline:             opts.Baseline,
		today:                opts.Today,
		keepResources:        opts.KeepResources,
		evaluateAll:          opts.evaluateAll,
		modules:              opts.Modules,
	}
	wd, err := os.Getwd()
	if err != nil {
		return nil, fmt.Errorf("finding the working directory: %w", err)
	}
	switch {
	case opts.Base == "":
		s.base = findBase(opts.Paths, wd)
	case filepath.IsAbs(opts.Base):
		s.base = filepath.Clean(opts.Base)
	default:
		s.base = filepath.Join(wd, opts.Base)
	}
	if info, err := os.Stat(s.base); err != nil || !info.IsDir() {
		return nil, fmt.Errorf("base directory %s: not a directory", opts.Base)
	}
	s.tfEnv, s.workspace = terraformEnvironment(opts.Environment)
	if s.today.IsZero() {
		s.today = time.Now()
	}
	// Input files are named by the user: one that cannot be read is a
	// mistake to fix before scanning, not a problem of the repository.
	for _, in := range s.varInputs {
		if in.File == "" {
			continue
		}
		if err := readableFile(in.File); err != nil {
			return nil, fmt.Errorf("variable file %w", err)
		}
	}
	for _, f := range s.parameterFiles {
		if err := readableFile(f); err != nil {
			return nil, fmt.Errorf("parameter file %w", err)
		}
	}
	if len(cfg.Accounts) > 0 {
		s.unitAccount = cfg.UnitAccount
	}
	s.rules, err = selectRules(reg, cfg)
	if err != nil {
		return nil, err
	}
	// The rules run and are reported with the configured severity, so
	// that reports show it for rules without findings too (SARIF's
	// rule-level severity is what GitHub shows).
	for i, r := range s.rules {
		if sev, ok := s.severity[r.ID]; ok && sev != r.Severity {
			configured := *r
			configured.Severity = sev
			s.rules[i] = &configured
		}
	}
	return s, nil
}

// readableFile checks that path names a regular file that can be opened.
func readableFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return err
	}
	if !info.Mode().IsRegular() {
		return fmt.Errorf("%s: not a regular file", path)
	}
	return nil
}

// varInputs orders Terraform's variable inputs: the configuration's var
// files, then its vars, then the command line's in its order.
func varInputs(cfg *config.Config, cli []VarInput) []VarInput {
	var out []VarInput
	for _, f := range cfg.VarFiles {
		out = append(out, VarInput{File: f})
	}
	for _, v := range cfg.Vars {
		out = append(out, VarInput{Var: v})
	}
	return append(out, cli...)
}

// terraformEnvironment picks what Terraform reads from the environment:
// TF_VAR_name values by name, and the workspace.
func terraformEnvironment(environ []string) (vars map[string]string, workspace string) {
	for _, kv := range environ {
		name, value, ok := strings.Cut(kv, "=")
		if !ok {
			continue
		}
		if v, ok := strings.CutPrefix(name, "TF_VAR_"); ok && v != "" {
			if vars == nil {
				vars = map[string]string{}
			}
			vars[v] = value
		}
		if name == "TF_WORKSPACE" {
			workspace = value
		}
	}
	return vars, workspace
}

// terraformOptions are the options a Terraform unit is evaluated with.
func (s *settings) terraformOptions(root string, cache *terraform.ModuleCache, wd string) terraform.Options {
	opts := terraform.Options{Env: s.tfEnv, Inputs: s.varInputs, Workspace: s.workspace, Root: root, Cache: cache, WorkDir: wd}
	if s.modules != nil {
		opts.Fetcher = s.modules
	}
	return opts
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
		var unmatched []suppress.BaselineEntry
		res.Findings, res.Baselined, unmatched = s.baseline.Apply(res.Findings, s.base)
		// An entry nothing matches any more was fixed, or its resource
		// renamed or moved: say so, so that the baseline can be renewed
		// before it hides a new finding with an old identity.
		for _, e := range unmatched {
			at := graph.Range{}
			if e.File != "" {
				at = graph.Range{File: s.scanPath(e.File), Start: graph.Pos{Line: e.Line, Column: 1, Byte: -1}}
			}
			diags = append(diags, graph.Notef(at, "baseline-entry-unmatched",
				"%s recorded in the baseline (%s) no longer matches a finding: fixed, or moved to another resource; rewrite the baseline with --write-baseline to drop it",
				e.RuleID, e.Message))
		}
		if n, m := len(res.Baselined), len(unmatched); n > 0 || m > 0 {
			note := fmt.Sprintf("%d findings recorded in the baseline are not reported", n)
			if n == 1 {
				note = "1 finding recorded in the baseline is not reported"
			}
			switch {
			case m == 1:
				note += "; 1 of its entries matches no finding any more"
			case m > 1:
				note += fmt.Sprintf("; %d of its entries match no finding any more", m)
			}
			diags = append(diags, graph.Notef(graph.Range{File: s.baseline.Path}, "baseline", "%s", note))
		}
	}
	res.Diagnostics = diags
}

// scanPath turns a base-relative path (a baseline entry's) into the form
// paths take inside the scan: relative to the working directory when it
// lies inside it, absolute otherwise.
func (s *settings) scanPath(rel string) string {
	file := filepath.FromSlash(rel)
	if !filepath.IsAbs(file) {
		file = filepath.Join(s.base, file)
	}
	if wd, err := os.Getwd(); err == nil {
		if r, err := filepath.Rel(wd, file); err == nil && r != ".." && !strings.HasPrefix(r, ".."+string(filepath.Separator)) {
			return r
		}
	}
	return file
}
