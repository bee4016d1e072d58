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
	"path/filepath"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"

	"github.com/blindspot-iac/blindspot/graph"
)

// Options are the inputs of a module's evaluation.
type Options struct {
	// Env holds the values of TF_VAR_name environment variables by name.
	// They apply first, as in Terraform: terraform.tfvars,
	// terraform.tfvars.json, *.auto.tfvars(.json) in name order and then
	// Inputs override them.
	Env map[string]string
	// Inputs are the command line's -var and -var-file values in the
	// order given; a later one overrides an earlier one.
	Inputs []Input
	// Workspace is terraform.workspace (TF_WORKSPACE); "default" when
	// empty.
	Workspace string
	// Root is the directory file() and templatefile() may read inside.
	Root string
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
	l := &loader{g: g, unit: unit, opts: opts, reported: map[string]bool{}, cache: opts.Cache}
	if l.cache == nil {
		l.cache = NewModuleCache()
	}
	l.readModulesManifest(dir)
	mod, ok := l.parseModule(dir)
	if !ok {
		return g
	}
	unit.Files = append(unit.Files, mod.files...)
	inputs := l.rootInputs(mod)
	l.evalModule(mod, "", "", nil, graph.True, "", inputs, nil, []string{l.absPath(dir)})
	return g
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
	// funcs is the function table of the unit's modules, built once.
	funcs map[string]function.Function
	// marked is set once a value of the unit is marked sensitive (a
	// sensitive variable, sensitive()); until then no value needs its
	// marks looked for, which means walking all of it.
	marked bool
	// attributes caches metaAttributes by body (see scope.attributes).
	attributes map[hcl.Body]map[string]*hcl.Attribute
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
	manifest, found, err := readManifest(dir)
	if !found {
		return
	}
	if err != nil {
		l.diag(graph.Warningf(graph.Range{File: filepath.Join(dir, ".terraform", "modules", "modules.json")}, "parse-error", "cannot read the module manifest: %v", err))
		return
	}
	l.manifest = manifest
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
		vars: map[string]named{}, locals: map[string]named{}, modules: map[string]named{},
		data: map[string]map[string]named{}, policyDocs: map[string]graph.Value{},
		providers: map[string]*graph.Provider{}, resourceTypes: map[string]bool{}, stale: staleAll,
	}
	if l.funcs == nil {
		l.funcs = functions(l.unit.Path, l.opts.Root, &l.marked)
		l.funcs["abspath"] = abspathFunc(l.rootDir())
	}
	s.funcs = l.funcs
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
