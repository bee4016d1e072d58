package org

import (
	"sort"
	"strings"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// scpSizeLimit is the maximum size of a service control policy, counted
// without whitespace outside strings.
const scpSizeLimit = 5120

// scpsPerTarget is the maximum number of service control policies
// attached to one root, OU or account (FullAWSAccess included).
const scpsPerTarget = 5

// SCPInvalid flags service control policies AWS would reject.
var SCPInvalid = &rules.Rule{
	ID:       "aws-org-scp-invalid",
	Title:    "Service control policy that AWS Organizations would reject",
	Severity: rules.Medium,
	Description: "AWS Organizations rejects a service control policy that names a Principal or NotPrincipal (SCPs apply " +
		"to every principal of the accounts they are attached to), has an Effect other than Allow or Deny, lists an " +
		"action without its service prefix, exceeds 5,120 characters once whitespace is removed, or is the sixth SCP " +
		"attached to the same root, OU or account (FullAWSAccess counts, including the copy AWS attaches itself to the root " +
		"and to every OU and account once service control policies are enabled, unless the code attaches it there). The deployment fails and the guardrail the " +
		"policy was meant to enforce is not in place; a pipeline that carries on leaves the organisation unprotected.",
	Remediation: rules.Remediation{
		Text: "Write SCP statements without Principal, with Effect Allow or Deny and service-prefixed actions; split a " +
			"large policy by theme and merge small ones so that no target has more than five SCPs.",
		Terraform: `resource "aws_organizations_policy" "deny_leave" {
  name = "deny-leave-organization"
  type = "SERVICE_CONTROL_POLICY"
  content = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Deny"
      Action   = ["organizations:LeaveOrganization"]
      Resource = "*"
    }]
  })
}`,
		CloudFormation: `DenyLeave:
  Type: AWS::Organizations::Policy
  Properties:
    Name: deny-leave-organization
    Type: SERVICE_CONTROL_POLICY
    TargetIds: [!GetAtt Organization.RootId]
    Content:
      Version: "2012-10-17"
      Statement:
        - Effect: Deny
          Action: organizations:LeaveOrganization
          Resource: "*"`,
	},
	References: []string{
		"https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_syntax.html",
		"https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html",
		"https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_evaluation.html",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkNIST, ID: "GV.PO-01"},
		{Framework: rules.FrameworkISO, ID: "A.5.15"},
	},
	Tags:      []string{"organizations", "scp", "correctness"},
	Precision: "very-high",
	Scope:     rules.OrganizationScope,
	Check: func(p *rules.Pass) {
		for _, pol := range scps(p.AWS) {
			checkSCPDocument(p, pol)
		}
		checkSCPsPerTarget(p)
	},
}

func checkSCPDocument(p *rules.Pass, pol *aws.OrgPolicy) {
	scp := pol.IsSCP()
	doc := pol.Document
	addr := pol.Resource.Address
	if !doc.Known {
		p.ReportIf(scp.And(graph.Unknown), rules.Because(doc, "the content of "+addr+" is not known: "+doc.UnknownReason()), "")
		return
	}
	if doc.Invalid != "" {
		p.ReportIf(scp, rules.Because(doc, pol.Type.UnknownReason()), "service control policy %s is invalid: %s", addr, doc.Invalid)
		return
	}
	p.ReportIf(scp.And(graph.TriOf(doc.MinifiedSize > scpSizeLimit)), rules.Because(doc, pol.Type.UnknownReason()),
		"service control policy %s has %d characters without whitespace, more than the %d AWS allows", addr, doc.MinifiedSize, scpSizeLimit)
	for _, st := range doc.Statements {
		name := "a statement"
		if st.Sid != "" {
			name = "statement " + st.Sid
		}
		for _, pr := range []struct {
			key string
			p   *aws.Principal
		}{{"Principal", st.Principal}, {"NotPrincipal", st.NotPrincipal}} {
			if pr.p != nil {
				p.ReportIf(scp, rules.Because(pr.p.At, pol.Type.UnknownReason()),
					"%s of service control policy %s has a %s, which SCPs do not accept", name, addr, pr.key)
			}
		}
		bad := st.Effect.Test(func(e string) bool { return e != "Allow" && e != "Deny" })
		if e, ok := st.Effect.Get(); ok {
			p.ReportIf(scp.And(bad), st.Effect, "%s of service control policy %s has Effect %q; it must be Allow or Deny", name, addr, e)
		} else {
			p.ReportIf(scp.And(bad), st.Effect, "%s of service control policy %s has no valid Effect", name, addr)
		}
		for _, set := range []aws.StringSet{st.Action, st.NotAction} {
			var unprefixed []string
			for _, a := range set.Values {
				if a == "*" {
					continue
				}
				if i := strings.Index(a, ":"); i <= 0 || i == len(a)-1 {
					unprefixed = append(unprefixed, a)
				}
			}
			if len(unprefixed) > 0 {
				p.ReportIf(scp, rules.Because(set, pol.Type.UnknownReason()),
					"%s of service control policy %s lists %s without a service prefix (service:action): %s",
					name, addr, plural(len(unprefixed), "action", "actions"), strings.Join(unprefixed, ", "))
			}
		}
	}
}

// checkSCPsPerTarget reports the attachments beyond the fifth SCP on one
// target.
func checkSCPsPerTarget(p *rules.Pass) {
	type key struct{ unit, id string }
	certain := map[key][]*aws.PolicyAttachment{}
	uncertain := map[key][]*aws.PolicyAttachment{}
	var keys []key
	for _, a := range p.AWS.Organizations.Attachments {
		t := a.Target
		var k key
		switch {
		case t.Kind == aws.TargetUnknown:
			continue
		case t.Kind == aws.TargetRoot && t.Resource != nil:
			k = key{a.Resource.Unit, "root"}
		case t.Resource != nil:
			k = key{a.Resource.Unit, t.Resource.Address}
		default:
			k = key{"", t.ID}
		}
		isSCP := graph.Unknown
		switch {
		case a.Policy != nil:
			isSCP = a.Policy.IsSCP()
		case a.PolicyID == "p-FullAWSAccess":
			isSCP = graph.True
		}
		switch isSCP.And(a.Exists()) {
		case graph.True:
			if len(certain[k])+len(uncertain[k]) == 0 {
				keys = append(keys, k)
			}
			certain[k] = append(certain[k], a)
		case graph.Unknown:
			if len(certain[k])+len(uncertain[k]) == 0 {
				keys = append(keys, k)
			}
			uncertain[k] = append(uncertain[k], a)
		}
	}
	for _, k := range keys {
		c, u := certain[k], uncertain[k]
		sortAttachments(c)
		sortAttachments(u)
		switch {
		case len(c) > scpsPerTarget:
			implicit := ""
			if c[0].Implicit {
				implicit = " (FullAWSAccess, which AWS attaches itself, included)"
			}
			for _, a := range c[scpsPerTarget:] {
				p.Report(a.At, "%s attaches a service control policy to %s, which already has %d%s; AWS allows %d per root, OU or account",
					a.Resource.Address, targetName(a.Target), scpsPerTarget, implicit, scpsPerTarget)
			}
		case len(c)+len(u) > scpsPerTarget:
			a := u[0]
			why := "whether " + a.Resource.Address + " attaches a service control policy is not known"
			if a.Implicit {
				why = "AWS attaches FullAWSAccess to " + targetName(a.Target) + " once service control policies are enabled, " +
					"and whether they are is not known"
			}
			p.ReportIf(graph.Unknown, rules.Because(a.At, why), "")
		}
	}
}

func targetName(t aws.Target) string {
	switch {
	case t.Kind == aws.TargetRoot && t.Resource != nil:
		return "the root of " + t.Resource.Address
	case t.Resource != nil:
		return t.Resource.Address
	}
	return t.Kind.String() + " " + t.ID
}

// sortAttachments orders attachments as they are made: the FullAWSAccess
// AWS attaches itself first, then as written.
func sortAttachments(as []*aws.PolicyAttachment) {
	sort.SliceStable(as, func(i, j int) bool {
		if as[i].Implicit != as[j].Implicit {
			return as[i].Implicit
		}
		return graph.CompareRange(as[i].At.Range, as[j].At.Range) < 0
	})
}
