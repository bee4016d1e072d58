package opensearch

import (
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// HTTPSNotEnforced flags domains that accept plain HTTP requests.
var HTTPSNotEnforced = &rules.Rule{
	ID:       "aws-opensearch-https-not-enforced",
	Title:    "OpenSearch domain accepts plain HTTP",
	Severity: rules.High,
	Description: "A domain that does not enforce HTTPS answers requests over plain HTTP, so queries, documents and " +
		"the credentials or signatures that authorise them cross the network unencrypted. The API and " +
		"CloudFormation leave EnforceHTTPS off unless it is set; the AWS provider for Terraform turns it on when " +
		"domain_endpoint_options is written and leaves the API default when the block is absent, which is how " +
		"the rule reads each. The rule reads " + domainTypes + ".",
	Remediation: rules.Remediation{
		Text: "Require HTTPS on the domain endpoint, with a TLS 1.2 security policy.",
		Terraform: `resource "aws_opensearch_domain" "this" {
  domain_name    = "search"
  engine_version = "OpenSearch_2.13"
  domain_endpoint_options {
    enforce_https       = true
    tls_security_policy = "Policy-Min-TLS-1-2-PFS-2023-10"
  }
}`,
		CloudFormation: `Domain:
  Type: AWS::OpenSearchService::Domain
  Properties:
    EngineVersion: OpenSearch_2.13
    DomainEndpointOptions:
      EnforceHTTPS: true
      TLSSecurityPolicy: Policy-Min-TLS-1-2-PFS-2023-10`,
	},
	References: []string{
		"https://docs.aws.amazon.com/opensearch-service/latest/developerguide/infrastructure-security.html",
		"https://docs.aws.amazon.com/config/latest/developerguide/opensearch-https-required.html",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkConfig, ID: "opensearch-https-required"},
		{Framework: rules.FrameworkNIST, ID: "PR.DS-02"},
		{Framework: rules.FrameworkISO, ID: "A.8.24"},
	},
	Tags:      []string{"opensearch", "elasticsearch", "encryption-in-transit", "tls"},
	Precision: "very-high",
	Check: func(p *rules.Pass) {
		for _, d := range p.AWS.OpenSearch.Domains {
			if f := p.ReportIf(aws.IsTrue(d.EnforceHTTPS).Not(), d.EnforceHTTPS, "OpenSearch domain %s accepts requests over plain HTTP", d.Resource.Address); f != nil {
				rules.FixLiteral(f, d.EnforceHTTPS.At, d.EnforceHTTPS.Set, "Require HTTPS", "true")
			}
		}
	},
}
