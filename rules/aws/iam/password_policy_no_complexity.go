package iam

import (
	"strconv"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// maxPasswordAge is the expiry, in days, Security Hub's IAM.7 and earlier
// CIS versions ask for.
const maxPasswordAge = 90

// PasswordPolicyNoComplexity flags account password policies without the
// character classes and expiry that Security Hub's IAM.7 (and CIS before
// v3.0.0) ask for.
var PasswordPolicyNoComplexity = &rules.Rule{
	ID:       "aws-iam-password-policy-no-complexity",
	Title:    "IAM account password policy does not require character classes or expiry",
	Severity: rules.Low,
	Description: "AWS Security Hub's control IAM.7, and CIS AWS Foundations Benchmark before v3.0.0 (controls " +
		"1.5–1.7 and 1.11 of v1.2), ask the account password policy to require an upper-case letter, a " +
		"lower-case letter, a number and a symbol, and to expire passwords after at most 90 days. CIS v3.0.0 " +
		"and NIST SP 800-63B no longer recommend composition rules or periodic expiry, which is why this rule " +
		"is low and separate from aws-iam-password-policy-weak (length and reuse): disable it when you follow " +
		"them. When the policy leaves a setting out, AWS requires no character class and never expires " +
		"passwords.\n\n" +
		"Only a policy written in the code is checked: without aws_iam_account_password_policy the policy is " +
		"managed elsewhere and nothing is reported. CloudFormation has no resource type for the password policy; " +
		"templates that manage it through a custom resource get an undetermined result.",
	Remediation: rules.Remediation{
		Text: "Require upper-case letters, lower-case letters, numbers and symbols, and a maximum password age of " +
			"90 days or less, or disable this rule where NIST SP 800-63B guidance is followed.",
		Terraform: `resource "aws_iam_account_password_policy" "this" {
  minimum_password_length        = 14
  password_reuse_prevention      = 24
  require_uppercase_characters   = true
  require_lowercase_characters   = true
  require_numbers                = true
  require_symbols                = true
  max_password_age               = 90
  allow_users_to_change_password = true
}`,
		CloudFormation: `# CloudFormation has no password policy resource type. Set it once per
# account with Terraform or the CLI:
#   aws iam update-account-password-policy --require-uppercase-characters \
#     --require-lowercase-characters --require-numbers --require-symbols \
#     --max-password-age 90`,
	},
	References: []string{
		"https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-7",
		"https://pages.nist.gov/800-63-3/sp800-63b.html",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkSecurityHub, ID: "IAM.7"},
		{Framework: rules.FrameworkConfig, ID: "iam-password-policy"},
		{Framework: rules.FrameworkNIST, ID: "PR.AA-03"},
		{Framework: rules.FrameworkISO, ID: "A.5.17"},
	},
	Tags:      []string{"iam", "passwords", "authentication"},
	Precision: "very-high",
	Check: func(p *rules.Pass) {
		for _, pp := range p.AWS.IAM.PasswordPolicies {
			if pp.Opaque {
				p.ReportIf(graph.Unknown, rules.Because(pp.Resource, pp.MinimumLength.Why), "")
				continue
			}
			for _, class := range []struct {
				setting aws.Bool
				name    string
			}{
				{pp.RequireUppercase, "an upper-case letter"},
				{pp.RequireLowercase, "a lower-case letter"},
				{pp.RequireNumbers, "a number"},
				{pp.RequireSymbols, "a symbol"},
			} {
				p.ReportIf(aws.IsTrue(class.setting).Not(), class.setting,
					"the account password policy %s does not require %s in passwords (Security Hub IAM.7)", pp.Resource.Address, class.name)
			}
			age, _ := pp.MaxAge.Get()
			p.ReportIf(pp.MaxAge.Test(func(v int) bool { return v <= 0 || v > maxPasswordAge }), pp.MaxAge,
				"the account password policy %s %s (Security Hub IAM.7: at most %d days)", pp.Resource.Address, expiry(age), maxPasswordAge)
		}
	},
}

// expiry says how long passwords last under a maximum age.
func expiry(days int) string {
	if days <= 0 {
		return "never expires passwords"
	}
	return "expires passwords only after " + strconv.Itoa(days) + " days"
}
