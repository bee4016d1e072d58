package report

import (
	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/rules"
)

// Test data shared by the tests: rules and findings of every shape the
// writer handles, pointing into testdata/project.

func rng(file string, l1, c1, l2, c2 int) graph.Range {
	return graph.Range{File: file, Start: graph.Pos{Line: l1, Column: c1, Byte: -1}, End: graph.Pos{Line: l2, Column: c2, Byte: -1}}
}

func testRules() []*rules.Rule {
	return []*rules.Rule{
		{
			ID: "aws-s3-versioning-disabled", Title: "S3 bucket versioning is not enabled", Severity: rules.Medium,
			Description: "Without versioning, an overwritten or deleted object cannot be recovered.",
			Remediation: rules.Remediation{
				Text:           "Enable versioning.",
				Terraform:      "resource \"aws_s3_bucket_versioning\" \"b\" {\n  versioning_configuration {\n    status = \"Enabled\"\n  }\n}\n",
				CloudFormation: "VersioningConfiguration:\n  Status: Enabled\n",
			},
			References: []string{"https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html"},
			Compliance: []rules.Control{{Framework: rules.FrameworkSecurityHub, ID: "S3.14"}},
			Tags:       []string{"s3", "resilience"},
			Precision:  "very-high",
		},
		{
			ID: "aws-kms-rotation-disabled", Title: "KMS key rotation is not enabled", Severity: rules.High,
			Description: "A key that is never rotated exposes more data if it leaks.",
			Remediation: rules.Remediation{Text: "Enable rotation.", Terraform: "enable_key_rotation = true", CloudFormation: "EnableKeyRotation: true"},
			References:  []string{"https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html"},
			Tags:        []string{"kms", "security"},
			Precision:   "high",
		},
		{
			ID: "aws-ec2-open-ingress", Title: "Security group allows ingress from the internet", Severity: rules.Critical,
			Description: "Open ingress exposes services to the whole internet.",
			Remediation: rules.Remediation{Text: "Restrict the CIDR.", Terraform: "cidr_blocks = [\"10.0.0.0/8\"]", CloudFormation: "CidrIp: 10.0.0.0/8"},
			References:  []string{"https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html"},
			Precision:   "high",
		},
		{
			ID: "aws-iam-password-policy-weak", Title: "IAM password policy is weak", Severity: rules.Low,
			Description: "Short passwords are guessed.",
			Remediation: rules.Remediation{Text: "Require 14 characters.", Terraform: "minimum_password_length = 14", CloudFormation: "n/a"},
			References:  []string{"https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html"},
			Precision:   "medium",
		},
	}
}

// testFindings returns one finding of each shape, deliberately out of
// order.
func testFindings(dir string) []rules.Finding {
	mainTF := dir + "/main.tf"
	modTF := dir + "/modules/logs/main.tf"
	tmpl := dir + "/template.yaml"
	key := &graph.Resource{Unit: dir, Type: "aws_kms_key", Address: "aws_kms_key.k"}
	sg := &graph.Resource{Unit: dir, Type: "aws_security_group", Address: "aws_security_group.web"}
	bucket := &graph.Resource{Unit: dir, Type: "aws_s3_bucket_versioning", Address: "module.logs.aws_s3_bucket_versioning.this",
		Calls: []graph.Call{{Address: "module.logs", Range: rng(mainTF, 1, 1, 1, 15)}}}
	cfnKey := &graph.Resource{Unit: tmpl, Type: "AWS::KMS::Key", Address: "Key"}
	cfnBucket := &graph.Resource{Unit: tmpl, Type: "AWS::S3::Bucket", Address: "Bucket"}
	return []rules.Finding{
		{ // a finding with a fix, in CloudFormation
			RuleID: "aws-kms-rotation-disabled", Severity: rules.High, Status: rules.Failed,
			Message: "KMS key Key does not rotate",
			Loc:     graph.Loc{Resource: cfnKey, Path: "EnableKeyRotation", Range: rng(tmpl, 6, 26, 6, 31)},
			Fix:     &rules.Fix{Description: "Enable key rotation", Edits: []rules.Edit{{Range: rng(tmpl, 6, 26, 6, 31), Text: "true"}}},
		},
		{ // a finding with a fix and a baseline state
			RuleID: "aws-kms-rotation-disabled", Severity: rules.High, Status: rules.Failed,
			Message:       "KMS key aws_kms_key.k does not rotate.",
			Loc:           graph.Loc{Resource: key, Path: "enable_key_rotation", Range: rng(mainTF, 7, 25, 7, 30)},
			Fix:           &rules.Fix{Description: "Enable key rotation", Edits: []rules.Edit{{Range: rng(mainTF, 7, 25, 7, 30), Text: "true"}}},
			BaselineState: rules.BaselineUnchanged,
		},
		{ // inside a module: the call chain and where the value was set are related locations
			RuleID: "aws-s3-versioning-disabled", Severity: rules.Medium, Status: rules.Failed,
			Message: "versioning of module.logs.aws_s3_bucket.this is Suspended",
			Loc:     graph.Loc{Resource: bucket, Path: "versioning_configuration.status", Range: rng(modTF, 8, 14, 8, 25)},
			Related: []rules.Related{
				{Loc: graph.Loc{Range: rng(mainTF, 1, 1, 1, 15)}, Message: "via module.logs"},
			},
			BaselineState: rules.BaselineNew,
		},
		{ // suppressed inline
			RuleID: "aws-s3-versioning-disabled", Severity: rules.Medium, Status: rules.Failed,
			Message:    "versioning of Bucket is not enabled",
			Loc:        graph.Loc{Resource: cfnBucket, Range: rng(tmpl, 7, 3, 7, 9)},
			Suppressed: &rules.Suppression{Justification: "archive bucket, written once", Range: rng(tmpl, 7, 10, 7, 40)},
		},
		{ // could not be evaluated
			RuleID: "aws-ec2-open-ingress", Severity: rules.Critical, Status: rules.Undetermined,
			Message: "could not evaluate aws-ec2-open-ingress: var.ingress_cidr has no value",
			Loc:     graph.Loc{Resource: sg, Path: "ingress[0].cidr_blocks", Range: rng(mainTF, 12, 19, 12, 37)},
		},
		{ // a file-level finding with no position
			RuleID: "aws-iam-password-policy-weak", Severity: rules.Low, Status: rules.Failed,
			Message: "the account has no password policy",
			Loc:     graph.Loc{Range: graph.Range{File: tmpl}},
		},
	}
}

func testDiagnostics(dir string) []graph.Diagnostic {
	return []graph.Diagnostic{
		graph.Warningf(rng(dir+"/template.yaml", 8, 11, 8, 26), "unknown-property", "AWS::S3::Bucket has no property Foo"),
		graph.Errorf(rng(dir+"/broken.tf", 3, 1, 3, 2), "parse-error", "unclosed block"),
		graph.Notef(graph.Range{File: dir + "/main.tf"}, "remote-module-not-downloaded", "module vpc is not downloaded: run terraform init"),
		graph.Debugf(rng(dir+"/main.tf", 3, 12, 3, 24), "unsupported-function", "function foo is not supported"),
		graph.Errorf(graph.Range{}, "internal-error", "no file at all"),
	}
}

// extraFindings exercise the text report's source display: a tab-indented
// line, a range over several lines, and a file that does not exist.
func extraFindings(dir string) []rules.Finding {
	return []rules.Finding{
		{
			RuleID: "aws-s3-versioning-disabled", Severity: rules.Medium, Status: rules.Failed,
			Message: "tab-indented", Loc: graph.Loc{Range: rng(dir+"/tabs.tf", 3, 13, 3, 18)},
		},
		{
			RuleID: "aws-s3-versioning-disabled", Severity: rules.Medium, Status: rules.Failed,
			Message: "multi-line", Loc: graph.Loc{Range: rng(dir+"/tabs.tf", 2, 2, 4, 3)},
		},
		{
			RuleID: "aws-s3-versioning-disabled", Severity: rules.Medium, Status: rules.Failed,
			Message: "in a file that is gone", Loc: graph.Loc{Range: rng(dir+"/gone.tf", 3, 1, 3, 5)},
		},
	}
}
