package iam

import (
	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/rules"
)

// RoleTrustPublic flags roles that any AWS principal can assume.
var RoleTrustPublic = &rules.Rule{
	ID:       "aws-iam-role-trust-public",
	Title:    "IAM role can be assumed by anyone",
	Severity: rules.Critical,
	Description: "A trust policy statement that allows Principal \"*\" (or {\"AWS\": \"*\"}, or everyone but some " +
		"through NotPrincipal) without a limiting condition lets every principal of every AWS account assume " +
		"the role and use its permissions. Conditions that limit the caller count: aws:PrincipalOrgID, " +
		"aws:PrincipalAccount, aws:PrincipalArn, aws:SourceAccount, aws:SourceArn and the like, with a positive " +
		"operator and a non-wildcard value. sts:ExternalId alone does not: it is a value shared with a third " +
		"party, not an identity, and whoever learns it can assume the role.",
	Remediation: rules.Remediation{
		Text: "Name the accounts, roles or services that may assume the role, or add a condition such as " +
			"aws:PrincipalOrgID.",
		Terraform: `data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:role/deployer"]
    }
  }
}

resource "aws_iam_role" "this" {
  name               = "app"
  assume_role_policy = data.aws_iam_policy_document.trust.json
}`,
		CloudFormation: `Role:
  Type: AWS::IAM::Role
  Properties:
    AssumeRolePolicyDocument:
      Version: "2012-10-17"
      Statement:
        - Effect: Allow
          Principal:
            AWS: arn:aws:iam::111122223333:role/deployer
          Action: sts:AssumeRole`,
	},
	References: []string{
		"https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html#iam-term-trust-policy",
		"https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html",
		"https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkNIST, ID: "PR.AA-05"},
		{Framework: rules.FrameworkISO, ID: "A.5.15"},
	},
	Tags:      []string{"iam", "public-access", "trust-policy"},
	Precision: "high",
	Check: func(p *rules.Pass) {
		for _, role := range p.AWS.IAM.Roles {
			doc := role.Trust
			if !doc.Known {
				p.ReportIf(graph.Unknown, doc, "")
				continue
			}
			for _, st := range doc.Statements {
				subject := st.PrincipalAt()
				p.ReportIf(st.GrantsPublicAccess(), subject,
					"the trust policy of %s lets any AWS principal assume it, with no condition that limits who", role.Resource.Address)
			}
		}
	},
}
