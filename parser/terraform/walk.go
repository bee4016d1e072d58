package terraform

import (
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

