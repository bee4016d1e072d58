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
// condition are not visited as nodes of their own, and an object key that
// is a bare name is visited as the traversal it is written as; node types
// not known here are handed to VisitAll, so that whatever lies under them
// is still visited.
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
	if expr == nil {
		return
	}
	switch e := expr.(type) {
	case *hclsyntax.LiteralValueExpr, *hclsyntax.ScopeTraversalExpr, *hclsyntax.AnonSymbolExpr, *hclsyntax.ExprSyntaxError:
		f(e)
	case *hclsyntax.RelativeTraversalExpr:
		f(e)
		eachExpr(e.Source, f)
	case *hclsyntax.FunctionCallExpr:
		f(e)
		for _, a := range e.Args {
			eachExpr(a, f)
		}
	case *hclsyntax.ConditionalExpr:
		f(e)
		eachExpr(e.Condition, f)
		eachExpr(e.TrueResult, f)
		eachExpr(e.FalseResult, f)
	case *hclsyntax.IndexExpr:
		f(e)
		eachExpr(e.Collection, f)
		eachExpr(e.Key, f)
	case *hclsyntax.TupleConsExpr:
		f(e)
		for _, x := range e.Exprs {
			eachExpr(x, f)
		}
	case *hclsyntax.ObjectConsExpr:
		f(e)
		for _, item := range e.Items {
			eachExpr(item.KeyExpr, f)
			eachExpr(item.ValueExpr, f)
		}
	case *hclsyntax.ObjectConsKeyExpr:
		f(e)
		eachExpr(e.Wrapped, f)
	case *hclsyntax.ForExpr:
		f(e)
		eachExpr(e.CollExpr, f)
		eachExpr(e.KeyExpr, f)
		eachExpr(e.ValExpr, f)
		eachExpr(e.CondExpr, f)
	case *hclsyntax.SplatExpr:
		f(e)
		eachExpr(e.Source, f)
		eachExpr(e.Each, f)
	case *hclsyntax.BinaryOpExpr:
		f(e)
		eachExpr(e.LHS, f)
		eachExpr(e.RHS, f)
	case *hclsyntax.UnaryOpExpr:
		f(e)
		eachExpr(e.Val, f)
	case *hclsyntax.TemplateExpr:
		f(e)
		for _, p := range e.Parts {
			eachExpr(p, f)
		}
	case *hclsyntax.TemplateJoinExpr:
		f(e)
		eachExpr(e.Tuple, f)
	case *hclsyntax.TemplateWrapExpr:
		f(e)
		eachExpr(e.Wrapped, f)
	case *hclsyntax.ParenthesesExpr:
		f(e)
		eachExpr(e.Expression, f)
	default:
		visitAll(e, f)
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
	return appendVariables(nil, e, nil)
}

// appendVariables appends to vars the traversals of expr whose root is
// not one of locals (the names a for expression around it declares).
func appendVariables(vars []hcl.Traversal, expr hclsyntax.Expression, locals []string) []hcl.Traversal {
	switch e := expr.(type) {
	case nil, *hclsyntax.LiteralValueExpr, *hclsyntax.AnonSymbolExpr, *hclsyntax.ExprSyntaxError:
	case *hclsyntax.ScopeTraversalExpr:
		if !isLocal(e.Traversal, locals) {
			vars = append(vars, e.Traversal)
		}
	case *hclsyntax.RelativeTraversalExpr:
		vars = appendVariables(vars, e.Source, locals)
	case *hclsyntax.FunctionCallExpr:
		for _, a := range e.Args {
			vars = appendVariables(vars, a, locals)
		}
	case *hclsyntax.ConditionalExpr:
		vars = appendVariables(vars, e.Condition, locals)
		vars = appendVariables(vars, e.TrueResult, locals)
		vars = appendVariables(vars, e.FalseResult, locals)
	case *hclsyntax.IndexExpr:
		vars = appendVariables(vars, e.Collection, locals)
		vars = appendVariables(vars, e.Key, locals)
	case *hclsyntax.TupleConsExpr:
		for _, x := range e.Exprs {
			vars = appendVariables(vars, x, locals)
		}
	case *hclsyntax.ObjectConsExpr:
		for _, item := range e.Items {
			vars = appendVariables(vars, item.KeyExpr, locals)
			vars = appendVariables(vars, item.ValueExpr, locals)
		}
	case *hclsyntax.ObjectConsKeyExpr:
		// A bare name is the key itself, not a reference.
		if hcl.ExprAsKeyword(e.Wrapped) == "" {
			vars = appendVariables(vars, e.Wrapped, locals)
		}
	case *hclsyntax.ForExpr:
		vars = appendVariables(vars, e.CollExpr, locals)
		inner := locals[:len(locals):len(locals)]
		for _, name := range []string{e.KeyVar, e.ValVar} {
			if name != "" {
				inner = append(inner, name)
			}
		}
		vars = appendVariables(vars, e.KeyExpr, inner)
		vars = appendVariables(vars, e.ValExpr, inner)
		vars = appendVariables(vars, e.CondExpr, inner)
	case *hclsyntax.SplatExpr:
		vars = appendVariables(vars, e.Source, locals)
		vars = appendVariables(vars, e.Each, locals)
	case *hclsyntax.BinaryOpExpr:
		vars = appendVariables(vars, e.LHS, locals)
		vars = appendVariables(vars, e.RHS, locals)
	case *hclsyntax.UnaryOpExpr:
		vars = appendVariables(vars, e.Val, locals)
	case *hclsyntax.TemplateExpr:
		for _, p := range e.Parts {
			vars = appendVariables(vars, p, locals)
		}
	case *hclsyntax.TemplateJoinExpr:
		vars = appendVariables(vars, e.Tuple, locals)
	case *hclsyntax.TemplateWrapExpr:
		vars = appendVariables(vars, e.Wrapped, locals)
	case *hclsyntax.ParenthesesExpr:
		vars = appendVariables(vars, e.Expression, locals)
	default:
		for _, t := range hclsyntax.Variables(e) {
			if !isLocal(t, locals) {
				vars = append(vars, t)
			}
		}
	}
	return vars
}

// isLocal reports whether t starts with one of locals.
func isLocal(t hcl.Traversal, locals []string) bool {
	if len(locals) == 0 {
		return false
	}
	return slices.Contains(locals, t.RootName())
}
