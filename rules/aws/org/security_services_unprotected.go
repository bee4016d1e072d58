package org

import (
	"strings"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// protectedAction is an action a security-services guardrail must deny;
// any of its forms counts (GuardDuty and Security Hub renamed "master" to
// "administrator" and keep both actions).
type protectedAction []string

// securityServiceActions are the actions that stop or delete CloudTrail,
// GuardDuty, AWS Config and Security Hub, or detach an account from the
// organisation's administrator for them.
var securityServiceActions = []protectedAction{
	{"cloudtrail:StopLogging"},
	{"cloudtrail:DeleteTrail"},
	{"guardduty:DeleteDetector"},
	{"guardduty:UpdateDetector"},
	{"guardduty:DisassociateFromAdministratorAccount", "guardduty:DisassociateFromMasterAccount"},
	{"config:StopConfigurationRecorder"},
	{"config:DeleteConfigurationRecorder"},
	{"config:DeleteDeliveryChannel"},
	{"securityhub:DisableSecurityHub"},
	{"securityhub:DisassociateFromAdministratorAccount", "securityhub:DisassociateFromMasterAccount"},
}

// SecurityServicesUnprotected flags organisations whose member accounts
// can turn their security services off.
var SecurityServicesUnprotected = &rules.Rule{
	ID:       "aws-org-security-services-unprotected",
	Title:    "No service control policy stops accounts from disabling CloudTrail, GuardDuty, AWS Config or Security Hub",
	Severity: rules.High,
	Description: "The first thing an intruder with administrator access to an account does is switch off what " +
		"watches it: stop the trail, delete the GuardDuty detector, stop the Config recorder, disable Security Hub " +
		"or detach the account from the security account that administers them. AWS guidance is an SCP, attached " +
		"to the root, that denies these actions to everyone but the security team's role.",
	Remediation: rules.Remediation{
		Text: "Attach to the root an SCP that denies the actions that stop, delete or disassociate the security " +
			"services, with a condition exempting the role that administers them.",
		Terraform: `resource "aws_organizations_policy" "protect_security" {
  name = "protect-security-services"
  content = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect = "Deny"
      Action = [
        "cloudtrail:StopLogging", "cloudtrail:DeleteTrail",
        "guardduty:DeleteDetector", "guardduty:UpdateDetector", "guardduty:Disassociate*",
        "config:StopConfigurationRecorder", "config:DeleteConfigurationRecorder", "config:DeleteDeliveryChannel",
        "securityhub:DisableSecurityHub", "securityhub:Disassociate*",
      ]
      Resource  = "*"
      Condition = { ArnNotLike = { "aws:PrincipalArn" = "arn:aws:iam::*:role/security-admin" } }
    }]
  })
}`,
		CloudFormation: `ProtectSecurity:
  Type: AWS::Organizations::Policy
  Properties:
    Name: protect-security-services
    Type: SERVICE_CONTROL_POLICY
    TargetIds: [!GetAtt Organization.RootId]
    Content:
      Version: "2012-10-17"
      Statement:
        - Effect: Deny
          Action:
            - cloudtrail:StopLogging
            - cloudtrail:DeleteTrail
            - guardduty:DeleteDetector
            - guardduty:UpdateDetector
            - guardduty:Disassociate*
            - config:StopConfigurationRecorder
            - config:DeleteConfigurationRecorder
            - config:DeleteDeliveryChannel
            - securityhub:DisableSecurityHub
            - securityhub:Disassociate*
          Resource: "*"
          Condition:
            ArnNotLike:
              aws:PrincipalArn: arn:aws:iam::*:role/security-admin`,
	},
	References: refs(
		"https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_cloudtrail.html",
		"https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_guardduty.html",
		"https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_config.html",
		"https://docs.aws.amazon.com/prescriptive-guidance/latest/security-reference-architecture/security-tooling.html",
	),
	Compliance: []rules.Control{
		{Framework: rules.FrameworkNIST, ID: "DE.CM-09"},
		{Framework: rules.FrameworkISO, ID: "A.8.15"},
	},
	Tags:      []string{"organizations", "scp", "guardrail", "logging", "monitoring"},
	Precision: "high",
	Scope:     rules.OrganizationScope,
	Check: func(p *rules.Pass) {
		for _, org := range p.AWS.Organizations.Orgs {
			var missing []string
			unknown, why := false, ""
			for _, act := range securityServiceActions {
				held, w, _ := p.AWS.Organizations.Guardrail(org, denies(act))
				switch held {
				case graph.False:
					missing = append(missing, act[0])
				case graph.Unknown:
					if !unknown {
						unknown, why = true, w
					}
				}
			}
			cond := graph.False
			switch {
			case len(missing) > 0:
				cond = graph.True
			case unknown:
				cond = graph.Unknown
			}
			p.ReportIf(cond, rules.Because(org.Resource, why),
				"organisation %s has no service control policy, attached to its root or to every OU, that denies %s",
				org.Resource.Address, strings.Join(missing, ", "))
		}
	},
}

// denies returns a policy test: some statement denies one of the forms of
// act on every resource.
func denies(act protectedAction) func(*aws.Policy) graph.Tri {
	return func(doc *aws.Policy) graph.Tri {
		return doc.AnyStatement(func(st *aws.Statement) graph.Tri {
			t := graph.False
			for _, a := range act {
				t = t.Or(st.DeniesAction(a))
			}
			return t.And(st.ExemptsOnly())
		})
	}
}
