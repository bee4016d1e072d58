package opensearch

import (
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// Unencrypted flags domains whose data at rest is not encrypted.
var Unencrypted = &rules.Rule{
	ID:       "aws-opensearch-unencrypted",
	Title:    "OpenSearch domain is not encrypted at rest",
	Severity: rules.High,
	Description: "Encryption at rest covers a domain's indices, logs, swap files and automated snapshots. It is off " +
		"unless the domain's encryption-at-rest options enable it, and fine-grained access control requires it. " +
		"The rule reads " + domainTypes + ".",
	Remediation: rules.Remediation{
		Text: "Enable encryption at rest, with a customer managed KMS key where access to the key should be controlled.",
		Terraform: `resource "aws_opensearch_domain" "this" {
  domain_name    = "search"
  engine_version = "OpenSearch_2.13"
  encrypt_at_rest {
    enabled    = true
    kms_key_id = aws_kms_key.search.arn
  }
  node_to_node_encryption {
    enabled = true
  }
  domain_endpoint_options {
    enforce_https       = true
    tls_security_policy = "Policy-Min-TLS-1-2-PFS-2023-10"
  }
}`,
		CloudFormation: `Domain:
  Type: AWS::OpenSearchService::Domain
  Properties:
    EngineVersion: OpenSearch_2.13
    EncryptionAtRestOptions:
      Enabled: true
      KmsKeyId: !Ref SearchKey
    NodeToNodeEncryptionOptions:
      Enabled: true
    DomainEndpointOptions:
      EnforceHTTPS: true
      TLSSecurityPolicy: Policy-Min-TLS-1-2-PFS-2023-10`,
	},
	References: []string{
		"https://docs.aws.amazon.com/opensearch-service/latest/developerguide/encryption-at-rest.html",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/opensearch-controls.html#opensearch-1",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/es-controls.html#es-1",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkSecurityHub, ID: "Opensearch.1"},
		{Framework: rules.FrameworkSecurityHub, ID: "ES.1"},
		{Framework: rules.FrameworkConfig, ID: "opensearch-encrypted-at-rest"},
		{Framework: rules.FrameworkConfig, ID: "elasticsearch-encrypted-at-rest"},
		{Framework: rules.FrameworkNIST, ID: "PR.DS-01"},
		{Framework: rules.FrameworkISO, ID: "A.8.24"},
	},
	Tags:      []string{"opensearch", "elasticsearch", "encryption"},
	Precision: "very-high",
	Check: func(p *rules.Pass) {
		for _, d := range p.AWS.OpenSearch.Domains {
			if f := p.ReportIf(aws.IsTrue(d.AtRestEncryption).Not(), d.AtRestEncryption, "OpenSearch domain %s is not encrypted at rest", d.Resource.Address); f != nil {
				rules.FixLiteral(f, d.AtRestEncryption.At, d.AtRestEncryption.Set, "Encrypt data at rest", "true")
			}
		}
	},
}
