// Package findingtest holds the rules, findings and diagnostics of every
// shape the report writers (sarif, internal/report) must handle, shared by
// their tests. Findings point into a project directory the caller gives.
package findingtest

import (
	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/rules"
)

// Range is the range from line l1, column c1 to line l2, column c2 of file.
func Range(file string, l1, c1, l2, c2 int) graph.Range {
	return graph.Range{File: file, Start: graph.Pos{Line: l1, Column: c1, Byte: -1}, End: graph.Pos{Line: l2, Column: c2, Byte: -1}}
}

// Rules are four rules, one of each severity, with full metadata.
func Rules() []*rules.Rule {
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

// Findings returns one finding of each shape a writer handles, in a
// project at dir, deliberately out of order.
func Findings(dir string) []rules.Finding {
	mainTF := dir + "/main.tf"
	modTF := dir + "/modules/logs/main.tf"
	tmpl := dir + "/template.yaml"
	key := &graph.Resource{Unit: dir, Type: "aws_kms_key", Address: "aws_kms_key.k"}
	sg := &graph.Resource{Unit: dir, Type: "aws_security_group", Address: "aws_security_group.web"}
	bucket := &graph.Resource{Unit: dir, Type: "aws_s3_bucket_versioning", Address: "module.logs.aws_s3_bucket_versioning.this",
		Calls: []graph.Call{{Address: "module.logs", Range: Range(mainTF, 1, 1, 1, 15)}}}
	cfnKey := &graph.Resource{Unit: tmpl, Type: "AWS::KMS::Key", Address: "Key"}
	cfnBucket := &graph.Resource{Unit: tmpl, Type: "AWS::S3::Bucket", Address: "Bucket"}
	return []rules.Finding{
		{ // a finding with a fix, in CloudFormation
			RuleID: "aws-kms-rotation-disabled", Severity: rules.High, Status: rules.Failed,
			Message: "KMS key Key does not rotate",
			Loc:     graph.Loc{Resource: cfnKey, Path: "EnableKeyRotation", Range: Range(tmpl, 6, 26, 6, 31)},
			Fix:     &rules.Fix{Description: "Enable key rotation", Edits: []rules.Edit{{Range: Range(tmpl, 6, 26, 6, 31), Text: "true"}}},
		},
		{ // a finding with a fix and a baseline state
			RuleID: "aws-kms-rotation-disabled", Severity: rules.High, Status: rules.Failed,
			Message:       "KMS key aws_kms_key.k does not rotate.",
			Loc:           graph.Loc{Resource: key, Path: "enable_key_rotation", Range: Range(mainTF, 7, 25, 7, 30)},
			Fix:           &rules.Fix{Description: "Enable key rotation", Edits: []rules.Edit{{Range: Range(mainTF, 7, 25, 7, 30), Text: "true"}}},
			BaselineState: rules.BaselineUnchanged,
		},
		{ // inside a module: the call chain and where the value was set are related locations
			RuleID: "aws-s3-versioning-disabled", Severity: rules.Medium, Status: rules.Failed,
			Message: "versioning of module.logs.aws_s3_bucket.this is Suspended",
			Loc:     graph.Loc{Resource: bucket, Path: "versioning_configuration.status", Range: Range(modTF, 8, 14, 8, 25)},
			Related: []rules.Related{
				{Loc: graph.Loc{Range: Range(mainTF, 1, 1, 1, 15)}, Message: "via module.logs"},
			},
			BaselineState: rules.BaselineNew,
		},
		{ // suppressed inline
			RuleID: "aws-s3-versioning-disabled", Severity: rules.Medium, Status: rules.Failed,
			Message:    "versioning of Bucket is not enabled",
			Loc:        graph.Loc{Resource: cfnBucket, Range: Range(tmpl, 7, 3, 7, 9)},
			Suppressed: &rules.Suppression{Justification: "archive bucket, written once", Range: Range(tmpl, 7, 10, 7, 40)},
		},
		{ // could not be evaluated
			RuleID: "aws-ec2-open-ingress", Severity: rules.Critical, Status: rules.Undetermined,
			Message: "could not evaluate aws-ec2-open-ingress: var.ingress_cidr has no value",
			Loc:     graph.Loc{Resource: sg, Path: "ingress[0].cidr_blocks", Range: Range(mainTF, 12, 19, 12, 37)},
		},
		{ // a file-level finding with no position
			RuleID: "aws-iam-password-policy-weak", Severity: rules.Low, Status: rules.Failed,
			Message: "the account has no password policy",
			Loc:     graph.Loc{Range: graph.Range{File: tmpl}},
		},
	}
}

// Diagnostics returns one diagnostic of each severity, with and without
// positions, in a project at dir.
func Diagnostics(dir string) []graph.Diagnostic {
	return []graph.Diagnostic{
		graph.Warningf(Range(dir+"/template.yaml", 8, 11, 8, 26), "unknown-property", "AWS::S3::Bucket has no property Foo"),
		graph.Errorf(Range(dir+"/broken.tf", 3, 1, 3, 2), "parse-error", "unclosed block"),
		{Severity: graph.Note, Code: graph.CodeModuleNotDownloaded, Message: "module vpc is not downloaded: run terraform init",
			Range: graph.Range{File: dir + "/main.tf"}, Incomplete: true, Count: 3},
		graph.Debugf(Range(dir+"/main.tf", 3, 12, 3, 24), "unsupported-function", "function foo is not supported"),
		graph.Errorf(graph.Range{}, "internal-error", "no file at all"),
	}
}
