package rules

import (
	"fmt"
	"runtime/debug"
	"strings"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/graph/aws"
)

// Subject is what a finding is about: anything with a location, such as a
// graph.Loc, a *graph.Resource or a typed aws.Attr.
type Subject interface {
	Loc() graph.Loc
}

// unknownReasoner is implemented by subjects that can say why their value
// is unknown (aws.Attr).
type unknownReasoner interface {
	UnknownReason() string
}

// Pass is the input of one rule's Check and collects its results.
type Pass struct {
	Rule  *Rule
	Graph *graph.Graph
	AWS   *aws.Model

	results []*Finding
	passed  int
}

// ReportIf reports a finding about subject when cond is True, and an
// undetermined result when cond is Unknown (or the subject's resource may
// not exist). It returns the finding so the caller can raise its severity or
// add related locations and fixes; nil when nothing failed.
func (p *Pass) ReportIf(cond graph.Tri, subject Subject, format string, args ...any) *Finding {
	loc := subject.Loc()
	existsWhy := ""
	if r := loc.Resource; r != nil && r.Exists != graph.True {
		existsWhy = aws.ExistsWhy(r)
		cond = cond.And(graph.Unknown)
	}
	switch cond {
	case graph.False:
		p.passed++
	case graph.True:
		// A message without verbs (a custom policy's title) is its own
		// text: Sprintf would copy it for each finding.
		msg := format
		if len(args) > 0 || strings.IndexByte(format, '%') >= 0 {
			msg = fmt.Sprintf(format, args...)
		}
		return p.add(Failed, loc, msg)
	case graph.Unknown:
		why := existsWhy
		if why == "" {
			if u, ok := subject.(unknownReasoner); ok {
				why = u.UnknownReason()
			}
		}
		if why == "" {
			why = "a value it depends on is not known before deployment"
		}
		// Joined, not formatted: a scan gives thousands of these.
		p.add(Undetermined, loc, "could not evaluate "+p.Rule.ID+": "+why)
	}
	return nil
}

// Report reports a finding about subject unconditionally.
func (p *Pass) Report(subject Subject, format string, args ...any) *Finding {
	return p.ReportIf(graph.True, subject, format, args...)
}

func (p *Pass) add(status Status, loc graph.Loc, msg string) *Finding {
	f := &Finding{
		RuleID:   p.Rule.ID,
		Severity: p.Rule.Severity,
		Status:   status,
		Message:  msg,
		Loc:      loc,
		Related:  StandardRelated(loc),
	}
	p.results = append(p.results, f)
	return f
}

// Passed counts the checks of the pass whose answer was False: the
// subjects ReportIf found in order.
func (p *Pass) Passed() int { return p.passed }

// RunCounting checks every rule against the model and returns findings and
// undetermined results, sorted, and counts, by rule ID, the checks that
// passed (see Pass.Passed); rules with none are left out. A rule that
// panics does not stop the scan: its panic becomes an error diagnostic
// naming the rule.
//
// The findings are copied once into a slice of their exact number: a scan
// keeps each unit's findings until every unit is checked, and a slice
// grown by appending held up to twice their size.
func RunCounting(rs []*Rule, g *graph.Graph, m *aws.Model) ([]Finding, map[string]int, []graph.Diagnostic) {
	passes := make([]*Pass, 0, len(rs))
	// One allocation for every rule's pass, not one each: a scan runs
	// every rule on every unit.
	all := make([]Pass, len(rs))
	passed := map[string]int{}
	var diags []graph.Diagnostic
	total := 0
	for i, r := range rs {
		p := &all[i]
		*p = Pass{Rule: r, Graph: g, AWS: m}
		err := runOne(p)
		if err != nil {
			diags = append(diags, graph.Diagnostic{Severity: graph.Error, Code: "internal-error", Message: err.Error()})
			continue
		}
		passes = append(passes, p)
		total += len(p.results)
		if p.passed > 0 {
			passed[r.ID] += p.passed
		}
	}
	var findings []Finding
	if total > 0 {
		findings = make([]Finding, 0, total)
	}
	for _, p := range passes {
		for _, f := range p.results {
			findings = append(findings, *f)
		}
	}
	SortFindings(findings)
	return findings, passed, diags
}

// runOne runs p's rule on p's graph and model.
func runOne(p *Pass) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("rule %s failed: %v\n%s", p.Rule.ID, v, debug.Stack())
		}
	}()
	p.Rule.Check(p)
	return nil
}

// Because returns subject with why as the explanation used when the
// rule's answer about it is unknown.
func Because(subject Subject, why string) Subject {
	return because{subject, why}
}

type because struct {
	Subject
	why string
}

func (b because) UnknownReason() string { return b.why }
