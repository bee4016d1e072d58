package org

import (
	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// AIOptOutMissing flags organisations that let AWS AI services use their
// content.
var AIOptOutMissing = &rules.Rule{
	ID:       "aws-org-ai-opt-out-missing",
	Title:    "No AI services opt-out policy is attached to the organisation's root",
	Severity: rules.Low,
	Description: "By default some AWS AI services (Amazon Rekognition, Textract, Comprehend, Transcribe, Lex, Polly " +
		"and others) may store and use the content they process to improve the services. An AI services opt-out " +
		"policy (AISERVICES_OPT_OUT_POLICY) attached to the root with services.default.opt_out_policy set to " +
		"optOut stops that for every account, present and future.",
	Remediation: rules.Remediation{
		Text: "Enable the AISERVICES_OPT_OUT_POLICY policy type and attach to the root a policy opting every service out.",
		Terraform: `resource "aws_organizations_policy" "ai_opt_out" {
  name = "ai-services-opt-out"
  type = "AISERVICES_OPT_OUT_POLICY"
  content = jsonencode({
    services = { default = { opt_out_policy = { "@@assign" = "optOut" } } }
  })
}

resource "aws_organizations_policy_attachment" "ai_opt_out" {
  policy_id = aws_organizations_policy.ai_opt_out.id
  target_id = aws_organizations_organization.this.roots[0].id
}`,
		CloudFormation: `AIOptOut:
  Type: AWS::Organizations::Policy
  Properties:
    Name: ai-services-opt-out
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
		"https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_ai-opt-out_syntax.html",
		"https://aws.amazon.com/service-terms/",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkNIST, ID: "GV.SC-05"},
		{Framework: rules.FrameworkISO, ID: "A.5.34"},
	},
	Tags:      []string{"organizations", "privacy", "ai"},
	Precision: "high",
	Scope:     rules.OrganizationScope,
	Check: func(p *rules.Pass) {
		for _, org := range p.AWS.Organizations.Orgs {
			held, why := graph.False, ""
			root := aws.Target{Kind: aws.TargetRoot, Resource: org.Resource}
			for _, pol := range p.AWS.Organizations.Policies {
				isAI := aws.Equals(pol.Type, "AISERVICES_OPT_OUT_POLICY")
				if isAI == graph.False || !p.AWS.Organizations.Concerns(org, pol.Resource.Unit) {
					continue
				}
				atRoot, w1 := pol.AttachedTo(root)
				optOut, w2 := pol.OptsOutOfAIServices()
				t := graph.All(isAI, atRoot, optOut, pol.Resource.Exists)
				if t == graph.Unknown && why == "" {
					switch {
					case isAI == graph.Unknown:
						why = "the type of " + pol.Resource.Address + " is not known: " + pol.Type.UnknownReason()
					case optOut == graph.Unknown:
						why = w2
					case atRoot == graph.Unknown:
						why = w1
					default:
						why = "whether " + pol.Resource.Address + " is created is not known"
					}
				}
				held = held.Or(t)
			}
			if held == graph.False {
				if w := p.AWS.Organizations.UnreadWhy(org, false, "an AI services opt-out policy"); w != "" {
					held, why = graph.Unknown, w
				}
			}
			p.ReportIf(held.Not(), rules.Because(org.Resource, why),
				"organisation %s has no AI services opt-out policy attached to its root that opts every service out (services.default.opt_out_policy = optOut)",
				org.Resource.Address)
		}
	},
}
