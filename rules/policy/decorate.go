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
		if len(args) != 3 {
			return i, nil
		}
		cost, ok := args[2].(interpreter.InterpretableConst)
		if !ok {
			return i, nil
		}
		n, ok := cost.Value().(types.Int)
		if !ok {
			return i, nil
		}
		return &tickCall{id: call.ID(), meter: args[0], cond: args[1], cost: args[2], perIteration: uint64(n)}, nil
	case "matches":
		if len(args) != 2 {
			return i, nil
		}
		pattern, ok := args[1].(interpreter.InterpretableConst)
		if !ok {
			return i, nil
		}
		s, ok := pattern.Value().(types.String)
		if !ok {
			return i, nil
		}
		re, err := regexp.Compile(string(s))
		if err != nil {
			// CEL's own optimisation reports it.
			return i, nil
		}
		return &matchesCall{id: call.ID(), in: args[0], pattern: args[1], re: re}, nil
	}
	return i, nil
}

// tickCall is a call of tickFunction: its arguments are evaluated, and
// errors and unknowns among them returned, as CEL does for any strict
// function.
type tickCall struct {
	id                int64
	meter, cond, cost interpreter.InterpretableV2
	perIteration      uint64
}

func (t *tickCall) ID() int64 { return t.id }

func (t *tickCall) Eval(a interpreter.Activation) ref.Val { return t.Exec(interpreter.AsFrame(a)) }

func (t *tickCall) Exec(f *interpreter.ExecutionFrame) ref.Val {
	m, unk, done := strictArg(t.meter.Exec(f), nil)
	if done {
		return m
	}
	cond, unk, done := strictArg(t.cond.Exec(f), unk)
	if done {
		return cond
	}
	if v, unk, done := strictArg(t.cost.Exec(f), unk); done {
		return v
	} else if unk != nil {
		return unk
	}
	mt, ok := m.(*meter)
	if !ok {
		return types.LabelErrNode(t.id, types.NewErr("%s outside a metered evaluation", tickFunction))
	}
	if !mt.tick(t.perIteration) {
		return types.False
	}
	return cond
}

// matchesCall is `matches` with a constant pattern, compiled once.
type matchesCall struct {
	id          int64
	in, pattern interpreter.InterpretableV2
	re          *regexp.Regexp
}

func (m *matchesCall) ID() int64 { return m.id }

func (m *matchesCall) Eval(a interpreter.Activation) ref.Val { return m.Exec(interpreter.AsFrame(a)) }

func (m *matchesCall) Exec(f *interpreter.ExecutionFrame) ref.Val {
	in, unk, done := strictArg(m.in.Exec(f), nil)
	if done {
		return in
	}
	if v, unk, done := strictArg(m.pattern.Exec(f), unk); done {
		return v
	} else if unk != nil {
		return unk
	}
	if s, ok := in.(types.String); ok {
		return types.Bool(m.re.MatchString(string(s)))
	}
	s, ok := in.Value().(string)
	if !ok {
		return types.LabelErrNode(m.id, types.NoSuchOverloadErr())
	}
	return types.Bool(m.re.MatchString(s))
}

// strictArg is what CEL does with each argument of a strict function:
// an error is the call's answer at once (done), unknowns are merged into
// unk.
func strictArg(v ref.Val, unk *types.Unknown) (ref.Val, *types.Unknown, bool) {
	if types.IsError(v) {
		return v, unk, true
	}
	unk, _ = types.MaybeMergeUnknowns(v, unk)
	return v, unk, false
}
