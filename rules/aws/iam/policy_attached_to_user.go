package iam

import (
	"github.com/blindspot-iac/blindspot/rules"
)

// PolicyAttachedToUser flags policies embedded in or attached directly to
// IAM users.
var PolicyAttachedToUser = &rules.Rule{
	ID:       "aws-iam-policy-attached-to-user",
	Title:    "IAM policy attached directly to a user",
	Severity: rules.Low,
	Description: "Permissions given to users one by one drift apart and are hard to review or revoke: a user who " +
		"changes team keeps what was attached to them. Granting permissions through groups (or, better, roles " +
		"assumed through IAM Identity Center or federation) keeps them tied to a job function. The rule reports " +
		"aws_iam_user_policy, aws_iam_user_policy_attachment, aws_iam_policy_attachment with users, " +
		"AWS::IAM::UserPolicy, the Policies and ManagedPolicyArns of AWS::IAM::User, and the Users of " +
		"AWS::IAM::Policy and AWS::IAM::ManagedPolicy.",
	Remediation: rules.Remediation{
		Text: "Attach the policy to a group and add the user to the group, or move the workload to a role.",
		Terraform: `resource "aws_iam_group" "developers" {
  name = "developers"
}

resource "aws_iam_group_policy_attachment" "developers" {
  group      = aws_iam_group.developers.name
  policy_arn = aws_iam_policy.developer.arn
}

resource "aws_iam_user_group_membership" "alice" {
  user   = aws_iam_user.alice.name
  groups = [aws_iam_group.developers.name]
}`,
		CloudFormation: `Developers:
  Type: AWS::IAM::Group
  Properties:
    ManagedPolicyArns:
      - !Ref DeveloperPolicy
Alice:
  Type: AWS::IAM::User
  Properties:
    Groups:
      - !Ref Developers`,
	},
	References: []string{
		"https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#use-groups-for-permissions",
		"https://docs.aws.amazon.com/IAM/latest/UserGuide/id_groups.html",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-2",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkCIS, ID: "1.15"},
		{Framework: rules.FrameworkSecurityHub, ID: "IAM.2"},
		{Framework: rules.FrameworkConfig, ID: "iam-user-no-policies-check"},
		{Framework: rules.FrameworkNIST, ID: "PR.AA-05"},
		{Framework: rules.FrameworkISO, ID: "A.5.18"},
	},
	Tags:      []string{"iam", "least-privilege"},
	Precision: "very-high",
	Check: func(p *rules.Pass) {
		for _, u := range p.AWS.IAM.UserPolicies {
			p.ReportIf(u.Attached, u, "%s %s instead of a group or role", u.Resource.Address, u.What)
		}
	},
}
