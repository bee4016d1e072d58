package apigateway

import (
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// TLSOutdated flags custom domain names that accept TLS 1.0 or 1.1.
var TLSOutdated = &rules.Rule{
	ID:       "aws-apigateway-tls-outdated",
	Title:    "API Gateway custom domain accepts TLS 1.0",
	Severity: rules.Medium,
	Description: "A custom domain name's security policy sets the oldest TLS version clients may use. TLS_1_0 " +
		"accepts TLS 1.0 and 1.1, which are deprecated (RFC 8996) and weaker against downgrade and cipher " +
		"attacks; TLS_1_2 and the enhanced SecurityPolicy_* policies for TLS 1.2 or 1.3 do not. API Gateway uses " +
		"TLS_1_2 for a custom domain name that names no policy, so only an explicit TLS 1.0 policy is reported. " +
		"REST and HTTP API domain names (including the Domain of SAM APIs) are checked; the default " +
		"execute-api endpoints of REST APIs cannot be given a policy, which is one reason to disable them behind " +
		"a custom domain.",
	Remediation: rules.Remediation{
		Text: "Use the TLS_1_2 security policy (or an enhanced TLS 1.3 policy) once the API's clients support it.",
		Terraform: `resource "aws_api_gateway_domain_name" "api" {
  domain_name              = "api.example.com"
  regional_certificate_arn = aws_acm_certificate.api.arn
  security_policy          = "TLS_1_2"

  endpoint_configuration {
    types = ["REGIONAL"]
  }
}`,
		CloudFormation: `ApiDomain:
  Type: AWS::ApiGateway::DomainName
  Properties:
    DomainName: api.example.com
    RegionalCertificateArn: !Ref Certificate
    SecurityPolicy: TLS_1_2
    EndpointConfiguration:
      Types: [REGIONAL]`,
	},
	References: []string{
		"https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-custom-domain-tls-version.html",
		"https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-security-policies-list.html",
		"https://datatracker.ietf.org/doc/html/rfc8996",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkNIST, ID: "PR.DS-02"},
		{Framework: rules.FrameworkISO, ID: "A.8.24"},
	},
	Tags:      []string{"apigateway", "tls", "encryption"},
	Precision: "very-high",
	Check: func(p *rules.Pass) {
		for _, d := range p.AWS.APIGateway.DomainNames {
			p.ReportIf(d.SecurityPolicy.Test(aws.OutdatedAPIGatewayTLSPolicy), d.SecurityPolicy,
				"API Gateway domain name %s accepts TLS 1.0 and 1.1 (security policy %s)", d.Resource.Address, policyText(d.SecurityPolicy))
		}
	},
}

func policyText(s aws.String) string {
	if v, ok := s.Get(); ok {
		return v
	}
	return "not known"
}
