package opensearch

import (
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// TLSOutdated flags domains whose endpoint accepts TLS 1.0 and 1.1.
var TLSOutdated = &rules.Rule{
	ID:       "aws-opensearch-tls-outdated",
	Title:    "OpenSearch domain accepts TLS 1.0 and 1.1",
	Severity: rules.Medium,
	Description: "A domain's TLS security policy sets the oldest protocol its HTTPS endpoint accepts. " +
		"Policy-Min-TLS-1-0-2019-07, which a domain gets when no policy is given, still accepts TLS 1.0 and 1.1, " +
		"deprecated protocols with known weaknesses. Policy-Min-TLS-1-2-2019-07 or, better, " +
		"Policy-Min-TLS-1-2-PFS-2023-10 (TLS 1.2 and 1.3 with forward secrecy, what Security Hub asks for) accept " +
		"only current ones. The rule reports policies that accept TLS before 1.2. It reads " + domainTypes + ".",
	Remediation: rules.Remediation{
		Text: "Use the Policy-Min-TLS-1-2-PFS-2023-10 security policy (or at least Policy-Min-TLS-1-2-2019-07).",
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
		"https://docs.aws.amazon.com/opensearch-service/latest/APIReference/API_DomainEndpointOptions.html",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/opensearch-controls.html#opensearch-8",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/es-controls.html#es-8",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkSecurityHub, ID: "Opensearch.8"},
		{Framework: rules.FrameworkSecurityHub, ID: "ES.8"},
		{Framework: rules.FrameworkNIST, ID: "PR.DS-02"},
		{Framework: rules.FrameworkISO, ID: "A.8.24"},
	},
	Tags:      []string{"opensearch", "elasticsearch", "tls"},
	Precision: "very-high",
	Check: func(p *rules.Pass) {
		for _, d := range p.AWS.OpenSearch.Domains {
			pol := d.TLSPolicy
			msg := "OpenSearch domain %s uses the default TLS security policy Policy-Min-TLS-1-0-2019-07, which accepts TLS 1.0 and 1.1"
			if name, ok := pol.Get(); ok && pol.Set {
				msg = "OpenSearch domain %s uses the TLS security policy " + name + ", which accepts TLS 1.0 and 1.1"
			}
			if f := p.ReportIf(pol.Test(aws.OutdatedSearchTLSPolicy), pol, msg, d.Resource.Address); f != nil {
				rules.FixString(f, pol.At, pol.Set, "Require TLS 1.2 or later", "Policy-Min-TLS-1-2-PFS-2023-10")
			}
		}
	},
}
