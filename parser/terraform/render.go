package terraform

import (
	"cmp"
	"encoding/json"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"

	"github.com/blindspot-iac/blindspot/graph"
)

// A JSON document rendered by a template, templatefile(), format() or
// jsonencode() is unknown as a whole when one part of it is (an ARN known
// only after apply), yet its structure is known: a bucket policy rendered
// from a template still shows its Deny of plain HTTP. To keep it, the text
// is rendered with a placeholder for each unknown part, parsed as JSON,
// and each placeholder mapped back to the unknown value it stands for. A
// placeholder is never read as what it stands for: a string holding one
// is unknown (with the literal text around it), and a placeholder in an
// object key makes the object unknown. Only a part that is interpolated
// as it is becomes a placeholder; anything that would compute with an
// unknown value (a condition, a for directive, a function) is one unknown
// part as a whole.

// holePrefix starts a placeholder; text that holds it already cannot be
// rendered with placeholders.
const holePrefix = "@@blindspot-unknown-"

// rendering is text being rendered with placeholders for unknown parts.
type rendering struct {
	b     strings.Builder
	holes []hole
	// inString and escaped follow the JSON lexer over the text written so
	// far, so that a placeholder outside a string is written as a string.
	inString, escaped bool
	failed            bool
}

// text writes known text.
func (t *rendering) text(s string) {
	if strings.Contains(s, holePrefix) {
		t.failed = true
		return
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case t.escaped:
			t.escaped = false
		case t.inString && c == '\\':
			t.escaped = true
		case c == '"':
			t.inString = !t.inString
		}
	}
	t.b.WriteString(s)
}

// hole writes a placeholder for the unknown value v.
func (t *rendering) hole(v graph.Value) {
	if t.escaped {
		t.failed = true
		return
	}
	token := holePrefix + strconv.Itoa(len(t.holes)) + "@@"
	t.holes = append(t.holes, hole{value: v, inString: t.inString})
	if t.inString {
		t.b.WriteString(token)
		return
	}
	t.b.WriteString(`"` + token + `"`)
}

// json writes v as JSON, with a placeholder for each unknown part.
func (t *rendering) json(v graph.Value, depth int) {
	if depth > maxDepth {
		t.failed = true
		return
	}
	switch v.Kind() {
	case graph.KindUnknown:
		t.hole(v)
	case graph.KindNull:
		t.text("null")
	case graph.KindBool, graph.KindNumber:
		s, _ := v.AsString()
		t.text(s)
	case graph.KindString:
		s, _ := v.AsString()
		enc, _ := json.Marshal(s)
		t.text(string(enc))
	case graph.KindList:
		t.text("[")
		for i, e := range v.Elems() {
			if i > 0 {
				t.text(",")
			}
			t.json(e, depth+1)
		}
		t.text("]")
	case graph.KindObject:
		t.text("{")
		for i, f := range v.Fields() {
			if i > 0 {
				t.text(",")
			}
			k, _ := json.Marshal(f.Key)
			t.text(string(k) + ":")
			t.json(f.Value, depth+1)
		}
		t.text("}")
	}
}

// hole is an unknown part of rendered text.
type hole struct {
	value graph.Value
	// inString is set when the part is inside a JSON string, where it is
	// text whatever its value.
	inString bool
}

// renderer renders expressions of one evaluation context: the module's,
// or a template file's, whose unknown parts are explained differently.
type renderer struct {
	s   *scope
	ctx *hcl.EvalContext
	// value is the graph value of an expression of the context, which
	// says why its unknown parts are unknown.
	value func(expr hcl.Expression, depth int) graph.Value
}

// structuredJSON is the JSON document a string expression with unknown
// parts renders, when its known text makes a JSON object or array.
func (s *scope) structuredJSON(expr hcl.Expression, ctx *hcl.EvalContext, r graph.Range, depth int) (graph.Value, bool) {
	if s.l.marked {
		// A sensitive part must not become known text.
		if v, _ := expr.Value(ctx); v.ContainsMarked() {
			return graph.Value{}, false
		}
	}
	rr := renderer{s: s, ctx: ctx, value: func(e hcl.Expression, d int) graph.Value { return s.value(e, ctx, d) }}
	t := &rendering{}
	rr.render(t, expr, depth)
	if t.failed || len(t.holes) == 0 {
		return graph.Value{}, false
	}
	text := strings.TrimLeft(t.b.String(), " \t\r\n")
	if !strings.HasPrefix(text, "{") && !strings.HasPrefix(text, "[") {
		return graph.Value{}, false
	}
	v, err := decodeJSONWithHoles(text, r, t.holes)
	if err != nil {
		return graph.Value{}, false
	}
	return v, true
}

// render writes the text of a string expression: known parts as they are,
// unknown parts as placeholders, or, for the parts that build text
// themselves (templates, jsonencode, format, templatefile), their own
// rendering.
func (rr renderer) render(t *rendering, expr hcl.Expression, depth int) {
	if t.failed {
		return
	}
	if depth > maxDepth {
		t.failed = true
		return
	}
	v, diags := expr.Value(rr.ctx)
	if diags.HasErrors() {
		t.failed = true
		return
	}
	if v.IsWhollyKnown() {
		v, _ = v.UnmarkDeep()
		str, err := convert.Convert(v, cty.String)
		if err != nil || str.IsNull() {
			t.failed = true
			return
		}
		t.text(str.AsString())
		return
	}
	switch e := expr.(type) {
	case *hclsyntax.TemplateExpr:
		for _, part := range e.Parts {
			rr.render(t, part, depth+1)
		}
		return
	case *hclsyntax.TemplateWrapExpr:
		rr.render(t, e.Wrapped, depth+1)
		return
	case *hclsyntax.FunctionCallExpr:
		if e.ExpandFinal {
			break
		}
		switch {
		case e.Name == "jsonencode" && len(e.Args) == 1:
			t.json(rr.value(e.Args[0], depth+1), depth+1)
			return
		case e.Name == "format" && len(e.Args) > 0:
			rr.renderFormat(t, e, depth)
			return
		case e.Name == "templatefile" && len(e.Args) == 2 && rr.s != nil:
			rr.renderTemplateFile(t, e, depth)
			return
		}
	}
	t.hole(rr.value(expr, depth+1))
}

// renderFormat renders format(): each verb formats its argument, known
// arguments with format itself, an unknown one as a placeholder when the
// verb only inserts it (%s, %v, %q).
func (rr renderer) renderFormat(t *rendering, e *hclsyntax.FunctionCallExpr, depth int) {
	f, diags := e.Args[0].Value(rr.ctx)
	if diags.HasErrors() || !f.IsKnown() || f.IsNull() || f.Type() != cty.String {
		t.failed = true
		return
	}
	format, _ := f.Unmark()
	spec := format.AsString()
	args := e.Args[1:]
	next := 0
	for len(spec) > 0 && !t.failed {
		i := strings.IndexByte(spec, '%')
		if i < 0 {
			t.text(spec)
			return
		}
		t.text(spec[:i])
		spec = spec[i:]
		if strings.HasPrefix(spec, "%%") {
			t.text("%")
			spec = spec[2:]
			continue
		}
		end := 1
		for end < len(spec) && strings.IndexByte("+-# 0123456789.", spec[end]) >= 0 {
			end++
		}
		if end >= len(spec) || next >= len(args) || spec[end] == '[' {
			t.failed = true
			return
		}
		verb := spec[:end+1]
		spec = spec[end+1:]
		arg := args[next]
		next++
		av, diags := arg.Value(rr.ctx)
		if diags.HasErrors() {
			t.failed = true
			return
		}
		if av.IsWhollyKnown() {
			av, _ = av.UnmarkDeep()
			out, err := stdlib.Format(cty.StringVal(verb), av)
			if err != nil {
				t.failed = true
				return
			}
			t.text(out.AsString())
			continue
		}
		switch verb {
		case "%s", "%v":
			rr.render(t, arg, depth+1)
		case "%q":
			// format's %q writes the string as JSON does.
			t.text(`"`)
			t.hole(rr.value(arg, depth+1))
			t.text(`"`)
		default:
			t.failed = true
		}
	}
	if next != len(args) {
		t.failed = true
	}
}

// renderTemplateFile renders templatefile(path, vars): the template is
// read as templatefile reads it and rendered with vars; an unknown part is
// explained by the variables of vars it uses.
func (rr renderer) renderTemplateFile(t *rendering, e *hclsyntax.FunctionCallExpr, depth int) {
	s := rr.s
	path, diags := e.Args[0].Value(rr.ctx)
	if diags.HasErrors() || !path.IsKnown() || path.IsNull() || path.Type() != cty.String {
		t.failed = true
		return
	}
	vars, diags := e.Args[1].Value(rr.ctx)
	vars, _ = vars.UnmarkDeep()
	if diags.HasErrors() || !vars.IsKnown() || vars.IsNull() || !(vars.Type().IsObjectType() || vars.Type().IsMapType()) {
		t.failed = true
		return
	}
	file, ok := s.funcs["file"]
	if !ok {
		t.failed = true
		return
	}
	content, err := file.Call([]cty.Value{path})
	if err != nil {
		t.failed = true
		return
	}
	tmpl, diags := hclsyntax.ParseTemplate([]byte(content.AsString()), path.AsString(), hcl.Pos{Line: 1, Column: 1})
	if diags.HasErrors() {
		t.failed = true
		return
	}
	inner := make(map[string]function.Function, len(s.funcs))
	for k, f := range s.funcs {
		if k != "templatefile" && k != "templatestring" {
			inner[k] = f
		}
	}
	r := toRange(e.Range())
	varsValue := s.value(e.Args[1], rr.ctx, depth+1)
	tctx := &hcl.EvalContext{Variables: vars.AsValueMap(), Functions: inner}
	tr := renderer{ctx: tctx}
	tr.value = func(x hcl.Expression, _ int) graph.Value { return templateValue(x, tctx, varsValue, r) }
	tr.render(t, tmpl, depth+1)
}

// templateValue is the graph value of an expression of a template file:
// known, the variable of vars it reads, or unknown because of the
// variables it uses.
func templateValue(expr hcl.Expression, ctx *hcl.EvalContext, vars graph.Value, r graph.Range) graph.Value {
	v, diags := expr.Value(ctx)
	if !diags.HasErrors() && v.IsWhollyKnown() {
		v, _ = v.UnmarkDeep()
		return fromCty(v, r, "", nil, false)
	}
	if st, ok := expr.(*hclsyntax.ScopeTraversalExpr); ok {
		if root, ok := vars.Get(st.Traversal.RootName()); ok {
			return follow(root, st.Traversal[1:])
		}
	}
	why := ""
	var refs []graph.Ref
	for _, tr := range variables(expr) {
		root, ok := vars.Get(tr.RootName())
		if !ok {
			continue
		}
		part := follow(root, tr[1:])
		refs = append(refs, part.AllRefs()...)
		why = cmp.Or(why, whyOf(part))
	}
	return graph.UnknownValue(cmp.Or(why, "a template variable is not known before apply"), r).WithRefs(refs...)
}
