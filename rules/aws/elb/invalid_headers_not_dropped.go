package elb

import (
	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// InvalidHeadersNotDropped flags Application Load Balancers that pass
// header fields that are not valid HTTP on to their targets.
var InvalidHeadersNotDropped = &rules.Rule{
	ID:       "aws-elb-invalid-headers-not-dropped",
	Title:    "Application Load Balancer forwards invalid HTTP headers",
	Severity: rules.Medium,
	Description: "An Application Load Balancer forwards header fields whose names are not valid HTTP unless the " +
		"routing.http.drop_invalid_header_fields.enabled attribute is true; AWS leaves it off by default, so a load " +
		"balancer that does not set it forwards them. Malformed headers are a means of HTTP desync and request " +
		"smuggling against targets that parse them differently. Network, Gateway and Classic Load Balancers do not " +
		"parse HTTP headers and are not checked.",
	Remediation: rules.Remediation{
		Text: "Set the load balancer attribute routing.http.drop_invalid_header_fields.enabled to true.",
		Terraform: `resource "aws_lb" "this" {
  name                       = "app"
  load_balancer_type         = "application"
  subnets                    = var.subnet_ids
  drop_invalid_header_fields = true
}`,
		CloudFormation: `LoadBalancer:
  Type: AWS::ElasticLoadBalancingV2::LoadBalancer
  Properties:
    Type: application
    Subnets: !Ref SubnetIds
    LoadBalancerAttributes:
      - Key: routing.http.drop_invalid_header_fields.enabled
        Value: "true"`,
	},
	References: []string{
		"https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#load-balancer-attributes",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-4",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkSecurityHub, ID: "ELB.4"},
		{Framework: rules.FrameworkConfig, ID: "alb-http-drop-invalid-header-enabled"},
		{Framework: rules.FrameworkNIST, ID: "PR.PS-01"},
		{Framework: rules.FrameworkISO, ID: "A.8.9"},
	},
	Tags:      []string{"elb", "http"},
	Precision: "very-high",
	Check: func(p *rules.Pass) {
		for _, lb := range p.AWS.ELB.LoadBalancers {
			application := aws.Equals(lb.Type, "application")
			kept := aws.IsTrue(lb.DropsInvalidHeaders).Not()
			var subject rules.Subject = lb.DropsInvalidHeaders
			if application == graph.Unknown && kept != graph.False {
				subject = rules.Because(lb.DropsInvalidHeaders, "the type of "+lb.Resource.Address+" is not known")
			}
			p.ReportIf(application.And(kept), subject, "Application Load Balancer %s forwards invalid HTTP header fields", lb.Resource.Address)
		}
	},
}
