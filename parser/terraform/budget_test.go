package terraform

import (
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/internal/budget"
)

// openGroup is a real finding beside each hostile construct: it must keep
// its literal value whatever the budget.
const openGroup = `
resource "aws_security_group" "open" {
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
`

// TestBudget evaluates constructs that explode: each must stop within the
// unit's budget, say so, and leave the literal security group beside it
// evaluated.
func TestBudget(t *testing.T) {
	doubling := "locals {\n  s0 = \"" + strings.Repeat("x", 1024) + "\"\n"
	for i := 1; i <= 40; i++ {
		doubling += fmt.Sprintf("  s%d = \"${local.s%d}${local.s%d}\"\n", i, i-1, i-1)
	}
	doubling += "}\nresource \"aws_s3_bucket\" \"b\" { bucket = local.s40 }\n"
	listDoubling := "locals {\n  l0 = range(1000)\n"
	for i := 1; i <= 40; i++ {
		listDoubling += fmt.Sprintf("  l%d = concat(local.l%d, local.l%d)\n", i, i-1, i-1)
	}
	listDoubling += "}\nresource \"aws_s3_bucket\" \"b\" { tags = { n = length(local.l40) } }\n"
	tests := []struct {
		name  string
		files map[string]string
	}{
		{"setproduct", map[string]string{"main.tf": `locals { p = setproduct(range(1000), range(1000), range(1000)) }
resource "aws_s3_bucket" "b" { tags = { n = length(local.p) } }`}},
		{"nested for", map[string]string{"main.tf": `locals { l = range(1000) }
resource "aws_s3_bucket" "b" { tags = { n = length([for a in local.l : [for b in local.l : [for c in local.l : c]]]) } }`}},
		{"doubling string", map[string]string{"main.tf": doubling}},
		{"doubling list", map[string]string{"main.tf": listDoubling}},
		{"format width", map[string]string{"main.tf": `resource "aws_s3_bucket" "b" { bucket = format("%999999999d", 1) }`}},
		{"formatlist", map[string]string{"main.tf": `locals { l = [for x in range(1000) : "${x}${x}${x}${x}${x}${x}${x}${x}"] }
resource "aws_s3_bucket" "b" { tags = { n = length(formatlist("%s%s%s", local.l, local.l, local.l)) } }`}},
		{"huge numbers", map[string]string{"main.tf": `locals {
  a = 1e4000
  b = local.a * local.a
  c = local.b * local.b
  d = local.c * local.c
  e = local.d * local.d
  f = local.e * local.e
  g = local.f * local.f
  h = local.g * local.g
  i = local.h * local.h
}
resource "aws_s3_bucket" "b" { bucket = "${local.i}" }`}},
		{"module fan-out", map[string]string{
			"main.tf":        "module \"a\" {\n source = \"./a\"\n count = 100\n}\n",
			"a/main.tf":      "module \"b\" {\n source = \"../b\"\n count = 100\n}\n",
			"b/main.tf":      "module \"c\" {\n source = \"../c\"\n count = 100\n}\n",
			"c/main.tf":      `resource "aws_s3_bucket" "b" { count = 100 }`,
			"c/variables.tf": `variable "x" { default = 1 }`,
		}},
		{"template loops", map[string]string{
			"main.tf": `resource "aws_s3_bucket" "b" { bucket = templatefile("${path.module}/t.tpl", { l = range(1000) }) }`,
			"t.tpl":   "%{ for a in l }%{ for b in l }%{ for c in l }x%{ endfor }%{ endfor }%{ endfor }",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, content := range tt.files {
				p := filepath.Join(dir, filepath.FromSlash(name))
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				content += openGroup
				if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			start := time.Now()
			// A smaller budget than the default keeps the test fast; the
			// hostile suite (cmd/blindspot) runs the defaults.
			g := LoadModule(dir, Options{Limits: budget.Limits{Values: 200_000, Bytes: 16 << 20}})
			if d := time.Since(start); d > 10*time.Second {
				t.Errorf("took %v", d)
			}
			spent := false
			for _, d := range g.Diagnostics {
				spent = spent || d.Code == "evaluation-budget"
			}
			if !spent {
				t.Errorf("no evaluation-budget diagnostic in %v", g.Diagnostics)
			}
			sg := resource(g, "aws_security_group.open")
			if sg == nil {
				t.Fatal("the security group beside the hostile code is gone")
			}
			ingress, _ := sg.Attrs.Get("ingress")
			if !strings.Contains(ingress.String(), "0.0.0.0/0") {
				t.Errorf("the security group lost its literal CIDR: %s", ingress)
			}
		})
	}
}

// A chain of 10,000 locals evaluates in linear time (it took 35 s when
// each wave rescanned every pending local and rebuilt every value).
func TestLocalChainIsLinear(t *testing.T) {
	var b strings.Builder
	b.WriteString("locals {\n  l0 = 1\n")
	for i := 1; i < 10000; i++ {
		fmt.Fprintf(&b, "  l%d = local.l%d + 1\n", i, i-1)
	}
	b.WriteString("}\nresource \"aws_s3_bucket\" \"b\" { tags = { n = local.l9999 } }\n")
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	var q strings.Builder
	q.WriteString("locals {\n  l0 = 1\n")
	for i := 1; i < 2500; i++ {
		fmt.Fprintf(&q, "  l%d = local.l%d + 1\n", i, i-1)
	}
	q.WriteString("}\n")
	small := t.TempDir()
	if err := os.WriteFile(filepath.Join(small, "main.tf"), []byte(q.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	// A quarter of the chain must cost about a quarter: quadratic work
	// would cost a sixteenth. Allocations are counted exactly whatever
	// the machine's load (no test of this package runs in parallel);
	// times are compared as each size's fastest of three runs, and again
	// when a burst of load on a shared machine made one comparison fail.
	var g *graph.Graph
	bigAllocs := allocations(func() { g = LoadModule(dir, Options{}) })
	smallAllocs := allocations(func() { LoadModule(small, Options{}) })
	if bigAllocs > 6*smallAllocs {
		t.Errorf("10,000 chained locals made %d allocations, 2,500 made %d: not linear", bigAllocs, smallAllocs)
	}
	var d, quarter time.Duration
	for range 3 {
		d = fastest(func() { LoadModule(dir, Options{}) })
		quarter = fastest(func() { LoadModule(small, Options{}) })
		if d <= 10*quarter || d <= time.Second {
			break
		}
	}
	if d > 10*quarter && d > time.Second {
		t.Errorf("10,000 chained locals took %v, 2,500 took %v: not linear", d, quarter)
	}
	r := resource(g, "aws_s3_bucket.b")
	if r == nil {
		t.Fatal("no bucket")
	}
	if n, _ := r.Attrs.Get("tags"); !strings.Contains(n.String(), "10000") {
		t.Errorf("tags = %s, want n = 10000", n)
	}
	t.Logf("10,000 chained locals: %v, %d allocations (2,500: %v, %d)", d, bigAllocs, quarter, smallAllocs)
}

// allocations counts the heap allocations f makes.
func allocations(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.Mallocs - before.Mallocs
}

// fastest returns the shortest of three timed runs of f.
func fastest(f func()) time.Duration {
	best := time.Duration(1<<63 - 1)
	for range 3 {
		start := time.Now()
		f()
		best = min(best, time.Since(start))
	}
	return best
}

// TestBudgetExprAgrees checks that a budget call instrument put in gives,
// evaluated in a context carrying the unit's budget, what the budget
// function gives through HCL's function call: values, unknowns, marks,
// diagnostics and what the budget was charged and refused.
func TestBudgetExprAgrees(t *testing.T) {
	long := strings.Repeat("x", 3000)
	vars := map[string]cty.Value{
		"secret":  cty.StringVal("s").Mark(sensitiveMark),
		"longsec": cty.StringVal(long).Mark(sensitiveMark),
		"long":    cty.StringVal(long),
		"unknown": cty.UnknownVal(cty.String),
		"nothing": cty.NullVal(cty.String),
		"dynamic": cty.DynamicVal,
		"big":     cty.MustParseNumberVal("1e4000"),
		"list":    cty.ListVal([]cty.Value{cty.StringVal("a"), cty.StringVal("b").Mark(sensitiveMark)}),
		"marked":  cty.TupleVal([]cty.Value{cty.NumberIntVal(1), cty.NumberIntVal(2)}).Mark(sensitiveMark),
		"ulist":   cty.UnknownVal(cty.List(cty.String)),
		"many":    cty.ListVal(slices.Repeat([]cty.Value{cty.NumberIntVal(7)}, 5000)),
	}
	exprs := []string{
		`"a-${secret}-${long}-${unknown}"`,
		`"${long}${long}${long}${long}"`,
		`"${longsec}${long}"`,
		`"${nothing}x"`,
		`"x${dynamic}"`,
		`"${big * big}!"`,
		`big * big * big * big`,
		`1 + secret`,
		`unknown + 1`,
		`"${undeclared}x"`,
		`"${list}x"`,
		`[for s in list : "${s}${long}"]`,
		`[for i in many : [for j in range(100) : j]]`,
		`[for i in many : i]`,
		`"${long}${long}${long}${long}${long}${long}${long}"`,
		`{for k, v in marked : k => v * 2}`,
		`[for s in ulist : s]`,
		`[for s in nothing : s]`,
		`[for s in undeclared : s]`,
		`[for s in "text" : s]`,
		`length([for i in many : "${i}-${long}"])`,
	}
	for _, src := range exprs {
		expr, diags := hclsyntax.ParseExpression([]byte(src), "t.tf", hcl.InitialPos)
		if diags.HasErrors() {
			t.Fatalf("%s: %v", src, diags)
		}
		instrument(expr)
		eval := func(carried bool) (cty.Value, hcl.Diagnostics, string) {
			b := budget.New(context.Background(), budget.Limits{Values: 100_000, Bytes: 20_000})
			defer b.Stop()
			ctx := &hcl.EvalContext{Variables: maps.Clone(vars), Functions: functions(".", nil, new(bool), b)}
			if carried {
				ctx.Variables[budgetVariable] = cty.CapsuleVal(budgetCapsule, b)
				ctx = ctx.NewChild()
			}
			v, diags := expr.Value(ctx)
			why, at, refusals, spent := b.Exhausted()
			return v, diags, fmt.Sprint(why, at, refusals, spent)
		}
		want, wantDiags, wantBudget := eval(false)
		got, gotDiags, gotBudget := eval(true)
		if !got.RawEquals(want) {
			t.Errorf("%s = %#v, want %#v", src, got, want)
		}
		if gotDiags.Error() != wantDiags.Error() {
			t.Errorf("%s: diagnostics\n%v\nwant\n%v", src, gotDiags, wantDiags)
		}
		if gotBudget != wantBudget {
			t.Errorf("%s: budget %s, want %s", src, gotBudget, wantBudget)
		}
	}
}
