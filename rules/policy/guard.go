package policy

import (
	celast "github.com/google/cel-go/common/ast"
	"github.com/google/cel-go/common/operators"

	"github.com/blindspot-iac/blindspot/graph"
)

// A condition that is a conjunction one of whose terms is
// has(resource.attributes.KEY) is false, whatever its other terms, on a
// resource whose attributes are known and lack KEY: CEL's && is false as
// soon as a term is (bench-w-cfn-tags, `has(resource.attributes.Tags) &&
// ...`, on every CloudFormation resource). Such a resource is answered
// without an evaluation.
//
// The answer is the evaluation's, and so is its cost: the terms before
// the guard that an evaluation would run have no comprehension (only
// those are charged beyond the condition's nodes), and those after it do
// not run.

// attributeGuards returns the KEYs of the has(resource.attributes.KEY)
// terms of the checked condition's top-level conjunction that come
// before any term with a comprehension.
func attributeGuards(a *celast.AST) []string {
	var (
		keys    []string
		stopped bool
	)
	var walk func(e celast.Expr)
	walk = func(e celast.Expr) {
		if stopped {
			return
		}
		if e.Kind() == celast.CallKind && e.AsCall().FunctionName() == operators.LogicalAnd {
			for _, arg := range e.AsCall().Args() {
				walk(arg)
			}
			return
		}
		if key, ok := attributePresence(a, e); ok {
			keys = append(keys, key)
			return
		}
		if len(celast.MatchDescendants(celast.NavigateExpr(a, e), celast.KindMatcher(celast.ComprehensionKind))) > 0 {
			stopped = true
		}
	}
	walk(a.Expr())
	return keys
}

// attributePresence reports whether e is has(resource.attributes.KEY),
// resource being the generic resource, and returns KEY.
func attributePresence(a *celast.AST, e celast.Expr) (string, bool) {
	if e.Kind() != celast.SelectKind || !e.AsSelect().IsTestOnly() {
		return "", false
	}
	attrs := e.AsSelect().Operand()
	if attrs.Kind() != celast.SelectKind || attrs.AsSelect().IsTestOnly() || attrs.AsSelect().FieldName() != "attributes" {
		return "", false
	}
	res := attrs.AsSelect().Operand()
	if res.Kind() != celast.IdentKind || res.AsIdent() != "resource" {
		return "", false
	}
	if ref, ok := a.ReferenceMap()[res.ID()]; !ok || ref.Name != "resource" {
		return "", false
	}
	return e.AsSelect().FieldName(), true
}

// guarded reports whether the condition is false on r by one of its
// attribute guards.
func (c *compiled) guarded(r *graph.Resource) bool {
	if len(c.attrGuards) == 0 || r == nil {
		return false
	}
	attrs := r.Attributes()
	if attrs.Kind() != graph.KindObject {
		return false
	}
	for _, key := range c.attrGuards {
		if _, ok := attrs.Get(key); !ok {
			return true
		}
	}
	return false
}
