package policy

import (
	"regexp"

	"github.com/google/cel-go/common/types"
	"github.com/google/cel-go/common/types/ref"
	"github.com/google/cel-go/interpreter"
)

// CEL's interpreter calls a function of more than two arguments with a
// slice of them, made at each call, and its `matches` with a constant
// pattern boxes the string it matches. Two calls every scan makes tens of
// thousands of times are planned as nodes of their own instead, which
// give what CEL's would, without allocating: the meter's tick around
// each iteration of a comprehension, and `matches` with a constant
// pattern (CEL's MatchesRegexOptimization).

// decorate replaces the calls of tickFunction and of matches with a
// constant pattern by their own nodes.
func decorate(i interpreter.InterpretableV2) (interpreter.InterpretableV2, error) {
	call, ok := i.(interpreter.InterpretableCall)
	if !ok {
		return i, nil
	}
	args := call.Args()
	switch call.Function() {
	case tickFunction:
		if n, ok := lastConst[types.Int](args, 3); ok {
			return &tickCall{id: call.ID(), args: [3]interpreter.InterpretableV2(args), perIteration: uint64(n)}, nil
		}
	case "matches":
		s, ok := lastConst[types.String](args, 2)
		if !ok {
			return i, nil
		}
		re, err := regexp.Compile(string(s))
		if err != nil {
			// CEL's own optimisation reports it.
			return i, nil
		}
		return &matchesCall{id: call.ID(), args: [2]interpreter.InterpretableV2(args), re: re}, nil
	}
	return i, nil
}

// lastConst returns the last of n arguments when it is a constant of type
// T.
func lastConst[T ref.Val](args []interpreter.InterpretableV2, n int) (T, bool) {
	var zero T
	if len(args) != n {
		return zero, false
	}
	c, ok := args[n-1].(interpreter.InterpretableConst)
	if !ok {
		return zero, false
	}
	v, ok := c.Value().(T)
	return v, ok
}

// tickCall is a call of tickFunction: its arguments are evaluated, and
// errors and unknowns among them returned, as CEL does for any strict
// function.
type tickCall struct {
	id           int64
	args         [3]interpreter.InterpretableV2 // meter, loop condition, cost
	perIteration uint64
}

func (t *tickCall) ID() int64 { return t.id }

func (t *tickCall) Eval(a interpreter.Activation) ref.Val { return t.Exec(interpreter.AsFrame(a)) }

func (t *tickCall) Exec(f *interpreter.ExecutionFrame) ref.Val {
	var vals [3]ref.Val
	if v, done := execStrict(f, t.args[:], vals[:]); done {
		return v
	}
	mt, ok := vals[0].(*meter)
	if !ok {
		return types.LabelErrNode(t.id, types.NewErr("%s outside a metered evaluation", tickFunction))
	}
	if !mt.tick(t.perIteration) {
		return types.False
	}
	return vals[1]
}

// matchesCall is `matches` with a constant pattern, compiled once.
type matchesCall struct {
	id   int64
	args [2]interpreter.InterpretableV2 // string, pattern
	re   *regexp.Regexp
}

func (m *matchesCall) ID() int64 { return m.id }

func (m *matchesCall) Eval(a interpreter.Activation) ref.Val { return m.Exec(interpreter.AsFrame(a)) }

func (m *matchesCall) Exec(f *interpreter.ExecutionFrame) ref.Val {
	var vals [2]ref.Val
	if v, done := execStrict(f, m.args[:], vals[:]); done {
		return v
	}
	if s, ok := vals[0].(types.String); ok {
		return types.Bool(m.re.MatchString(string(s)))
	}
	s, ok := vals[0].Value().(string)
	if !ok {
		return types.LabelErrNode(m.id, types.NoSuchOverloadErr())
	}
	return types.Bool(m.re.MatchString(s))
}

// execStrict evaluates the arguments of a strict call into vals, as CEL
// does: the first error, or else the unknowns among them merged, is the
// call's answer (done).
func execStrict(f *interpreter.ExecutionFrame, args []interpreter.InterpretableV2, vals []ref.Val) (ref.Val, bool) {
	var unk *types.Unknown
	for i, a := range args {
		v := a.Exec(f)
		if types.IsError(v) {
			return v, true
		}
		unk, _ = types.MaybeMergeUnknowns(v, unk)
		vals[i] = v
	}
	if unk != nil {
		return unk, true
	}
	return nil, false
}
