package terraform

import (
	"cmp"
	"slices"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/blindspot-iac/blindspot/graph"
)

// resources evaluates a resource block into one resource per instance.
func (s *scope) resources(b *hcl.Block) {
	s.l.g.Resources = append(s.l.g.Resources, s.instances(b, b.Labels[0]+"."+b.Labels[1])...)
}

// instances evaluates the arguments of a resource or data block (what is
// its address without module path or instance key) for each instance.
func (s *scope) instances(b *hcl.Block, what string) []*graph.Resource {
	typ := b.Labels[0]
	var out []*graph.Resource
	for _, in := range s.expand(b.Body, s.prefix+what) {
		ctx := s.childContext(in)
		s.curEach = in.eachValue
		s.mayNotExist = in.exists.And(s.exists) != graph.True
		attrs := s.bodyValue(b.Body, toRange(b.DefRange), ctx, metaArguments, 0)
		s.curEach, s.mayNotExist = nil, false
		r := &graph.Resource{
			Format: graph.Terraform, Unit: s.l.unit.Path, Type: typ, Address: s.prefix + what + in.key,
			Attrs: &attrs, Range: blockRange(b), NameRange: toRange(b.DefRange),
			Exists: in.exists.And(s.exists), Calls: s.calls,
		}
		r.ExistsWhy = cmp.Or(in.existsWhy, s.existsWhy)
		if r.Exists == graph.True {
			r.ExistsWhy = ""
		}
		r.ProviderRef = providerRef(b.Body, typ)
		r.Provider = s.providers[r.ProviderRef]
		out = append(out, r)
	}
	return out
}

// blockRange covers a whole block.
func blockRange(b *hcl.Block) graph.Range {
	r := toRange(b.DefRange)
	if sb, ok := b.Body.(*hclsyntax.Body); ok {
		end := sb.SrcRange.End
		r.End = graph.Pos{Line: end.Line, Column: end.Column, Byte: end.Byte}
	}
	return r
}

// bodyValue evaluates a block body into an object: attributes in source
// order, nested blocks as lists of objects under their type, dynamic blocks
// expanded. skip names arguments to leave out.
func (s *scope) bodyValue(body hcl.Body, r graph.Range, ctx *hcl.EvalContext, skip map[string]bool, depth int) graph.Value {
	if depth > maxDepth {
		s.l.diag(graph.Warningf(r, "depth-limit", "blocks nested deeper than %d levels are not evaluated", maxDepth))
		return graph.UnknownValue("blocks nested too deeply", r)
	}
	sb, ok := body.(*hclsyntax.Body)
	if !ok {
		return s.jsonBodyValue(body, r, ctx, skip, depth)
	}
	attrs := make([]*hclsyntax.Attribute, 0, len(sb.Attributes))
	for _, a := range sb.Attributes {
		if !skip[a.Name] {
			attrs = append(attrs, a)
		}
	}
	// No two arguments start at the same place: any sort gives one order.
	slices.SortFunc(attrs, func(a, b *hclsyntax.Attribute) int {
		return compareWritten(toRange(a.SrcRange), toRange(b.SrcRange))
	})
	fields := make([]graph.Field, 0, len(attrs)+blockGroups(sb.Blocks, skip))
	for _, a := range attrs {
		v := s.value(a.Expr, ctx, depth+1)
		if depth == 0 && !v.IsKnown() {
			// An unknown argument says how it is computed, so that a
			// split resource naming its parent with the same expression
			// as the parent's own name joins it.
			v = v.WithOrigin(s.origin(a.Expr, ctx))
		}
		fields = append(fields, graph.Field{Key: a.Name, KeyRange: toRange(a.NameRange), Value: v})
	}
	type group struct {
		key     graph.Range
		elems   []graph.Value
		unknown *graph.Value
		first   graph.Range
	}
	groups := map[string]*group{}
	var order []string
	add := func(typ string, keyRange graph.Range) *group {
		g := groups[typ]
		if g == nil {
			g = &group{key: keyRange, first: keyRange}
			groups[typ] = g
			order = append(order, typ)
		}
		return g
	}
	for _, blk := range sb.Blocks {
		if skip[blk.Type] {
			continue
		}
		if blk.Type == "dynamic" && len(blk.Labels) == 1 {
			g := add(blk.Labels[0], toRange(blk.LabelRanges[0]))
			elems, unknown := s.dynamicBlock(blk, ctx, depth)
			if unknown != nil {
				g.unknown = unknown
			}
			g.elems = append(g.elems, elems...)
			continue
		}
		g := add(blk.Type, toRange(blk.TypeRange))
		g.elems = append(g.elems, s.bodyValue(blk.Body, blockRange(blk.AsHCLBlock()), ctx, nil, depth+1))
	}
	for _, typ := range order {
		g := groups[typ]
		v := graph.List(g.elems, g.first)
		if g.unknown != nil {
			v = *g.unknown
		}
		fields = append(fields, graph.Field{Key: typ, KeyRange: g.key, Value: v})
	}
	slices.SortStableFunc(fields, func(a, b graph.Field) int { return compareWritten(a.KeyRange, b.KeyRange) })
	return graph.Object(fields, r)
}

// compareWritten orders a before b as writtenBefore does.
func compareWritten(a, b graph.Range) int {
	switch {
	case writtenBefore(a, b):
		return -1
	case writtenBefore(b, a):
		return 1
	}
	return 0
}

// blockGroups counts the fields bodyValue makes of blocks: one per block
// type (a dynamic block's is its label) not skipped.
func blockGroups(blocks hclsyntax.Blocks, skip map[string]bool) int {
	n := 0
	for i, blk := range blocks {
		if skip[blk.Type] {
			continue
		}
		if !slices.ContainsFunc(blocks[:i], func(prev *hclsyntax.Block) bool {
			return !skip[prev.Type] && groupType(prev) == groupType(blk)
		}) {
			n++
		}
	}
	return n
}

// groupType is the type of the field a block goes under.
func groupType(blk *hclsyntax.Block) string {
	if blk.Type == "dynamic" && len(blk.Labels) == 1 {
		return blk.Labels[0]
	}
	return blk.Type
}

// writtenBefore orders the arguments and blocks of a body as written; a
// body merged from an override file holds some from another file.
func writtenBefore(a, b graph.Range) bool {
	if a.File != b.File {
		return a.File < b.File
	}
	return a.Start.Byte < b.Start.Byte
}

// dynamicBlock expands a dynamic block; unknown is set when its for_each is
// not known, which makes the whole block list unknown.
func (s *scope) dynamicBlock(blk *hclsyntax.Block, ctx *hcl.EvalContext, depth int) ([]graph.Value, *graph.Value) {
	iter := blk.Labels[0]
	var forEach hcl.Expression
	if a, ok := blk.Body.Attributes["for_each"]; ok {
		forEach = a.Expr
	}
	if a, ok := blk.Body.Attributes["iterator"]; ok {
		if name := hcl.ExprAsKeyword(a.Expr); name != "" {
			iter = name
		}
	}
	var content *hclsyntax.Block
	for _, c := range blk.Body.Blocks {
		if c.Type == "content" {
			content = c
		}
	}
	r := toRange(blk.DefRange())
	if forEach == nil || content == nil {
		s.l.diag(graph.Errorf(r, "invalid-block", "a dynamic block needs for_each and a content block"))
		return nil, nil
	}
	v, diags := forEach.Value(ctx)
	v = s.unmarked(v)
	// A list or map whose elements are partly unknown still has known
	// elements: each becomes a block with the unknown attributes unknown.
	// A set with unknown elements does not know how many it has.
	if diags.HasErrors() || !v.IsKnown() || v.IsNull() || !v.CanIterateElements() ||
		v.Type().IsSetType() && !v.IsWhollyKnown() {
		why, refs := s.explain(forEach, ctx)
		if why == "" {
			why = "its for_each is not known before apply"
		}
		u := graph.UnknownValue("dynamic block "+blk.Labels[0]+": "+why, r).WithRefs(refs...)
		return nil, &u
	}
	var out []graph.Value
	n := 0
	if !s.l.budget.Values(int64(min(v.LengthInt(), maxInstances))*blockWeight(blk.Body), r) {
		u := refused("the dynamic block", r)
		return nil, &u
	}
	// The elements as graph values keep the references of their unknown
	// parts (iterator.value.kms_key_arn -> aws_kms_key.k.arn).
	var elems []graph.Value
	if (v.Type().IsListType() || v.Type().IsTupleType()) && !v.IsWhollyKnown() {
		elems = s.value(forEach, ctx, depth+1).Elems()
	}
	for it := v.ElementIterator(); it.Next(); {
		k, e := it.Element()
		if v.Type().IsSetType() {
			k = e
		}
		if n++; n > maxInstances {
			s.l.diag(graph.Warningf(r, "expansion-limit", "dynamic block has more than %d elements; the rest are not evaluated", maxInstances))
			break
		}
		if s.iterValues == nil {
			s.iterValues = map[string]*graph.Value{}
		}
		prev := s.iterValues[iter]
		if n-1 < len(elems) {
			s.iterValues[iter] = &elems[n-1]
		} else {
			s.iterValues[iter] = nil
		}
		child := ctx.NewChild()
		child.Variables = map[string]cty.Value{iter: cty.ObjectVal(map[string]cty.Value{"key": k, "value": e})}
		out = append(out, s.bodyValue(content.Body, blockRange(blk.AsHCLBlock()), child, nil, depth+1))
		s.iterValues[iter] = prev
	}
	return out, nil
}

// jsonBodyValue evaluates a .tf.json body: without a provider schema,
// nested blocks are indistinguishable from object attributes and are read
// as such (a single object or a list of objects).
func (s *scope) jsonBodyValue(body hcl.Body, r graph.Range, ctx *hcl.EvalContext, skip map[string]bool, depth int) graph.Value {
	attrs, diags := body.JustAttributes()
	s.l.hclDiags(diags, graph.Warning, "evaluation-error")
	var fields []graph.Field
	for _, a := range sortedAttributes(attrs) {
		if skip[a.Name] {
			continue
		}
		fields = append(fields, graph.Field{Key: a.Name, KeyRange: toRange(a.NameRange), Value: s.value(a.Expr, ctx, depth+1)})
	}
	return graph.Object(fields, r)
}
