package policy

import (
	"github.com/google/cel-go/cel"
	celast "github.com/google/cel-go/common/ast"
	"github.com/google/cel-go/common/types"
	"github.com/google/cel-go/common/types/ref"
)

// Only comprehensions repeat work, so only they are metered, and by
// blindspot rather than by CEL's cost tracking (cel.CostLimit), which
// observes every node of every evaluation and doubled the time of the
// conditions it metered. Before a condition with a comprehension is
// planned, the loop condition of each comprehension is wrapped in a call
// of tickFunction with the evaluation's meter and the cost of one
// iteration (the nodes of its loop condition and step): each iteration
// of every comprehension, whatever its range (a resource's list, a list
// literal, the result of map()), is charged before it runs, and once an
// evaluation is over its limit every loop stops at its next iteration
// and the evaluation is reported over the limit. An evaluation costs the
// condition's nodes plus what its iterations were charged.

// Names of what a metered condition calls; neither can be written in a
// condition (CEL names do not start with @).
const (
	tickFunction = "@blindspot_tick"
	meterName    = "@blindspot_meter"
)

// meter counts what one evaluation spent. It is bound to meterName, so
// it is a CEL value, but no condition can name it.
type meter struct {
	baseIter
	spent, limit uint64
	over         bool
}

// tick charges an iteration of cost; false stops the loop.
func (m *meter) tick(cost uint64) bool {
	m.spent += cost
	if m.spent > m.limit {
		m.over = true
	}
	return !m.over
}

// meterFunction declares tickFunction: tick(meter, condition, cost) is
// the loop condition when the meter is under its limit, false otherwise.
func meterFunction() cel.EnvOption {
	return cel.Function(tickFunction,
		cel.Overload("blindspot_tick_dyn_dyn_int", []*cel.Type{cel.DynType, cel.DynType, cel.IntType}, cel.DynType,
			cel.FunctionBinding(func(args ...ref.Val) ref.Val {
				m, ok := args[0].(*meter)
				if !ok {
					return types.NewErr("%s outside a metered evaluation", tickFunction)
				}
				if !m.tick(uint64(args[2].(types.Int))) {
					return types.False
				}
				return args[1]
			})))
}

// meterLoops wraps the loop condition of every comprehension of the
// checked expression in a call of tickFunction.
func meterLoops(a *celast.AST) {
	loops := celast.MatchDescendants(celast.NavigateAST(a), celast.KindMatcher(celast.ComprehensionKind))
	if len(loops) == 0 {
		return
	}
	fac := celast.NewExprFactory()
	next := celast.MaxID(a)
	id := func() int64 {
		next++
		return next
	}
	for _, loop := range loops {
		c := loop.AsComprehension()
		perIteration := int64(nodes(a, c.LoopCondition()) + nodes(a, c.LoopStep()))
		cond := fac.NewCall(id(), tickFunction, fac.NewIdent(id(), meterName), c.LoopCondition(), fac.NewLiteral(id(), types.Int(perIteration)))
		loop.SetKindCase(fac.NewComprehensionTwoVar(loop.ID(), c.IterRange(), c.IterVar(), c.IterVar2(), c.AccuVar(), c.AccuInit(), cond, c.LoopStep(), c.Result()))
	}
}

// nodes counts the nodes of e.
func nodes(a *celast.AST, e celast.Expr) int {
	return len(celast.MatchDescendants(celast.NavigateExpr(a, e), celast.AllMatcher()))
}
