package terraform

import (
	"slices"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// eachNode calls f for node and every node under it, parents first, as
// hclsyntax.VisitAll does, reading a node's children after f returns (so
// that what f puts in their place is walked too). It spares VisitAll's
// allocations: a closure for every node and a map for every for
// expression, which instrumenting every parsed file paid (one allocation
// in twelve of a scan). The scopes of a for expression's key, value and
// condition are not visited as nodes of their own; node types not known
// here are handed to VisitAll, so that whatever lies under them is still
// visited.
func eachNode(node hclsyntax.Node, f func(hclsyntax.Node)) {
	switch n := node.(type) {
	case nil:
	case *hclsyntax.Body:
		f(n)
		eachNode(n.Attributes, f)
		eachNode(n.Blocks, f)
	case hclsyntax.Attributes:
		f(n)
		for _, a := range n {
			eachNode(a, f)
		}
	case *hclsyntax.Attribute:
		f(n)
		eachExpr(n.Expr, f)
	case hclsyntax.Blocks:
		f(n)
		for _, b := range n {
			eachNode(b, f)
		}
	case *hclsyntax.Block:
		f(n)
		eachNode(n.Body, f)
	case hclsyntax.Expression:
		eachExpr(n, f)
	default:
		visitAll(n, f)
	}
}

// eachExpr is eachNode for an expression.
func eachExpr(expr hclsyntax.Expression, f func(hclsyntax.Node)) {
	walkExpr(expr, nil, func(e hclsyntax.Expression, _ []string) { f(e) },
		func(e hclsyntax.Expression, _ []string) { visitAll(e, f) })
}

// walkExpr calls enter for expr and every expression under it, parents
// first, as hclsyntax walks them, with the names that the for expressions
// around each declare (locals); it reads an expression's children after
// enter returns. A bare name as an object key is the key, not an
// expression, and is not walked. An expression of a type not known here is
// given to unknown instead, which walks what lies under it if it must.
func walkExpr(expr hclsyntax.Expression, locals []string, enter, unknown func(hclsyntax.Expression, []string)) {
	walk := func(e hclsyntax.Expression) { walkExpr(e, locals, enter, unknown) }
	switch e := expr.(type) {
	case nil:
	case *hclsyntax.LiteralValueExpr, *hclsyntax.ScopeTraversalExpr, *hclsyntax.AnonSymbolExpr, *hclsyntax.ExprSyntaxError:
		enter(e, locals)
	case *hclsyntax.RelativeTraversalExpr:
		enter(e, locals)
		walk(e.Source)
	case *hclsyntax.FunctionCallExpr:
		enter(e, locals)
		for _, a := range e.Args {
			walk(a)
		}
	case *budgetExpr:
		walkExpr(e.FunctionCallExpr, locals, enter, unknown)
	case *hclsyntax.ConditionalExpr:
		enter(e, locals)
		walk(e.Condition)
		walk(e.TrueResult)
		walk(e.FalseResult)
	case *hclsyntax.IndexExpr:
		enter(e, locals)
		walk(e.Collection)
		walk(e.Key)
	case *hclsyntax.TupleConsExpr:
		enter(e, locals)
		for _, x := range e.Exprs {
			walk(x)
		}
	case *hclsyntax.ObjectConsExpr:
		enter(e, locals)
		for _, item := range e.Items {
			walk(item.KeyExpr)
			walk(item.ValueExpr)
		}
	case *hclsyntax.ObjectConsKeyExpr:
		enter(e, locals)
		if hcl.ExprAsKeyword(e.Wrapped) == "" {
			walk(e.Wrapped)
		}
	case *hclsyntax.ForExpr:
		enter(e, locals)
		walk(e.CollExpr)
		inner := locals[:len(locals):len(locals)]
		for _, name := range []string{e.KeyVar, e.ValVar} {
			if name != "" {
				inner = append(inner, name)
			}
		}
		for _, x := range []hclsyntax.Expression{e.KeyExpr, e.ValExpr, e.CondExpr} {
			walkExpr(x, inner, enter, unknown)
		}
	case *hclsyntax.SplatExpr:
		enter(e, locals)
		walk(e.Source)
		walk(e.Each)
	case *hclsyntax.BinaryOpExpr:
		enter(e, locals)
		walk(e.LHS)
		walk(e.RHS)
	case *hclsyntax.UnaryOpExpr:
		enter(e, locals)
		walk(e.Val)
	case *hclsyntax.TemplateExpr:
		enter(e, locals)
		for _, p := range e.Parts {
			walk(p)
		}
	case *hclsyntax.TemplateJoinExpr:
		enter(e, locals)
		walk(e.Tuple)
	case *hclsyntax.TemplateWrapExpr:
		enter(e, locals)
		walk(e.Wrapped)
	case *hclsyntax.ParenthesesExpr:
		enter(e, locals)
		walk(e.Expression)
	default:
		unknown(e, locals)
	}
}

// visitAll is hclsyntax.VisitAll with f.
func visitAll(node hclsyntax.Node, f func(hclsyntax.Node)) {
	_ = hclsyntax.VisitAll(node, func(n hclsyntax.Node) hcl.Diagnostics {
		f(n)
		return nil
	})
}

// variables is expr.Variables(): the traversals from the root scope that
// expr reads, in the order hclsyntax.Variables finds them, without the
// closure it allocates for every node walked (a scan asks for the
// variables of every expression evaluated, for every instance).
func variables(expr hcl.Expression) []hcl.Traversal {
	e, ok := expr.(hclsyntax.Expression)
	if !ok {
		return expr.Variables()
	}
	var vars []hcl.Traversal
	walkExpr(e, nil, func(e hclsyntax.Expression, locals []string) {
		if t, ok := e.(*hclsyntax.ScopeTraversalExpr); ok && !isLocal(t.Traversal, locals) {
			vars = append(vars, t.Traversal)
		}
	}, func(e hclsyntax.Expression, locals []string) {
		for _, t := range hclsyntax.Variables(e) {
			if !isLocal(t, locals) {
				vars = append(vars, t)
			}
		}
	})
	return vars
}

// isLocal reports whether t starts with one of locals.
func isLocal(t hcl.Traversal, locals []string) bool {
	if len(locals) == 0 {
		return false
	}
	return slices.Contains(locals, t.RootName())
}
