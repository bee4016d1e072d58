package iam

import (
	"cmp"
	"strings"

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

// grantsEveryAction is True for a statement that aws-iam-policy-full-admin
// reports: every action on every resource. Rules about narrower grants
// leave it to that rule.
func grantsEveryAction(st *aws.Statement) graph.Tri {
	return graph.All(st.IsAllow(), st.CoversEveryAction(), st.CoversAllResources())
}

// coversEveryActionOf is True when the statement's actions include every
// action of a service (prefix "s3:"): an Action pattern that matches them
// all ("s3:*", "*"), or a NotAction none of whose patterns can match one.
func coversEveryActionOf(st *aws.Statement, prefix string) graph.Tri {
	if st.Action.Set {
		return st.Action.Any(func(p string) bool { return strings.HasSuffix(p, "*") && aws.WildcardMatch(p, prefix) })
	}
	if st.NotAction.Set {
		return st.NotAction.Any(func(p string) bool { return mayMatchPrefix(p, prefix) }).Not()
	}
	return graph.False
}

// mayMatchPrefix reports whether IAM pattern p can match some string that
// starts with prefix (case-insensitively, as actions match).
func mayMatchPrefix(p, prefix string) bool {
	p, prefix = strings.ToLower(p), strings.ToLower(prefix)
	for i := 0; i < len(prefix); i++ {
		switch {
		case i >= len(p):
			return false
		case p[i] == '*':
			return true
		case p[i] != '?' && p[i] != prefix[i]:
			return false
		}
	}
	return true
}

// s3Partitions are the partitions whose S3 ARNs a Resource pattern may
// name.
var s3Partitions = []string{"aws", "aws-cn", "aws-us-gov"}

// mayNameS3 reports whether a Resource pattern can match an S3 bucket or
// object ARN.
func mayNameS3(p string) bool {
	for _, part := range s3Partitions {
		if mayMatchPrefix(p, "arn:"+part+":s3:::") {
			return true
		}
	}
	return false
}

// namesEveryObject reports whether a Resource pattern matches the ARN of
// every object in every bucket ("*", "arn:aws:s3:::*", "arn:*:s3:::*/*").
// It is tested on objects whose bucket and key are one character and many
// characters long, of a character no pattern spells out.
func namesEveryObject(p string) bool {
	short, long := "\x01", strings.Repeat("\x01", 64)
	for _, part := range s3Partitions {
		arn := "arn:" + part + ":s3:::"
		if aws.WildcardMatch(p, arn+short+"/"+short) && aws.WildcardMatch(p, arn+long+"/"+long) &&
			aws.WildcardMatch(p, arn+short+"/"+long) && aws.WildcardMatch(p, arn+long+"/"+short) {
			return true
		}
	}
	return false
}

// explainedSubject points at a statement's actions and says why the
// statement's effect, actions or resources are not known.
func explainedSubject(st *aws.Statement) rules.Subject {
	return rules.Because(actionSubject(st), cmp.Or(st.Effect.Why, st.Action.Why, st.NotAction.Why, st.Resource.Why, st.NotResource.Why))
}

// namesEveryBucketAndObject reports whether a Resource pattern matches the
// ARN of every bucket and of every object ("arn:aws:s3:::*").
func namesEveryBucketAndObject(p string) bool {
	if !namesEveryObject(p) {
		return false
	}
	for _, part := range s3Partitions {
		arn := "arn:" + part + ":s3:::"
		if aws.WildcardMatch(p, arn+"\x01") && aws.WildcardMatch(p, arn+strings.Repeat("\x01", 64)) {
			return true
		}
	}
	return false
}
