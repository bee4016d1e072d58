package terraform

import (
	"context"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/tryfunc"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"

	"github.com/blindspot-iac/blindspot/internal/budget"
)

// TestTryEvaluatesOnce checks that try gives what HCL's tryfunc gives,
// errors word for word, while evaluating each argument once.
func TestTryEvaluatesOnce(t *testing.T) {
	calls := 0
	counted := function.New(&function.Spec{
		Params: []function.Parameter{{Name: "v", Type: cty.String}},
		Type:   function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			calls++
			return args[0], nil
		},
	})
	vars := map[string]cty.Value{
		"known":   cty.ObjectVal(map[string]cty.Value{"a": cty.StringVal("x")}),
		"unknown": cty.UnknownVal(cty.String),
	}
	tests := []struct {
		expr  string
		calls int
	}{
		{`try(known.missing, counted("fallback"))`, 1},
		{`try(counted(known.a), "y")`, 1},
		{`try(unknown, counted("y"))`, 0},
		{`try(try(known.missing, counted("in")), "out")`, 1},
		{`"${try(known.missing, counted("a"))}-${try(counted("b"), "c")}"`, 2},
		{`try(known.missing, known.other)`, 0},
		{`try()`, 0},
	}
	for _, tt := range tests {
		expr, diags := hclsyntax.ParseExpression([]byte(tt.expr), "t.tf", hcl.InitialPos)
		if diags.HasErrors() {
			t.Fatalf("%s: %v", tt.expr, diags)
		}
		eval := func(try function.Function) (cty.Value, hcl.Diagnostics) {
			calls = 0
			ctx := &hcl.EvalContext{Variables: vars, Functions: map[string]function.Function{"try": try, "counted": counted}}
			return expr.Value(ctx)
		}
		want, wantDiags := eval(tryfunc.TryFunc)
		got, gotDiags := eval(tryFunc())
		if !got.RawEquals(want) {
			t.Errorf("%s = %#v, want %#v", tt.expr, got, want)
		}
		if gotDiags.Error() != wantDiags.Error() {
			t.Errorf("%s: diagnostics\n%v\nwant\n%v", tt.expr, gotDiags, wantDiags)
		}
		if calls != tt.calls {
			t.Errorf("%s: arguments evaluated %d times, want %d", tt.expr, calls, tt.calls)
		}
	}
}

// TestBudgetedAgrees checks that a function wrapped for the budget gives
// what the function itself gives: values, unknowns, marks and errors,
// nested calls of the same function included.
func TestBudgetedAgrees(t *testing.T) {
	vars := map[string]cty.Value{
		"secret":  cty.StringVal("s").Mark(sensitiveMark),
		"unknown": cty.UnknownVal(cty.String),
		"tags":    cty.ObjectVal(map[string]cty.Value{"a": cty.StringVal("1"), "b": cty.StringVal("2").Mark(sensitiveMark)}),
		"dynamic": cty.DynamicVal,
	}
	exprs := []string{
		`format("%s-%s", format("%s", "a"), join(",", ["b", "c"]))`,
		`merge(tags, {c = "3"}, merge({d = secret}))`,
		`join(",", [secret, "x"])`,
		`format("%s", unknown)`,
		`concat(["a"], dynamic)`,
		`max(1, 2, 3)`,
		`jsondecode("[1, {\"a\": true}]")`,
		`jsondecode("{")`,
		`format("%d", "x")`,
		`range(3)`,
		`split(",", "a,b,${secret}")`,
	}
	b := budget.New(context.Background(), budget.Limits{})
	defer b.Stop()
	for _, src := range exprs {
		expr, diags := hclsyntax.ParseExpression([]byte(src), "t.tf", hcl.InitialPos)
		if diags.HasErrors() {
			t.Fatalf("%s: %v", src, diags)
		}
		want, wantDiags := expr.Value(&hcl.EvalContext{Variables: vars, Functions: unbudgeted(".", nil, new(bool), b)})
		got, gotDiags := expr.Value(&hcl.EvalContext{Variables: vars, Functions: functions(".", nil, new(bool), b)})
		if !got.RawEquals(want) {
			t.Errorf("%s = %#v, want %#v", src, got, want)
		}
		if gotDiags.Error() != wantDiags.Error() {
			t.Errorf("%s: diagnostics\n%v\nwant\n%v", src, gotDiags, wantDiags)
		}
	}
}
