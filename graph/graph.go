package graph

import (
	"sort"
)

// Format is the source language a resource came from.
type Format uint8

// The formats blindspot reads.
const (
	Terraform Format = iota + 1
	CloudFormation
	TerraformPlan
)

// String names the format as users do.
func (f Format) String() string {
	switch f {
	case Terraform:
		return "terraform"
	case CloudFormation:
		return "cloudformation"
	case TerraformPlan:
		return "terraform-plan"
	}
	return "unknown"
}

// Unit is one independently evaluated piece of input: a Terraform root
// module (with the modules it calls), a CloudFormation template (with its
// nested stacks) or a Terraform plan file.
type Unit struct {
	// Path is the root module directory or the template or plan file.
	Path   string
	Format Format
	// Files lists every file read while evaluating the unit.
	Files []string
}

// Call is one step of a module call chain: a Terraform module block
// (module.logs) or a CloudFormation nested stack resource.
type Call struct {
	Address string
	Range   Range
}

// Provider is a Terraform provider configuration.
type Provider struct {
	Unit string
	// Name is the local provider name ("aws").
	Name string
	// Alias is empty for the default configuration.
	Alias string
	// Address is how resources name it: "aws" or "aws.security". For a
	// configuration declared inside a module, the module path prefixes it
	// ("module.org.aws.member").
	Address string
	Attrs   Value
	Range   Range
}

// Input is a Terraform variable or a CloudFormation parameter with the value
// the scan used for it.
type Input struct {
	Unit   string
	Format Format
	Name   string
	// Default is the declared default; HasDefault is false when none is
	// declared.
	Default    Value
	HasDefault bool
	// Value is what the scan evaluated with (command line, tfvars, parameter
	// file, default, or unknown).
	Value     Value
	Sensitive bool
	Range     Range
}

// Resource is one managed resource instance after evaluation. Terraform
// count/for_each instances are separate resources named by their key; a
// CloudFormation resource whose Condition is false is absent.
type Resource struct {
	Format Format
	// Unit is the Unit.Path the resource was evaluated in; Refs in its
	// values resolve against addresses in the same unit.
	Unit string
	// Type is the native type: aws_s3_bucket, AWS::S3::Bucket.
	Type string
	// Address is unique within the unit: module.logs.aws_s3_bucket.this["a"],
	// MyBucket, NestedStack.MyBucket.
	Address string
	// Attrs holds the evaluated arguments and nested blocks (Terraform; a
	// block is a list of objects under its type name) or the Properties
	// (CloudFormation). It is always an object or unknown; nil in the
	// stub a scan keeps of a resource once its unit is checked (a pointer
	// so that stubs, kept to the end, do not carry an empty value).
	// Attributes reads it either way.
	Attrs *Value
	// Metadata is the CloudFormation Metadata attribute; nil when the
	// resource has none (always for Terraform). A pointer: few resources
	// have one, and a scan keeps a stub of many resources to its end.
	Metadata *Value
	// Range covers the whole resource; NameRange is the header (the
	// `resource "t" "n"` line, the logical ID) where findings about a missing
	// attribute point.
	Range     Range
	NameRange Range
	// Exists is True, or Unknown when count, for_each or a CloudFormation
	// Condition could not be evaluated; ExistsWhy says why.
	Exists    Tri
	ExistsWhy string
	// Provider is the Terraform provider configuration the resource uses,
	// after module provider passing; nil when none is configured or for
	// CloudFormation.
	Provider *Provider
	// ProviderRef is the provider address the resource asked for ("aws",
	// "aws.member") even when no configuration block exists.
	ProviderRef string
	// Calls is the module (or nested stack) call chain, outermost first.
	Calls []Call
}

// MetadataEntry returns an entry of the resource's Metadata; ok is false
// when the resource has no Metadata or no such entry.
func (r *Resource) MetadataEntry(key string) (Value, bool) {
	if r.Metadata == nil {
		return Value{}, false
	}
	return r.Metadata.Get(key)
}

// Attributes returns r.Attrs, or an unknown value without a reason when
// it is nil.
func (r *Resource) Attributes() Value {
	if r.Attrs == nil {
		return Value{}
	}
	return *r.Attrs
}

// Attr returns a top-level attribute. ok is false when it is absent (and
// the resource's attributes are known).
func (r *Resource) Attr(name string) (Value, bool) { return r.Attributes().Get(name) }

// At returns the location of the attribute path inside r, holding value v.
// When v has no range of its own (the attribute is absent), it points at the
// resource header.
func (r *Resource) At(path string, v Value) Loc {
	rng := v.Range
	if rng.IsZero() {
		rng = r.NameRange
	}
	return Loc{Resource: r, Path: path, Range: rng, Source: commonSource(v)}
}

// commonSource is where v was written: its Source, or for a list or
// object written in place ([var.cidr]) the one place all its elements were
// written, when they share one.
func commonSource(v Value) Range {
	if src := v.Source(); !src.IsZero() {
		return src
	}
	var elems []Value
	switch v.Kind() {
	case KindList:
		elems = v.Elems()
	case KindObject:
		for _, f := range v.Fields() {
			elems = append(elems, f.Value)
		}
	}
	var common Range
	for _, e := range elems {
		src := e.Source()
		if src.IsZero() || !common.IsZero() && src != common {
			return Range{}
		}
		common = src
	}
	return common
}

// Loc is the location of the resource itself.
func (r *Resource) Loc() Loc { return Loc{Resource: r, Range: r.NameRange} }

// Graph is everything the front ends produced for one scan.
type Graph struct {
	Units     []*Unit
	Resources []*Resource
	// DataSources are the Terraform data sources whose arguments the model
	// reads (an aws_ami search), one per instance like resources, with
	// addresses data.<type>.<name>. They are read when Terraform plans, not
	// managed, and not counted as resources.
	DataSources []*Resource
	Providers   []*Provider
	Inputs      []*Input
	// UnreadModules are module calls whose code was not read.
	UnreadModules []*UnreadModule
	Diagnostics   []Diagnostic
}

// Merge appends the contents of o to g.
func (g *Graph) Merge(o *Graph) {
	if o == nil {
		return
	}
	g.Units = append(g.Units, o.Units...)
	g.Resources = append(g.Resources, o.Resources...)
	g.DataSources = append(g.DataSources, o.DataSources...)
	g.Providers = append(g.Providers, o.Providers...)
	g.Inputs = append(g.Inputs, o.Inputs...)
	g.UnreadModules = append(g.UnreadModules, o.UnreadModules...)
	g.Diagnostics = append(g.Diagnostics, o.Diagnostics...)
}

// Sort puts units, resources, providers and inputs in a deterministic order
// (by unit, then source position) and sorts diagnostics by position, so that
// reports do not depend on goroutine scheduling or directory listing order.
func (g *Graph) Sort() {
	sort.SliceStable(g.Units, func(i, j int) bool { return g.Units[i].Path < g.Units[j].Path })
	sortResources(g.Resources)
	sortResources(g.DataSources)
	sort.SliceStable(g.Providers, func(i, j int) bool {
		a, b := g.Providers[i], g.Providers[j]
		if a.Unit != b.Unit {
			return a.Unit < b.Unit
		}
		return a.Address < b.Address
	})
	sort.SliceStable(g.Inputs, func(i, j int) bool {
		a, b := g.Inputs[i], g.Inputs[j]
		if a.Unit != b.Unit {
			return a.Unit < b.Unit
		}
		return compareRange(a.Range, b.Range) < 0
	})
	sortUnreadModules(g.UnreadModules)
	SortDiagnostics(g.Diagnostics)
}

// sortResources orders resources by unit, then source position, then
// address.
func sortResources(rs []*Resource) {
	sort.SliceStable(rs, func(i, j int) bool {
		a, b := rs[i], rs[j]
		if a.Unit != b.Unit {
			return a.Unit < b.Unit
		}
		if c := compareRange(a.Range, b.Range); c != 0 {
			return c < 0
		}
		return a.Address < b.Address
	})
}

// CompareRange orders ranges by file, then start line and column.
func CompareRange(a, b Range) int { return compareRange(a, b) }

func compareRange(a, b Range) int {
	switch {
	case a.File != b.File:
		if a.File < b.File {
			return -1
		}
		return 1
	case a.Start.Line != b.Start.Line:
		return a.Start.Line - b.Start.Line
	case a.Start.Column != b.Start.Column:
		return a.Start.Column - b.Start.Column
	}
	return 0
}
