// Package scan runs blindspot's whole pipeline: merge the command line
// with the configuration, select the rules, discover the input, evaluate
// each unit with its front end, build the typed AWS model, run the rules,
// apply severity overrides, suppressions and the baseline. It returns
// everything a report and an exit status need.
//
// It is the one place a scan is defined: the command line, the rule
// fixtures (rules/ruletest), the accuracy harness and any other front end
// call Run, so they all run exactly what users run. Front ends keep only
// flags, output destinations and the exit status.
package scan

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"sort"
	"strings"
	"sync/atomic"
	"time"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/internal/budget"
	"github.com/blindspot-iac/blindspot/internal/config"
	"github.com/blindspot-iac/blindspot/internal/parallel"
	"github.com/blindspot-iac/blindspot/internal/sandbox"
	"github.com/blindspot-iac/blindspot/internal/spelling"
	"github.com/blindspot-iac/blindspot/internal/suppress"
	"github.com/blindspot-iac/blindspot/parser"
	"github.com/blindspot-iac/blindspot/parser/cloudformation"
	"github.com/blindspot-iac/blindspot/parser/terraform"
	"github.com/blindspot-iac/blindspot/rules"
	"github.com/blindspot-iac/blindspot/rules/policy"
)

// Options describe one scan: what the user asked for on the command line
// (or a test or another front end asked for), and the configuration file.
// Lists given here add to the configuration's.
type Options struct {
	// Paths are the files and directories to scan ("." when empty).
	Paths []string
	// Root, when set, is the scan root of every unit inside it (the
	// repository whose modules and nested stacks a unit may use);
	// otherwise each unit's root is the path given that led to it. What
	// the scanned code names is read only inside its unit's root.
	Root string
	// Limits size each unit's evaluation budget (defaults when zero).
	Limits budget.Limits
	// Base is the directory paths in reports, fingerprints and baseline
	// entries are relative to; when empty, the root of the git work tree
	// the paths lie in, or else the directory scanned.
	Base string
	// Exclude holds globs of paths to leave out.
	Exclude []string
	// VarInputs are Terraform variable values from the command line, -var
	// and -var-file, in the order given: a later one overrides an earlier
	// one (and the configuration's, which come first).
	VarInputs []VarInput
	// Environment is the process environment ("NAME=value", as
	// os.Environ gives it), read once by the front end: Terraform's
	// TF_VAR_name variables and TF_WORKSPACE come from it.
	Environment []string
	// CloudFormation inputs.
	Parameters     []string
	ParameterFiles []string
	// Accounts.
	ManagementAccountIDs []string
	// Config is the configuration file's content; nil when there is none.
	Config *config.Config
	// Rules are the rules to choose from; the configuration's enable and
	// disable lists select among them and its severities override theirs.
	Rules []*rules.Rule
	// Only and Skip add rule patterns (IDs, globs over IDs, tag:NAME) to
	// the configuration's enable and disable lists.
	Only, Skip []string
	// Compliance, when set, runs only the rules mapped to this framework
	// (a short name, see rules.FrameworkNamed); it replaces the
	// configuration's.
	Compliance string
	// FailOn is the lowest severity that fails the scan; zero means the
	// configuration's fail_on, or Low.
	FailOn rules.Severity
	// Baseline, when set, drops the findings it records.
	Baseline *suppress.Baseline
	// Today decides whether a suppression's until= date has passed; zero
	// means now.
	Today time.Time
	// NoForeignSuppressions ignores other scanners' inline suppressions
	// (tfsec, Trivy, Checkov, cfn_nag), which are otherwise honoured for the
	// blindspot rules they correspond to.
	NoForeignSuppressions bool
	// Jobs bounds how many units are evaluated at once; GOMAXPROCS when 0.
	Jobs int
	// PolicyPaths are files and directories of custom policies
	// (--policy-dir); they add to the configuration's policies and to
	// DefaultPolicyDir.
	PolicyPaths []string
	// Policies, when set, are the custom policies to run, compiled, in
	// place of those the files name (a policy's own fixtures run with it
	// alone).
	Policies *policy.Set
	// KeepResources keeps every resource, without its attributes, in
	// Result.Graph, for tools that map lines to resources; otherwise it
	// holds only those the organisation rules and the findings need.
	KeepResources bool
	// Progress, when set, is called after each unit is evaluated.
	Progress func(done, total int)
	// Modules, when set, downloads the remote modules terraform init has
	// not (--download-modules); otherwise they are not read, and nothing
	// reaches the network.
	Modules ModuleFetcher

	// evaluateAll evaluates every unit, even those the schedule knows
	// keptUnits will leave out: tests compare the two.
	evaluateAll bool
}

// ModuleFetcher downloads remote Terraform modules (modfetch.Fetcher).
type ModuleFetcher interface {
	terraform.Fetcher
	// Root is the directory every module it returns is in.
	Root() string
}

// VarInput is one Terraform variable input: a -var "name=value" (Var) or
// a -var-file path (File).
type VarInput = terraform.Input

// Result is everything a scan produced.
type Result struct {
	Units []parser.Unit
	// Base is the absolute directory paths in reports, fingerprints and
	// baseline entries are relative to (Options.Base, or the one found).
	Base string
	// Graph holds the units and diagnostics, the resources the
	// organisation-scoped rules read in full, and, without attributes,
	// workloads, the resources findings are about and those with
	// suppressions (every resource with Options.KeepResources).
	Graph *graph.Graph
	// Rules are the rules that ran, sorted by ID, with the configured
	// severities.
	Rules []*rules.Rule
	// Compliance is the framework the rules were selected for (one of the
	// rules.Framework* names); empty when none was asked for.
	Compliance string
	// FailOn is the threshold in force (Options.FailOn, the configuration's
	// or Low).
	FailOn rules.Severity
	// Findings holds failed and undetermined results, sorted, with the
	// configuration's severities, suppressed ones marked, and those the
	// baseline records left out.
	Findings []rules.Finding
	// Baselined holds the findings the baseline left out.
	Baselined []rules.Finding
	// Diagnostics holds every problem met, sorted by position, followed by
	// the baseline's note when it left findings out.
	Diagnostics []graph.Diagnostic
	// roots are the directories the scan read inside.
	roots []string
	// Scanned describes each unit the scan reports on (units evaluated
	// inside another, as a local module or nested stack, are part of it),
	// in unit order.
	Scanned []UnitStats
	// Passed counts, by rule ID, the checks that passed (rules.Pass.Passed).
	Passed map[string]int
	// Elapsed is the wall time of the scan.
	Elapsed time.Duration
	// Organization is the model the organisation rules ran on: AWS
	// Organizations resources, trails and organisation-wide settings in
	// full, other resources located only (see Graph).
	Organization *aws.Model
	// ModulesNotDownloaded counts the calls of remote modules that were not
	// downloaded, and their sources; ModulesMissing those of local modules
	// whose directory does not exist. Their code was not read.
	ModulesNotDownloaded ModuleCount
	ModulesMissing       ModuleCount
}

// ReadSource reads a file the scan read, for excerpts: through a root of
// the scan, as a regular file of at most 16 MiB.
func (r *Result) ReadSource(path string) ([]byte, error) {
	return readSource(r.roots, path)
}

// maxHandedOver bounds the bytes of the files read before evaluation
// (templates by discovery, Terraform files by the schedule) kept for
// their loaders (parser.Contents): a corpus of a few thousand files
// fits, a larger one has the rest read again, so that memory does not
// grow with the repository.
const maxHandedOver = 16 << 20

// maxSourceSize bounds a file read again for excerpts, suppression
// comments and columns.
const maxSourceSize = 16 << 20

// readSource reads path through the first of roots that holds it.
func readSource(roots []string, path string) ([]byte, error) {
	for _, dir := range roots {
		root, err := sandbox.Open(dir)
		if err != nil {
			continue
		}
		if _, err := root.Rel(path); err != nil {
			root.Close()
			continue
		}
		data, err := root.ReadFile(path, maxSourceSize)
		root.Close()
		return data, err
	}
	return nil, fmt.Errorf("%s: %w", path, sandbox.ErrOutside)
}

// UnitStats describes one evaluated unit.
type UnitStats struct {
	Path string
	Kind parser.Kind
	// Files counts the files read to evaluate the unit (its modules,
	// tfvars, nested templates).
	Files int
	// Resources counts the resource instances evaluated.
	Resources int
	// Diagnostics counts the problems met evaluating it (debug ones too).
	Diagnostics int
	// Elapsed is the time its first evaluation and check took.
	Elapsed time.Duration
}

// Format names the unit's format in reports: terraform, terraform-plan or
// cloudformation.
func (u UnitStats) Format() string {
	switch u.Kind {
	case parser.CloudFormationTemplate:
		return "cloudformation"
	case parser.TerraformPlan:
		return "terraform-plan"
	}
	return "terraform"
}

// Failed reports whether a finding at or above FailOn was neither
// suppressed nor in the baseline.
func (r *Result) Failed() bool {
	for _, f := range r.Findings {
		if f.Status == rules.Failed && f.Suppressed == nil && f.Severity >= r.FailOn {
			return true
		}
	}
	return false
}

// Incomplete returns the diagnostics that say something was not scanned
// (graph.Diagnostic.NotScanned).
func (r *Result) Incomplete() []graph.Diagnostic {
	var out []graph.Diagnostic
	for _, d := range r.Diagnostics {
		if d.NotScanned() {
			out = append(out, d)
		}
	}
	return out
}

// nothingToScan says that paths hold no Terraform or CloudFormation,
// naming those that could be read (the others have their own errors).
func nothingToScan(paths []string, diags []graph.Diagnostic) []graph.Diagnostic {
	if len(paths) == 0 {
		paths = []string{"."}
	}
	unreadable := map[string]bool{}
	for _, d := range diags {
		if d.Code == parser.CodePathNotFound || d.Code == parser.CodePathUnreadable {
			unreadable[d.Range.File] = true
		}
	}
	var read []string
	for _, p := range paths {
		if !unreadable[p] && !unreadable[filepath.Clean(p)] {
			read = append(read, p)
		}
	}
	if len(read) == 0 {
		return nil
	}
	return []graph.Diagnostic{{Severity: graph.Warning, Code: graph.CodeNothingToScan,
		Message: "no Terraform or CloudFormation found under " + strings.Join(read, ", ")}}
}

// PathErrors returns the diagnostics about paths the scan was given (not
// files found under them) that do not exist or cannot be read.
func (r *Result) PathErrors() []graph.Diagnostic {
	var out []graph.Diagnostic
	for _, d := range r.Diagnostics {
		if d.Code == parser.CodePathNotFound || d.Code == parser.CodePathUnreadable {
			out = append(out, d)
		}
	}
	return out
}

// Run performs the scan. It fails when the options are invalid (a
// configuration that names unknown rules or selects none) or ctx is
// cancelled; everything else, unreadable files included, becomes
// diagnostics.
//
// Units are evaluated and checked by the unit-scoped rules one at a time
// (GOMAXPROCS at once), and only what locates their resources is kept, so
// memory follows the largest unit, not the repository. Units whose models
// may depend on each other (aws.Links) are then checked again together, and
// the organisation-scoped rules run once over what every unit kept.
// Severities, suppressions and the baseline apply last.
func Run(ctx context.Context, opts Options) (*Result, error) {
	start := time.Now()
	s, err := settle(opts)
	if err != nil {
		return nil, err
	}
	s.sources = newSources(s.roots)
	defer s.sources.close()
	s.contents = parser.NewContents(maxHandedOver)
	units, diags := parser.Discover(s.paths, parser.Options{Exclude: s.exclude,
		ReportedExclude: s.reportedExclude, ReportedExcludeSource: s.configFile, Contents: s.contents})
	if len(units) == 0 {
		diags = append(diags, nothingToScan(s.paths, diags)...)
	}
	diags = append(diags, s.diags...)
	c := newChecker(ctx, units, s)
	defer c.close()
	diags = append(diags, c.rootDiags...)
	sch := newSchedule(ctx, c, opts.Jobs)
	results := make([]*checked, len(units))
	// skipped are the units the schedule found called by others, which
	// keptUnits would leave out: they are not evaluated.
	skipped := make([]bool, len(units))
	var done atomic.Int64
	stats := make([]UnitStats, len(units))
	declared := make([][]string, len(units))
	evaluate := func(i int) {
		t0 := time.Now()
		results[i], stats[i], declared[i] = c.check([]int{i}, nil)
		stats[i].Elapsed = time.Since(t0)
	}
	progress := func() {
		if opts.Progress != nil {
			opts.Progress(int(done.Add(1)), len(units))
		}
	}
	err = sch.run(ctx, opts.Jobs, func(i int) {
		evaluate(i)
		progress()
	}, func(i int) {
		skipped[i] = true
		progress()
	})
	if err != nil {
		return nil, err
	}
	// What no loader took (a unit read through another root) is not
	// kept for the rest of the scan.
	s.contents.Clear()
	if sch.noSkip {
		// A decision depended on a call the schedule could not see
		// before evaluating: keptUnits decides from every unit.
		var late []int
		for i, s := range skipped {
			if s {
				late = append(late, i)
				skipped[i] = false
			}
		}
		if err := parallel.Do(ctx, opts.Jobs, len(late), func(k int) { evaluate(late[k]) }); err != nil {
			return nil, err
		}
	}

	graphs := make([]*graph.Graph, len(units))
	for i, r := range results {
		if !skipped[i] {
			graphs[i] = r.graph
		}
	}
	kept := keptUnits(units, graphs)
	for i := range kept {
		kept[i] = kept[i] && !skipped[i]
	}
	var keptIdx []int
	for i, k := range kept {
		if k {
			keptIdx = append(keptIdx, i)
		}
	}
	rechecks := recheckJobs(keptIdx, results)
	err = parallel.Do(ctx, opts.Jobs, len(rechecks), func(k int) {
		job := rechecks[k]
		results[job.units[0]], _, _ = c.check(job.units, job.foreign)
		for _, i := range job.units[1:] {
			results[i] = &checked{graph: &graph.Graph{}}
		}
	})
	if err != nil {
		return nil, err
	}

	if err := checkInputsDeclared(opts, units, kept, declared); err != nil {
		return nil, err
	}

	g := &graph.Graph{Diagnostics: diags}
	// Sized before they are gathered: growing the slice as units are
	// appended copied the findings (large structs) some twenty times over,
	// a tenth of this serial tail with many findings.
	total := 0
	for _, i := range keptIdx {
		total += results[i].findings.len()
	}
	var findings []rules.Finding
	if total > 0 {
		findings = make([]rules.Finding, 0, total)
	}
	passed := map[string]int{}
	var scanned []UnitStats
	for _, i := range keptIdx {
		g.Merge(results[i].graph)
		findings = c.rules.appendTo(findings, results[i].findings)
		for _, pc := range results[i].passed {
			passed[c.rules.ids[pc.rule]] += pc.n
		}
		for id, n := range results[i].passedOther {
			passed[id] += n
		}
		scanned = append(scanned, stats[i])
		// Merged: the unit's own copy can go before the next is copied.
		results[i] = nil
	}
	g.Sort()
	s.scanSuppressions(ctx, g, opts.Jobs)
	model := aws.BuildOrganization(g, c.modelOpts)
	orgFindings, orgPassed, ruleDiags := rules.RunCounting(c.orgRules, g, model)
	for id, n := range orgPassed {
		passed[id] += n
	}
	findings = append(findings, orgFindings...)
	downloaded := ""
	if s.modules != nil {
		downloaded = s.modules.Root()
	}
	for i := range findings {
		pointAtModuleCall(&findings[i], downloaded)
	}
	rules.SortFindings(findings)
	g.Diagnostics = append(g.Diagnostics, ruleDiags...)
	if s.policies != nil {
		var policyDiags []graph.Diagnostic
		findings, policyDiags = s.policies.Finish(findings)
		g.Diagnostics = append(g.Diagnostics, policyDiags...)
	}
	moduleDiags, notDownloaded, missing := unreadModuleDiagnostics(g.UnreadModules)
	g.Diagnostics = append(g.Diagnostics, moduleDiags...)
	markNotScanned(g.Diagnostics)
	graph.SortDiagnostics(g.Diagnostics)
	g.Diagnostics = dedupe(g.Diagnostics)
	fixColumns(findings, g.Diagnostics, s.sources.read)
	rules.SortFindings(findings)
	graph.SortDiagnostics(g.Diagnostics)
	res := &Result{Units: units, Base: s.base, Graph: g, Rules: s.rules, Compliance: s.compliance, FailOn: s.failOn, Findings: findings,
		Diagnostics: g.Diagnostics, Scanned: scanned, Passed: passed, Organization: model,
		ModulesNotDownloaded: notDownloaded, ModulesMissing: missing, roots: s.roots}
	s.finish(res)
	res.Elapsed = time.Since(start)
	return res, nil
}

// checkInputsDeclared refuses a --var or --parameter that no scanned
// Terraform root module or CloudFormation template declares, as Terraform
// and CloudFormation refuse it: the name is misspelt, or it was meant for
// something else. Inputs from the configuration and from files, often
// shared by many units, are not checked; nor are inputs of a format the
// scan found nothing of (a pre-commit run on one changed template).
func checkInputsDeclared(opts Options, units []parser.Unit, kept []bool, byUnit [][]string) error {
	declared := map[string]bool{}
	var tfNames, cfnNames []string
	scannedTF, scannedCFN := false, false
	for i, u := range units {
		if !kept[i] {
			continue
		}
		scannedTF = scannedTF || u.Kind == parser.TerraformModule
		scannedCFN = scannedCFN || u.Kind == parser.CloudFormationTemplate
		for _, name := range byUnit[i] {
			if !declared[name] {
				declared[name] = true
				if v, ok := strings.CutPrefix(name, "var."); ok {
					tfNames = append(tfNames, v)
				} else {
					cfnNames = append(cfnNames, name)
				}
			}
		}
	}
	sort.Strings(tfNames)
	sort.Strings(cfnNames)
	var errs []error
	check := func(given []string, flag, prefix, what string, names []string) {
		reported := map[string]bool{}
		for _, kv := range given {
			name, _, _ := strings.Cut(kv, "=")
			if name == "" || declared[prefix+name] || reported[name] {
				continue
			}
			reported[name] = true
			hint := ""
			if best, ok := spelling.Closest(name, names, func(d int) bool { return d <= max(2, len(name)/4) }); ok {
				hint = fmt.Sprintf(" (did you mean %q?)", best)
			}
			errs = append(errs, fmt.Errorf("%s %s: no %s scanned declares %q%s", flag, kv, what, name, hint))
		}
	}
	if scannedTF {
		var vars []string
		for _, in := range opts.VarInputs {
			if in.Var != "" {
				vars = append(vars, in.Var)
			}
		}
		check(vars, "--var", "var.", "Terraform root module", tfNames)
	}
	if scannedCFN {
		check(opts.Parameters, "--parameter", "", "CloudFormation template", cfnNames)
	}
	return errors.Join(errs...)
}

// recheck is a second check of units whose models depend on other units:
// units linked by name are checked together, and each gets the account
// settings of other units for its accounts.
type recheck struct {
	units   []int
	foreign []*graph.Resource
}

// recheckJobs lists the checks to repeat among the kept units.
func recheckJobs(keptIdx []int, results []*checked) []recheck {
	links := make([]aws.Links, len(keptIdx))
	byAccount := map[string][]int{} // account -> positions in keptIdx of units with settings for it
	for at, i := range keptIdx {
		if l := results[i].links; l != nil {
			links[at] = *l
		}
		for _, st := range links[at].Settings {
			byAccount[st.Account] = append(byAccount[st.Account], at)
		}
	}
	var jobs []recheck
	grouped := make([]bool, len(keptIdx))
	add := func(members []int) {
		job := recheck{}
		in := map[int]bool{}
		for _, at := range members {
			in[at] = true
			job.units = append(job.units, keptIdx[at])
		}
		seen := map[*graph.Resource]bool{}
		for _, at := range members {
			for _, account := range links[at].Accounts {
				for _, from := range byAccount[account] {
					if in[from] {
						continue
					}
					for _, st := range links[from].Settings {
						if st.Account == account && !seen[st.Resource] {
							seen[st.Resource] = true
							job.foreign = append(job.foreign, st.Resource)
						}
					}
				}
			}
		}
		if len(members) > 1 || len(job.foreign) > 0 {
			jobs = append(jobs, job)
		}
	}
	for _, group := range aws.LinkedGroups(links) {
		for _, at := range group {
			grouped[at] = true
		}
		add(group)
	}
	for at := range keptIdx {
		if !grouped[at] {
			add([]int{at})
		}
	}
	return jobs
}

// checker evaluates and checks units.
type checker struct {
	units     []parser.Unit
	s         *settings
	cache     *terraform.ModuleCache
	modelOpts aws.Options
	unitRules []*rules.Rule
	orgRules  []*rules.Rule
	// rules numbers the unit rules for what units keep; strs holds one
	// copy of the strings they keep that many repeat.
	rules ruleTable
	strs  interner
	// wd is the working directory ("" when unknown).
	wd string
	// roots are the units' scan roots, by index of unit; rootDiags say
	// which could not be opened.
	roots     []*sandbox.Root
	open      []*sandbox.Root
	rootDiags []graph.Diagnostic
	ctx       context.Context
}

// moduleOptions are the options the module directories of unit i's scan
// root are parsed with for the schedule, as loadUnit gives them to a
// Terraform unit.
func (c *checker) moduleOptions(i int) terraform.Options {
	return c.s.terraformOptions(c.ctx, c.roots[i], c.cache, c.wd)
}

func newChecker(ctx context.Context, units []parser.Unit, s *settings) *checker {
	c := &checker{units: units, s: s, cache: terraform.NewModuleCache(), ctx: ctx}
	c.wd, _ = os.Getwd()
	c.openRoots()
	c.modelOpts = aws.Options{ManagementAccountIDs: s.managementAccountIDs}
	if s.unitAccount != nil {
		c.modelOpts.UnitAccounts = map[string]aws.UnitAccount{}
		for _, u := range units {
			if ua, ok := s.unitAccount(u.Path); ok {
				c.modelOpts.UnitAccounts[u.Path] = ua
			}
		}
	}
	for _, r := range s.rules {
		if r.Scope == rules.OrganizationScope {
			c.orgRules = append(c.orgRules, r)
		} else {
			c.unitRules = append(c.unitRules, r)
		}
	}
	c.rules = newRuleTable(c.unitRules)
	return c
}

// checked is what a scan keeps of units once they are checked, until all
// are: kept small (see keptFinding).
type checked struct {
	// graph holds the units, their providers and diagnostics, the
	// organisation-scoped resources and the others without attributes.
	graph    *graph.Graph
	findings keptFindings
	// passed counts the checks that passed by unit rule; passedOther
	// those of rules c.rules does not number.
	passed      []passCount
	passedOther map[string]int
	// links are nil when the units have none.
	links *aws.Links
}

// check evaluates the units idx, checks them together with the
// unit-scoped rules, with foreign resources of other units added to their
// model, and returns what the rest of the scan needs of the units, stats
// describing the first unit, and the inputs the units declare (var.NAME of
// Terraform root modules, NAME of CloudFormation templates).
func (c *checker) check(idx []int, foreign []*graph.Resource) (out *checked, stats UnitStats, declared []string) {
	g := &graph.Graph{}
	for _, i := range idx {
		g.Merge(c.loadUnit(i))
	}
	stats = UnitStats{Path: c.units[idx[0]].Path, Kind: c.units[idx[0]].Kind, Resources: len(g.Resources), Diagnostics: len(g.Diagnostics)}
	for _, in := range g.Inputs {
		if in.Format == graph.CloudFormation && !strings.Contains(in.Name, ".") || in.Format == graph.Terraform && strings.HasPrefix(in.Name, "var.") {
			declared = append(declared, in.Name)
		}
	}
	for _, u := range g.Units {
		stats.Files += len(u.Files)
	}
	isForeign := foreignParts{resources: map[*graph.Resource]bool{}, providers: map[*graph.Provider]bool{}}
	for _, r := range foreign {
		g.Resources = append(g.Resources, r)
		isForeign.resources[r] = true
		if p := r.Provider; p != nil && !isForeign.providers[p] {
			g.Providers = append(g.Providers, p)
			isForeign.providers[p] = true
		}
	}
	defer func() {
		if v := recover(); v != nil {
			var paths []string
			for _, i := range idx {
				paths = append(paths, c.units[i].Path)
			}
			g.Diagnostics = append(g.Diagnostics, graph.Diagnostic{
				Severity: graph.Error, Code: "internal-error", Range: graph.Range{File: paths[0]},
				Message: fmt.Sprintf("internal error while checking %s (please report it): %v\n%s", strings.Join(paths, ", "), v, debug.Stack()),
			})
			kept := slim(g, isForeign, false, nil, &c.strs)
			out, declared = &checked{graph: kept}, nil
		}
	}()
	g.Sort()
	model := aws.Build(g, c.modelOpts)
	findings, passed, diags := rules.RunCounting(c.unitRules, g, model)
	// Findings about foreign resources (or in a foreign provider's
	// arguments) are their own units' to report.
	if len(foreign) > 0 {
		ownFiles := map[string]bool{}
		for _, u := range g.Units {
			for _, f := range u.Files {
				ownFiles[f] = true
			}
		}
		findings = slices.DeleteFunc(findings, func(f rules.Finding) bool {
			if r := f.Loc.Resource; r != nil {
				return isForeign.resources[r]
			}
			return f.Loc.Range.File != "" && !ownFiles[f.Loc.Range.File]
		})
	}
	links := model.Links()
	links.Settings = slices.DeleteFunc(links.Settings, func(st aws.AccountSetting) bool { return isForeign.resources[st.Resource] })
	g.Diagnostics = append(g.Diagnostics, diags...)
	kept := slim(g, isForeign, c.s.keepResources, findings, &c.strs)
	passCounts, passedOther := c.rules.keepPassed(passed)
	out = &checked{graph: kept, findings: c.rules.keep(findings, &c.strs), passed: passCounts, passedOther: passedOther}
	if len(links.Names) > 0 || len(links.Targets) > 0 || len(links.Accounts) > 0 || len(links.Settings) > 0 {
		out.links = &links
	}
	return out, stats, declared
}

// foreignParts are the resources (and their providers) of other units
// added to a unit's model.
type foreignParts struct {
	resources map[*graph.Resource]bool
	providers map[*graph.Provider]bool
}

// slim returns what the organisation-scoped rules and the reports need of
// g, leaving out foreign parts: its units, providers and diagnostics, the
// resources the organisation rules read in full (aws.OrganizationScoped),
// and, without attributes (stub), workloads (whose account those rules
// check), resources with suppressions in their Metadata and, when all is
// set, every other resource. It points findings at the stubs of their
// resources and data sources, which the kept graph then holds too.
//
// The stubs are made for exactly these resources, in one allocation:
// they are kept to the end of the scan, and stubs allocated one by one
// among the unit's garbage left the heap fragmented as it grew with the
// repository.
func slim(g *graph.Graph, foreign foreignParts, all bool, findings []rules.Finding, strs *interner) *graph.Graph {
	kept := &graph.Graph{Units: g.Units, Diagnostics: g.Diagnostics}
	for _, u := range g.Units {
		if u.Format == graph.CloudFormation {
			// Many stubs and findings name the same few paths: one
			// copy of each is kept.
			u.Path = strs.intern(u.Path)
			for i, f := range u.Files {
				u.Files[i] = strs.intern(f)
			}
		}
	}
	if len(g.UnreadModules) > 0 {
		kept.UnreadModules = make([]*graph.UnreadModule, len(g.UnreadModules))
		for i, u := range g.UnreadModules {
			kept.UnreadModules[i] = slimUnread(u)
		}
	}
	for _, p := range g.Providers {
		if !foreign.providers[p] {
			kept.Providers = append(kept.Providers, p)
		}
	}
	// stubbed holds the resources and data sources replaced by a stub,
	// and where: in kept.Resources, or kept.DataSources when data is set.
	type stubbed struct {
		r            *graph.Resource
		at           int
		data         bool
		suppressions bool
	}
	var order []stubbed
	position := map[*graph.Resource]int{} // index in order
	stubbable := make(map[*graph.Resource]bool, len(g.Resources)+len(g.DataSources))
	for _, r := range g.Resources {
		if foreign.resources[r] {
			continue
		}
		if aws.OrganizationScoped(r.Type) {
			kept.Resources = append(kept.Resources, r)
			continue
		}
		stubbable[r] = true
		suppressions := false
		for _, key := range suppressionMetadata {
			if _, ok := r.MetadataEntry(key); ok {
				suppressions = true
			}
		}
		if all || suppressions || aws.WorkloadCategory(r.Type) != "" {
			position[r] = len(order)
			order = append(order, stubbed{r: r, at: len(kept.Resources), suppressions: suppressions})
			kept.Resources = append(kept.Resources, r)
		}
	}
	data := make(map[*graph.Resource]bool, len(g.DataSources))
	for _, r := range g.DataSources {
		stubbable[r] = true
		data[r] = true
	}
	// The resources findings are about get their stub too, in the order
	// the findings name them.
	need := func(r *graph.Resource) {
		if !stubbable[r] {
			return
		}
		if _, ok := position[r]; ok {
			return
		}
		position[r] = len(order)
		if data[r] {
			order = append(order, stubbed{r: r, at: len(kept.DataSources), data: true})
			kept.DataSources = append(kept.DataSources, r)
			return
		}
		order = append(order, stubbed{r: r, at: len(kept.Resources)})
		kept.Resources = append(kept.Resources, r)
	}
	for i := range findings {
		f := &findings[i]
		need(f.Loc.Resource)
		for j := range f.Related {
			need(f.Related[j].Loc.Resource)
		}
	}
	if len(order) == 0 {
		return kept
	}
	slab := make([]graph.Resource, len(order))
	for i, st := range order {
		slab[i] = stub(st.r, strs)
		if st.suppressions {
			slab[i].Metadata = st.r.Metadata
		}
		if st.data {
			kept.DataSources[st.at] = &slab[i]
		} else {
			kept.Resources[st.at] = &slab[i]
		}
	}
	restub := func(r *graph.Resource) *graph.Resource {
		if i, ok := position[r]; ok {
			return &slab[i]
		}
		return r
	}
	for i := range findings {
		f := &findings[i]
		f.Loc.Resource = restub(f.Loc.Resource)
		for j := range f.Related {
			f.Related[j].Loc.Resource = restub(f.Related[j].Loc.Resource)
		}
	}
	return kept
}

// slimUnread is u with its arguments reduced to the references they were
// derived from, each address once: what the organisation rules ask of an
// unread call (aws.Model.UnreadReceiving with no literal name) and the
// reports need. The evaluated arguments of every call of a large
// repository were a fifth of what a scan kept across units.
func slimUnread(u *graph.UnreadModule) *graph.UnreadModule {
	s := *u
	var refs []graph.Ref
	seen := map[string]bool{}
	for _, r := range u.Args.AllRefs() {
		if !seen[r.Address] {
			seen[r.Address] = true
			refs = append(refs, graph.Ref{Address: r.Address})
		}
	}
	s.Args = graph.UnknownValue("", u.Args.Range).WithRefs(refs...)
	return &s
}

// stub is r without its attributes and metadata: what reports and
// suppressions read of a resource after its unit is checked.
// A CloudFormation stub's unit and type are shared with the other stubs
// that have them (strs): a large template has many.
func stub(r *graph.Resource, strs *interner) graph.Resource {
	s := graph.Resource{
		Format: r.Format, Unit: r.Unit, Type: r.Type, Address: r.Address,
		Range: r.Range, NameRange: r.NameRange, Exists: r.Exists, ExistsWhy: r.ExistsWhy,
		Provider: r.Provider, ProviderRef: r.ProviderRef, Calls: r.Calls,
	}
	if r.Format == graph.CloudFormation {
		s.Unit = strs.intern(r.Unit)
		s.Type = strs.intern(r.Type)
	}
	return s
}

// suppressionMetadata are the Metadata keys of CloudFormation resources
// that hold suppressions: blindspot's own, Checkov's and cfn_nag's.
var suppressionMetadata = []string{"blindspot", "checkov", "cfn_nag"}

// openRoots opens the scan root of each unit, once per directory: the
// configured root when the unit lies inside it, otherwise the path given
// that led to the unit.
func (c *checker) openRoots() {
	byDir := map[string]*sandbox.Root{}
	var global *sandbox.Root
	if c.s.root != "" {
		r, err := sandbox.Open(c.s.root)
		if err != nil {
			c.rootDiags = append(c.rootDiags, graph.Errorf(graph.Range{File: c.s.root}, "path-not-found", "cannot open the scan root: %v", err))
		} else {
			global = r
			c.open = append(c.open, r)
		}
	}
	c.roots = make([]*sandbox.Root, len(c.units))
	for i, u := range c.units {
		if global != nil {
			if _, err := global.Rel(u.Path); err == nil {
				c.roots[i] = global
				continue
			}
		}
		r := byDir[u.Root]
		if r == nil {
			var err error
			r, err = sandbox.Open(u.Root)
			if err != nil {
				c.rootDiags = append(c.rootDiags, graph.Errorf(graph.Range{File: u.Root}, "path-not-found", "cannot open %s: %v", u.Root, err))
				continue
			}
			byDir[u.Root] = r
			c.open = append(c.open, r)
		}
		c.roots[i] = r
	}
}

// close releases the roots.
func (c *checker) close() {
	for _, r := range c.open {
		r.Close()
	}
}

// loadUnit evaluates one unit, reading it through its scan root. A panic
// in a front end is a bug, but it must not lose the rest of the scan: it
// becomes an internal-error diagnostic.
func (c *checker) loadUnit(i int) (g *graph.Graph) {
	u, s, root := c.units[i], c.s, c.roots[i]
	if root == nil {
		return &graph.Graph{}
	}
	defer func() {
		if v := recover(); v != nil {
			g = &graph.Graph{Diagnostics: []graph.Diagnostic{{
				Severity: graph.Error, Code: "internal-error", Range: graph.Range{File: u.Path},
				Message: fmt.Sprintf("internal error while reading %s (please report it): %v\n%s", u.Path, v, debug.Stack()),
			}}}
		}
	}()
	switch u.Kind {
	case parser.TerraformModule:
		return terraform.LoadModule(u.Path, s.terraformOptions(c.ctx, root, c.cache, c.wd))
	case parser.TerraformPlan:
		return terraform.LoadPlan(u.Path, s.terraformOptions(c.ctx, root, nil, ""))
	case parser.CloudFormationTemplate:
		cfOpts := cloudformation.Options{Parameters: s.parameters, ParameterFiles: s.parameterFiles, Root: root,
			Context: c.ctx, Limits: s.limits, Read: s.sourceRead, Take: s.contents.Take}
		if s.unitAccount != nil {
			if ua, ok := s.unitAccount(u.Path); ok {
				cfOpts.AccountID = ua.ID
			}
			if region, ok := s.unitRegion(u.Path); ok {
				cfOpts.Region = region
			}
		}
		return cloudformation.LoadTemplate(u.Path, cfOpts)
	}
	return &graph.Graph{}
}

// keptUnits says which units a scan reports. It leaves out Terraform modules that another scanned module
// calls as a local module, and CloudFormation templates another scanned
// template uses as a nested stack: they are evaluated there, with the
// caller's arguments, and evaluating them again on their own would report
// the same code twice, with unknown inputs. A plan likewise replaces the
// configuration beside it, whose values it knows exactly. Units that only
// call each other in a cycle are all kept.
func keptUnits(units []parser.Unit, graphs []*graph.Graph) []bool {
	// A Terraform module is known by its directory, a CloudFormation
	// template by its file (a nested stack's template).
	index := map[string]int{}
	for i, u := range units {
		switch u.Kind {
		case parser.TerraformModule:
			index["tf\x00"+filepath.Clean(u.Path)] = i
		case parser.CloudFormationTemplate:
			index["cfn\x00"+filepath.Clean(u.Path)] = i
		}
	}
	calls := make([][]int, len(units))
	called := make([]bool, len(units))
	for i, u := range units {
		if graphs[i] == nil || u.Kind != parser.TerraformModule && u.Kind != parser.CloudFormationTemplate && u.Kind != parser.TerraformPlan {
			continue
		}
		seen := map[int]bool{}
		for _, gu := range graphs[i].Units {
			for _, f := range gu.Files {
				key := "tf\x00" + filepath.Clean(filepath.Dir(f))
				if u.Kind == parser.CloudFormationTemplate {
					key = "cfn\x00" + filepath.Clean(f)
				}
				j, ok := index[key]
				if ok && j != i && !seen[j] {
					seen[j] = true
					calls[i] = append(calls[i], j)
					called[j] = true
				}
			}
		}
	}
	// Modules nobody calls are roots; whatever a kept module calls is
	// evaluated inside it.
	const undecided, keep, drop = 0, 1, 2
	state := make([]int, len(units))
	var queue []int
	for i := range units {
		if !called[i] {
			state[i] = keep
			queue = append(queue, i)
		}
	}
	for len(queue) > 0 {
		i := queue[0]
		queue = queue[1:]
		for _, j := range calls[i] {
			if state[j] == undecided {
				state[j] = drop
				queue = append(queue, j)
			}
		}
	}
	kept := make([]bool, len(units))
	for i := range units {
		kept[i] = state[i] != drop
	}
	return kept
}

// notScannedCodes are the codes of warnings and notes that mean part of
// the input was not scanned: the one policy of what makes a scan
// incomplete besides errors.
var notScannedCodes = map[string]bool{
	"not-utf8":             true, // a file that is not UTF-8 text (UTF-16 included)
	"file-too-large":       true, // a file over its size limit
	"not-regular-file":     true, // a device, FIFO or socket named like code
	"symlink-outside-root": true, // a link named like code, or to a directory, out of the tree
	"outside-root":         true, // a module, template or manifest entry outside the root
	"not-read":             true, // a file the configuration names that could not be read
	"nesting-limit":        true, // a file nested too deeply to parse safely
	"evaluation-budget":    true, // a unit whose evaluation was cut short
	"foreach-not-expanded": true, // Fn::ForEach whose resources were not created
	"depth-limit":          true, // nesting beyond what evaluation follows
	"expansion-limit":      true, // instances beyond what evaluation expands
	"excluded-by-config":   true, // a file excluded by a configuration inside the tree
}

// markNotScanned marks the warnings and notes whose code means part of
// the input was not scanned.
func markNotScanned(ds []graph.Diagnostic) {
	for i := range ds {
		if notScannedCodes[ds[i].Code] && ds[i].Severity != graph.Debug {
			ds[i].Incomplete = true
		}
	}
}

// dedupe drops repeated diagnostics (sorted input): a module two roots call
// reports its problems once.
func dedupe(ds []graph.Diagnostic) []graph.Diagnostic {
	out := ds[:0]
	for i, d := range ds {
		if i > 0 && d == ds[i-1] {
			continue
		}
		out = append(out, d)
	}
	return out
}

// pointAtModuleCall moves a finding inside a downloaded module
// (.terraform/modules/..., or the module cache of --download-modules) to
// the module call in the user's code, the line they can change, and keeps
// the place in the module as a related location.
func pointAtModuleCall(f *rules.Finding, cache string) {
	if !inDownloadedModule(f.Loc.Range.File, cache) || f.Loc.Resource == nil {
		return
	}
	calls := f.Loc.Resource.Calls
	for i := len(calls) - 1; i >= 0; i-- {
		if inDownloadedModule(calls[i].Range.File, cache) {
			continue
		}
		inside := f.Loc.Range
		f.Loc.Range = calls[i].Range
		f.Related = append([]rules.Related{{Loc: graph.Loc{Resource: f.Loc.Resource, Range: inside}, Message: "in the module's source"}}, f.Related...)
		return
	}
}

func inDownloadedModule(file, cache string) bool {
	if cache != "" && filepath.IsAbs(file) && strings.HasPrefix(file, cache+string(filepath.Separator)) {
		return true
	}
	p := filepath.ToSlash(file)
	return strings.Contains(p, "/.terraform/modules/") || strings.HasPrefix(p, ".terraform/modules/")
}
