// Package terraform evaluates Terraform configurations into blindspot's
// resource graph the way `terraform plan` would, up to what only the cloud
// knows: variables from defaults, tfvars and the command line, locals,
// local and downloaded modules with count and for_each, every HCL
// expression form, dynamic blocks, Terraform's functions, the IAM policy
// document data source, and provider configurations passed into modules.
// Values known only after apply stay unknown and say why; references keep
// the resource they point at, so split resources can be joined. Terraform
// plan JSON is read too.
package terraform

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/internal/budget"
	"github.com/blindspot-iac/blindspot/internal/sandbox"
)

// Options are the inputs of a module's evaluation.
type Options struct {
	// Env holds the values of TF_VAR_name environment variables by name.
	// They apply first, as in Terraform: terraform.tfvars,
	// terraform.tfvars.json, *.auto.tfvars(.json) in name order and then
	// Inputs override them.
	Env map[string]string
	// Inputs are the command line's -var and -var-file values in the
	// order given; a later one overrides an earlier one. -var-file files
	// are the user's choice and may lie outside Root.
	Inputs []Input
	// Workspace is terraform.workspace (TF_WORKSPACE); "default" when
	// empty.
	Workspace string
	// Root is the scan root: every file the configuration names (its
	// files, modules, tfvars, file() and templatefile()) is read through
	// it. When nil, a root is opened on the module directory.
	Root *sandbox.Root
	// Context, when set, cancels evaluation.
	Context context.Context
	// Limits size the unit's evaluation budget (defaults when zero).
	Limits budget.Limits
	// Cache, when set, shares parsed modules with the other units of the
	// scan.
	Cache *ModuleCache
	// WorkDir, when set, is the process's working directory: relative
	// paths are made absolute against it instead of asking the operating
	// system each time.
	WorkDir string
	// Fetcher, when set, downloads remote modules that terraform init has
	// not (--download-modules); otherwise they are not read.
	Fetcher Fetcher
	// Read, when set, is given each configuration file as it is read,
	// with the root it was read through: a scan takes what else it needs
	// of the files from it instead of reading them again. It is called
	// from every unit at once, and must not keep data.
	Read func(root *sandbox.Root, path string, data []byte)
	// Take, when set, gives the content of a configuration file read
	// already through a root on the directory of root, of at most limit
	// bytes, which is then not read again; ok is false when it has none.
	Take func(root *sandbox.Root, path string, limit int64) (data []byte, ok bool)
}

// Fetcher downloads remote modules.
type Fetcher interface {
	// FetchModule returns the directory holding the module that source
	// names (after any //subdir), at the highest version the constraint
	// allows ("" allows any). It is called concurrently, by every unit.
	// FetchModule also returns the root of the package the module is part
	// of: the module's local calls may not leave it.
	FetchModule(source, version string) (dir, pkg string, err error)
}

// Input is one value for the root module's variables given on the
// command line: a -var "name=value" (Var) or a -var-file path (File).
type Input struct {
	Var  string
	File string
}

// LoadModule evaluates the root module in dir with the modules it calls. It
// never fails: problems become diagnostics in the returned graph.
func LoadModule(dir string, opts Options) *graph.Graph {
	g := &graph.Graph{}
	unit := &graph.Unit{Path: dir, Format: graph.Terraform}
	g.Units = append(g.Units, unit)
	if opts.Root == nil {
		root, err := sandbox.Open(dir)
		if err != nil {
			g.Diagnostics = append(g.Diagnostics, graph.Errorf(graph.Range{File: dir}, "read-error", "cannot read module directory: %v", err))
			return g
		}
		defer root.Close()
		opts.Root = root
	}
	if opts.Context == nil {
		opts.Context = context.Background()
	}
	b := budget.New(opts.Context, opts.Limits)
	defer b.Stop()
	l := &loader{g: g, unit: unit, opts: opts, reported: map[string]bool{}, cache: opts.Cache, budget: b}
	if l.cache == nil {
		l.cache = NewModuleCache()
	}
	defer l.reportBudget()
	defer func() {
		for _, r := range l.packages {
			r.Close()
		}
	}()
	mod, ok := l.parseModule(dir)
	// The manifest is looked for only where the listing the module was
	// parsed from shows .terraform: a read that fails goes through the
	// whole path again to say why.
	if !ok || mod.dotTerraform {
		l.readModulesManifest(dir)
	}
	if !ok {
		return g
	}
	unit.Files = append(unit.Files, mod.files...)
	inputs := l.rootInputs(mod)
	l.evalModule(mod, "", "", nil, graph.True, "", inputs, nil, []string{l.identity(dir)})
	return g
}

// reportBudget says, once for the unit, that its evaluation was cut short.
func (l *loader) reportBudget() {
	why, at, refusals, spent := l.budget.Exhausted()
	if !spent {
		return
	}
	if at.IsZero() {
		at = graph.Range{File: l.unit.Path}
	}
	l.diag(graph.Warningf(at, "evaluation-budget", "evaluation of %s stopped: %s; %d values that needed more were left unknown, so the unit is not completely scanned",
		l.unit.Path, why, refusals))
}

// budgetOnly is a function table with the budget's functions alone, for
// expressions that may call no other (tfvars).
func (l *loader) budgetOnly() map[string]function.Function {
	fs := map[string]function.Function{}
	budgetFunctions(fs, l.budget)
	return fs
}

// trustPackage lets the unit read a module package blindspot downloaded on
// the user's request (--download-modules): it lies outside the scan root,
// in blindspot's cache, and is read through a root of its own.
func (l *loader) trustPackage(pkg string) {
	if pkg == "" || l.packages[pkg] != nil {
		return
	}
	root, err := sandbox.Open(pkg)
	if err != nil {
		return
	}
	if l.packages == nil {
		l.packages = map[string]*sandbox.Root{}
	}
	l.packages[pkg] = root
}

// functionsFor is the function table of the modules of package pkg:
// file() and its kin read through the package's own root when blindspot
// downloaded it, so that a module can read its own templates and nothing
// else outside the scan root.
func (l *loader) functionsFor(pkg string) map[string]function.Function {
	if fs := l.funcs[pkg]; fs != nil {
		return fs
	}
	root := l.opts.Root
	if r := l.packages[pkg]; pkg != "" && r != nil {
		root = r
	}
	fs := functions(l.unit.Path, root, &l.marked, l.budget)
	fs["abspath"] = abspathFunc(l.rootDir())
	if l.funcs == nil {
		l.funcs = map[string]map[string]function.Function{}
	}
	l.funcs[pkg] = fs
	return fs
}

// rootFor is the root files of dir are read through: the scan root, or
// the downloaded package holding dir.
func (l *loader) rootFor(dir string) *sandbox.Root {
	if _, err := l.opts.Root.Rel(dir); err == nil {
		return l.opts.Root
	}
	for _, r := range l.packages {
		if _, err := r.Rel(dir); err == nil {
			return r
		}
	}
	return l.opts.Root
}

// identity is what cycle detection compares for a module directory: its
// real path, symbolic links resolved.
func (l *loader) identity(dir string) string {
	if real, err := l.rootFor(dir).RealPath(dir); err == nil {
		return real
	}
	return l.absPath(dir)
}

// inside reports whether path lies inside the scan root, symbolic links
// resolved when it exists.
func (l *loader) inside(path string) bool {
	root := l.rootFor(path)
	if _, err := root.Rel(path); err != nil {
		return false
	}
	_, err := root.RealPath(path)
	return err == nil || errors.Is(err, fs.ErrNotExist)
}

// unwrap returns the innermost error of a path error.
func unwrap(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// readError describes why a file named by the configuration was not read.
func readError(err error) string {
	var tooLarge *sandbox.TooLargeError
	switch {
	case errors.Is(err, sandbox.ErrOutside):
		return "it is outside the scanned directory; blindspot does not read it"
	case errors.As(err, &tooLarge):
		return fmt.Sprintf("it is larger than the %d bytes blindspot reads", tooLarge.Limit)
	case errors.Is(err, sandbox.ErrNotRegular):
		return fmt.Sprintf("it is %v", unwrap(err))
	}
	return err.Error()
}

// loader evaluates one unit.
type loader struct {
	g        *graph.Graph
	unit     *graph.Unit
	opts     Options
	reported map[string]bool
	cache    *ModuleCache
	// manifest maps module keys ("a", "a.b") to the directories terraform
	// init downloaded them to.
	manifest map[string]string
	// funcs are the function tables of the unit's modules, built once
	// per package: "" for the user's code, read inside the scan root, and
	// each downloaded package, whose file() reads stay inside it.
	funcs map[string]map[string]function.Function
	// marked is set once a value of the unit is marked sensitive (a
	// sensitive variable, sensitive()); until then no value needs its
	// marks looked for, which means walking all of it.
	marked bool
	// attributes caches metaAttributes by body (see scope.attributes).
	attributes map[hcl.Body]map[string]*hcl.Attribute
	// budget bounds the unit's evaluation.
	budget *budget.Budget
	// packages are module packages downloaded on request, by directory,
	// each read through a root of its own.
	packages map[string]*sandbox.Root
}

// unmarked returns v without its sensitive marks.
func (s *scope) unmarked(v cty.Value) cty.Value {
	if s.l.marked {
		v, _ = v.UnmarkDeep()
	}
	return v
}

func (l *loader) diag(d graph.Diagnostic) {
	l.g.Diagnostics = append(l.g.Diagnostics, d)
}

// rootDir is the root module's directory as an absolute path: the
// directory Terraform runs in, path.cwd.
func (l *loader) rootDir() string {
	return l.absPath(l.unit.Path)
}

func (l *loader) absPath(p string) string {
	if filepath.IsAbs(p) {
		return filepath.Clean(p)
	}
	if l.opts.WorkDir != "" {
		return filepath.Join(l.opts.WorkDir, p)
	}
	abs, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	return abs
}

// readModulesManifest reads .terraform/modules/modules.json, written by
// terraform init, which says where remote modules were downloaded.
func (l *loader) readModulesManifest(dir string) {
	path := filepath.Join(dir, ".terraform", "modules", "modules.json")
	data, err := l.opts.Root.ReadFile(path, maxManifestSize)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			l.diag(graph.Warningf(graph.Range{File: path}, "read-error", "the module manifest is not read: %s", readError(err)))
		}
		return
	}
	var manifest struct {
		Modules []struct {
			Key string `json:"Key"`
			Dir string `json:"Dir"`
		} `json:"Modules"`
	}
	if err := json.Unmarshal(data, &manifest); err != nil {
		l.diag(graph.Warningf(graph.Range{File: filepath.Join(dir, ".terraform", "modules", "modules.json")}, "parse-error", "cannot read the module manifest: %v", err))
		return
	}
	l.manifest = map[string]string{}
	for _, m := range manifest.Modules {
		if m.Key == "" {
			continue
		}
		// A Dir is relative to the root module; one that leads out of the
		// scanned directory is not followed.
		moduleDir := filepath.Join(dir, filepath.FromSlash(m.Dir))
		if filepath.IsAbs(m.Dir) || !l.inside(moduleDir) {
			l.diag(graph.Warningf(graph.Range{File: path}, "outside-root",
				"module %s: its directory %s in the module manifest is outside the scanned directory; it is not read", m.Key, m.Dir))
			continue
		}
		l.manifest[m.Key] = moduleDir
	}
}

// moduleInput is a value given to a module variable from outside.
type moduleInput struct {
	val    cty.Value
	gv     graph.Value
	source graph.Range
	from   string
}

// evalModule evaluates one module instance; pkg is the root of the
// downloaded package it belongs to ("" for the user's own code).
func (l *loader) evalModule(mod *module, pkg, prefix string, calls []graph.Call, exists graph.Tri, existsWhy string,
	inputs map[string]moduleInput, providers map[string]*graph.Provider, stack []string) *scope {
	s := &scope{
		l: l, mod: mod, pkg: pkg, prefix: prefix, calls: calls, exists: exists, existsWhy: existsWhy,
		// Sized for what the module declares: a named value is large, and
		// growing the maps copied them for every instance of every module.
		vars: make(map[string]named, len(mod.variables)), locals: make(map[string]named, len(mod.locals)),
		modules: make(map[string]named, len(mod.calls)),
		data:    map[string]map[string]named{}, policyDocs: map[string]graph.Value{}, policyLookups: map[string]string{},
		providers: make(map[string]*graph.Provider, len(providers)), resourceTypes: make(map[string]bool, len(mod.resources)),
		stale: staleAll,
	}
	s.funcs = l.functionsFor(pkg)
	for _, b := range mod.resources {
		s.resourceTypes[b.Labels[0]] = true
	}
	for k, p := range providers {
		s.providers[k] = p
	}
	s.readVariables(inputs)
	s.declareProviders()
	first := len(l.g.Providers)
	s.resolveDependencies(stack)
	s.recordProviders(first)
	s.shapeResources()
	for _, b := range mod.resources {
		s.resources(b)
	}
	return s
}
