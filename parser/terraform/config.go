package terraform

import (
	"bytes"
	"errors"
	"io/fs"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclparse"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/internal/nesting"
	"github.com/blindspot-iac/blindspot/internal/sandbox"
)

// Limits on what a configuration may make the front end do.
const (
	// MaxHCLSize bounds one file in HCL's native syntax: HCL's lexer and
	// parser take about 350 bytes of memory per byte of input (850 for
	// dense brackets), so a 1 MiB file may take 900 MB while it is
	// parsed. The largest .tf file in the corpora is 76 KB.
	MaxHCLSize = 1 << 20
	// MaxJSONSize bounds one .tf.json or .tfvars.json file (about 270
	// bytes per byte while parsed).
	MaxJSONSize = 4 << 20
	// maxFileSize bounds files read by file() and its kin.
	maxFileSize = 4 << 20
	// maxManifestSize bounds .terraform/modules/modules.json.
	maxManifestSize = 4 << 20
	// maxDepth bounds nesting of values and blocks.
	maxDepth = 128
	// maxInstances bounds the instances one count or for_each expands to.
	maxInstances = 10_000
	// maxModuleDepth bounds nested module calls.
	maxModuleDepth = 16
)

// topSchema is the top level of a Terraform configuration file.
var topSchema = &hcl.BodySchema{
	Blocks: []hcl.BlockHeaderSchema{
		{Type: "variable", LabelNames: []string{"name"}},
		{Type: "locals"},
		{Type: "resource", LabelNames: []string{"type", "name"}},
		{Type: "data", LabelNames: []string{"type", "name"}},
		{Type: "module", LabelNames: []string{"name"}},
		{Type: "provider", LabelNames: []string{"name"}},
		{Type: "output", LabelNames: []string{"name"}},
		{Type: "terraform"},
		{Type: "moved"},
		{Type: "import"},
		{Type: "check", LabelNames: []string{"name"}},
		{Type: "removed"},
		{Type: "ephemeral", LabelNames: []string{"type", "name"}},
	},
}

// module is a parsed module directory.
type module struct {
	dir   string
	files []string
	// weight is the work of evaluating the module once: one value per 32
	// bytes of its source.
	weight int64
	// dotTerraform says whether the directory holds a .terraform entry,
	// where terraform init writes its module manifest.
	dotTerraform bool
	variables    []*hcl.Block
	locals       []*hcl.Attribute
	resources    []*hcl.Block
	data         []*hcl.Block
	calls        []*hcl.Block
	providers    []*hcl.Block
	outputs      []*hcl.Block

	declsOnce sync.Once
	decls     []*varDecl

	itemsOnce sync.Once
	items     []item

	callsOnce sync.Once
	callList  []ModuleCall
}

// dependentItems returns the module's locals, module calls and data
// sources with what each depends on, worked out once per parsed module.
// Callers copy the items they change.
func (m *module) dependentItems() []item {
	m.itemsOnce.Do(func() {
		for _, a := range m.locals {
			m.items = append(m.items, item{kind: "local", name: a.Name, attr: a, deps: depsOf(variables(a.Expr))})
		}
		for _, b := range m.calls {
			m.items = append(m.items, item{kind: "module", name: b.Labels[0], blk: b, deps: depsOf(bodyVariables(b.Body))})
		}
		for _, b := range m.data {
			deps := append(depsOf(bodyVariables(b.Body)), "provider."+providerRef(b.Body, b.Labels[0]))
			m.items = append(m.items, item{kind: "data", name: b.Labels[0] + "." + b.Labels[1], blk: b, deps: deps})
		}
		// Providers are configured with the module's variables, locals,
		// data sources and module outputs; data sources and module calls
		// need the providers they use.
		var defaults []string
		for i, b := range m.providers {
			local := providerLocalName(b)
			m.items = append(m.items, item{kind: "provider", name: local, blk: b, pos: i, deps: depsOf(bodyVariables(b.Body))})
			if !strings.Contains(local, ".") {
				defaults = append(defaults, "provider."+local)
			}
		}
		for i := range m.items {
			if it := &m.items[i]; it.kind == "module" {
				it.soft = append(append(it.soft, defaults...), passedProviders(it.blk.Body)...)
			}
		}
	})
	return m.items
}

// ModuleCache shares parsed module directories between module calls and
// between the units of one scan: a module called many times (for_each,
// examples calling the module they document) is parsed once. It is safe
// for concurrent use; parsed modules are never modified.
//
// Syntax trees are large, and a scan of many repositories must not hold
// all of them: a module is kept while someone holds it (Hold, Release:
// the scan holds the modules of the units it is about to evaluate, for as
// long as they may be called), and afterwards among the last
// maxIdleModules used, in case a neighbour calls it too. An evicted module
// is parsed again when it is needed.
type ModuleCache struct {
	mu   sync.Mutex
	mods map[string]*cachedModule
	// idle lists the modules nobody holds, least recently used first.
	idle []*cachedModule
}

// maxIdleModules bounds the parsed modules kept that nobody holds. The
// scan holds what its units will need, so few are used again once
// released: on the perf corpus, every file is parsed once with none kept,
// while 64 kept trees tripled the live heap.
const maxIdleModules = 8

type cachedModule struct {
	key   string
	holds int
	idle  bool

	once  sync.Once
	mod   *module
	ok    bool
	diags []graph.Diagnostic
}

// NewModuleCache returns an empty cache.
func NewModuleCache() *ModuleCache {
	return &ModuleCache{mods: map[string]*cachedModule{}}
}

// entry returns the cache entry of the module directory key, creating it;
// c.mu must be held.
func (c *ModuleCache) entry(key string) *cachedModule {
	m := c.mods[key]
	if m == nil {
		m = &cachedModule{key: key}
		c.mods[key] = m
	}
	return m
}

// touch records a use of m: an idle module becomes the most recently
// used, and the least recently used beyond the bound are dropped; c.mu
// must be held.
func (c *ModuleCache) touch(m *cachedModule) {
	if m.holds > 0 {
		return
	}
	if m.idle {
		c.idle = slices.DeleteFunc(c.idle, func(x *cachedModule) bool { return x == m })
	}
	m.idle = true
	c.idle = append(c.idle, m)
	for len(c.idle) > maxIdleModules {
		old := c.idle[0]
		c.idle = c.idle[1:]
		old.idle = false
		delete(c.mods, old.key)
	}
}

// parse parses the module in dir once, for whoever asks first: l reads it.
func (m *cachedModule) parse(l *loader, dir string) {
	m.once.Do(func() {
		p := &loader{g: &graph.Graph{}, unit: &graph.Unit{}, opts: l.opts, reported: map[string]bool{}, packages: l.packages}
		m.mod, m.ok = p.parseModuleFiles(dir)
		m.diags = p.g.Diagnostics
	})
}

// parseModule returns the parsed module in dir, from the cache when another
// call already parsed it; its parse diagnostics are reported each time. A
// directory outside the scan root is not read (whoever parsed it first).
func (l *loader) parseModule(dir string) (*module, bool) {
	if !l.inside(dir) {
		l.diag(graph.Warningf(graph.Range{File: dir}, "outside-root", "module directory %s is outside the scanned directory; it is not read", dir))
		return nil, false
	}
	key := l.identity(dir)
	l.cache.mu.Lock()
	c := l.cache.entry(key)
	l.cache.touch(c)
	l.cache.mu.Unlock()
	c.parse(l, dir)
	l.g.Diagnostics = append(l.g.Diagnostics, c.diags...)
	return c.mod, c.ok
}

// ModuleInfo is what a module directory says about the modules it calls,
// known from its files before anything is evaluated.
type ModuleInfo struct {
	// Dir is the module's directory as evaluation names it (the files of
	// a unit that calls it are in it).
	Dir string
	// Files counts the configuration files read: a call to a module
	// directory without any records nothing.
	Files int
	// Calls are the module's module blocks.
	Calls []ModuleCall
}

// Hold parses the module in dir (or finds it parsed) and keeps it in the
// cache until as many Release calls as Hold calls have been made for dir,
// and says what the module calls. opts are the options of the units that
// will evaluate it (what LoadModule is given). A directory outside opts.Root
// is neither read nor held.
func (c *ModuleCache) Hold(dir string, opts Options) ModuleInfo {
	l := &loader{opts: opts}
	if opts.Root == nil || !l.inside(dir) {
		return ModuleInfo{}
	}
	c.mu.Lock()
	m := c.entry(l.identity(dir))
	m.holds++
	if m.idle {
		c.idle = slices.DeleteFunc(c.idle, func(x *cachedModule) bool { return x == m })
		m.idle = false
	}
	c.mu.Unlock()
	m.parse(l, dir)
	if !m.ok {
		return ModuleInfo{}
	}
	return ModuleInfo{Dir: m.mod.dir, Files: len(m.mod.files), Calls: m.mod.moduleCalls()}
}

// Release gives up one Hold of dir (opts as given to Hold).
func (c *ModuleCache) Release(dir string, opts Options) {
	l := &loader{opts: opts}
	if opts.Root == nil || !l.inside(dir) {
		return
	}
	key := l.identity(dir)
	c.mu.Lock()
	defer c.mu.Unlock()
	m := c.mods[key]
	if m == nil || m.holds == 0 {
		return
	}
	m.holds--
	c.touch(m)
}

// parseModuleFiles reads every .tf and .tf.json file of dir.
func (l *loader) parseModuleFiles(dir string) (*module, bool) {
	entries, err := l.rootFor(dir).ReadDir(dir)
	if err != nil {
		l.diag(graph.Errorf(graph.Range{File: dir}, "read-error", "cannot read module directory: %v", err))
		return nil, false
	}
	m := &module{dir: dir}
	var names []string
	for _, e := range entries {
		name := e.Name()
		if name == ".terraform" {
			m.dotTerraform = true
		}
		if e.IsDir() || strings.HasPrefix(name, ".") {
			continue
		}
		if !strings.HasSuffix(name, ".tf") && !strings.HasSuffix(name, ".tf.json") {
			continue
		}
		if e.Type()&fs.ModeSymlink != 0 {
			// Said as discovery says it, so that the two are one warning.
			if _, err := l.rootFor(dir).Stat(filepath.Join(dir, name)); err != nil && !errors.Is(err, sandbox.ErrOutside) {
				path := filepath.Join(dir, name)
				l.diag(graph.Warningf(graph.Range{File: path}, "broken-symlink", "skipping %s: broken symbolic link", path))
				continue
			}
		}
		names = append(names, name)
	}
	sort.Strings(names)
	// Override files are merged into the configuration after every other
	// file is read, in name order, as Terraform does.
	var overrides []string
	for _, name := range names {
		path := filepath.Join(dir, name)
		if isOverrideFile(name) {
			overrides = append(overrides, path)
			continue
		}
		file, ok := l.parseFile(path)
		if !ok {
			continue
		}
		m.files = append(m.files, path)
		m.weight += 1 + int64(len(file.Bytes))/32
		content, _, diags := file.Body.PartialContent(topSchema)
		l.hclDiags(diags, graph.Error, "parse-error")
		for _, b := range content.Blocks {
			switch b.Type {
			case "variable":
				m.variables = append(m.variables, b)
			case "locals":
				attrs, diags := b.Body.JustAttributes()
				l.hclDiags(diags, graph.Error, "parse-error")
				m.locals = append(m.locals, sortedAttributes(attrs)...)
			case "resource":
				m.resources = append(m.resources, b)
			case "data":
				m.data = append(m.data, b)
			case "module":
				m.calls = append(m.calls, b)
			case "provider":
				m.providers = append(m.providers, b)
			case "output":
				m.outputs = append(m.outputs, b)
			}
		}
	}
	for _, path := range overrides {
		file, ok := l.parseFile(path)
		if !ok {
			continue
		}
		m.files = append(m.files, path)
		content, _, diags := file.Body.PartialContent(topSchema)
		l.hclDiags(diags, graph.Error, "parse-error")
		for _, b := range content.Blocks {
			l.override(m, b)
		}
	}
	return m, true
}

// parseFile parses one HCL or JSON file of the configuration, read through
// the scan root, reporting problems as diagnostics.
func (l *loader) parseFile(path string) (*hcl.File, bool) {
	return l.parseSource(path, false)
}

// parseSource parses one HCL or JSON file; a file the user named (a
// --var-file) may lie outside the scan root.
func (l *loader) parseSource(path string, userFile bool) (*hcl.File, bool) {
	json := strings.HasSuffix(path, ".json")
	limit := int64(MaxHCLSize)
	if json {
		limit = MaxJSONSize
	}
	var data []byte
	var err error
	if userFile {
		data, err = sandbox.ReadUserFile(path, limit)
	} else {
		root := l.rootFor(path)
		taken := false
		if l.opts.Take != nil {
			data, taken = l.opts.Take(root, path, limit)
		}
		if !taken {
			data, err = root.ReadFile(path, limit)
		}
		if err == nil && l.opts.Read != nil {
			l.opts.Read(root, path, data)
		}
	}
	var tooLarge *sandbox.TooLargeError
	switch {
	case errors.As(err, &tooLarge):
		l.diag(graph.Warningf(graph.Range{File: path}, "file-too-large", "file is larger than the %d bytes blindspot reads; it is not scanned", tooLarge.Limit))
		return nil, false
	case errors.Is(err, sandbox.ErrOutside), errors.Is(err, sandbox.ErrNotRegular):
		l.diag(graph.Warningf(graph.Range{File: path}, "not-read", "%s is not read: %s", filepath.Base(path), readError(err)))
		return nil, false
	case err != nil:
		l.diag(graph.Errorf(graph.Range{File: path}, "read-error", "cannot read: %v", err))
		return nil, false
	}
	if bytes.IndexByte(data, 0) >= 0 || !utf8.Valid(data) {
		l.diag(graph.Warningf(graph.Range{File: path, Start: graph.Pos{Line: 1, Column: 1}}, "not-utf8", "not a UTF-8 text file (binary content, or another encoding such as UTF-16); it is not scanned"))
		return nil, false
	}
	if err := checkNesting(data, json); err != nil {
		l.diag(nestingDiag(path, err))
		return nil, false
	}
	var file *hcl.File
	var diags hcl.Diagnostics
	p := hclparse.NewParser()
	if json {
		file, diags = p.ParseJSON(data, path)
	} else {
		file, diags = p.ParseHCL(data, path)
		if file != nil {
			instrumentBody(file.Body)
		}
	}
	l.hclDiags(diags, graph.Error, "parse-error")
	if file == nil || diags.HasErrors() && file.Body == nil {
		return nil, false
	}
	return file, true
}

// checkNesting runs the nesting pre-scan of HCL native or JSON syntax.
func checkNesting(data []byte, json bool) error {
	if json {
		return nesting.JSON(data, true)
	}
	return nesting.HCL(data)
}

// nestingDiag reports a file the nesting pre-scan refused.
func nestingDiag(path string, err error) graph.Diagnostic {
	r := graph.Range{File: path}
	var ne *nesting.Error
	if errors.As(err, &ne) {
		r.Start = graph.Pos{Line: ne.Line, Column: ne.Column, Byte: -1}
		r.End = graph.Pos{Line: ne.Line, Column: ne.Column + 1, Byte: -1}
		err = errors.New(ne.Msg)
	}
	return graph.Warningf(r, "nesting-limit", "not parsed: %v; the file is not scanned", err)
}

// hclDiags converts HCL diagnostics.
func (l *loader) hclDiags(diags hcl.Diagnostics, sev graph.DiagSeverity, code string) {
	for _, d := range diags {
		s := sev
		if d.Severity == hcl.DiagWarning && s < graph.Warning {
			s = graph.Warning
		}
		r := graph.Range{}
		if d.Subject != nil {
			r = toRange(*d.Subject)
		}
		msg := d.Summary
		if d.Detail != "" {
			msg += ": " + d.Detail
		}
		l.diag(graph.Diagnostic{Severity: s, Code: code, Message: msg, Range: r})
	}
}

// sortedAttributes orders attributes by position, as written.
func sortedAttributes(attrs hcl.Attributes) []*hcl.Attribute {
	out := make([]*hcl.Attribute, 0, len(attrs))
	for _, a := range attrs {
		out = append(out, a)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i].Range, out[j].Range
		if a.Filename != b.Filename {
			return a.Filename < b.Filename
		}
		return a.Start.Byte < b.Start.Byte
	})
	return out
}
