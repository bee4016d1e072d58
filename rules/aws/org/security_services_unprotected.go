package org

import (
	"strings"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// SecurityServicesUnprotected flags: sCPs do not protect the security services.
var SecurityServicesUnprotected = &rules.Rule{
	ID:          "aws-org-security-services-unprotected",
	Title:       "SCPs do not protect the security services",
	Severity:    rules.High,
	Description: "Anyone with administrator rights in a member account can stop CloudTrail, delete the GuardDuty detector, stop the AWS Config recorder or disable Security Hub, and so blind the organisation's security team before acting. AWS recommends an SCP denying these actions.",
	Remediation: rules.Remediation{
		Text: "Attach to the root an SCP that denies stopping or deleting CloudTrail, GuardDuty, AWS Config and Security Hub.",
		Terraform: `resource "aws_organizations_policy" "guardrails" {
  name = "guardrails"
  content = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid    = "ProtectSecurityServices"
      Effect = "Deny"
      Action = [
        "cloudtrail:StopLogging", "cloudtrail:DeleteTrail",
        "guardduty:DeleteDetector", "guardduty:DisassociateFromMasterAccount",
        "config:StopConfigurationRecorder", "config:DeleteConfigurationRecorder", "config:DeleteDeliveryChannel",
        "securityhub:DisableSecurityHub",
      ]
      Resource = "*"
    }]
  })
}

resource "aws_organizations_policy_attachment" "root" {
  policy_id = aws_organizations_policy.guardrails.id
  target_id = aws_organizations_organization.this.roots[0].id
}`,
		CloudFormation: `Guardrails:
  Type: AWS::Organizations::Policy
  Properties:
    Name: guardrails
    Type: SERVICE_CONTROL_POLICY
    TargetIds: [!GetAtt Organization.RootId]
    Content:
      Version: "2012-10-17"
      Statement:
        - Sid: ProtectSecurityServices
          Effect: Deny
          Action: [cloudtrail:StopLogging, cloudtrail:DeleteTrail, guardduty:DeleteDetector, guardduty:DisassociateFromMasterAccount, config:StopConfigurationRecorder, config:DeleteConfigurationRecorder, config:DeleteDeliveryChannel, securityhub:DisableSecurityHub]
          Resource: "*"`,
	},
	References: []string{
		"https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples.html",
		"https://docs.aws.amazon.com/prescriptive-guidance/latest/security-reference-architecture/org-management.html",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkNIST, ID: "DE.CM-01"},
		{Framework: rules.FrameworkISO, ID: "A.8.15"},
	},
	Tags:      []string{"organizations", "scp", "guardrail"},
	Precision: "high",
	Check: func(p *rules.Pass) {
		for _, o := range p.AWS.Organizations.Orgs {
			var missing []string
			why := ""
			for _, action := range protectedActions {
				held, w := p.AWS.Organizations.Guardrail(o, func(pol *aws.OrgPolicy) graph.Tri { return pol.Denies(action) })
				switch held {
				case graph.False:
					missing = append(missing, action)
				case graph.Unknown:
					if why == "" {
						why = w
					}
				}
			}
			cond := graph.TriOf(len(missing) > 0)
			if len(missing) == 0 && why != "" {
				cond = graph.Unknown
			}
			p.ReportIf(cond, rules.Because(o.Resource, why), "no SCP attached to the root or every OU of organisation %s denies %s", o.Resource.Address, strings.Join(missing, ", "))
		}
	},
}
