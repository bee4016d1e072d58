package policy

import (
	"fmt"
	"testing"

	"github.com/google/cel-go/cel"
	"github.com/google/cel-go/common/types"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/graph/aws"
)

// TestDecoratedCalls checks that the nodes decorate plans give what CEL's
// own calls give, with the meter charged the same: known, unknown and
// erroneous inputs, inside and outside comprehensions.
func TestDecoratedCalls(t *testing.T) {
	r := tfResource("aws_s3_bucket", obj(
		"bucket", "Acme-Data",
		"grants", []any{"a", "b", unknown("var.grant has no value"), "c"},
		"count", 3,
		"name", unknown("var.name has no value"),
	))
	m := aws.Build(&graph.Graph{Resources: []*graph.Resource{r}}, aws.Options{})
	for _, cond := range []string{
		`resource.attributes.bucket.matches("^[A-Z]")`,
		`resource.attributes.bucket.matches("^[a-z]+$")`,
		`matches(resource.attributes.bucket, "Data")`,
		`resource.attributes.name.matches("x")`,
		`resource.attributes.count.matches("3")`,
		`resource.attributes.missing.matches("x")`,
		`resource.attributes.bucket.matches(resource.address)`,
		`resource.attributes.grants.exists(g, g.matches("^b$"))`,
		`resource.attributes.grants.all(g, g.matches("^[a-c]$"))`,
		`resource.attributes.grants.map(g, g + "x").size() == 4`,
		`resource.attributes.grants.filter(g, g == "a").size() == 1`,
		`[1, 2, 3].all(a, [4, 5].exists(b, a + b > 7))`,
		`resource.attributes.grants.exists(g, g.size() > resource.attributes.count)`,
	} {
		var got [2]string
		for i, decorated := range []bool{true, false} {
			env, c := compileOne(t, r.Type, cond)
			if !decorated {
				c.prg = undecorated(t, env, c)
			}
			act := &activation{}
			act.reset(env, &RunOptions{}, m, nil, subject{resource: r}, nil)
			out, _, err := c.prg.Eval(act)
			got[i] = fmt.Sprintf("%v %v spent %d over %v", resultText(act.st, out), err, act.meter.spent, act.meter.over)
		}
		if got[0] != got[1] {
			t.Errorf("%s: %s, CEL's own calls give %s", cond, got[0], got[1])
		}
	}
}

// undecorated is the condition's program planned without decorate.
func undecorated(t *testing.T, env *Env, c *compiled) cel.Program {
	t.Helper()
	e, err := env.envFor(c.coll)
	if err != nil {
		t.Fatal(err)
	}
	ast, iss := e.Compile(c.policy.Condition)
	if iss.Err() != nil {
		t.Fatal(iss.Err())
	}
	meterLoops(ast.NativeRep())
	prg, err := e.Program(ast, cel.EvalOptions(cel.OptOptimize))
	if err != nil {
		t.Fatal(err)
	}
	return prg
}

func resultText(st *evalState, v any) string {
	if u, ok := v.(*types.Unknown); ok {
		return "unknown: " + st.describeUnknown(u)
	}
	return fmt.Sprint(v)
}
