package terraform

import (
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/typeexpr"
	"github.com/zclconf/go-cty/cty"

	"github.com/blindspot-iac/blindspot/graph"
)

// readVariables sets each declared variable from the inputs, its default,
// or unknown.
func (s *scope) readVariables(inputs map[string]moduleInput) {
	decls := s.mod.variableDecls(s)
	// One allocation for the instance's input records.
	records := make([]graph.Input, len(decls))
	for i, d := range decls {
		s.l.g.Diagnostics = append(s.l.g.Diagnostics, d.diags...)
		name := d.name
		var val cty.Value
		var gv graph.Value
		in, given := inputs[name]
		// A variable declared nullable = false takes its default when the
		// caller passes null.
		if given && !d.nullable && in.val.IsKnown() && in.val.IsNull() && d.hasDefault {
			given = false
		}
		switch {
		case given:
			val, gv = in.val, in.gv
			if gv.Source().IsZero() && !in.source.IsZero() {
				gv = gv.WithSource(in.source)
			}
			val, gv = s.convertInput(d, val, gv)
		case d.hasDefault:
			val, gv = d.defVal, d.def
		default:
			why := fmt.Sprintf("var.%s has no value (no default, not set in tfvars or with --var)", name)
			if s.prefix != "" {
				why = fmt.Sprintf("var.%s of %s has no value", name, strings.TrimSuffix(s.prefix, "."))
			}
			n := s.namedOf(cty.DynamicVal, d.decl, why, nil)
			val, gv = n.val, n.gv
		}
		def := d.def
		if d.sensitive {
			val = val.Mark(sensitiveMark)
			s.l.marked = true
			gv = gv.WithSensitive(true)
			def = def.WithSensitive(true)
		}
		s.vars[name] = named{val: val, gv: gv}
		records[i] = graph.Input{
			Unit: s.l.unit.Path, Format: graph.Terraform, Name: s.prefix + "var." + name,
			Default: def, HasDefault: d.hasDefault, Value: gv, Sensitive: d.sensitive, Range: d.decl,
		}
		s.l.g.Inputs = append(s.l.g.Inputs, &records[i])
	}
	s.stale |= staleVars
}

// varDecl is a variable declaration, read once per parsed module: its
// type, and its default already converted to that type, which every call of
// the module shares.
type varDecl struct {
	name       string
	decl       graph.Range
	ty         cty.Type
	defaults   *typeexpr.Defaults
	sensitive  bool
	nullable   bool
	hasDefault bool
	def        graph.Value
	defVal     cty.Value
	diags      []graph.Diagnostic
}

// variableDecls reads the module's variable declarations once.
func (m *module) variableDecls(s *scope) []*varDecl {
	m.declsOnce.Do(func() {
		// p collects the declarations' diagnostics, each declaration's
		// its own part.
		p := &loader{g: &graph.Graph{}, unit: s.l.unit, opts: s.l.opts}
		literal := &hcl.EvalContext{Functions: s.funcs}
		m.decls = make([]*varDecl, 0, len(m.variables))
		for _, b := range m.variables {
			d := &varDecl{name: b.Labels[0], decl: toRange(b.DefRange), nullable: true}
			first := len(p.g.Diagnostics)
			attrs, diags := variableAttributes(b.Body)
			p.hclDiags(diags, graph.Error, "parse-error")
			d.ty, d.defaults = variableType(attrs["type"], p)
			if a, ok := attrs["sensitive"]; ok {
				v, _ := a.Expr.Value(nil)
				d.sensitive = v.Type() == cty.Bool && v.IsKnown() && !v.IsNull() && v.True()
			}
			if a, ok := attrs["nullable"]; ok {
				v, _ := a.Expr.Value(nil)
				d.nullable = !(v.Type() == cty.Bool && v.IsKnown() && !v.IsNull() && v.False())
			}
			if a, ok := attrs["default"]; ok {
				d.hasDefault = true
				d.def = s.value(a.Expr, literal, 0)
				d.defVal, _ = a.Expr.Value(literal)
				d.defVal, d.def = convertDeclared(d, d.defVal, d.def, p)
			}
			d.diags = p.g.Diagnostics[first:len(p.g.Diagnostics):len(p.g.Diagnostics)]
			m.decls = append(m.decls, d)
		}
	})
	return m.decls
}

// convertInput converts a value given to a variable to its type.
func (s *scope) convertInput(d *varDecl, val cty.Value, gv graph.Value) (cty.Value, graph.Value) {
	return convertDeclared(d, val, gv, s.l)
}

// convertDeclared applies optional() defaults and converts to the declared
// type, reporting a mismatch on l.
func convertDeclared(d *varDecl, val cty.Value, gv graph.Value, l *loader) (cty.Value, graph.Value) {
	if d.ty == cty.DynamicPseudoType || !val.IsKnown() {
		return val, gv
	}
	if d.defaults != nil {
		val = d.defaults.Apply(val)
	}
	converted, err := convertType(val, d.ty, l.marked)
	if err != nil {
		l.diag(graph.Warningf(d.decl, "invalid-variable", "value of var.%s does not match its type: %v", d.name, err))
		return val, gv
	}
	// A string given for a non-string variable (--var n=3) takes the
	// variable's type; other values keep their element ranges.
	if gv.Kind() == graph.KindString && d.ty != cty.String {
		src := gv.Source()
		if src.IsZero() {
			src = gv.Range
		}
		gv = fromCty(converted, gv.Range, "", nil, l.marked).WithSource(src)
	}
	return converted, gv
}

// variableSchema is what a variable block holds. Its validation blocks
// are not evaluated.
var variableSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "type"}, {Name: "default"}, {Name: "description"}, {Name: "sensitive"}, {Name: "nullable"}, {Name: "ephemeral"},
	},
	Blocks: []hcl.BlockHeaderSchema{{Type: "validation"}},
}

// variableAttributes reads the arguments of a variable block.
func variableAttributes(body hcl.Body) (hcl.Attributes, hcl.Diagnostics) {
	content, _, diags := body.PartialContent(variableSchema)
	return content.Attributes, diags
}
