package cloudformation

import (
	"fmt"

	"go.yaml.in/yaml/v3"

	"github.com/blindspot-iac/blindspot/graph"
)

// condState memoises a named condition.
type condState struct {
	value    graph.Tri
	why      string
	done     bool
	visiting bool
}

// condition evaluates a named condition of the Conditions section in
// three-valued logic; why explains an Unknown answer.
func (t *template) condition(name string, r graph.Range) (graph.Tri, string) {
	st := t.conds[name]
	if st == nil {
		node := t.condNodes[name]
		if node == nil {
			t.diags = append(t.diags, graph.Warningf(r, "unresolved-reference", "condition %s is not defined in Conditions", name))
			return graph.Unknown, "condition " + name + " is not defined"
		}
		st = &condState{}
		t.conds[name] = st
	}
	if st.done {
		return st.value, st.why
	}
	if st.visiting {
		t.diags = append(t.diags, graph.Errorf(r, "condition-cycle", "condition %s depends on itself", name))
		return graph.Unknown, "condition " + name + " depends on itself"
	}
	st.visiting = true
	v, why := t.condExpr(t.condNodes[name], 0)
	st.visiting = false
	if v == graph.Unknown {
		why = fmt.Sprintf("condition %s is unknown: %s", name, why)
	}
	st.value, st.why, st.done = v, why, true
	return v, why
}

// condExpr evaluates a condition expression: Fn::Equals, Fn::And, Fn::Or,
// Fn::Not or {Condition: name}.
func (t *template) condExpr(n *yaml.Node, depth int) (graph.Tri, string) {
	r := nodeRange(t.file, n)
	if depth > maxDepth || !t.spend(n) {
		return graph.Unknown, "a condition too deep to evaluate"
	}
	n = deref(n)
	name, arg, ok := intrinsic(n)
	if !ok && n != nil && n.Kind == yaml.MappingNode && len(n.Content) == 2 && n.Content[0].Value == "Condition" {
		name, arg, ok = "Condition", n.Content[1], true
	}
	if !ok {
		v, _ := t.eval(n, depth+1)
		if b, ok := v.AsBool(); ok {
			return graph.TriOf(b), ""
		}
		t.diags = append(t.diags, graph.Errorf(r, "invalid-condition", "a condition must be Fn::Equals, Fn::And, Fn::Or, Fn::Not or Condition"))
		return graph.Unknown, "an invalid condition"
	}
	switch name {
	case "Condition":
		return t.condition(deref(arg).Value, r)
	case "Fn::Not":
		list := deref(arg)
		if list == nil || list.Kind != yaml.SequenceNode || len(list.Content) != 1 {
			t.diags = append(t.diags, graph.Errorf(r, "invalid-condition", "Fn::Not takes a list of one condition"))
			return graph.Unknown, "an invalid condition"
		}
		v, why := t.condExpr(list.Content[0], depth+1)
		return v.Not(), why
	case "Fn::And", "Fn::Or":
		list := deref(arg)
		if list == nil || list.Kind != yaml.SequenceNode || len(list.Content) < 2 {
			t.diags = append(t.diags, graph.Errorf(r, "invalid-condition", "%s takes a list of 2 to 10 conditions", name))
			return graph.Unknown, "an invalid condition"
		}
		result := graph.TriOf(name == "Fn::And")
		why := ""
		for _, c := range list.Content {
			v, w := t.condExpr(c, depth+1)
			if v == graph.Unknown && why == "" {
				why = w
			}
			if name == "Fn::And" {
				result = result.And(v)
			} else {
				result = result.Or(v)
			}
		}
		return result, why
	case "Fn::Equals":
		args, ok := t.args(arg, 2, "Fn::Equals", r, depth+1)
		if !ok {
			return graph.Unknown, "an invalid condition"
		}
		return equals(args[0], args[1])
	}
	t.diags = append(t.diags, graph.Errorf(r, "invalid-condition", "%s is not a condition function", name))
	return graph.Unknown, "an invalid condition"
}

// equals compares two values in three-valued logic: when either may take
// several values, the answer is known only if every combination agrees.
func equals(a, b graph.Value) (graph.Tri, string) {
	as, bs := a.Alternatives(), b.Alternatives()
	if as == nil || bs == nil {
		why := a.Why()
		if as != nil {
			why = b.Why()
		}
		return graph.Unknown, describe(why)
	}
	seenTrue, seenFalse := false, false
	for _, x := range as {
		for _, y := range bs {
			if scalarEqual(x, y) {
				seenTrue = true
			} else {
				seenFalse = true
			}
		}
	}
	switch {
	case seenTrue && !seenFalse:
		return graph.True, ""
	case seenFalse && !seenTrue:
		return graph.False, ""
	}
	why := a.Why()
	if why == "" {
		why = b.Why()
	}
	return graph.Unknown, describe(why)
}

func describe(why string) string {
	if why == "" {
		return "a value not known before deployment"
	}
	return why
}

// scalarEqual compares as CloudFormation does: by string form.
func scalarEqual(x, y graph.Value) bool {
	xs, ok1 := x.AsString()
	ys, ok2 := y.AsString()
	if ok1 && ok2 {
		return xs == ys
	}
	return x.Equal(y)
}
