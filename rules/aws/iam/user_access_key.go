package iam

import (
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// UserAccessKey flags long-lived IAM user access keys created by the code.
var UserAccessKey = &rules.Rule{
	ID:       "aws-iam-user-access-key",
	Title:    "Long-lived IAM user access key created in code",
	Severity: rules.Medium,
	Description: "An IAM user access key is a permanent credential: it works from anywhere until someone " +
		"deactivates it, and keys created by code end up in Terraform state, stack outputs, CI variables or " +
		"configuration files, where they leak. AWS recommends temporary credentials instead: roles for " +
		"workloads (instance profiles, task and execution roles, IAM Roles Anywhere outside AWS), OIDC " +
		"federation for CI systems, and IAM Identity Center for people. Keys created with status Inactive are " +
		"not reported.",
	Remediation: rules.Remediation{
		Text: "Remove the access key and give the workload a role to assume: an IAM role with an OIDC trust for CI, " +
			"an instance profile or task role for compute, or IAM Roles Anywhere for on-premises servers.",
		Terraform: `resource "aws_iam_openid_connect_provider" "github" {
  url            = "https://token.actions.githubusercontent.com"
  client_id_list = ["sts.amazonaws.com"]
}

resource "aws_iam_role" "ci" {
  name               = "ci-deploy"
  assume_role_policy = data.aws_iam_policy_document.github_oidc.json
}`,
		CloudFormation: `CiRole:
  Type: AWS::IAM::Role
  Properties:
    AssumeRolePolicyDocument:
      Version: "2012-10-17"
      Statement:
        - Effect: Allow
          Principal:
            Federated: !Ref GitHubOidcProvider
          Action: sts:AssumeRoleWithWebIdentity
          Condition:
            StringEquals:
              token.actions.githubusercontent.com:aud: sts.amazonaws.com`,
	},
	References: []string{
		"https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#bp-workloads-use-roles",
		"https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-3",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkCIS, ID: "1.14"},
		{Framework: rules.FrameworkSecurityHub, ID: "IAM.3"},
		{Framework: rules.FrameworkConfig, ID: "access-keys-rotated"},
		{Framework: rules.FrameworkNIST, ID: "PR.AA-01"},
		{Framework: rules.FrameworkISO, ID: "A.5.17"},
	},
	Tags:      []string{"iam", "credentials"},
	Precision: "very-high",
	Check: func(p *rules.Pass) {
		for _, k := range p.AWS.IAM.AccessKeys {
			user := "an IAM user"
			if u, ok := k.User.Get(); ok {
				user = "IAM user " + u
			}
			subject := aws.Attr[string]{Values: k.Status.Values, Set: k.Status.Set, At: k.Resource.Loc(), Why: k.Status.Why}
			p.ReportIf(aws.Equals(k.Status, "Inactive").Not(), subject,
				"%s creates a long-lived access key for %s", k.Resource.Address, user)
		}
	},
}
