package ecr

import (
	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/rules"
)

// PolicyPublicPrincipal flags repository policy statements that allow
// anyone.
var PolicyPublicPrincipal = &rules.Rule{
	ID:       "aws-ecr-policy-public-principal",
	Title:    "ECR repository policy allows access to everyone",
	Severity: rules.High,
	Description: "A private repository is reachable only by the principals its repository policy and IAM allow. " +
		"A statement that allows Principal \"*\" (or {\"AWS\": \"*\"}, or every principal but some through " +
		"NotPrincipal) lets any AWS account use the repository with the statement's actions: pull the images, " +
		"with whatever code and configuration they hold, or push and delete images if those actions are allowed. " +
		"A condition that limits the caller (aws:PrincipalOrgID, aws:PrincipalAccount, aws:SourceVpce and the " +
		"other keys aws-s3-policy-public-principal lists) with a positive operator and a value that is not a " +
		"wildcard makes the statement not public. Images meant for everyone belong in an ECR Public repository.",
	Remediation: rules.Remediation{
		Text: "Name the accounts or roles that pull or push, or limit the statement with aws:PrincipalOrgID.",
		Terraform: `resource "aws_ecr_repository_policy" "app" {
  repository = aws_ecr_repository.app.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "PullFromOrganisation"
      Effect    = "Allow"
      Principal = "*"
      Action    = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
      Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-a1b2c3d4e5" } }
    }]
  })
}`,
		CloudFormation: `Repository:
  Type: AWS::ECR::Repository
  Properties:
    ImageTagMutability: IMMUTABLE
    RepositoryPolicyText:
      Version: "2012-10-17"
      Statement:
        - Sid: PullFromDeployAccount
          Effect: Allow
          Principal:
            AWS: arn:aws:iam::111122223333:root
          Action:
            - ecr:BatchGetImage
            - ecr:GetDownloadUrlForLayer`,
	},
	References: []string{
		"https://docs.aws.amazon.com/AmazonECR/latest/userguide/repository-policies.html",
		"https://docs.aws.amazon.com/AmazonECR/latest/userguide/repository-policy-examples.html",
		"https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkNIST, ID: "PR.AA-05"},
		{Framework: rules.FrameworkISO, ID: "A.8.3"},
	},
	Tags:      []string{"ecr", "containers", "public-access", "iam"},
	Precision: "high",
	Check: func(p *rules.Pass) {
		for _, pol := range p.AWS.ECR.Policies {
			doc := pol.Document
			if !doc.Known {
				p.ReportIf(graph.Unknown, doc, "")
				continue
			}
			for _, st := range doc.Statements {
				p.ReportIf(st.GrantsPublicAccess(), st.PrincipalAt(),
					"repository policy of %s allows everyone without a condition that limits who", pol.Resource.Address)
			}
		}
	},
}
