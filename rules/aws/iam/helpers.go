package iam

import (
	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// eachStatement calls check for every statement of every identity policy,
// and records an undetermined result for each policy whose document is
// not known.
func eachStatement(p *rules.Pass, check func(pol *aws.IAMPolicy, st *aws.Statement)) {
	for _, pol := range p.AWS.IAM.Policies {
		if !pol.Document.Known {
			p.ReportIf(graph.Unknown, pol.Document, "")
			continue
		}
		for _, st := range pol.Document.Statements {
			check(pol, st)
		}
	}
}

// actionSubject points at a statement's Action (or NotAction).
func actionSubject(st *aws.Statement) rules.Subject {
	if st.Action.Set {
		return st.Action
	}
	if st.NotAction.Set {
		return st.NotAction
	}
	return st.At
}
