// Package cloudformation evaluates AWS CloudFormation templates (YAML with
// every short-form tag, and JSON) into blindspot's resource graph, the way
// CloudFormation would with the given parameters: parameters and pseudo
// parameters, mappings, conditions in three-valued logic, intrinsic
// functions, SAM globals and local nested stacks. Positions come from
// go.yaml.in/yaml/v3 nodes, so every value points at its line and column.
package cloudformation

import (
	"context"
	"errors"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/internal/budget"
	"github.com/blindspot-iac/blindspot/internal/sandbox"
	"github.com/blindspot-iac/blindspot/internal/spelling"
)

// Options are the inputs of a template's evaluation.
type Options struct {
	// Parameters are "Key=Value" pairs from the command line; they override
	// parameter files and defaults.
	Parameters []string
	// ParameterFiles are read in order; later files override earlier ones.
	// They are the user's choice and may lie outside Root.
	ParameterFiles []string
	// Root is the scan root the template and its nested stacks are read
	// through. When nil, a root is opened on the template's directory.
	Root *sandbox.Root
	// Context, when set, cancels evaluation.
	Context context.Context
	// Limits size the unit's evaluation budget (defaults when zero).
	Limits budget.Limits
	// AccountID and Region are the deployment target when known.
	AccountID string
	Region    string
	// Read, when set, is given each template as it is read (nested ones
	// too), with the root it was read through: a scan takes what else it
	// needs of the files from it instead of reading them again. It is
	// called from every unit at once, and must not keep data.
	Read func(root *sandbox.Root, path string, data []byte)
	// Take, when set, gives the content of a template read already (by
	// discovery) through a root on the directory of root, of at most
	// limit bytes, which is then not read again; ok is false when it has
	// none.
	Take func(root *sandbox.Root, path string, limit int64) (data []byte, ok bool)
}

// maxNesting bounds nested stacks within nested stacks.
const maxNesting = 8

// samTransform is the transform that marks a SAM template.
const samTransform = "AWS::Serverless-2016-10-31"

// LoadTemplate evaluates the template at path. It never fails: unreadable
// or invalid input becomes diagnostics in the returned graph.
func LoadTemplate(path string, opts Options) *graph.Graph {
	g := &graph.Graph{}
	unit := &graph.Unit{Path: path, Format: graph.CloudFormation}
	g.Units = append(g.Units, unit)
	if opts.Root == nil {
		root, err := sandbox.Open(filepath.Dir(path))
		if err != nil {
			g.Diagnostics = append(g.Diagnostics, graph.Errorf(graph.Range{File: path}, "read-error", "cannot read template: %v", err))
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
	params, diags := commandLineParameters(opts)
	g.Diagnostics = append(g.Diagnostics, diags...)
	l := &loader{g: g, unit: unit, opts: opts, budget: b}
	l.load(path, "", nil, params)
	if why, at, refusals, spent := b.Exhausted(); spent {
		if at.IsZero() {
			at = graph.Range{File: path}
		}
		g.Diagnostics = append(g.Diagnostics, graph.Warningf(at, "evaluation-budget",
			"evaluation of %s stopped: %s; %d values that needed more were left unknown, so the template is not completely scanned", path, why, refusals))
	}
	return g
}

// loader evaluates a template and its nested stacks into one graph.
type loader struct {
	g    *graph.Graph
	unit *graph.Unit
	opts Options
	// visiting holds the templates being loaded, outermost first: a
	// nested stack among them is a cycle.
	visiting []string
	// realPaths remembers the real path of each template met (see
	// realPath).
	realPaths map[string]string
	budget    *budget.Budget
}

// cyclic reports whether the template at path is one being loaded. A
// template reached again through a symbolic link is the same template:
// cycles are found on real paths, looked up only when there is a template
// to compare with (most templates nest none).
func (l *loader) cyclic(path string) bool {
	if len(l.visiting) == 0 {
		return false
	}
	real := l.realPath(path)
	for _, v := range l.visiting {
		if l.realPath(v) == real {
			return true
		}
	}
	return false
}

// realPath is the absolute path path resolves to inside the root, its
// absolute path when it does not resolve, remembered.
func (l *loader) realPath(path string) string {
	if real, ok := l.realPaths[path]; ok {
		return real
	}
	real, err := l.opts.Root.RealPath(path)
	if err != nil {
		real = l.opts.Root.Abs(path)
	}
	if l.realPaths == nil {
		l.realPaths = map[string]string{}
	}
	l.realPaths[path] = real
	return real
}

// supplied is a parameter value given from outside the template.
type supplied struct {
	value graph.Value
	// from describes where it came from, for messages.
	from string
}

// load evaluates the template at path and the nested stacks it creates,
// adding them to the graph. It returns the template, nil when it could
// not be read.
func (l *loader) load(path, prefix string, calls []graph.Call, given map[string]supplied) *template {
	if l.cyclic(path) || len(calls) > maxNesting {
		r := graph.Range{File: path}
		if len(calls) > 0 {
			r = calls[len(calls)-1].Range
		}
		l.g.Diagnostics = append(l.g.Diagnostics, graph.Warningf(r, "nesting-limit", "nested stack %s is not evaluated: nesting too deep or cyclic", path))
		return nil
	}
	l.visiting = append(l.visiting, path)
	defer func() { l.visiting = l.visiting[:len(l.visiting)-1] }()

	data, err := l.read(path)
	if err != nil {
		l.g.Diagnostics = append(l.g.Diagnostics, readDiag(path, err))
		return nil
	}
	if l.opts.Read != nil {
		l.opts.Read(l.opts.Root, path, data)
	}
	l.unit.Files = append(l.unit.Files, path)
	root, diags := parseDocument(path, data)
	l.g.Diagnostics = append(l.g.Diagnostics, diags...)
	if root == nil {
		return nil
	}
	if n, deep := tooDeep(root); deep {
		l.g.Diagnostics = append(l.g.Diagnostics, graph.Errorf(pos(path, n), "depth-limit", "template nests deeper than %d levels; it is not evaluated", maxDepth))
		return nil
	}
	// A template, nested ones included, costs what evaluating its nodes
	// does: a DAG of nested stacks multiplies them.
	if len(calls) > 0 && !l.budget.Values(int64(countNodes(root, 0)), graph.Range{File: path}) {
		return nil
	}
	l.g.Diagnostics = append(l.g.Diagnostics, duplicateKeys(path, root)...)
	t := newTemplate(path, root, prefix, l.opts)
	t.budget = l.budget
	t.loader, t.calls = l, calls
	t.readParameters(given)
	t.readTransforms()
	t.expandForEach()
	for _, p := range t.paramOrder {
		l.g.Inputs = append(l.g.Inputs, t.input(p, l.unit.Path))
	}
	for _, name := range t.resourceOrder {
		if strings.HasPrefix(name, "Fn::ForEach::") {
			e := t.resources[name]
			l.g.Diagnostics = append(l.g.Diagnostics, graph.Notef(nodeRange(path, e.key), "foreach-not-expanded",
				"%s loops over a collection that is not known before deployment; the resources it creates are not scanned", name))
			continue
		}
		l.evaluate(t, name)
	}
	l.flush(t)
	return t
}

// read reads the template at path through the root, unless it was read
// already (Options.Take).
func (l *loader) read(path string) ([]byte, error) {
	if l.opts.Take != nil {
		if data, ok := l.opts.Take(l.opts.Root, path, maxFileSize); ok {
			return data, nil
		}
	}
	return l.opts.Root.ReadFile(path, maxFileSize)
}

// evaluate evaluates resource name of t, and the nested stack it creates,
// unless that is done already: a resource reading a nested stack's outputs
// has it evaluated first, whatever the order of the template.
func (l *loader) evaluate(t *template, name string) {
	if t.progress[name] != notStarted {
		return
	}
	t.progress[name] = evaluating
	r, nested := t.resource(name, l.unit.Path, t.calls)
	if r == nil {
		t.progress[name] = absent
		return
	}
	t.progress[name] = evaluated
	l.g.Resources = append(l.g.Resources, r)
	if nested != nil {
		if child := l.nested(t, r, *nested, t.calls); child != nil {
			t.stacks[name] = child
		}
	}
}

// flush moves the diagnostics t has collected since the last flush to the
// graph.
func (l *loader) flush(t *template) {
	l.g.Diagnostics = append(l.g.Diagnostics, t.diags[t.flushed:]...)
	t.flushed = len(t.diags)
}

// nested evaluates a nested stack whose template is a local file and
// returns the child template (nil when it is not read).
func (l *loader) nested(t *template, r *graph.Resource, n nestedStack, calls []graph.Call) *template {
	loc := strings.TrimSpace(n.location)
	if strings.Contains(loc, "://") || strings.HasPrefix(loc, "s3:") {
		l.g.Diagnostics = append(l.g.Diagnostics, graph.Notef(r.NameRange, "remote-template-not-read",
			"nested stack %s uses the remote template %s, which blindspot does not download", r.Address, loc))
		return nil
	}
	child := filepath.Join(filepath.Dir(t.file), filepath.FromSlash(loc))
	if filepath.IsAbs(loc) || !l.opts.Root.Contains(child) && !errors.Is(statErr(l.opts.Root, child), fs.ErrNotExist) {
		l.g.Diagnostics = append(l.g.Diagnostics, graph.Warningf(r.NameRange, "outside-root",
			"nested stack template %s lies outside the scanned directory; it is not read", loc))
		return nil
	}
	if _, err := l.opts.Root.Stat(child); err != nil {
		l.g.Diagnostics = append(l.g.Diagnostics, graph.Warningf(r.NameRange, "nested-template-not-found",
			"nested stack %s uses the template %s, which does not exist; its resources are not scanned", r.Address, loc))
		return nil
	}
	if !l.budget.Instances(1, r.NameRange) {
		return nil
	}
	given := map[string]supplied{}
	for _, f := range n.params.Fields() {
		given[f.Key] = supplied{value: f.Value, from: "the parent stack's Parameters"}
	}
	childCalls := append(append([]graph.Call{}, calls...), graph.Call{Address: r.Address, Range: r.NameRange})
	ct := l.load(child, r.Address+".", childCalls, given)
	// A nested stack that may not exist passes the doubt to what it creates.
	if r.Exists != graph.True {
		for _, cr := range l.g.Resources {
			if strings.HasPrefix(cr.Address, r.Address+".") && cr.Exists == graph.True {
				cr.Exists, cr.ExistsWhy = r.Exists, r.ExistsWhy
			}
		}
	}
	return ct
}

// statErr is the error of looking up path in root.
func statErr(root *sandbox.Root, path string) error {
	_, err := root.Stat(path)
	return err
}

// readDiag reports a template that could not be read.
func readDiag(path string, err error) graph.Diagnostic {
	var pe *fs.PathError
	inner := err
	if errors.As(err, &pe) {
		inner = pe.Err
	}
	var tooLarge *sandbox.TooLargeError
	switch {
	case errors.As(err, &tooLarge):
		return graph.Warningf(graph.Range{File: path}, "file-too-large", "template is larger than the %d bytes blindspot reads; it is not scanned", tooLarge.Limit)
	case errors.Is(err, sandbox.ErrOutside):
		return graph.Warningf(graph.Range{File: path}, "outside-root", "template %s is outside the scanned directory; it is not read", path)
	case errors.Is(err, sandbox.ErrNotRegular):
		return graph.Warningf(graph.Range{File: path}, "not-read", "template %s is not read: it is %v", path, inner)
	}
	return graph.Errorf(graph.Range{File: path}, "read-error", "cannot read template: %v", inner)
}

// template is one template being evaluated.
type template struct {
	file   string
	root   *yaml.Node
	prefix string
	opts   Options

	params     map[string]*param
	paramOrder []string
	mappings   *yaml.Node
	condNodes  map[string]*yaml.Node
	conds      map[string]*condState
	resources  map[string]mappingEntry
	// resourceOrder keeps the template's order.
	resourceOrder []string
	globals       *yaml.Node
	sam           bool

	// loader evaluates nested stacks; calls is the nested stack chain
	// leading to this template.
	loader *loader
	calls  []graph.Call
	// progress records which resources are evaluated; stacks holds the
	// templates of the local nested stacks, by logical ID.
	progress map[string]progress
	stacks   map[string]*template
	// outputs holds the Outputs already read by a parent stack.
	outputs map[string]graph.Value

	diags []graph.Diagnostic
	// flushed counts the diagnostics already moved to the graph.
	flushed  int
	reported map[string]bool
	// budget bounds the evaluation of the unit; aliased is how deep
	// evaluation is inside YAML aliases, whose expansion it charges.
	budget     *budget.Budget
	aliased    int
	aliasNodes int64
}

func newTemplate(file string, root *yaml.Node, prefix string, opts Options) *template {
	t := &template{
		file: file, root: root, prefix: prefix, opts: opts,
		params: map[string]*param{}, condNodes: map[string]*yaml.Node{}, conds: map[string]*condState{},
		resources: map[string]mappingEntry{}, reported: map[string]bool{},
		progress: map[string]progress{}, stacks: map[string]*template{}, outputs: map[string]graph.Value{},
	}
	_, t.mappings = lookup(root, "Mappings")
	_, t.globals = lookup(root, "Globals")
	for _, e := range entries(lookupValue(root, "Conditions")) {
		t.condNodes[e.key.Value] = e.value
	}
	rk, resources := lookup(root, "Resources")
	if resources == nil {
		t.diags = append(t.diags, graph.Errorf(graph.Range{File: file, Start: graph.Pos{Line: 1, Column: 1}, End: graph.Pos{Line: 1, Column: 2}},
			"missing-resources", "template has no Resources section"))
	} else if deref(resources).Kind != yaml.MappingNode {
		t.diags = append(t.diags, graph.Errorf(nodeRange(file, rk), "invalid-template", "Resources must be a mapping of logical IDs to resources"))
	}
	for _, e := range entries(resources) {
		if _, dup := t.resources[e.key.Value]; dup {
			continue
		}
		t.resources[e.key.Value] = e
		t.resourceOrder = append(t.resourceOrder, e.key.Value)
	}
	return t
}

func lookupValue(n *yaml.Node, key string) *yaml.Node {
	_, v := lookup(n, key)
	return v
}

// readTransforms notes SAM and any other transform or macro.
func (t *template) readTransforms() {
	k, v := lookup(t.root, "Transform")
	if v == nil {
		return
	}
	var names []*yaml.Node
	switch v = deref(v); v.Kind {
	case yaml.ScalarNode:
		names = []*yaml.Node{v}
	case yaml.SequenceNode:
		names = v.Content
	case yaml.MappingNode:
		names = []*yaml.Node{lookupValue(v, "Name")}
	}
	for _, n := range names {
		if n == nil {
			continue
		}
		switch n.Value {
		case samTransform:
			t.sam = true
		case "AWS::LanguageExtensions":
		default:
			t.diags = append(t.diags, graph.Notef(nodeRange(t.file, k), "macro",
				"template uses the transform %s; blindspot scans the template as written and does not see the macro's output", n.Value))
		}
	}
}

// nestedStack is what a nested stack resource passes to its child.
type nestedStack struct {
	location string
	params   graph.Value
}

// resource evaluates one resource; nil when its condition is false or it is
// invalid. nested is set for a nested stack with a known local template.
func (t *template) resource(name, unit string, calls []graph.Call) (*graph.Resource, *nestedStack) {
	e := t.resources[name]
	body := deref(e.value)
	header := nodeRange(t.file, e.key)
	if body == nil || body.Kind != yaml.MappingNode {
		t.diags = append(t.diags, graph.Errorf(header, "invalid-template", "resource %s must be a mapping with a Type", name))
		return nil, nil
	}
	_, typeNode := lookup(body, "Type")
	if typeNode == nil || deref(typeNode).Kind != yaml.ScalarNode || deref(typeNode).Value == "" {
		t.diags = append(t.diags, graph.Errorf(header, "invalid-template", "resource %s has no Type", name))
		return nil, nil
	}
	typ := deref(typeNode).Value
	t.checkCatalogue(typ, deref(typeNode), body)
	r := &graph.Resource{
		Format: graph.CloudFormation, Unit: unit, Type: typ, Address: t.prefix + name,
		Range: spanRange(t.file, e.key, e.value), NameRange: header, Exists: graph.True,
		Calls: calls,
	}
	if ck, cn := lookup(body, "Condition"); cn != nil {
		cond, why := t.condition(deref(cn).Value, nodeRange(t.file, ck))
		switch cond {
		case graph.False:
			return nil, nil
		case graph.Unknown:
			r.Exists, r.ExistsWhy = graph.Unknown, why
		}
	}
	if _, md := lookup(body, "Metadata"); md != nil {
		if v, ok := t.eval(md, 1); ok {
			r.Metadata = &v
		}
	}
	_, props := lookup(body, "Properties")
	var attrs graph.Value
	if props != nil {
		v, ok := t.eval(props, 1)
		if !ok {
			v = graph.Object(nil, header)
		}
		attrs = t.withOrigins(props, v)
	} else {
		attrs = graph.Object(nil, header)
	}
	if t.sam {
		attrs = t.applyGlobals(typ, attrs)
	}
	r.Attrs = &attrs
	var nested *nestedStack
	switch typ {
	case "AWS::CloudFormation::Stack", "AWS::Serverless::Application":
		key := "TemplateURL"
		if typ == "AWS::Serverless::Application" {
			key = "Location"
		}
		loc, _ := r.Attrs.Get(key)
		if s, ok := loc.AsString(); ok && s != "" {
			params, _ := r.Attrs.Get("Parameters")
			nested = &nestedStack{location: s, params: params}
		}
	}
	return r, nested
}

// expandForEach expands Fn::ForEach loops of the Resources section
// (AWS::LanguageExtensions) whose collection is known, as CloudFormation
// does at deployment: one copy of the output resources per item, with
// ${Identifier} and &{Identifier} replaced in keys and values and
// Ref: Identifier replaced by the item. Loops over an unknown collection
// stay unexpanded and are reported.
func (t *template) expandForEach() {
	var order []string
	for _, name := range t.resourceOrder {
		if !strings.HasPrefix(name, "Fn::ForEach::") {
			order = append(order, name)
			continue
		}
		expanded, ok := t.forEach(t.resources[name], 0)
		if !ok {
			order = append(order, name)
			continue
		}
		delete(t.resources, name)
		for _, e := range expanded {
			if _, dup := t.resources[e.key.Value]; dup {
				t.diags = append(t.diags, graph.Errorf(nodeRange(t.file, e.key), "duplicate-key", "Fn::ForEach creates %s twice", e.key.Value))
				continue
			}
			t.resources[e.key.Value] = e
			order = append(order, e.key.Value)
		}
	}
	t.resourceOrder = order
}

// forEach expands one loop; nested loops in its output are expanded too.
func (t *template) forEach(e mappingEntry, depth int) ([]mappingEntry, bool) {
	args := deref(e.value)
	if depth > 8 || args == nil || args.Kind != yaml.SequenceNode || len(args.Content) != 3 {
		return nil, false
	}
	id := deref(args.Content[0]).Value
	coll, _ := t.eval(args.Content[1], 1)
	var items []string
	for _, v := range coll.Elems() {
		s, ok := v.AsString()
		if !ok {
			return nil, false
		}
		items = append(items, s)
	}
	if coll.Kind() != graph.KindList {
		return nil, false
	}
	// Each item copies the loop's body.
	if !t.budget.Values(int64(len(items))*int64(countNodes(args.Content[2], 0)), nodeRange(t.file, e.key)) {
		t.diags = append(t.diags, graph.Warningf(nodeRange(t.file, e.key), "foreach-not-expanded",
			"%s is not expanded: %s; the resources it creates are not scanned", e.key.Value, budget.Reason("the expansion")))
		return nil, true
	}
	var out []mappingEntry
	for _, item := range items {
		for _, oe := range entries(args.Content[2]) {
			key := substituteNode(oe.key, id, item)
			val := substituteNode(oe.value, id, item)
			if strings.HasPrefix(key.Value, "Fn::ForEach::") {
				inner, ok := t.forEach(mappingEntry{key: key, value: val}, depth+1)
				if !ok {
					return nil, false
				}
				out = append(out, inner...)
				continue
			}
			out = append(out, mappingEntry{key: key, value: val})
		}
	}
	return out, true
}

// countNodes counts the nodes of a YAML tree (aliases counted once).
func countNodes(n *yaml.Node, depth int) int {
	if n == nil || depth > maxDepth {
		return 1
	}
	total := 1
	for _, c := range n.Content {
		total += countNodes(c, depth+1)
	}
	return total
}

// substituteNode copies a node replacing a loop identifier by an item.
func substituteNode(n *yaml.Node, id, item string) *yaml.Node {
	if n == nil {
		return nil
	}
	c := *n
	if name, arg, ok := intrinsic(n); ok && name == "Ref" && deref(arg) != nil && deref(arg).Value == id {
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: item, Line: n.Line, Column: n.Column}
	}
	if c.Kind == yaml.ScalarNode {
		c.Value = strings.ReplaceAll(c.Value, "${"+id+"}", item)
		c.Value = strings.ReplaceAll(c.Value, "&{"+id+"}", alphanumeric(item))
		return &c
	}
	if len(n.Content) > 0 {
		c.Content = make([]*yaml.Node, len(n.Content))
		for i, child := range n.Content {
			c.Content[i] = substituteNode(child, id, item)
		}
	}
	return &c
}

// alphanumeric keeps the letters and digits of s, as &{Identifier} does.
func alphanumeric(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// checkCatalogue warns about a resource type CloudFormation does not know
// and about properties its type does not have: a misspelled
// VersioningConfiguraton would otherwise silently pass every check.
func (t *template) checkCatalogue(typ string, typeNode, body *yaml.Node) {
	if !strings.HasPrefix(typ, "AWS::") {
		return
	}
	// The catalogue is as recent as the specification release it was
	// generated from (catalogueSource), so a name it lacks may be newer
	// than it: a warning only when a known name is a likely typo, a note
	// otherwise. Either way the property is evaluated like any other.
	props, ok := resourceProperties[typ]
	if !ok {
		hint := suggest(typ, catalogueTypes(typ), 2)
		d := graph.Warningf(nodeRange(t.file, typeNode), "unknown-resource-type", "%s is not a CloudFormation resource type%s", typ, hint)
		if hint == "" {
			d = graph.Notef(nodeRange(t.file, typeNode), "unknown-resource-type",
				"%s is not in blindspot's resource catalogue (%s); if it is a new type, its properties are not checked", typ, catalogueSource)
		}
		t.diags = append(t.diags, d)
		return
	}
	if props == "*" {
		return
	}
	known := " " + props + " "
	for _, e := range entries(lookupValue(body, "Properties")) {
		name := e.key.Value
		if strings.Contains(known, " "+name+" ") {
			continue
		}
		hint := suggest(name, strings.Fields(props), 3)
		d := graph.Warningf(nodeRange(t.file, e.key), "unknown-property",
			"%s has no property %s%s; CloudFormation rejects it and this scan ignores it", typ, name, hint)
		if hint == "" {
			d = graph.Notef(nodeRange(t.file, e.key), "unknown-property",
				"%s has no property %s in blindspot's resource catalogue (%s); if it is new, it is not checked", typ, name, catalogueSource)
		}
		t.diags = append(t.diags, d)
	}
}

// catalogueTypes lists the known types of the same service, for
// suggestions.
func catalogueTypes(typ string) []string {
	parts := strings.Split(typ, "::")
	if len(parts) < 2 {
		return nil
	}
	prefix := parts[0] + "::" + parts[1] + "::"
	var out []string
	for name := range resourceProperties {
		if strings.HasPrefix(name, prefix) {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

// suggest names the closest candidate when it is close enough to be a
// typing mistake.
func suggest(name string, candidates []string, maxDist int) string {
	best, ok := spelling.Closest(name, candidates, func(d int) bool { return d <= maxDist && 2*d < len(name) })
	if !ok {
		return ""
	}
	return " (did you mean " + best + "?)"
}

// samGlobalSections maps SAM resource types to their Globals section.
var samGlobalSections = map[string]string{
	"AWS::Serverless::Function":     "Function",
	"AWS::Serverless::Api":          "Api",
	"AWS::Serverless::HttpApi":      "HttpApi",
	"AWS::Serverless::SimpleTable":  "SimpleTable",
	"AWS::Serverless::StateMachine": "StateMachine",
	"AWS::Serverless::LayerVersion": "LayerVersion",
}

// applyGlobals merges the SAM Globals section of the resource's type into
// its properties: the resource's own values win, mappings merge, and lists
// are added to, as SAM does.
func (t *template) applyGlobals(typ string, props graph.Value) graph.Value {
	section, ok := samGlobalSections[typ]
	if !ok || t.globals == nil {
		return props
	}
	_, g := lookup(t.globals, section)
	if g == nil {
		return props
	}
	gv, ok := t.eval(g, 1)
	if !ok || gv.Kind() != graph.KindObject || props.Kind() != graph.KindObject {
		return props
	}
	return mergeGlobals(gv, props)
}

func mergeGlobals(global, own graph.Value) graph.Value {
	if global.Kind() == graph.KindObject && own.Kind() == graph.KindObject {
		fields := append([]graph.Field{}, own.Fields()...)
		for _, gf := range global.Fields() {
			found := false
			for i, f := range fields {
				if f.Key == gf.Key {
					fields[i].Value = mergeGlobals(gf.Value, f.Value)
					found = true
					break
				}
			}
			if !found {
				fields = append(fields, gf)
			}
		}
		return graph.Object(fields, own.Range)
	}
	if global.Kind() == graph.KindList && own.Kind() == graph.KindList {
		return graph.List(append(append([]graph.Value{}, global.Elems()...), own.Elems()...), own.Range)
	}
	return own
}
