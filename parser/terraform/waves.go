package terraform

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/blindspot-iac/blindspot/graph"
)

// item is a local, module call or data source waiting for evaluation.
type item struct {
	kind string // "local", "module", "data"
	name string
	deps []string
	attr *hcl.Attribute
	blk  *hcl.Block
}

// resolveDependencies evaluates locals, module calls and data sources in
// dependency order. Items in a cycle are evaluated last, with what is known.
func (s *scope) resolveDependencies(stack []string) {
	items := s.mod.dependentItems()
	pending := make([]*item, len(items))
	for i := range items {
		it := items[i]
		pending[i] = &it
	}
	waiting := map[string]bool{}
	for _, it := range pending {
		waiting[it.kind+"."+it.name] = true
	}
	for len(pending) > 0 {
		// Items whose dependencies are all evaluated form a wave; they do
		// not depend on each other, so they share one evaluation context
		// instead of rebuilding it after each of them.
		var wave, rest []*item
		for _, it := range pending {
			ready := true
			for _, d := range it.deps {
				if waiting[d] && d != it.kind+"."+it.name {
					ready = false
					break
				}
			}
			if ready {
				wave = append(wave, it)
			} else {
				rest = append(rest, it)
			}
		}
		progress := len(wave) > 0
		s.context()
		s.frozen = true
		for _, it := range wave {
			s.evalItem(it, stack)
		}
		s.frozen = false
		for _, it := range wave {
			delete(waiting, it.kind+"."+it.name)
		}
		if !progress {
			// A cycle: evaluate the first one with what is known.
			it := rest[0]
			// Terraform resolves references between modules output by
			// output, so modules that use each other's outputs are valid;
			// a cycle of locals is not.
			d := graph.Warningf(itemRange(it), "dependency-cycle", "%s.%s is part of a dependency cycle; it is evaluated with what is known", it.kind, it.name)
			if it.kind != "local" {
				d.Severity = graph.Debug
			}
			s.l.diag(d)
			s.evalItem(it, stack)
			delete(waiting, it.kind+"."+it.name)
			rest = rest[1:]
		}
		pending = rest
	}
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
	}
}

// depsOf lists the locals, modules and data sources references point at.
func depsOf(ts []hcl.Traversal) []string {
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
