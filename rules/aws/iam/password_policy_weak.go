package iam

import (
	"strconv"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// CIS AWS Foundations Benchmark v3.0.0 thresholds.
const (
	// minPasswordLength is control 1.8's minimum length.
	minPasswordLength = 14
	// passwordReuse is control 1.9's number of remembered passwords (the
	// most IAM allows).
	passwordReuse = 24
)

// PasswordPolicyWeak flags account password policies below the CIS
// thresholds.
var PasswordPolicyWeak = &rules.Rule{
	ID:       "aws-iam-password-policy-weak",
	Title:    "IAM account password policy is weaker than CIS recommends",
	Severity: rules.Medium,
	Description: "The account password policy governs the console passwords of IAM users. CIS AWS Foundations " +
		"Benchmark v3.0.0 asks for a minimum length of 14 characters or more (control 1.8) and for the last 24 " +
		"passwords to be remembered so they cannot be reused (control 1.9). Like NIST SP 800-63B, v3.0.0 no " +
		"longer asks for character classes (upper case, lower case, numbers, symbols) or periodic expiry, which " +
		"earlier versions did; the rule does not report them. When the policy leaves a setting out, AWS applies " +
		"a minimum length of 6 and no reuse prevention.\n\n" +
		"Only a policy written in the code is checked: without aws_iam_account_password_policy the policy is " +
		"managed elsewhere and nothing is reported. CloudFormation has no resource type for the password policy; " +
		"templates that manage it through a custom resource (a Custom:: type, or an extension type, whose name " +
		"says PasswordPolicy or which is given MinimumPasswordLength or PasswordReusePrevention) get an " +
		"undetermined result, since what the custom resource's function does cannot be read from the template.",
	Remediation: rules.Remediation{
		Text: "Require at least 14 characters and prevent the reuse of the last 24 passwords. Prefer federation " +
			"or IAM Identity Center over IAM user passwords altogether.",
		Terraform: `resource "aws_iam_account_password_policy" "this" {
  minimum_password_length        = 14
  password_reuse_prevention      = 24
  allow_users_to_change_password = true
}`,
		CloudFormation: `# CloudFormation has no password policy resource type. Set it once per
# account with Terraform or the CLI:
#   aws iam update-account-password-policy --minimum-password-length 14 \
#     --password-reuse-prevention 24 --allow-users-to-change-password`,
	},
	References: []string{
		"https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html",
		"https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateAccountPasswordPolicy.html",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-15",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-16",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkCIS, ID: "1.8"},
		{Framework: rules.FrameworkCIS, ID: "1.9"},
		{Framework: rules.FrameworkSecurityHub, ID: "IAM.15"},
		{Framework: rules.FrameworkSecurityHub, ID: "IAM.16"},
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
			checkAtLeast(p, pp, pp.MinimumLength, minPasswordLength, func(n int, set bool) string {
				if !set {
					return "does not set a minimum password length, so AWS requires only 6 characters (CIS: at least 14)"
				}
				return "requires passwords of only " + strconv.Itoa(n) + " characters (CIS: at least 14)"
			})
			checkAtLeast(p, pp, pp.ReusePrevention, passwordReuse, func(n int, set bool) string {
				if !set || n == 0 {
					return "does not prevent password reuse (CIS: remember the last 24 passwords)"
				}
				return "remembers only the last " + strconv.Itoa(n) + " passwords (CIS: 24)"
			})
		}
	},
}

func checkAtLeast(p *rules.Pass, pp *aws.IAMPasswordPolicy, setting aws.Int, least int, what func(n int, set bool) string) {
	n, _ := setting.Get()
	f := p.ReportIf(setting.Test(func(v int) bool { return v < least }), setting,
		"the account password policy %s %s", pp.Resource.Address, what(n, setting.Set))
	if f != nil && setting.Set && setting.At.Source.IsZero() && !setting.At.Range.IsZero() {
		f.Fix = &rules.Fix{Description: "Raise to " + strconv.Itoa(least),
			Edits: []rules.Edit{{Range: setting.At.Range, Text: strconv.Itoa(least)}}}
	}
}
