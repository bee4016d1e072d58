package terraform

import (
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

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
//
// Items whose dependencies are all evaluated form a wave; they do not
// depend on each other, so they share one evaluation context. The work is
// linear in the items and their references: waiting dependencies are
// counted and the counts of an item's dependents updated when it is
// evaluated (a chain of 10,000 locals is 10,000 waves), and each wave's
// context holds only the locals, module outputs and data sources the wave
// refers to, so it is not rebuilt from every value evaluated so far.
func (s *scope) resolveDependencies(stack []string) {
	items := s.mod.dependentItems()
	n := len(items)
	if n == 0 {
		return
	}
	all := make([]*item, n)
	index := make(map[string]int, n)
	for i := range items {
		it := items[i]
		all[i] = &it
		index[it.key()] = i
	}
	byKey := make(map[string]*item, n)
	waiting := make(map[string]bool, n)
	for _, it := range all {
		byKey[it.key()] = it
		waiting[it.key()] = true
	}
	// hard and soft count each item's dependencies still waiting;
	// hardOf and softOf are the reverse edges.
	hard, soft := make([]int, n), make([]int, n)
	hardOf, softOf := make([][]int, n), make([][]int, n)
	count := func(i int, deps []string, counts []int, reverse [][]int) {
		seen := map[int]bool{}
		for _, d := range deps {
			if j, ok := index[d]; ok && j != i && !seen[j] {
				seen[j] = true
				counts[i]++
				reverse[j] = append(reverse[j], i)
			}
		}
	}
	for i, it := range all {
		count(i, it.deps, hard, hardOf)
		count(i, it.soft, soft, softOf)
	}
	var readyFull, readyHard []int
	for i := range all {
		if hard[i] == 0 {
			readyHard = append(readyHard, i)
			if soft[i] == 0 {
				readyFull = append(readyFull, i)
			}
		}
	}
	done := make([]bool, n)
	first := 0 // every item before first is done
	markDone := func(i int) {
		done[i] = true
		delete(waiting, all[i].key())
		for _, j := range hardOf[i] {
			if hard[j]--; hard[j] == 0 {
				readyHard = append(readyHard, j)
				if soft[j] == 0 {
					readyFull = append(readyFull, j)
				}
			}
		}
		for _, j := range softOf[i] {
			if soft[j]--; soft[j] == 0 && hard[j] == 0 {
				readyFull = append(readyFull, j)
			}
		}
	}
	// take returns the items of a ready list not yet done, in the
	// module's order, and empties the list.
	take := func(list *[]int) []int {
		var out []int
		for _, i := range *list {
			if !done[i] {
				out = append(out, i)
			}
		}
		*list = nil
		slices.Sort(out)
		return slices.Compact(out)
	}
	base := s.context()
	evaluate := func(wave []int) {
		var deps []string
		for _, i := range wave {
			deps = append(deps, all[i].deps...)
			deps = append(deps, all[i].soft...)
		}
		s.ctx = s.waveContext(base, deps)
		s.frozen = true
		for _, i := range wave {
			s.evalItem(all[i], stack)
		}
		s.frozen = false
		s.ctx = base
		for _, i := range wave {
			markDone(i)
		}
	}
	for remaining := n; remaining > 0; {
		wave := take(&readyFull)
		if len(wave) == 0 {
			wave = take(&readyHard)
		}
		if len(wave) > 0 {
			evaluate(wave)
			remaining -= len(wave)
			continue
		}
		// A cycle: evaluate one of its members with what is known.
		for done[first] {
			first++
		}
		it := cycleMember(all[first], byKey, waiting)
		// Terraform resolves references between modules output by
		// output, so modules that use each other's outputs are valid; a
		// cycle of locals is not.
		d := graph.Warningf(itemRange(it), "dependency-cycle", "%s is part of a dependency cycle; it is evaluated with what is known", it.key())
		if it.kind != "local" {
			d.Severity = graph.Debug
		}
		s.l.diag(d)
		evaluate([]int{index[it.key()]})
		remaining--
	}
	// The context of what follows holds every value evaluated here.
	s.stale |= staleLocals | staleModules | staleData
}

// waveContext is base with the locals, module outputs and data sources
// named by deps (evaluated so far), and nothing else of those three.
func (s *scope) waveContext(base *hcl.EvalContext, deps []string) *hcl.EvalContext {
	locals := map[string]cty.Value{}
	modules := map[string]cty.Value{}
	data := map[string]map[string]cty.Value{}
	for _, d := range deps {
		root, rest, _ := strings.Cut(d, ".")
		switch root {
		case "local":
			if v, ok := s.locals[rest]; ok {
				locals[rest] = v.val
			}
		case "module":
			if v, ok := s.modules[rest]; ok {
				modules[rest] = v.val
			}
		case "data":
			typ, name, _ := strings.Cut(rest, ".")
			if v, ok := s.data[typ][name]; ok {
				if data[typ] == nil {
					data[typ] = map[string]cty.Value{}
				}
				data[typ][name] = v.val
			}
		}
	}
	dataObj := make(map[string]cty.Value, len(data))
	for typ, byName := range data {
		dataObj[typ] = cty.ObjectVal(byName)
	}
	child := base.NewChild()
	child.Variables = map[string]cty.Value{"local": cty.ObjectVal(locals), "module": cty.ObjectVal(modules), "data": cty.ObjectVal(dataObj)}
	return child
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
			out = append(out, variables(a.Expr)...)
		}
		for _, b := range sb.Blocks {
			out = append(out, bodyVariables(b.Body)...)
		}
		return out
	}
	attrs, _ := body.JustAttributes()
	var out []hcl.Traversal
	for _, a := range attrs {
		out = append(out, variables(a.Expr)...)
	}
	return out
}
