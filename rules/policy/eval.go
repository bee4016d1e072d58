package policy

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/google/cel-go/common/types"
	"github.com/google/cel-go/common/types/ref"
	"github.com/google/cel-go/interpreter"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/graph/aws"
)

// subject is what one evaluation of a condition is about: a resource,
// or an element of a typed collection and its resource.
type subject struct {
	resource *graph.Resource
	// elem is the element of the collection (a pointer to a graph/aws
	// struct); invalid for policies matching resource types. atField
	// leads to its At field (collection.atField).
	elem    reflect.Value
	atField []int
}

// activation binds a condition's variables for one evaluation. Values
// are made when the condition first reads them. One activation serves
// every evaluation of a rule's check in turn (reset before each), so an
// evaluation allocates neither it nor the resource's object.
type activation struct {
	state    evalState
	st       *evalState
	subj     subject
	coll     *collection
	resource ref.Val
	elem     ref.Val
	// resObj and elemObj are the objects resource and the collection's
	// element are bound to.
	resObj, elemObj objVal
	// reason is the subject of the result being reported.
	reason reasoned
	// meter charges the iterations of a metered condition.
	meter meter
}

// reasoned is a result's subject with why it is undetermined.
type reasoned struct {
	loc graph.Loc
	why string
}

// Loc implements rules.Subject.
func (r *reasoned) Loc() graph.Loc { return r.loc }

// UnknownReason gives why the result is undetermined.
func (r *reasoned) UnknownReason() string { return r.why }

// reset prepares the activation for an evaluation about subj with the
// alternatives choices, keeping the storage of the last one. Only the
// slots the last evaluation used are cleared: they are large, and
// clearing them all for each evaluation cost more than most evaluations.
func (a *activation) reset(env *Env, run *RunOptions, model *aws.Model, choices map[string]int, subj subject, coll *collection) {
	st := &a.state
	clear(st.unknowns)
	clear(st.tagBuf)
	st.unknowns, st.tagBuf, st.byID = st.unknowns[:0], st.tagBuf[:0], nil
	st.env, st.run, st.model, st.choices = env, run, model, choices
	if st.account.typ != nil {
		st.account = objVal{}
	}
	if st.attrs.st != nil {
		st.attrs = mapVal{}
	}
	if st.tagsVal.st != nil {
		st.tagsVal = mapVal{}
	}
	a.st = st
	if a.resource != nil {
		a.resObj = objVal{}
	}
	if a.elem != nil {
		a.elemObj = objVal{}
	}
	a.subj, a.coll, a.resource, a.elem = subj, coll, nil, nil
	a.meter = meter{}
	if env != nil {
		a.meter.limit = env.opts.CostLimit
	}
}

// ResolveName implements interpreter.Activation.
func (a *activation) ResolveName(name string) (any, bool) {
	switch {
	case name == "resource":
		if a.subj.resource == nil {
			return nil, false
		}
		if a.resource == nil {
			a.resObj = objVal{st: a.st, typ: a.st.env.resourceType, path: "resource", native: a.subj.resource, kind: resourceObj, res: a.subj.resource}
			a.resource = &a.resObj
		}
		return a.resource, true
	case name == meterName:
		return &a.meter, true
	case a.coll != nil && name == a.coll.variable:
		if a.elem == nil {
			a.st.env.typed.objectIn(&a.elemObj, a.st, a.coll.elem, a.subj.elem, a.coll.variable)
			a.elem = &a.elemObj
		}
		return a.elem, true
	}
	return nil, false
}

// Parent implements interpreter.Activation.
func (a *activation) Parent() interpreter.Activation { return nil }

// verdict is the answer of a condition about one subject.
type verdict struct {
	tri graph.Tri
	// why explains an Unknown answer.
	why string
	// err is an evaluation error: the policy's condition does not hold
	// together for this subject (a missing key read without has(), a
	// value of the wrong type).
	err error
	// overLimit is set when an evaluation exceeded the cost limit.
	overLimit bool
	cost      uint64
}

// maxEvaluations bounds the evaluations spent on one subject whose values
// may take several values (each combination is evaluated).
const maxEvaluations = 64

// decide evaluates the condition about subj. Values that may take one of
// several values are tried in turn: the answer is True when the condition
// holds for every combination, False when for none, Unknown otherwise, as
// for built-in rules ("a rule fails only if every possible value fails").
func (c *compiled) decide(env *Env, run *RunOptions, model *aws.Model, subj subject) verdict {
	return c.decideIn(&activation{}, env, run, model, subj)
}

// decideIn is decide with the activation act, reused.
func (c *compiled) decideIn(act *activation, env *Env, run *RunOptions, model *aws.Model, subj subject) verdict {
	if c.guarded(subj.resource) {
		return verdict{tri: graph.False, cost: c.staticCost}
	}
	var (
		total             verdict
		sawTrue, sawFalse bool
		split             []string // paths whose alternatives were tried
		first             [1]map[string]int
		queue             = first[:]
	)
	for n := 0; len(queue) > 0; n++ {
		if n == maxEvaluations {
			total.tri = graph.Unknown
			total.why = "its values may take too many combinations of values to try (" + strings.Join(split, ", ") + ")"
			return total
		}
		choices := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		act.reset(env, run, model, choices, subj, c.coll)
		st := act.st
		out, _, err := c.prg.Eval(act)
		total.cost += c.staticCost + act.meter.spent
		if act.meter.over {
			total.overLimit = true
			return total
		}
		if err != nil {
			total.err = err
			return total
		}
		switch out := out.(type) {
		case types.Bool:
			if out {
				sawTrue = true
			} else {
				sawFalse = true
			}
		case *types.Unknown:
			path, alts, plain := st.alternativeToTry(out)
			if plain {
				total.tri = graph.Unknown
				total.why = st.describeUnknown(out)
				return total
			}
			split = append(split, path)
			for i := alts - 1; i >= 0; i-- {
				next := make(map[string]int, len(choices)+1)
				for k, v := range choices {
					next[k] = v
				}
				next[path] = i
				queue = append(queue, next)
			}
			continue
		default:
			total.err = fmt.Errorf("the condition gave %s, not a bool", out.Type().TypeName())
			return total
		}
		if sawTrue && sawFalse {
			total.tri = graph.Unknown
			total.why = "the condition holds for some of the values " + strings.Join(split, ", ") + " may take and not for others"
			return total
		}
	}
	total.tri = graph.TriOf(sawTrue)
	return total
}

// alternativeToTry looks at the unknowns a result depends on: when every
// one of them may take only an enumerable set of values, it returns the
// first to try each value of; plain is true when some unknown cannot be
// enumerated, so trying alternatives would not help.
func (st *evalState) alternativeToTry(u *types.Unknown) (path string, alts int, plain bool) {
	for _, at := range st.unknowns {
		if _, ok := u.GetAttributeTrails(at.id); !ok {
			continue
		}
		if at.alts == 0 {
			return "", 0, true
		}
		if path == "" {
			path, alts = at.path, at.alts
		}
	}
	if path == "" {
		// An unknown none of the values made: a function's answer.
		return "", 0, true
	}
	return path, alts, false
}
