package policy

import (
	"errors"
	"fmt"
	"iter"
	"reflect"
	"sort"
	"strings"
	"sync"

	"github.com/google/cel-go/cel"
	celast "github.com/google/cel-go/common/ast"
	"github.com/google/cel-go/common/types"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// Set is the custom policies of a scan, type-checked and compiled once.
type Set struct {
	env      *Env
	policies []*compiled
}

// compiled is one policy with its program.
type compiled struct {
	policy *Policy
	prg    cel.Program
	// coll is the typed collection the policy matches; nil when it
	// matches resource types, exactly (types) or by wildcard (patterns).
	coll     *collection
	types    []string
	patterns []string
	// staticCost is what an evaluation costs besides the iterations of
	// its comprehensions (see meterLoops).
	staticCost uint64
	// attrGuards are attributes without which the condition is false
	// (see attributeGuards).
	attrGuards []string
}

// Compile type-checks and compiles policies in env. taken reports IDs
// that are not free (the built-in rules'). Every problem is reported, each
// with the file, line and column it is about.
func Compile(env *Env, policies []*Policy, taken func(id string) bool) (*Set, error) {
	set := &Set{env: env}
	var errs []error
	fail := func(file string, line, col int, format string, args ...any) {
		errs = append(errs, &Error{File: file, Line: line, Column: col, Msg: fmt.Sprintf(format, args...)})
	}
	byID := map[string]*Policy{}
	for _, p := range policies {
		if prev, dup := byID[p.ID]; dup {
			fail(p.File, p.Range.Start.Line, p.Range.Start.Column, "policy %s is also defined at %s", p.ID, prev.Range)
			continue
		}
		byID[p.ID] = p
		if taken != nil && taken(p.ID) {
			fail(p.File, p.Range.Start.Line, p.Range.Start.Column, "policy ID %s is the ID of a built-in rule", p.ID)
			continue
		}
		c := &compiled{policy: p}
		ok := true
		for i, m := range p.Match {
			at := p.matchAt[i]
			if collectionRef.MatchString(m) {
				coll, found := env.collections[m]
				switch {
				case !found:
					fail(p.File, at.Start.Line, at.Start.Column, "match: no typed collection %q%s", m, suggestCollection(env, m))
					ok = false
				case len(p.Match) > 1:
					fail(p.File, at.Start.Line, at.Start.Column, "match: a policy matching the typed collection %s matches nothing else", m)
					ok = false
				default:
					c.coll = coll
				}
				continue
			}
			if strings.Contains(m, "*") {
				c.patterns = append(c.patterns, m)
			} else {
				c.types = append(c.types, m)
			}
		}
		if !ok {
			continue
		}
		prg, err := compileCondition(env, c)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		c.prg = prg
		set.policies = append(set.policies, c)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	sort.Slice(set.policies, func(i, j int) bool { return set.policies[i].policy.ID < set.policies[j].policy.ID })
	return set, nil
}

func suggestCollection(env *Env, name string) string {
	service, _, _ := strings.Cut(name, ".")
	var same []string
	for _, c := range env.Collections() {
		if strings.HasPrefix(c, service+".") {
			same = append(same, c)
		}
	}
	if len(same) > 0 {
		return " (" + service + " has " + strings.Join(same, ", ") + ")"
	}
	return " (see `blindspot policy schema` or docs/policies.md)"
}

// compileCondition type-checks the condition; errors point into the
// policy file.
func compileCondition(env *Env, c *compiled) (cel.Program, error) {
	p := c.policy
	e, err := env.envFor(c.coll)
	if err != nil {
		return nil, err
	}
	ast, iss := e.Compile(p.Condition)
	if iss.Err() != nil {
		var errs []error
		for _, ce := range iss.Errors() {
			line, col := p.conditionAt.position(ce.Location.Line(), ce.Location.Column())
			errs = append(errs, &Error{File: p.File, Line: line, Column: col, Msg: "policy " + p.ID + ": condition: " + ce.Message})
		}
		return nil, errors.Join(errs...)
	}
	if t := ast.OutputType(); !t.IsExactType(types.BoolType) && !t.IsExactType(types.DynType) {
		line, col := p.conditionAt.position(1, 0)
		return nil, &Error{File: p.File, Line: line, Column: col,
			Msg: fmt.Sprintf("policy %s: condition: it must be true when a resource fails, but it gives %s, not a bool", p.ID, t)}
	}
	// Only comprehensions repeat work: a condition costs its nodes, and
	// one with a comprehension what its iterations are charged besides
	// (see meterLoops).
	native := ast.NativeRep()
	c.staticCost = uint64(celast.NodeCount(native))
	c.attrGuards = attributeGuards(native)
	meterLoops(native)
	opts := []cel.ProgramOption{cel.EvalOptions(cel.OptOptimize), cel.CustomDecoratorV2(decorate)}
	prg, err := e.Program(ast, opts...)
	if err != nil {
		line, col := p.conditionAt.position(1, 0)
		return nil, &Error{File: p.File, Line: line, Column: col, Msg: fmt.Sprintf("policy %s: condition: %v", p.ID, err)}
	}
	return prg, nil
}

// Policies returns the policies of the set, sorted by ID.
func (s *Set) Policies() []*Policy {
	out := make([]*Policy, len(s.policies))
	for i, c := range s.policies {
		out[i] = c.policy
	}
	return out
}

// Run is one scan's use of a set: its rules and what the policies have
// spent, so that a policy over its budget is stopped.
type Run struct {
	set   *Set
	opts  RunOptions
	rules []*rules.Rule
	state []*policyRun
	// activations are reused by the policies' checks: most checks of a
	// unit have few subjects, and an activation is large.
	activations sync.Pool
}

// RunOptions are what a scan knows beyond the code that policies see.
type RunOptions struct {
	// AccountTags gives the tags of accounts by ID (the configuration's
	// accounts entries): resource.account.tags.
	AccountTags map[string]map[string]string
	// UnitRegion gives the region the configuration maps a unit (its
	// graph.Unit path) to, for resources whose code does not say:
	// resource.region. Nil when none is mapped.
	UnitRegion func(unit string) (string, bool)
}

// policyRun is what one policy did in a scan.
type policyRun struct {
	mu    sync.Mutex
	spent uint64
	// stopped says why the policy was stopped; its results are dropped.
	stopped   string
	stoppedAt graph.Loc
	// errors counts evaluation errors; firstErr is the one at the
	// smallest position, so that the report does not depend on the order
	// units were checked in.
	errors   int
	firstErr string
	errAt    graph.Loc
}

// NewRun starts a scan with the set. Its rules are unit-scoped and safe to
// run on several units at once.
func (s *Set) NewRun(opts RunOptions) *Run {
	r := &Run{set: s, opts: opts}
	r.activations.New = func() any { return new(activation) }
	for _, c := range s.policies {
		st := &policyRun{}
		r.state = append(r.state, st)
		r.rules = append(r.rules, c.rule(s.env, &r.opts, st, &r.activations))
	}
	return r
}

// Rules returns the policies as rules, sorted by ID.
func (r *Run) Rules() []*rules.Rule { return r.rules }

// rule turns a compiled policy into a rule whose Check evaluates the
// condition on every matching resource or element.
func (c *compiled) rule(env *Env, run *RunOptions, st *policyRun, acts *sync.Pool) *rules.Rule {
	p := c.policy
	rule := &rules.Rule{
		ID:          p.ID,
		Title:       p.Title,
		Severity:    p.Severity,
		Description: p.Description,
		Remediation: p.Remediation,
		References:  p.References,
		Compliance:  p.Compliance,
		Tags:        append([]string{"custom-policy"}, p.Tags...),
		Precision:   "high",
		Scope:       rules.UnitScope,
		Source:      p.Range,
	}
	// The title is the message of every finding. Without a verb it is
	// its own format, which spares each report its arguments; otherwise
	// it is boxed once, not at each report.
	format, args := "%s", []any{p.Title}
	if !strings.Contains(p.Title, "%") {
		format, args = p.Title, nil
	}
	rule.Check = func(pass *rules.Pass) {
		if st.isStopped() {
			return
		}
		act := acts.Get().(*activation)
		defer func() {
			// Back to the pool without what it pointed at.
			act.reset(nil, nil, nil, nil, subject{}, nil)
			act.reason = reasoned{}
			acts.Put(act)
		}()
		for subj := range c.subjects(pass.AWS) {
			v := c.decideIn(act, env, run, pass.AWS, subj)
			loc := subj.loc()
			if st.spend(v.cost, env.opts.ScanCostLimit, loc) || v.overLimit {
				if v.overLimit {
					st.stop(fmt.Sprintf("evaluating its condition on one resource cost more than the limit of %d", env.opts.CostLimit), loc)
				}
				return
			}
			if v.err != nil {
				st.recordError(v.err, loc)
				pass.ReportIf(graph.Unknown, rules.Because(loc, "the condition could not be evaluated: "+v.err.Error()), "")
				continue
			}
			if r := loc.Resource; v.tri == graph.False && r != nil && r.Exists == graph.True {
				// A pass about a resource that exists is only counted:
				// the resource itself is the subject, which costs no
				// allocation, where loc with its reason would cost two.
				pass.ReportIf(graph.False, r, "")
				continue
			}
			// The subject with its reason, in the activation: ReportIf
			// keeps neither, so a result costs no allocation for them.
			act.reason = reasoned{loc, v.why}
			pass.ReportIf(v.tri, &act.reason, format, args...)
		}
	}
	return rule
}

// subjects yields what the policy is evaluated on in a model, in turn
// (not collected: a wildcard policy is evaluated on every resource).
func (c *compiled) subjects(m *aws.Model) iter.Seq[subject] {
	return func(yield func(subject) bool) {
		if c.coll != nil {
			if c.coll.resourceField == nil {
				return
			}
			slice := reflect.ValueOf(m).Elem().FieldByIndex(c.coll.index)
			for i := range slice.Len() {
				e := slice.Index(i)
				if e.IsNil() {
					continue
				}
				subj := subject{elem: e, atField: c.coll.atField}
				subj.resource, _ = e.Elem().FieldByIndex(c.coll.resourceField).Interface().(*graph.Resource)
				if subj.resource == nil {
					continue
				}
				if !yield(subj) {
					return
				}
			}
			return
		}
		if len(c.patterns) == 0 {
			for _, t := range c.types {
				for _, r := range m.Index().OfType(t) {
					if !yield(subject{resource: r}) {
						return
					}
				}
			}
			return
		}
		// Resources come sorted, often several of one type in a row: each
		// run of them is matched once.
		var (
			last    string
			matched bool
		)
		for _, r := range m.Graph.Resources {
			if r.Type != last || last == "" {
				last, matched = r.Type, c.matchesType(r.Type)
			}
			if matched && !yield(subject{resource: r}) {
				return
			}
		}
	}
}

func (c *compiled) matchesType(t string) bool {
	for _, x := range c.types {
		if x == t {
			return true
		}
	}
	for _, p := range c.patterns {
		if aws.WildcardMatch(p, t) {
			return true
		}
	}
	return false
}

// loc is where a result about the subject points: the element's own
// location when it has one (a rule inside a security group), else its
// resource.
func (s subject) loc() graph.Loc {
	if s.elem.IsValid() && s.atField != nil {
		// Through a pointer: an interface holding the Loc itself would be
		// a copy on the heap.
		if at := *s.elem.Elem().FieldByIndex(s.atField).Addr().Interface().(*graph.Loc); !at.Range.IsZero() {
			if at.Resource == nil {
				at.Resource = s.resource
			}
			return at
		}
	}
	return s.resource.Loc()
}

func (st *policyRun) isStopped() bool {
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.stopped != ""
}

// spend adds cost to what the policy spent in the scan and stops it when
// that exceeds limit. Whether a policy is stopped does not depend on the
// order units are checked in: the total only grows.
func (st *policyRun) spend(cost, limit uint64, at graph.Loc) bool {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.spent += cost
	if st.spent > limit && st.stopped == "" {
		st.stopped = fmt.Sprintf("it cost more than the limit of %d for one scan", limit)
	}
	return st.stopped != ""
}

func (st *policyRun) stop(why string, at graph.Loc) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.stopped == "" || graph.CompareRange(at.Range, st.stoppedAt.Range) < 0 {
		st.stopped, st.stoppedAt = why, at
	}
}

func (st *policyRun) recordError(err error, at graph.Loc) {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.errors++
	if st.firstErr == "" || graph.CompareRange(at.Range, st.errAt.Range) < 0 {
		st.firstErr, st.errAt = err.Error(), at
	}
}

// Finish ends the scan: it drops the results of policies that were
// stopped and returns diagnostics for them (errors: the scan did not check
// what they say) and for policies whose condition could not be evaluated
// on some resources (warnings: each such resource has an undetermined
// result).
func (r *Run) Finish(fs []rules.Finding) ([]rules.Finding, []graph.Diagnostic) {
	var diags []graph.Diagnostic
	stopped := map[string]bool{}
	for i, c := range r.set.policies {
		st := r.state[i]
		p := c.policy
		at := p.conditionRange()
		if st.stopped != "" {
			stopped[p.ID] = true
			diags = append(diags, graph.Diagnostic{Severity: graph.Error, Code: "policy-stopped", Range: at,
				Message: fmt.Sprintf("policy %s was stopped: %s; none of its results are reported", p.ID, st.stopped)})
			continue
		}
		if st.errors > 0 {
			diags = append(diags, graph.Diagnostic{Severity: graph.Warning, Code: "policy-error", Range: at,
				Message: fmt.Sprintf("policy %s: the condition could not be evaluated on %d resource(s), first on %s: %s",
					p.ID, st.errors, st.errAt.Range, st.firstErr)})
		}
	}
	if len(stopped) == 0 {
		return fs, diags
	}
	out := fs[:0:0]
	for _, f := range fs {
		if !stopped[f.RuleID] {
			out = append(out, f)
		}
	}
	return out, diags
}

// conditionRange locates the condition in the policy file.
func (p *Policy) conditionRange() graph.Range {
	line, col := p.conditionAt.position(1, 0)
	if line == 0 {
		return p.Range
	}
	return graph.Range{File: p.File, Start: graph.Pos{Line: line, Column: col, Byte: -1}, End: graph.Pos{Line: line, Column: col + 1, Byte: -1}}
}
