package org

import (
	"strings"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// AIOptOutMissing flags: no AI services opt-out policy is attached to the root.
var AIOptOutMissing = &rules.Rule{
	ID:          "aws-org-ai-opt-out-missing",
	Title:       "No AI services opt-out policy is attached to the root",
	Severity:    rules.Low,
	Description: "Unless the organisation opts out, AWS AI services (such as Amazon Rekognition, Transcribe, Comprehend, Lex) may store and use content they process to improve the services. An AISERVICES_OPT_OUT_POLICY attached to the root opts every account out.",
	Remediation: rules.Remediation{
		Text: "Attach to the root an AI services opt-out policy with default opt_out_policy optOut.",
		Terraform: `resource "aws_organizations_policy" "ai_opt_out" {
  name = "ai-opt-out"
  type = "AISERVICES_OPT_OUT_POLICY"
  content = jsonencode({
    services = { default = { opt_out_policy = { "@@assign" = "optOut" } } }
  })
}

resource "aws_organizations_policy_attachment" "ai_opt_out" {
  policy_id = aws_organizations_policy.ai_opt_out.id
  target_id = aws_organizations_organization.this.roots[0].id
}`,
		CloudFormation: `AiOptOut:
  Type: AWS::Organizations::Policy
  Properties:
    Name: ai-opt-out
    Type: AISERVICES_OPT_OUT_POLICY
    TargetIds: [!GetAtt Organization.RootId]
    Content:
      services:
        default:
          opt_out_policy:
            "@@assign": optOut`,
	},
	References: []string{
		"https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_ai-opt-out.html",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkNIST, ID: "GV.OC-03"},
		{Framework: rules.FrameworkISO, ID: "A.5.34"},
	},
	Tags:      []string{"organizations", "privacy"},
	Precision: "high",
	Check: func(p *rules.Pass) {
		for _, o := range p.AWS.Organizations.Orgs {
			held := graph.False
			why := ""
			for _, pol := range p.AWS.Organizations.Policies {
				if !p.AWS.Organizations.SameOrganization(o, pol.Resource) {
					continue
				}
				isOptOut := pol.Type.Test(func(t string) bool { return t == "AISERVICES_OPT_OUT_POLICY" })
				if isOptOut == graph.False {
					continue
				}
				onRoot := graph.False
				for _, t := range pol.Targets {
					if t.Kind == aws.TargetRoot {
						onRoot = graph.True
					}
				}
				if onRoot == graph.False && pol.TargetsUnknown != "" {
					onRoot = graph.Unknown
				}
				optsOut := graph.Unknown
				if v := pol.Content.Value; v.IsKnown() {
					text, ok := v.AsString()
					if !ok {
						text = v.String()
					}
					optsOut = graph.TriOf(strings.Contains(text, "optOut"))
				} else if why == "" {
					why = "the content of " + pol.Resource.Address + " is not known: " + v.Why()
				}
				held = held.Or(graph.All(isOptOut, onRoot, optsOut))
			}
			p.ReportIf(held.Not(), rules.Because(o.Resource, why), "organisation %s attaches no AI services opt-out policy to its root", o.Resource.Address)
		}
	},
}
