// Package scan runs blindspot's pipeline: discover the input, evaluate each
// unit with its front end, build the typed AWS model, run the rules, and
// apply suppressions and baselines. It returns everything a report needs.
package scan

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/parser"
	"github.com/blindspot-iac/blindspot/parser/cloudformation"
	"github.com/blindspot-iac/blindspot/parser/terraform"
	"github.com/blindspot-iac/blindspot/rules"
)

// Options describe one scan.
type Options struct {
	// Paths are the files and directories to scan ("." when empty).
	Paths []string
	// Exclude holds globs of paths to leave out.
	Exclude []string
	// Terraform inputs.
	Vars     []string
	VarFiles []string
	// CloudFormation inputs.
	Parameters     []string
	ParameterFiles []string
	// Accounts.
	ManagementAccountIDs []string
	// UnitAccount, when set, gives the configured account of a unit path
	// (the configuration's account mapping).
	UnitAccount func(unitPath string) (aws.UnitAccount, bool)
	// Rules to run.
	Rules []*rules.Rule
	// Jobs bounds how many units are evaluated at once; GOMAXPROCS when 0.
	Jobs int
	// Progress, when set, is called after each unit is evaluated.
	Progress func(done, total int)
}

// Result is everything a scan produced.
type Result struct {
	Units []parser.Unit
	Graph *graph.Graph
	Model *aws.Model
	// Findings holds failed and undetermined results, sorted.
	Findings []rules.Finding
	// Diagnostics holds every problem met, sorted by position.
	Diagnostics []graph.Diagnostic
}

// Run performs the scan. It fails only if ctx is cancelled; everything
// else, unreadable files included, becomes diagnostics.
func Run(ctx context.Context, opts Options) (*Result, error) {
	units, diags := parser.Discover(opts.Paths, parser.Options{Exclude: opts.Exclude})
	graphs, err := load(ctx, units, opts, terraform.NewModuleCache())
	if err != nil {
		return nil, err
	}
	g := &graph.Graph{Diagnostics: diags}
	for _, ug := range dropCalledModules(units, graphs) {
		g.Merge(ug)
	}
	g.Sort()

	modelOpts := aws.Options{ManagementAccountIDs: opts.ManagementAccountIDs}
	if opts.UnitAccount != nil {
		modelOpts.UnitAccounts = map[string]aws.UnitAccount{}
		for _, u := range units {
			if ua, ok := opts.UnitAccount(u.Path); ok {
				modelOpts.UnitAccounts[u.Path] = ua
			}
		}
	}
	model := aws.Build(g, modelOpts)
	findings, ruleDiags := rules.Run(opts.Rules, g, model)
	for i := range findings {
		pointAtModuleCall(&findings[i])
	}
	rules.SortFindings(findings)
	g.Diagnostics = append(g.Diagnostics, ruleDiags...)
	graph.SortDiagnostics(g.Diagnostics)
	g.Diagnostics = dedupe(g.Diagnostics)
	return &Result{Units: units, Graph: g, Model: model, Findings: findings, Diagnostics: g.Diagnostics}, nil
}

// load evaluates every unit, concurrently, keeping the units' order.
func load(ctx context.Context, units []parser.Unit, opts Options, cache *terraform.ModuleCache) ([]*graph.Graph, error) {
	jobs := opts.Jobs
	if jobs <= 0 {
		jobs = runtime.GOMAXPROCS(0)
	}
	out := make([]*graph.Graph, len(units))
	next := make(chan int)
	var wg sync.WaitGroup
	var done atomic.Int64
	for w := 0; w < jobs; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				out[i] = loadUnit(units[i], opts, cache)
				n := done.Add(1)
				if opts.Progress != nil {
					opts.Progress(int(n), len(units))
				}
			}
		}()
	}
	var err error
feed:
	for i := range units {
		select {
		case next <- i:
		case <-ctx.Done():
			err = ctx.Err()
			break feed
		}
	}
	close(next)
	wg.Wait()
	return out, err
}

// loadUnit evaluates one unit. A panic in a front end is a bug, but it must
// not lose the rest of the scan: it becomes an internal-error diagnostic.
func loadUnit(u parser.Unit, opts Options, cache *terraform.ModuleCache) (g *graph.Graph) {
	root := readRoot(u)
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
		return terraform.LoadModule(u.Path, terraform.Options{Vars: opts.Vars, VarFiles: opts.VarFiles, Root: root, Cache: cache})
	case parser.TerraformPlan:
		return terraform.LoadPlan(u.Path, terraform.Options{Vars: opts.Vars, VarFiles: opts.VarFiles, Root: root})
	case parser.CloudFormationTemplate:
		cfOpts := cloudformation.Options{Parameters: opts.Parameters, ParameterFiles: opts.ParameterFiles, Root: root}
		if opts.UnitAccount != nil {
			if ua, ok := opts.UnitAccount(u.Path); ok {
				cfOpts.AccountID = ua.ID
			}
		}
		return cloudformation.LoadTemplate(u.Path, cfOpts)
	}
	return &graph.Graph{}
}

// readRoot is the directory a unit's file(), templatefile() and nested
// stack templates may be read from: the working directory (the repository
// a hook or CI job runs in) when the unit lies inside it, otherwise the path
// the user gave.
func readRoot(u parser.Unit) string {
	wd, err := os.Getwd()
	if err == nil {
		if abs, err := filepath.Abs(u.Path); err == nil {
			if rel, err := filepath.Rel(wd, abs); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
				return "."
			}
		}
	}
	return u.Root
}

// dropCalledModules leaves out Terraform modules that another scanned module
// calls as a local module, and CloudFormation templates another scanned
// template uses as a nested stack: they are evaluated there, with the
// caller's arguments, and evaluating them again on their own would report
// the same code twice, with unknown inputs. A plan likewise replaces the
// configuration beside it, whose values it knows exactly. Units that only
// call each other in a cycle are all kept.
func dropCalledModules(units []parser.Unit, graphs []*graph.Graph) []*graph.Graph {
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
	var out []*graph.Graph
	for i := range units {
		if state[i] != drop {
			out = append(out, graphs[i])
		}
	}
	return out
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
// (.terraform/modules/...) to the module call in the user's code, the line
// they can change, and keeps the place in the module as a related location.
func pointAtModuleCall(f *rules.Finding) {
	if !inDownloadedModule(f.Loc.Range.File) || f.Loc.Resource == nil {
		return
	}
	calls := f.Loc.Resource.Calls
	for i := len(calls) - 1; i >= 0; i-- {
		if inDownloadedModule(calls[i].Range.File) {
			continue
		}
		inside := f.Loc.Range
		f.Loc.Range = calls[i].Range
		f.Related = append([]rules.Related{{Loc: graph.Loc{Resource: f.Loc.Resource, Range: inside}, Message: "in the module's source"}}, f.Related...)
		return
	}
}

func inDownloadedModule(file string) bool {
	p := filepath.ToSlash(file)
	return strings.Contains(p, "/.terraform/modules/") || strings.HasPrefix(p, ".terraform/modules/")
}
