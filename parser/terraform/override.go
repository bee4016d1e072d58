package terraform

import (
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/blindspot-iac/blindspot/graph"
)

// isOverrideFile reports whether a configuration file is an override
// file: override.tf, override.tf.json, or a name ending in _override.tf or
// _override.tf.json.
func isOverrideFile(name string) bool {
	base := strings.TrimSuffix(strings.TrimSuffix(name, ".json"), ".tf")
	return base == "override" || strings.HasSuffix(base, "_override")
}

// override merges a top-level block of an override file into the module
// as Terraform does: it changes the block with the same header, whose
// arguments it replaces one by one and whose nested blocks of each type
// it replaces as a whole; each local value replaces the local of the
// same name. A block with nothing to override is an error in Terraform:
// it is reported and left out.
func (l *loader) override(m *module, over *hcl.Block) {
	var blocks *[]*hcl.Block
	switch over.Type {
	case "locals":
		attrs, diags := over.Body.JustAttributes()
		l.hclDiags(diags, graph.Error, "parse-error")
		for _, a := range sortedAttributes(attrs) {
			i := slices.IndexFunc(m.locals, func(b *hcl.Attribute) bool { return b.Name == a.Name })
			if i < 0 {
				l.diag(graph.Warningf(toRange(a.NameRange), "override-without-base",
					"local.%s in an override file overrides nothing (Terraform rejects it); it is not read", a.Name))
				continue
			}
			m.locals[i] = a
		}
		return
	case "variable":
		blocks = &m.variables
	case "resource":
		blocks = &m.resources
	case "data":
		blocks = &m.data
	case "module":
		blocks = &m.calls
	case "provider":
		blocks = &m.providers
	case "output":
		blocks = &m.outputs
	default:
		// terraform blocks (backend, required versions and providers) are
		// not read; moved, import, check and removed blocks cannot be
		// overridden.
		return
	}
	key := blockHeader(over)
	i := slices.IndexFunc(*blocks, func(b *hcl.Block) bool { return blockHeader(b) == key })
	if i < 0 {
		l.diag(graph.Warningf(toRange(over.DefRange), "override-without-base",
			"%s in an override file overrides nothing (Terraform rejects it); it is not read", key))
		return
	}
	base := (*blocks)[i]
	merged, ok := mergeBodies(base.Body, over.Body)
	if !ok {
		l.diag(graph.Warningf(toRange(over.DefRange), "override-not-merged",
			"%s is overridden in a file of the other syntax (.tf and .tf.json); blindspot merges only overrides written in the same syntax, so the override is not read", key))
		return
	}
	b := *base
	b.Body = merged
	(*blocks)[i] = &b
}

// blockHeader identifies the block an override block overrides: its type
// and labels, and for a provider its alias.
func blockHeader(b *hcl.Block) string {
	if b.Type == "provider" {
		return "provider " + providerLocalName(b)
	}
	return b.Type + " " + strings.Join(b.Labels, ".")
}

// mergeBodies merges an override body into a base body: arguments of the
// override replace those of the base; nested blocks of a type the
// override has (a dynamic block counting as its label's type) replace all
// the base's blocks of that type. ok is false when the two are not
// written in the same syntax.
func mergeBodies(base, over hcl.Body) (hcl.Body, bool) {
	bs, ok1 := base.(*hclsyntax.Body)
	os, ok2 := over.(*hclsyntax.Body)
	switch {
	case ok1 && ok2:
		out := &hclsyntax.Body{Attributes: hclsyntax.Attributes{}, SrcRange: bs.SrcRange, EndRange: bs.EndRange}
		for name, a := range bs.Attributes {
			out.Attributes[name] = a
		}
		for name, a := range os.Attributes {
			out.Attributes[name] = a
		}
		replaced := map[string]bool{}
		for _, b := range os.Blocks {
			replaced[nestedBlockType(b)] = true
		}
		for _, b := range bs.Blocks {
			if !replaced[nestedBlockType(b)] {
				out.Blocks = append(out.Blocks, b)
			}
		}
		out.Blocks = append(out.Blocks, os.Blocks...)
		return out, true
	case !ok1 && !ok2:
		// In JSON, nested blocks are properties like arguments: replacing
		// by name replaces a block type as a whole.
		return &jsonOverrideBody{base: base, over: over}, true
	}
	return nil, false
}

// nestedBlockType is the type of the blocks a nested block makes.
func nestedBlockType(b *hclsyntax.Block) string {
	if b.Type == "dynamic" && len(b.Labels) == 1 {
		return b.Labels[0]
	}
	return b.Type
}

// jsonOverrideBody is a .tf.json block body with a .tf.json override
// merged in: the override's properties replace the base's.
type jsonOverrideBody struct {
	base, over hcl.Body
}

func (b *jsonOverrideBody) Content(schema *hcl.BodySchema) (*hcl.BodyContent, hcl.Diagnostics) {
	content, _, diags := b.PartialContent(schema)
	return content, diags
}

func (b *jsonOverrideBody) PartialContent(schema *hcl.BodySchema) (*hcl.BodyContent, hcl.Body, hcl.Diagnostics) {
	baseContent, baseRemain, diags := b.base.PartialContent(schema)
	overContent, overRemain, overDiags := b.over.PartialContent(schema)
	diags = append(diags, overDiags...)
	out := &hcl.BodyContent{Attributes: hcl.Attributes{}, MissingItemRange: baseContent.MissingItemRange}
	for name, a := range baseContent.Attributes {
		out.Attributes[name] = a
	}
	for name, a := range overContent.Attributes {
		out.Attributes[name] = a
	}
	replaced := map[string]bool{}
	for _, blk := range overContent.Blocks {
		replaced[blk.Type] = true
	}
	for _, blk := range baseContent.Blocks {
		if !replaced[blk.Type] {
			out.Blocks = append(out.Blocks, blk)
		}
	}
	out.Blocks = append(out.Blocks, overContent.Blocks...)
	return out, &jsonOverrideBody{base: baseRemain, over: overRemain}, diags
}

func (b *jsonOverrideBody) JustAttributes() (hcl.Attributes, hcl.Diagnostics) {
	attrs, diags := b.base.JustAttributes()
	overAttrs, overDiags := b.over.JustAttributes()
	out := hcl.Attributes{}
	for name, a := range attrs {
		out[name] = a
	}
	for name, a := range overAttrs {
		out[name] = a
	}
	return out, append(diags, overDiags...)
}

func (b *jsonOverrideBody) MissingItemRange() hcl.Range { return b.base.MissingItemRange() }
