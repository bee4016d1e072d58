package kms

import (
	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// KeyPolicyPublic flags key policy statements that allow anyone to use or
// manage a KMS key.
var KeyPolicyPublic = &rules.Rule{
	ID:       "aws-kms-key-policy-public",
	Title:    "KMS key policy allows access to everyone",
	Severity: rules.Critical,
	Description: "A key policy is the primary control over a KMS key: a statement that allows Principal \"*\" " +
		"(or {\"AWS\": \"*\"}, or everyone but some through NotPrincipal) without a limiting condition lets any " +
		"AWS principal, in any account, use the key as the statement allows: decrypt data encrypted under it, " +
		"create grants, or change its policy. Conditions that limit the caller count, such as kms:CallerAccount, " +
		"aws:PrincipalOrgID, aws:PrincipalAccount, aws:PrincipalArn, aws:SourceAccount, aws:SourceArn or " +
		"aws:SourceVpce with a positive operator and a value that is not a wildcard; kms:ViaService alone does " +
		"not, since it names a service, not whose requests it makes.",
	Remediation: rules.Remediation{
		Text: "Name the principals that may use the key (the account root to delegate to IAM, specific roles), or " +
			"add a condition such as kms:CallerAccount or aws:PrincipalOrgID to the statement.",
		Terraform: `resource "aws_kms_key" "this" {
  enable_key_rotation = true
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "EnableIAMPolicies"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:root" }
      Action    = "kms:*"
      Resource  = "*"
    }]
  })
}`,
		CloudFormation: `Key:
  Type: AWS::KMS::Key
  Properties:
    EnableKeyRotation: true
    KeyPolicy:
      Version: "2012-10-17"
      Statement:
        - Sid: EnableIAMPolicies
          Effect: Allow
          Principal:
            AWS: !Sub "arn:aws:iam::${AWS::AccountId}:root"
          Action: kms:*
          Resource: "*"`,
	},
	References: []string{
		"https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html",
		"https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html",
		"https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-caller-account",
		"https://docs.aws.amazon.com/config/latest/developerguide/kms-key-policy-no-public-access.html",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkSecurityHub, ID: "KMS.5"},
		{Framework: rules.FrameworkConfig, ID: "kms-key-policy-no-public-access"},
		{Framework: rules.FrameworkNIST, ID: "PR.AA-05"},
		{Framework: rules.FrameworkISO, ID: "A.8.24"},
	},
	Tags:      []string{"kms", "public-access", "encryption"},
	Precision: "high",
	Check: func(p *rules.Pass) {
		for _, pol := range p.AWS.KMS.KeyPolicies {
			doc := pol.Document
			if !doc.Known {
				p.ReportIf(graph.Unknown, doc, "")
				continue
			}
			label := "the key policy of KMS key " + pol.Resource.Address
			if pol.Key != nil && pol.Key.Resource != pol.Resource {
				label = pol.Resource.Address + " (the key policy of " + pol.Key.Resource.Address + ")"
			} else if pol.Key == nil {
				label = "key policy " + pol.Resource.Address
			}
			for _, st := range doc.Statements {
				p.ReportIf(st.GrantsPublicAccess(), st.PrincipalAt(),
					"%s allows everyone to call %s without a condition that limits who", label, actionList(st))
			}
		}
	},
}

func actionList(st *aws.Statement) string {
	if st.Action.Set && len(st.Action.Values) > 0 {
		out := ""
		for i, a := range st.Action.Values {
			if i == 3 {
				return out + ", ..."
			}
			if i > 0 {
				out += ", "
			}
			out += a
		}
		return out
	}
	if st.NotAction.Set {
		return "every action but those in NotAction"
	}
	return "its actions"
}
