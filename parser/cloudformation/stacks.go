package cloudformation

import (
	"go.yaml.in/yaml/v3"

	"github.com/blindspot-iac/blindspot/graph"
)

// progress is how far a resource of a template is evaluated.
type progress int

const (
	notStarted progress = iota
	// evaluating: a reference back to the resource from its own
	// evaluation is circular.
	evaluating
	evaluated
	// absent: the resource is not created (its Condition is false) or
	// is invalid.
	absent
)

// isStack reports whether typ creates a nested stack whose outputs
// Fn::GetAtt reads as Outputs.Name.
func isStack(typ string) bool {
	return typ == "AWS::CloudFormation::Stack" || typ == "AWS::Serverless::Application"
}

// resourceType returns the Type written for resource name ("" when none).
func (t *template) resourceType(name string) string {
	e, ok := t.resources[name]
	if !ok {
		return ""
	}
	n := deref(lookupValue(deref(e.value), "Type"))
	if n == nil || n.Kind != yaml.ScalarNode {
		return ""
	}
	return n.Value
}

// stackOutput evaluates Fn::GetAtt stack.Outputs.name at r: the value of
// the output of the local nested stack, which is evaluated first if the
// template lists it later. Outputs of a stack whose template is not read
// are known only after deployment.
func (t *template) stackOutput(stack, name string, r graph.Range) graph.Value {
	ref := graph.Ref{Address: t.prefix + stack, Attr: "Outputs." + name, Range: r}
	if t.loader == nil {
		return graph.UnknownValue(stack+".Outputs."+name+" is known only after deployment", r).WithRefs(ref)
	}
	if t.progress[stack] == evaluating {
		t.diags = append(t.diags, graph.Errorf(r, "circular-reference",
			"Fn::GetAtt reads an output of nested stack %s while its own properties are evaluated; CloudFormation rejects the circular dependency", stack))
		return graph.UnknownValue(stack+".Outputs."+name+" depends on itself", r).WithRefs(ref)
	}
	t.loader.evaluate(t, stack)
	child := t.stacks[stack]
	if t.progress[stack] == absent {
		return graph.UnknownValue("nested stack "+stack+" is not created, so it has no output "+name, r).WithRefs(ref)
	}
	if child == nil {
		return graph.UnknownValue(stack+".Outputs."+name+" is an output of nested stack "+stack+", whose template blindspot does not read", r).WithRefs(ref)
	}
	v, ok := child.output(name, r)
	if !ok {
		t.diags = append(t.diags, graph.Warningf(r, "unresolved-reference",
			"Fn::GetAtt of %s.Outputs.%s, which the template of nested stack %s does not declare", stack, name, stack))
		return graph.UnknownValue("nested stack "+stack+" has no output "+name, r).WithRefs(ref)
	}
	return relocate(v, r)
}

// output evaluates the output name of a nested stack's template, once; ok
// is false when the template declares no such output. at is where a
// parent reads it, for diagnostics.
func (t *template) output(name string, at graph.Range) (v graph.Value, ok bool) {
	if v, ok := t.outputs[name]; ok {
		return v, true
	}
	_, body := lookup(lookupValue(t.root, "Outputs"), name)
	if body == nil {
		return graph.Value{}, false
	}
	defer t.loader.flush(t)
	body = deref(body)
	r := nodeRange(t.file, body)
	if ck, cn := lookup(body, "Condition"); cn != nil {
		if cond, _ := t.condition(deref(cn).Value, nodeRange(t.file, ck)); cond == graph.False {
			// CloudFormation fails the parent stack: the output it reads
			// does not exist.
			t.diags = append(t.diags, graph.Warningf(at, "unresolved-reference",
				"nested stack output %s is not created (condition %s is false); the stack that reads it fails to deploy", name, deref(cn).Value))
			v = graph.UnknownValue("output "+name+" is not created: condition "+deref(cn).Value+" is false", r)
			t.outputs[name] = v
			return v, true
		}
		// When the condition is unknown, the parent deploys only if the
		// output exists, so it has its value.
	}
	vn := lookupValue(body, "Value")
	if vn == nil {
		t.diags = append(t.diags, graph.Errorf(r, "invalid-template", "output %s has no Value", name))
		v = graph.UnknownValue("output "+name+" has no Value", r)
	} else if ev, present := t.eval(vn, 1); present {
		v = ev
	} else {
		v = graph.UnknownValue("output "+name+" is AWS::NoValue", r)
	}
	t.outputs[name] = v
	return v, true
}
