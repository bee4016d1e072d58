package terraform

import (
	"fmt"
	"maps"
	"math/big"
	"reflect"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/internal/budget"
	"github.com/blindspot-iac/blindspot/internal/nesting"
)

// How the unit's evaluation budget (internal/budget) reaches inside HCL:
// HCL evaluates expressions itself, calling back only into functions, so
// every parsed expression is instrumented once, after parsing, with calls
// to three functions of the unit's function table:
//
//   - the collection of every for expression goes through iterFunc, which
//     charges its length times the size of the loop's body before HCL
//     iterates (nested loops charge every inner iteration);
//   - the interpolated parts of every template go through partFunc, which
//     charges long strings before HCL joins them (a local that doubles a
//     string each time is refused before it allocates);
//   - the operands of arithmetic go through numberFunc, which refuses
//     numbers whose decimal text would be huge (1e4000 * 1e4000 ...).
//
// Functions whose output can be large are wrapped by budgeted, which
// estimates the output from the inputs and asks the budget before the
// function runs. A refused request leaves the value unknown.
const (
	iterFunc   = "__blindspot_iter"
	partFunc   = "__blindspot_part"
	numberFunc = "__blindspot_number"
)

// partThreshold is the length from which an interpolated string is
// charged: shorter ones cannot add up to much, since their number is
// bounded by the source.
const partThreshold = 1 << 10

// maxNumberExponent bounds the binary exponent of numbers: 2^13300 has
// about 4,000 decimal digits, as the largest literal the nesting pre-scan
// lets through.
const maxNumberExponent = 13300

// instrument rewrites the expressions under node to go through the
// budget functions. It runs once per parsed file; the functions are looked
// up in the unit's evaluation context, so a parsed module shared between
// units charges each unit's own budget.
func instrument(node hclsyntax.Node) {
	eachNode(node, func(n hclsyntax.Node) {
		switch e := n.(type) {
		case *hclsyntax.ForExpr:
			if !isBudgetCall(e.CollExpr) {
				weight := 1 + countNodes(e.KeyExpr) + countNodes(e.ValExpr) + countNodes(e.CondExpr)
				e.CollExpr = budgetCall(iterFunc, e.CollExpr, &hclsyntax.LiteralValueExpr{Val: cty.NumberIntVal(int64(weight)), SrcRange: e.CollExpr.Range()})
			}
		case *hclsyntax.TemplateExpr:
			if len(e.Parts) < 2 {
				return
			}
			for i, p := range e.Parts {
				if _, literal := p.(*hclsyntax.LiteralValueExpr); !literal && !isBudgetCall(p) {
					e.Parts[i] = budgetCall(partFunc, p)
				}
			}
		case *hclsyntax.BinaryOpExpr:
			switch e.Op {
			case hclsyntax.OpAdd, hclsyntax.OpSubtract, hclsyntax.OpMultiply, hclsyntax.OpDivide, hclsyntax.OpModulo:
				if !isBudgetCall(e.LHS) {
					e.LHS = budgetCall(numberFunc, e.LHS)
				}
				if !isBudgetCall(e.RHS) {
					e.RHS = budgetCall(numberFunc, e.RHS)
				}
			}
		}
	})
}

// instrumentBody instruments every expression of a parsed file.
func instrumentBody(body hcl.Body) {
	if sb, ok := body.(*hclsyntax.Body); ok {
		instrument(sb)
	}
}

// budgetCall wraps expr in a call to the budget function name, keeping
// expr's range, so that diagnostics and values point where they did.
func budgetCall(name string, expr hclsyntax.Expression, extra ...hclsyntax.Expression) hclsyntax.Expression {
	r := expr.Range()
	call := &budgetExpr{FunctionCallExpr: &hclsyntax.FunctionCallExpr{
		Name: name, Args: append([]hclsyntax.Expression{expr}, extra...),
		NameRange: r, OpenParenRange: r, CloseParenRange: r,
	}}
	if name == iterFunc {
		call.weight, _ = extra[0].(*hclsyntax.LiteralValueExpr).Val.AsBigFloat().Int64()
	}
	return call
}

func isBudgetCall(expr hclsyntax.Expression) bool {
	if _, ok := expr.(*budgetExpr); ok {
		return true
	}
	fc, ok := expr.(*hclsyntax.FunctionCallExpr)
	return ok && strings.HasPrefix(fc.Name, "__blindspot_")
}

// budgetExpr is the call of a budget function that instrument puts in. To
// everything that reads the syntax it is the call it embeds (walkExpr,
// origin and render hand that on); evaluated in a scope's context, which
// carries the unit's budget (budgetIn), it checks its argument's value
// itself, as the budget function would, without HCL's function call and
// cty's, which copy the parameters, convert the arguments and walk each
// deep for marks, for every template part, operand and for expression
// evaluated. Elsewhere it is evaluated as the call.
type budgetExpr struct {
	*hclsyntax.FunctionCallExpr
	// weight is the second argument of iterFunc's call, a literal.
	weight int64
}

// Value is the call's value.
func (e *budgetExpr) Value(ctx *hcl.EvalContext) (cty.Value, hcl.Diagnostics) {
	b, ok := budgetIn(ctx)
	if !ok {
		return e.FunctionCallExpr.Value(ctx)
	}
	v, diags := e.Args[0].Value(ctx)
	if diags.HasErrors() {
		return cty.DynamicVal, diags
	}
	u, marks := v.Unmark()
	if !u.IsKnown() || u.IsNull() {
		return v, diags
	}
	var fits bool
	switch e.Name {
	case iterFunc:
		fits = iterFits(u, e.weight, b)
	case partFunc:
		fits = partFits(u, b)
	default:
		fits = numberFits(u, b)
	}
	if fits {
		return v, diags
	}
	return cty.UnknownVal(v.Type()).WithMarks(marks), diags
}

// budgetVariable is the variable of a scope's evaluation context that
// carries the unit's budget to budgetExpr: its name is no identifier, so
// no expression can read it. It goes only in contexts whose functions are
// a table of functions(), built with the same budget.
const budgetVariable = "blindspot budget"

// budgetCapsule holds a *budget.Budget.
var budgetCapsule = cty.Capsule("budget", reflect.TypeFor[budget.Budget]())

// budgetIn finds the budget carried by ctx or its parents.
func budgetIn(ctx *hcl.EvalContext) (*budget.Budget, bool) {
	for c := ctx; c != nil; c = c.Parent() {
		if v, ok := c.Variables[budgetVariable]; ok {
			return v.EncapsulatedValue().(*budget.Budget), true
		}
	}
	return nil, false
}

// countNodes counts the syntax nodes of an expression: the work of one
// evaluation of it.
func countNodes(expr hclsyntax.Expression) int {
	if expr == nil {
		return 0
	}
	n := 0
	_ = hclsyntax.VisitAll(expr, func(hclsyntax.Node) hcl.Diagnostics { n++; return nil })
	return n
}

// budgetFunctions adds the budget functions to fs and wraps the functions
// whose output may be large.
func budgetFunctions(fs map[string]function.Function, b *budget.Budget) {
	pass := func(check func(v cty.Value) bool) function.Function {
		return function.New(&function.Spec{
			Params: []function.Parameter{{Name: "value", Type: cty.DynamicPseudoType, AllowUnknown: true, AllowNull: true, AllowDynamicType: true, AllowMarked: true}},
			Type:   func(args []cty.Value) (cty.Type, error) { return args[0].Type(), nil },
			Impl: func(args []cty.Value, ty cty.Type) (cty.Value, error) {
				v, marks := args[0].Unmark()
				if !v.IsKnown() || v.IsNull() || check(v) {
					return args[0], nil
				}
				return cty.UnknownVal(ty).WithMarks(marks), nil
			},
		})
	}
	fs[partFunc] = pass(func(v cty.Value) bool { return partFits(v, b) })
	fs[numberFunc] = pass(func(v cty.Value) bool { return numberFits(v, b) })
	fs[iterFunc] = function.New(&function.Spec{
		Params: []function.Parameter{
			{Name: "collection", Type: cty.DynamicPseudoType, AllowUnknown: true, AllowNull: true, AllowDynamicType: true, AllowMarked: true},
			{Name: "weight", Type: cty.Number},
		},
		Type: func(args []cty.Value) (cty.Type, error) { return args[0].Type(), nil },
		Impl: func(args []cty.Value, ty cty.Type) (cty.Value, error) {
			v, marks := args[0].Unmark()
			if !v.IsKnown() || v.IsNull() {
				return args[0], nil
			}
			weight, _ := args[1].AsBigFloat().Int64()
			if iterFits(v, weight, b) {
				return args[0], nil
			}
			return cty.UnknownVal(ty).WithMarks(marks), nil
		},
	})
	for _, name := range budgetedNames() {
		if f, ok := fs[name]; ok {
			fs[name] = budgeted(name, f, outputEstimates[name], b)
		}
	}
}

// budgetedNames are the functions budgetFunctions wraps: those with an
// output estimate, and those that return numbers.
func budgetedNames() []string {
	names := slices.Collect(maps.Keys(outputEstimates))
	return append(names, numberFunctions...)
}

// numberFunctions return numbers, which must be printable.
var numberFunctions = []string{"pow", "parseint", "tonumber", "sum", "max", "min", "abs", "ceil", "floor", "log"}

// partFits charges a template part's known, unmarked, not null value:
// a long string, or a number that must be printable.
func partFits(v cty.Value, b *budget.Budget) bool {
	switch {
	case v.Type() == cty.String && len(v.AsString()) >= partThreshold:
		return b.Bytes(int64(len(v.AsString())), graph.Range{})
	case v.Type() == cty.Number:
		return saneNumber(v, b)
	}
	return true
}

// numberFits checks an arithmetic operand's known, unmarked, not null
// value.
func numberFits(v cty.Value, b *budget.Budget) bool {
	return v.Type() != cty.Number || saneNumber(v, b)
}

// iterFits charges a for expression's known, unmarked, not null
// collection: its length times the weight of the loop's body.
func iterFits(v cty.Value, weight int64, b *budget.Budget) bool {
	return !v.CanIterateElements() || b.Values(int64(v.LengthInt())*max(weight, 1), graph.Range{})
}

// saneNumber reports whether a number's decimal text is of a size that can
// be printed; refusing one is a refusal of the budget.
func saneNumber(v cty.Value, b *budget.Budget) bool {
	f := v.AsBigFloat()
	if f.IsInf() || f.Sign() == 0 || abs(f.MantExp(nil)) <= maxNumberExponent {
		return true
	}
	b.Refuse("a number too large to print", graph.Range{})
	return false
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// estimate gives the values and bytes a call will create from its
// arguments (known and unmarked), or ok false when the call must not run.
type estimate func(args []cty.Value) (values, bytes int64, ok bool)

// budgeted wraps f: the call asks the budget for what est says it will
// create before it runs, and numbers it returns must be printable. Its
// parameters are f's, so HCL converts and checks arguments as before.
//
// The wrapper runs f when asked for its return type and keeps the result
// until the call takes it (cty asks for the type of every call, and the
// call follows at once): asking f for its type first, then calling it,
// checked every argument once more, deep, for a call as common as merge
// or format.
func budgeted(name string, f function.Function, est estimate, b *budget.Budget) function.Function {
	c := &budgetedCall{f: f, est: est, b: b}
	p := budgetedParams[name]
	if p == nil {
		p = &paramsOf{params: f.Params(), varParam: f.VarParam()}
	}
	return function.New(&function.Spec{
		Description: f.Description(),
		Params:      p.params,
		VarParam:    p.varParam,
		Type:        c.typeOf,
		Impl:        c.impl,
	})
}

// budgetedCall is the state of a budgeted function: the call whose result
// was worked out when its type was asked for.
type budgetedCall struct {
	f       function.Function
	est     estimate
	b       *budget.Budget
	pending bool
	val     cty.Value
}

func (c *budgetedCall) typeOf(args []cty.Value) (cty.Type, error) {
	v, err := c.run(args)
	if err != nil {
		return cty.NilType, err
	}
	c.pending, c.val = true, v
	return v.Type(), nil
}

func (c *budgetedCall) impl(args []cty.Value, _ cty.Type) (cty.Value, error) {
	if c.pending {
		v := c.val
		c.pending, c.val = false, cty.NilVal
		return v, nil
	}
	return c.run(args)
}

func (c *budgetedCall) run(args []cty.Value) (cty.Value, error) {
	if c.est != nil {
		if plain, ok := plainArgs(args); ok {
			values, bytes, ok := c.est(plain)
			if !ok || !c.b.Values(values, graph.Range{}) || !c.b.Bytes(bytes, graph.Range{}) {
				return refusedCall(c.f, args)
			}
		}
	}
	out, err := c.f.Call(args)
	if err != nil {
		return out, err
	}
	if u, _ := out.Unmark(); u.IsKnown() && !u.IsNull() && u.Type() == cty.Number && !saneNumber(u, c.b) {
		return refusedCall(c.f, args)
	}
	return out, nil
}

// paramsOf are a function's parameters, read once: a budgeted function
// declares those of the function it wraps, which cty copies each time
// they are asked for.
type paramsOf struct {
	params   []function.Parameter
	varParam *function.Parameter
}

// budgetedParams are the parameters of the shared functions budgeted
// wraps, by name.
var budgetedParams = func() map[string]*paramsOf {
	out := map[string]*paramsOf{}
	for _, name := range budgetedNames() {
		if f, ok := sharedFunctions[name]; ok {
			out[name] = &paramsOf{params: f.Params(), varParam: f.VarParam()}
		}
	}
	return out
}()

// refusedCall is the unknown value of f's type for args: a call the budget
// refused.
func refusedCall(f function.Function, args []cty.Value) (cty.Value, error) {
	ty, err := f.ReturnTypeForValues(args)
	if err != nil {
		return cty.NilVal, err
	}
	return cty.UnknownVal(ty), nil
}

// plainArgs returns the arguments unmarked, when all are known and not
// null: what estimates read.
func plainArgs(args []cty.Value) ([]cty.Value, bool) {
	out := make([]cty.Value, len(args))
	for i, a := range args {
		a, _ = a.UnmarkDeep()
		if !a.IsWhollyKnown() || a.IsNull() {
			return nil, false
		}
		out[i] = a
	}
	return out, true
}

// size is how many values and string bytes v holds, counting at most
// limit values (walking further is the work the budget bounds).
func size(v cty.Value, limit int64) (values, bytes int64) {
	var walk func(v cty.Value)
	walk = func(v cty.Value) {
		if values > limit {
			return
		}
		values++
		v, _ = v.Unmark()
		if !v.IsKnown() || v.IsNull() {
			return
		}
		switch {
		case v.Type() == cty.String:
			bytes += int64(len(v.AsString()))
		case v.Type() == cty.Number:
			bytes += 24
		case v.CanIterateElements():
			for it := v.ElementIterator(); it.Next() && values <= limit; {
				k, e := it.Element()
				if !v.Type().IsSetType() && k.Type() == cty.String && k.IsKnown() && !k.IsNull() {
					bytes += int64(len(k.AsString()))
				}
				walk(e)
			}
		}
	}
	walk(v)
	return values, bytes
}

// length is a collection's number of elements, or a string's bytes.
func length(v cty.Value) int64 {
	v, _ = v.Unmark()
	switch {
	case !v.IsKnown() || v.IsNull():
		return 0
	case v.Type() == cty.String:
		return int64(len(v.AsString()))
	case v.CanIterateElements():
		return int64(v.LengthInt())
	}
	return 1
}

// elementsOf sums the lengths of the arguments.
func elementsOf(args []cty.Value) (n int64) {
	for _, a := range args {
		n += length(a)
	}
	return n
}

// deepEstimate is the size of the arguments, walked: for functions whose
// output is proportional to everything their input holds.
func deepEstimate(factor int64) estimate {
	return func(args []cty.Value) (int64, int64, bool) {
		var values, bytes int64
		for _, a := range args {
			v, by := size(a, budget.DefaultValues)
			values, bytes = values+v, bytes+by
		}
		return values, bytes * factor, true
	}
}

// outputEstimates estimate the output of the functions whose output can
// be much larger than their input, or proportional to all of it.
var outputEstimates = map[string]estimate{
	"range": func(args []cty.Value) (int64, int64, bool) {
		nums := make([]float64, len(args))
		for i, a := range args {
			nums[i], _ = a.AsBigFloat().Float64()
		}
		start, limit, step := 0.0, 0.0, 1.0
		switch len(nums) {
		case 1:
			limit = nums[0]
		case 2:
			start, limit = nums[0], nums[1]
		case 3:
			start, limit, step = nums[0], nums[1], nums[2]
		}
		if step == 0 {
			return 0, 0, true // range reports the error
		}
		n := (limit - start) / step
		if n > 1e12 {
			return 0, 0, false
		}
		return int64(max(n, 0)) + 1, 0, true
	},
	"setproduct": func(args []cty.Value) (int64, int64, bool) {
		product := int64(1)
		for _, a := range args {
			product *= max(length(a), 1)
			if product > 1e12 {
				return 0, 0, false
			}
		}
		return product * int64(len(args)+1), 0, true
	},
	"formatlist": func(args []cty.Value) (int64, int64, bool) {
		n, width := int64(1), int64(0)
		for _, a := range args {
			v, _ := a.Unmark()
			if v.Type() == cty.String {
				width += int64(len(v.AsString()))
				continue
			}
			n = max(n, length(v))
			_, by := size(v, budget.DefaultValues)
			width += by
		}
		width += formatWidths(args)
		return n, n * width, true
	},
	"format": func(args []cty.Value) (int64, int64, bool) {
		_, bytes, _ := deepEstimate(1)(args)
		return 1, bytes + formatWidths(args), true
	},
	"join": func(args []cty.Value) (int64, int64, bool) {
		values, bytes, _ := deepEstimate(1)(args)
		sep := int64(0)
		if len(args) > 0 {
			sep = length(args[0])
		}
		return 1, bytes + values*sep, true
	},
	"replace": func(args []cty.Value) (int64, int64, bool) {
		if len(args) != 3 {
			return 0, 0, true
		}
		s, sub, rep := args[0].AsString(), args[1].AsString(), args[2].AsString()
		n := int64(strings.Count(s, sub))
		if len(sub) > 1 && sub[0] == '/' && sub[len(sub)-1] == '/' || sub == "" {
			n = int64(utf8.RuneCountInString(s)) + 1 // a regular expression may match anywhere
		}
		return 1, int64(len(s)) + n*int64(len(rep)), true
	},
	"indent": func(args []cty.Value) (int64, int64, bool) {
		if len(args) != 2 {
			return 0, 0, true
		}
		spaces, _ := args[0].AsBigFloat().Int64()
		s := args[1].AsString()
		lines := int64(strings.Count(s, "\n") + 1)
		return 1, int64(len(s)) + lines*max(spaces, 0), true
	},
	"concat":       func(args []cty.Value) (int64, int64, bool) { return elementsOf(args), 0, true },
	"merge":        func(args []cty.Value) (int64, int64, bool) { return elementsOf(args), 0, true },
	"setunion":     func(args []cty.Value) (int64, int64, bool) { return elementsOf(args), 0, true },
	"chunklist":    func(args []cty.Value) (int64, int64, bool) { return 2 * elementsOf(args[:1]), 0, true },
	"zipmap":       func(args []cty.Value) (int64, int64, bool) { return elementsOf(args), 0, true },
	"distinct":     func(args []cty.Value) (int64, int64, bool) { return elementsOf(args) * 2, 0, true },
	"sort":         func(args []cty.Value) (int64, int64, bool) { return elementsOf(args) * 2, 0, true },
	"flatten":      deepEstimate(0),
	"transpose":    deepEstimate(1),
	"jsonencode":   deepEstimate(6),
	"yamlencode":   deepEstimate(6),
	"jsondecode":   decodeEstimate(func(s string) error { return nesting.JSON([]byte(s), false) }),
	"yamldecode":   decodeEstimate(func(s string) error { return nesting.YAML([]byte(s)) }),
	"csvdecode":    decodeEstimate(nil),
	"base64encode": func(args []cty.Value) (int64, int64, bool) { return 1, length(args[0])*4/3 + 4, true },
	"base64decode": func(args []cty.Value) (int64, int64, bool) { return 1, length(args[0]), true },
	"textencodebase64": func(args []cty.Value) (int64, int64, bool) {
		return 1, length(args[0])*16/3 + 4, true
	},
	"urlencode": func(args []cty.Value) (int64, int64, bool) { return 1, length(args[0]) * 3, true },
	"templatestring": func(args []cty.Value) (int64, int64, bool) {
		if nesting.Template([]byte(args[0].AsString())) != nil {
			return 0, 0, false
		}
		return 1, length(args[0]), true
	},
	"split": func(args []cty.Value) (int64, int64, bool) {
		if len(args) != 2 {
			return 0, 0, true
		}
		sep, s := args[0].AsString(), args[1].AsString()
		if sep == "" {
			return int64(len(s)) + 1, int64(len(s)), true
		}
		return int64(strings.Count(s, sep)) + 1, int64(len(s)), true
	},
}

// decodeEstimate charges decoding a document: its bytes, as many values,
// and a nesting check before the decoder recurses.
func decodeEstimate(check func(string) error) estimate {
	return func(args []cty.Value) (int64, int64, bool) {
		s := args[0].AsString()
		if check != nil && check(s) != nil {
			return 0, 0, false
		}
		return int64(len(s)) / 2, int64(len(s)), true
	}
}

// formatWidths sums the widths and precisions written in a format string
// (%10000000d), which fmt allocates.
func formatWidths(args []cty.Value) int64 {
	if len(args) == 0 {
		return 0
	}
	v, _ := args[0].Unmark()
	if v.Type() != cty.String {
		return 0
	}
	var total int64
	s := v.AsString()
	for i := 0; i < len(s); i++ {
		if s[i] != '%' {
			continue
		}
		var n int64
		for i++; i < len(s) && strings.IndexByte("0123456789.-+# *[]", s[i]) >= 0; i++ {
			if s[i] >= '0' && s[i] <= '9' {
				n = min(n*10+int64(s[i]-'0'), 1<<40)
			} else {
				total += n
				n = 0
			}
		}
		total += n
	}
	return total
}

// chargeValue charges converting a computed collection into the graph:
// one value per element, deep. A refused conversion leaves it unknown.
func (l *loader) chargeValue(v cty.Value, r graph.Range) bool {
	u, _ := v.Unmark()
	if !u.IsKnown() || u.IsNull() || !u.CanIterateElements() || u.LengthInt() == 0 {
		return true
	}
	limit := l.budget.Limits().Values / 4
	values, bytes := size(u, limit)
	return values <= limit && l.budget.Values(values, r) && l.budget.Bytes(bytes/8, r)
}

// refused is the value of something the budget refused to evaluate.
func refused(what string, r graph.Range) graph.Value {
	return graph.UnknownValue(budget.Reason(what), r)
}

// blockWeight is the work of evaluating one instance of a block, in
// values: a resource instance, the model and rules built on it, and its
// attributes, one value per 16 bytes of its source. The default budget
// allows about 1,250 resource instances per unit: each costs the rules,
// the model and the reports far more than its evaluation.
func blockWeight(body hcl.Body) int64 {
	if sb, ok := body.(*hclsyntax.Body); ok {
		return 200 + int64(sb.SrcRange.End.Byte-sb.SrcRange.Start.Byte)/16
	}
	return 200
}

// moduleInstanceWeight is the work of evaluating a module instance beyond
// its blocks: its scope, variables and outputs.
const moduleInstanceWeight = 256

// numberText prints a number as Terraform does, or says it is too large
// to print.
func numberText(f *big.Float) (string, error) {
	if !f.IsInf() && f.Sign() != 0 && abs(f.MantExp(nil)) > maxNumberExponent {
		return "", fmt.Errorf("a number too large to print")
	}
	return f.Text('f', -1), nil
}
