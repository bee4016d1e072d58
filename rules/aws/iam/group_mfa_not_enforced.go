package iam

import (
	"cmp"
	"strings"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// GroupMFANotEnforced flags IAM groups none of whose policies denies
// requests made without MFA.
var GroupMFANotEnforced = &rules.Rule{
	ID:       "aws-iam-group-mfa-not-enforced",
	Title:    "IAM group does not require MFA",
	Severity: rules.Medium,
	Description: "Whether an IAM user has an MFA device is known only to the account, but a group's policies can " +
		"make MFA a condition of everything its members do: a Deny statement on every resource, of every " +
		"action (\"*\") or of every action but those it lists (NotAction), that applies when " +
		"aws:MultiFactorAuthPresent is false (BoolIfExists, which also covers requests signed with access keys, " +
		"where the key is absent) or absent (Null), leaving out the actions a user needs to set up a device; a Deny " +
		"of a few actions protects those actions, not the account. A " +
		"member whose password leaks then still cannot act without the second factor. The rule reads the inline " +
		"policies of each group (aws_iam_group_policy, AWS::IAM::GroupPolicy, the Policies of AWS::IAM::Group, " +
		"AWS::IAM::Policy with Groups) and the customer managed policies of the code attached to it " +
		"(aws_iam_group_policy_attachment, aws_iam_policy_attachment, aws_iam_group_policy_attachments_exclusive, " +
		"ManagedPolicyArns, AWS::IAM::ManagedPolicy with Groups); AWS managed policies deny nothing. It is " +
		"undetermined when a policy of the group cannot be read: a document or ARN that is not known, a managed " +
		"policy the scan does not contain, an attachment whose group is not known, or a module that was not read " +
		"and is given the group. Users who sign in through IAM Identity Center or a federated identity provider " +
		"get MFA from there and need no such group.",
	Remediation: rules.Remediation{
		Text: "Attach to the group a policy that denies every action except managing one's own MFA device when " +
			"aws:MultiFactorAuthPresent is false (BoolIfExists), as in the AWS example policy for self-managed " +
			"MFA.",
		Terraform: `resource "aws_iam_group" "developers" {
  name = "developers"
}

data "aws_iam_policy_document" "require_mfa" {
  statement {
    sid    = "DenyAllExceptMFASetupWithoutMFA"
    effect = "Deny"
    not_actions = [
      "iam:CreateVirtualMFADevice",
      "iam:EnableMFADevice",
      "iam:GetUser",
      "iam:ListMFADevices",
      "iam:ListVirtualMFADevices",
      "iam:ResyncMFADevice",
      "sts:GetSessionToken",
    ]
    resources = ["*"]
    condition {
      test     = "BoolIfExists"
      variable = "aws:MultiFactorAuthPresent"
      values   = ["false"]
    }
  }
}

resource "aws_iam_group_policy" "require_mfa" {
  name   = "require-mfa"
  group  = aws_iam_group.developers.name
  policy = data.aws_iam_policy_document.require_mfa.json
}`,
		CloudFormation: `Developers:
  Type: AWS::IAM::Group
  Properties:
    Policies:
      - PolicyName: require-mfa
        PolicyDocument:
          Version: "2012-10-17"
          Statement:
            - Sid: DenyAllExceptMFASetupWithoutMFA
              Effect: Deny
              NotAction:
                - iam:CreateVirtualMFADevice
                - iam:EnableMFADevice
                - iam:GetUser
                - iam:ListMFADevices
                - iam:ListVirtualMFADevices
                - iam:ResyncMFADevice
                - sts:GetSessionToken
              Resource: "*"
              Condition:
                BoolIfExists:
                  aws:MultiFactorAuthPresent: "false"`,
	},
	References: []string{
		"https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_iam_mfa-selfmanage.html",
		"https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_configure-api-require.html",
		"https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-multifactorauthpresent",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkNIST, ID: "PR.AA-03"},
		{Framework: rules.FrameworkISO, ID: "A.8.5"},
	},
	Tags:      []string{"iam", "mfa", "authentication"},
	Precision: "high",
	Check: func(p *rules.Pass) {
		for _, g := range p.AWS.IAM.Groups {
			enforced := graph.False
			why := ""
			for _, pol := range g.Policies {
				if !pol.Document.Known {
					why = cmp.Or(why, "a policy of the group is not known: "+pol.Document.UnknownReason())
					continue
				}
				for _, st := range pol.Document.Statements {
					enforced = enforced.Or(graph.All(st.IsDeny(), deniesBroadly(st), requiresMFA(st)))
				}
			}
			if len(g.Unseen) > 0 {
				why = cmp.Or(why, g.Unseen[0])
			}
			why = cmp.Or(why, p.AWS.UnreadReceivingWhy(g.Resource, g.Name, "a policy attached to the group"))
			cond := enforced.Not()
			if why != "" {
				cond = cond.And(graph.Unknown)
			}
			p.ReportIf(cond, rules.Because(g.Resource, why),
				"IAM group %s has no policy that denies requests made without MFA (aws:MultiFactorAuthPresent)", g.Resource.Address)
		}
	},
}

// deniesBroadly is True for a statement on every resource whose actions
// are every action ("*") or every action but those it lists (NotAction,
// which leaves out what a user needs to set up MFA): a Deny of a few
// sensitive actions protects those, not the account.
func deniesBroadly(st *aws.Statement) graph.Tri {
	return st.CoversAllResources().And(st.CoversEveryAction().Or(graph.TriOf(st.NotAction.Set)))
}

// requiresMFA says whether a statement applies only to requests made
// without MFA: a condition that aws:MultiFactorAuthPresent is false (Bool,
// BoolIfExists) or absent (Null).
func requiresMFA(st *aws.Statement) graph.Tri {
	if st.ConditionUnknown {
		return graph.Unknown
	}
	result := graph.False
	for _, c := range st.ConditionsOn("aws:MultiFactorAuthPresent") {
		op := strings.TrimSuffix(strings.ToLower(c.Operator), "ifexists")
		switch op {
		case "bool":
			result = result.Or(c.Values.Contains("false"))
		case "null":
			result = result.Or(c.Values.Contains("true"))
		}
	}
	return result
}
