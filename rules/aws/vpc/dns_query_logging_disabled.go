package vpc

import (
	"github.com/blindspot-iac/blindspot/rules"
)

// DNSQueryLoggingDisabled flags: vPC DNS queries are not logged.
var DNSQueryLoggingDisabled = &rules.Rule{
	ID:          "aws-vpc-dns-query-logging-disabled",
	Title:       "VPC DNS queries are not logged",
	Severity:    rules.Low,
	Description: "Route 53 Resolver query logs record the DNS names resources in the VPC resolve. Without them, command-and-control and exfiltration over DNS, and which workloads reached which domains, cannot be traced.",
	Remediation: rules.Remediation{
		Text: "Associate a Route 53 Resolver query logging configuration with the VPC.",
		Terraform: `resource "aws_route53_resolver_query_log_config_association" "main" {
  resolver_query_log_config_id = aws_route53_resolver_query_log_config.this.id
  resource_id                  = aws_vpc.main.id
}`,
		CloudFormation: `QueryLogAssociation:
  Type: AWS::Route53Resolver::ResolverQueryLoggingConfigAssociation
  Properties:
    ResolverQueryLogConfigId: !Ref QueryLogConfig
    ResourceId: !Ref VPC`,
	},
	References: []string{
		"https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-query-logs.html",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkNIST, ID: "DE.CM-01"},
		{Framework: rules.FrameworkISO, ID: "A.8.15"},
	},
	Tags:      []string{"vpc", "dns", "logging"},
	Precision: "high",
	Check: func(p *rules.Pass) {
		for _, v := range p.AWS.VPC.VPCs {
			p.ReportIf(v.QueryLogged.Not(), rules.Because(v.Resource, v.QueryWhy), "DNS queries in VPC %s are not logged (no Route 53 Resolver query log association)", v.Resource.Address)
		}
	},
}
