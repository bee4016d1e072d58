package scan

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/internal/budget"
	"github.com/blindspot-iac/blindspot/internal/config"
	"github.com/blindspot-iac/blindspot/internal/parallel"
	"github.com/blindspot-iac/blindspot/internal/sandbox"
	"github.com/blindspot-iac/blindspot/internal/suppress"
	"github.com/blindspot-iac/blindspot/parser"
	"github.com/blindspot-iac/blindspot/parser/terraform"
	"github.com/blindspot-iac/blindspot/rules"
	"github.com/blindspot-iac/blindspot/rules/policy"
)

// settings are Options merged with the configuration file: what the
// scan does.
type settings struct {
	paths []string
	// base is the absolute directory report paths are relative to.
	base   string
	root   string
	limits budget.Limits
	// reportedExclude are the excludes of a configuration inside the
	// scanned tree (configFile), whose matches are reported.
	reportedExclude []string
	configFile      string
	// diags are problems with the configuration found while settling.
	diags []graph.Diagnostic
	// roots are the directories the scan reads inside (scanRoots).
	roots []string
	// sources reads the files of the scan again, through roots (set by
	// Run for the length of the scan).
	sources              *sources
	exclude              []string
	varInputs            []VarInput
	tfEnv                map[string]string
	workspace            string
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
	compliance    string
	severity      map[string]rules.Severity
	failOn        rules.Severity
	baseline      *suppress.Baseline
	today         time.Time
	keepResources bool
	evaluateAll   bool
	// knownRules are the IDs of every candidate rule, run or not, which a
	// suppression may name.
	knownRules []string
	// foreign maps other scanners' suppressions to rules; nil ignores them.
	foreign *suppress.Equivalents
	// suppressions, when set, waits for the suppressions read while the
	// scan ran (scanSuppressions) and returns them by file.
	suppressions func() map[string]*suppress.Scanned
	// contents holds what was read of the files before evaluation, for
	// their loaders to take (set by Run for the length of the scan).
	contents *parser.Contents
	// scanned holds the suppression comments of the files the loaders
	// read (sourceRead), by file.
	scannedMu sync.Mutex
	scanned   map[string]*suppress.Scanned
	modules   ModuleFetcher
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
	confined := insideScannedTree(cfg.File, opts)
	var diags []graph.Diagnostic
	if confined {
		// A configuration that came with the scanned code is as untrusted
		// as the code: what it names must lie inside the tree, and what it
		// excludes is reported.
		copied := *cfg
		cfg = &copied
		cfg.VarFiles, diags = confine(cfg.File, "var_files", cfg.VarFiles, opts, diags)
		cfg.ParameterFiles, diags = confine(cfg.File, "parameter_files", cfg.ParameterFiles, opts, diags)
		cfg.Policies, diags = confine(cfg.File, "policies", cfg.Policies, opts, diags)
	}
	set := opts.Policies
	if set == nil {
		files, err := PolicyFiles(concat(cfg.Policies, opts.PolicyPaths), defaultPolicyRoots(opts.Paths))
		if err != nil {
			return nil, err
		}
		files, diags = readablePolicies(files, diags)
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
	if err := checkOptions(opts); err != nil {
		return nil, err
	}
	s := &settings{
		roots:                scanRoots(opts),
		diags:                diags,
		paths:                addCallers(context.Background(), widenHookPaths(opts.Paths, cfg), opts.Root),
		root:                 opts.Root,
		limits:               opts.Limits,
		exclude:              concat(nil, opts.Exclude),
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
		policies:             run,
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
	if confined {
		s.reportedExclude, s.configFile = cfg.Exclude, cfg.File
	} else {
		s.exclude = concat(cfg.Exclude, opts.Exclude)
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
		s.unitRegion = cfg.UnitRegion
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

// scanRoots are the directories a scan reads inside: the root, and the
// paths given (the directory of a file).
func scanRoots(opts Options) []string {
	var out []string
	if opts.Root != "" {
		out = append(out, opts.Root)
	}
	paths := opts.Paths
	if len(paths) == 0 {
		paths = []string{"."}
	}
	for _, p := range paths {
		p = strings.TrimSuffix(filepath.ToSlash(p), "/...")
		if p == "..." || p == "" {
			p = "."
		}
		if info, err := os.Stat(p); err == nil && !info.IsDir() {
			p = filepath.Dir(p)
		}
		out = append(out, filepath.FromSlash(p))
	}
	return out
}

// insideScannedTree reports whether file lies inside a directory the scan
// reads.
func insideScannedTree(file string, opts Options) bool {
	if file == "" {
		return false
	}
	for _, dir := range scanRoots(opts) {
		if r, err := sandbox.Open(dir); err == nil {
			_, err := r.Rel(file)
			r.Close()
			if err == nil {
				return true
			}
		}
	}
	return false
}

// confine keeps the files a configuration inside the scanned tree names
// that lie inside that tree too, reporting the others.
func confine(configFile, key string, files []string, opts Options, diags []graph.Diagnostic) ([]string, []graph.Diagnostic) {
	var kept []string
	for _, f := range files {
		inside := false
		for _, dir := range scanRoots(opts) {
			if r, err := sandbox.Open(dir); err == nil {
				_, err := r.RealPath(f)
				r.Close()
				inside = inside || err == nil
			}
		}
		if inside {
			kept = append(kept, f)
			continue
		}
		d := graph.Warningf(graph.Range{File: configFile}, "outside-root",
			"%s lists %s in %s, which is outside the scanned directory (or does not exist); a configuration inside the scanned tree may only name files inside it, so it is not read", configFile, f, key)
		d.Incomplete = true
		diags = append(diags, d)
	}
	return kept, diags
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
func (s *settings) terraformOptions(ctx context.Context, root *sandbox.Root, cache *terraform.ModuleCache, wd string) terraform.Options {
	opts := terraform.Options{Env: s.tfEnv, Inputs: s.varInputs, Workspace: s.workspace, Root: root, Cache: cache, WorkDir: wd,
		Context: ctx, Limits: s.limits, Read: s.sourceRead, Take: s.contents.Take}
	if s.modules != nil {
		opts.Fetcher = s.modules
	}
	return opts
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

// suppressOptions are the options suppressions are read and applied
// with.
func (s *settings) suppressOptions() suppress.Options {
	return suppress.Options{ReadFile: s.sources.read, Today: s.today, KnownRules: s.knownRules, Foreign: s.foreign}
}

// sourceRead is the loaders' Read: it finds the suppression comments of
// a file they read, on the core that read it, keeping the directives (not
// the bytes) for finish. What the file holds is what Apply would read
// when the loader read it through a root on the directory sources reads
// it through; a file read otherwise (a downloaded module) is left to
// scanSuppressions.
func (s *settings) sourceRead(root *sandbox.Root, path string, data []byte) {
	s.scannedMu.Lock()
	_, done := s.scanned[path]
	s.scannedMu.Unlock()
	if done || s.sources == nil || !s.sources.readsThrough(root, path) {
		return
	}
	sc := s.suppressOptions().Scan(path, data)
	s.scannedMu.Lock()
	defer s.scannedMu.Unlock()
	if s.scanned == nil {
		s.scanned = map[string]*suppress.Scanned{}
	}
	s.scanned[path] = sc
}

// keep is the Read of the schedule's first reading of the Terraform
// files: what it reads is kept for the loaders (within the budget of
// contents) besides being scanned for suppressions.
func (s *settings) keep(root *sandbox.Root, path string, data []byte) {
	s.contents.Put(root, path, data)
	s.sourceRead(root, path, data)
}

// scanSuppressions gathers the suppression comments of every file of g's
// units: those the loaders read come from sourceRead, the others are
// read, jobs at a time, while the scan's serial tail (the organisation
// pass) runs, so that finish does not read every file again, one after
// another. What it reads is what Apply would read, through the same
// roots, so the result is the same.
func (s *settings) scanSuppressions(ctx context.Context, g *graph.Graph, jobs int) {
	seen := map[string]bool{}
	found := map[string]*suppress.Scanned{}
	var files []string
	s.scannedMu.Lock()
	for _, u := range g.Units {
		for _, f := range u.Files {
			if seen[f] {
				continue
			}
			seen[f] = true
			if sc := s.scanned[f]; sc != nil {
				found[f] = sc
			} else {
				files = append(files, f)
			}
		}
	}
	s.scanned = nil
	s.scannedMu.Unlock()
	opts := s.suppressOptions()
	read := make([]*suppress.Scanned, len(files))
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = parallel.Do(ctx, jobs, len(files), func(i int) {
			if data, err := opts.ReadFile(files[i]); err == nil {
				read[i] = opts.Scan(files[i], data)
			}
		})
	}()
	s.suppressions = func() map[string]*suppress.Scanned {
		<-done
		for i, f := range files {
			if read[i] != nil {
				found[f] = read[i]
			}
		}
		return found
	}
}

// finish applies the configuration's severities, the suppressions and the
// baseline to the findings of res.
func (s *settings) finish(res *Result) {
	for i := range res.Findings {
		if sev, ok := s.severity[res.Findings[i].RuleID]; ok {
			res.Findings[i].Severity = sev
		}
	}
	opts := s.suppressOptions()
	if s.suppressions != nil {
		scanned := s.suppressions()
		opts.Scanned = func(name string) *suppress.Scanned { return scanned[name] }
	}
	diags := append(res.Diagnostics, suppress.Apply(res.Findings, res.Graph, opts)...)
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
