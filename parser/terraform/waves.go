package terraform

import (
	"slices"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/blindspot-iac/blindspot/graph"
)

// item is a local, module call, data source or provider configuration
// waiting for evaluation.
type item struct {
	kind string // "local", "module", "data", "provider"
	name string
	// pos is a provider's place among the module's provider blocks.
	pos  int
	deps []string
	// soft are dependencies evaluated first when that is possible: the
	// providers a module call passes, which the child's data sources read
	// (its caller identity and region). Terraform resolves a module's
	// outputs one by one, so a provider configured from a module output
	// (the role it assumes) is valid even when the module receives that
	// provider; then the call goes first.
	soft []string
	attr *hcl.Attribute
	blk  *hcl.Block
}

func (it *item) key() string { return it.kind + "." + it.name }

// resolveDependencies evaluates locals, module calls, data sources and
// provider configurations in dependency order. Items in a cycle are
// evaluated last, with what is known.
func (s *scope) resolveDependencies(stack []string) {
	items := s.mod.dependentItems()
	pending := make([]*item, len(items))
	byKey := make(map[string]*item, len(items))
	for i := range items {
		it := items[i]
		pending[i] = &it
		byKey[it.key()] = &it
	}
	waiting := map[string]bool{}
	for _, it := range pending {
		waiting[it.key()] = true
	}
	waitsFor := func(it *item, deps []string) bool {
		for _, d := range deps {
			if waiting[d] && d != it.key() {
				return true
			}
		}
		return false
	}
	for len(pending) > 0 {
		// Items whose dependencies are all evaluated form a wave; they do
		// not depend on each other, so they share one evaluation context
		// instead of rebuilding it after each of them.
		wave, rest := splitItems(pending, func(it *item) bool { return !waitsFor(it, it.deps) && !waitsFor(it, it.soft) })
		if len(wave) == 0 {
			wave, rest = splitItems(pending, func(it *item) bool { return !waitsFor(it, it.deps) })
		}
		if len(wave) > 0 {
			s.context()
			s.frozen = true
			for _, it := range wave {
				s.evalItem(it, stack)
			}
			s.frozen = false
			for _, it := range wave {
				delete(waiting, it.key())
			}
			pending = rest
			continue
		}
		// A cycle: evaluate one of its members with what is known.
		it := cycleMember(rest[0], byKey, waiting)
		// Terraform resolves references between modules output by
		// output, so modules that use each other's outputs are valid; a
		// cycle of locals is not.
		d := graph.Warningf(itemRange(it), "dependency-cycle", "%s is part of a dependency cycle; it is evaluated with what is known", it.key())
		if it.kind != "local" {
			d.Severity = graph.Debug
		}
		s.l.diag(d)
		s.evalItem(it, stack)
		delete(waiting, it.key())
		pending = slices.DeleteFunc(rest, func(x *item) bool { return x == it })
	}
}

// splitItems separates the items for which ready holds from the others,
// keeping their order.
func splitItems(items []*item, ready func(*item) bool) (yes, no []*item) {
	for _, it := range items {
		if ready(it) {
			yes = append(yes, it)
		} else {
			no = append(no, it)
		}
	}
	return yes, no
}

// cycleMember finds an item of a dependency cycle to evaluate first,
// starting from an item that cannot be evaluated (which may only wait for
// a cycle). Following waiting dependencies leads into the cycle. A module
// call of the cycle is preferred: Terraform resolves module outputs one by
// one, so a cycle through a module is usually none in Terraform.
func cycleMember(from *item, byKey map[string]*item, waiting map[string]bool) *item {
	next := func(it *item) *item {
		for _, d := range it.deps {
			if waiting[d] && d != it.key() && byKey[d] != nil {
				return byKey[d]
			}
		}
		return nil
	}
	passed := map[*item]bool{}
	cur := from
	for !passed[cur] {
		passed[cur] = true
		n := next(cur)
		if n == nil {
			return cur
		}
		cur = n
	}
	// cur is in the cycle: go round it once.
	member := cur
	for it := next(cur); it != nil && it != cur; it = next(it) {
		if it.kind == "module" && member.kind != "module" {
			member = it
		}
	}
	return member
}

func itemRange(it *item) graph.Range {
	if it.attr != nil {
		return toRange(it.attr.NameRange)
	}
	return toRange(it.blk.DefRange)
}

func (s *scope) evalItem(it *item, stack []string) {
	switch it.kind {
	case "local":
		v, gv := s.evaluate(it.attr.Expr, s.context())
		s.locals[it.name] = named{val: v, gv: gv}
		s.stale |= staleLocals
	case "module":
		s.callModule(it.blk, stack)
		s.stale |= staleModules
	case "data":
		s.dataSource(it.blk)
		s.stale |= staleData
	case "provider":
		s.readProvider(it.blk, it.pos)
	}
}

// depsOf lists the locals, modules and data sources references point at,
// sorted (references are gathered from maps of attributes).
func depsOf(ts []hcl.Traversal) []string {
	return slices.Compact(slices.Sorted(slices.Values(refsOf(ts))))
}

func refsOf(ts []hcl.Traversal) []string {
	var out []string
	for _, t := range ts {
		switch t.RootName() {
		case "local", "module":
			if n, ok := attrName(t, 1); ok {
				out = append(out, t.RootName()+"."+n)
			}
		case "data":
			typ, ok1 := attrName(t, 1)
			n, ok2 := attrName(t, 2)
			if ok1 && ok2 {
				out = append(out, "data."+typ+"."+n)
			}
		}
	}
	return out
}

// bodyVariables lists every reference in a body, nested blocks included.
func bodyVariables(body hcl.Body) []hcl.Traversal {
	if sb, ok := body.(*hclsyntax.Body); ok {
		var out []hcl.Traversal
		for _, a := range sb.Attributes {
			out = append(out, a.Expr.Variables()...)
		}
		for _, b := range sb.Blocks {
			out = append(out, bodyVariables(b.Body)...)
		}
		return out
	}
	attrs, _ := body.JustAttributes()
	var out []hcl.Traversal
	for _, a := range attrs {
		out = append(out, a.Expr.Variables()...)
	}
	return out
}
