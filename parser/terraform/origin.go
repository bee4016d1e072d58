package terraform

import (
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	ctyjson "github.com/zclconf/go-cty/cty/json"
)

// maxOriginLen bounds the key origin writes: an argument that long is not
// worth comparing.
const maxOriginLen = 2048

// origin is the key graph.Value.Origin holds for the value of expr in
// this module instance: the instance's address and the expression written
// out, with count.index and each.key/each.value replaced by their values,
// so that the same expression in two resources of one instance has the same
// key exactly when it has the same value. It is "" when that cannot be
// promised: a function whose result changes between calls (uuid,
// timestamp, bcrypt), a provider-defined function, self, a for expression
// or splat (their symbols are local), a name only a dynamic block defines,
// or an instance whose count or each is not known.
func (s *scope) origin(expr hcl.Expression, ctx *hcl.EvalContext) string {
	var b strings.Builder
	b.WriteString(s.prefix)
	b.WriteByte('|')
	if !s.writeOrigin(&b, expr, ctx, 0) || b.Len() > maxOriginLen {
		return ""
	}
	return b.String()
}

// unstableFunctions return a different value at each call.
var unstableFunctions = map[string]bool{"uuid": true, "timestamp": true, "bcrypt": true}

// operators names the operations of binary and unary expressions.
var operators = map[*hclsyntax.Operation]string{
	hclsyntax.OpLogicalOr: "||", hclsyntax.OpLogicalAnd: "&&", hclsyntax.OpLogicalNot: "!",
	hclsyntax.OpEqual: "==", hclsyntax.OpNotEqual: "!=",
	hclsyntax.OpGreaterThan: ">", hclsyntax.OpGreaterThanOrEqual: ">=",
	hclsyntax.OpLessThan: "<", hclsyntax.OpLessThanOrEqual: "<=",
	hclsyntax.OpAdd: "+", hclsyntax.OpSubtract: "-", hclsyntax.OpMultiply: "*",
	hclsyntax.OpDivide: "/", hclsyntax.OpModulo: "%", hclsyntax.OpNegate: "neg",
}

// writeOrigin writes expr to b; false when its value cannot be promised
// to be the same wherever it is written in the instance.
func (s *scope) writeOrigin(b *strings.Builder, expr hcl.Expression, ctx *hcl.EvalContext, depth int) bool {
	if depth > maxDepth || b.Len() > maxOriginLen {
		return false
	}
	list := func(open string, exprs []hclsyntax.Expression, close string) bool {
		b.WriteString(open)
		for i, x := range exprs {
			if i > 0 {
				b.WriteByte(',')
			}
			if !s.writeOrigin(b, x, ctx, depth+1) {
				return false
			}
		}
		b.WriteString(close)
		return true
	}
	switch e := expr.(type) {
	case *hclsyntax.LiteralValueExpr:
		return writeCty(b, e.Val)
	case *hclsyntax.TemplateWrapExpr:
		return list("tmpl(", []hclsyntax.Expression{e.Wrapped}, ")")
	case *hclsyntax.TemplateExpr:
		return list("tmpl(", e.Parts, ")")
	case *hclsyntax.ParenthesesExpr:
		return s.writeOrigin(b, e.Expression, ctx, depth+1)
	case *hclsyntax.ScopeTraversalExpr:
		return s.writeTraversal(b, e.Traversal, ctx)
	case *hclsyntax.RelativeTraversalExpr:
		b.WriteByte('(')
		if !s.writeOrigin(b, e.Source, ctx, depth+1) {
			return false
		}
		b.WriteByte(')')
		return writeSteps(b, e.Traversal)
	case *hclsyntax.IndexExpr:
		return list("index(", []hclsyntax.Expression{e.Collection, e.Key}, ")")
	case *budgetExpr:
		return s.writeOrigin(b, e.FunctionCallExpr, ctx, depth)
	case *hclsyntax.FunctionCallExpr:
		if unstableFunctions[e.Name] || strings.Contains(e.Name, "::") {
			return false
		}
		b.WriteString(e.Name)
		if e.ExpandFinal {
			b.WriteString("...")
		}
		return list("(", e.Args, ")")
	case *hclsyntax.ConditionalExpr:
		return list("if(", []hclsyntax.Expression{e.Condition, e.TrueResult, e.FalseResult}, ")")
	case *hclsyntax.BinaryOpExpr:
		op, ok := operators[e.Op]
		return ok && list(op+"(", []hclsyntax.Expression{e.LHS, e.RHS}, ")")
	case *hclsyntax.UnaryOpExpr:
		op, ok := operators[e.Op]
		return ok && list(op+"(", []hclsyntax.Expression{e.Val}, ")")
	case *hclsyntax.TupleConsExpr:
		return list("[", e.Exprs, "]")
	case *hclsyntax.ObjectConsExpr:
		b.WriteByte('{')
		for i, item := range e.Items {
			if i > 0 {
				b.WriteByte(',')
			}
			if !s.writeOrigin(b, item.KeyExpr, ctx, depth+1) {
				return false
			}
			b.WriteByte('=')
			if !s.writeOrigin(b, item.ValueExpr, ctx, depth+1) {
				return false
			}
		}
		b.WriteByte('}')
		return true
	case *hclsyntax.ObjectConsKeyExpr:
		if name := hcl.ExprAsKeyword(e.Wrapped); name != "" && !e.ForceNonLiteral {
			b.WriteString(strconv.Quote(name))
			return true
		}
		return s.writeOrigin(b, e.Wrapped, ctx, depth+1)
	}
	return false
}

// writeTraversal writes a reference. count and each are replaced by their
// values in the instance being evaluated; the other roots name the same
// thing wherever they are written in the module instance.
func (s *scope) writeTraversal(b *strings.Builder, t hcl.Traversal, ctx *hcl.EvalContext) bool {
	root := t.RootName()
	switch {
	case root == "count" || root == "each":
		v, diags := t.TraverseAbs(ctx)
		if diags.HasErrors() {
			return false
		}
		b.WriteString(root + "=")
		return writeCty(b, s.unmarked(v))
	case root == "self" || s.iterValues[root] != nil:
		return false
	case reserved[root] || s.resourceTypes[root]:
		b.WriteString(root)
		return writeSteps(b, t[1:])
	}
	return false
}

// writeSteps writes attribute and index steps; a splat is refused.
func writeSteps(b *strings.Builder, steps hcl.Traversal) bool {
	for _, step := range steps {
		switch st := step.(type) {
		case hcl.TraverseAttr:
			b.WriteString("." + st.Name)
		case hcl.TraverseIndex:
			b.WriteByte('[')
			if !writeCty(b, st.Key) {
				return false
			}
			b.WriteByte(']')
		default:
			return false
		}
	}
	return true
}

// writeCty writes a wholly known value as typed JSON.
func writeCty(b *strings.Builder, v cty.Value) bool {
	if v.ContainsMarked() || !v.IsWhollyKnown() {
		return false
	}
	data, err := ctyjson.Marshal(v, v.Type())
	if err != nil {
		return false
	}
	b.Write(data)
	return true
}
