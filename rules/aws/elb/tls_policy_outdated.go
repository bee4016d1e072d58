package elb

import (
	"strings"

	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// TLSPolicyOutdated flags load balancer listeners and Classic Load Balancer
// negotiation policies that accept TLS 1.0 or 1.1.
var TLSPolicyOutdated = &rules.Rule{
	ID:          "aws-elb-tls-policy-outdated",
	Title:       "Load balancer listener accepts TLS 1.0 or 1.1",
	Severity:    rules.Medium,
	Description: "An HTTPS or TLS listener whose security policy still accepts TLS 1.0 or 1.1 lets clients negotiate protocol versions with known weaknesses. The default policy, ELBSecurityPolicy-2016-08, is one of them: it applies to Application and Network Load Balancer listeners that name no policy and to Classic Load Balancer HTTPS/SSL listeners with no negotiation policy attached.",
	Remediation: rules.Remediation{
		Text: "Use a TLS 1.2+ policy such as ELBSecurityPolicy-TLS13-1-2-2021-06.",
		Terraform: `resource "aws_lb_listener" "https" {
  load_balancer_arn = aws_lb.this.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  certificate_arn   = aws_acm_certificate.this.arn
  # ...
}`,
		CloudFormation: `Listener:
  Type: AWS::ElasticLoadBalancingV2::Listener
  Properties:
    LoadBalancerArn: !Ref LoadBalancer
    Port: 443
    Protocol: HTTPS
    SslPolicy: ELBSecurityPolicy-TLS13-1-2-2021-06`,
	},
	References: []string{
		"https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkConfig, ID: "elbv2-predefined-security-policy-ssl-check"},
		{Framework: rules.FrameworkNIST, ID: "PR.DS-02"},
		{Framework: rules.FrameworkISO, ID: "A.8.24"},
	},
	Tags:      []string{"elb", "tls"},
	Precision: "high",
	Check: func(p *rules.Pass) {
		for _, l := range p.AWS.ELB.Listeners {
			tls := l.Protocol.Test(func(s string) bool { return strings.EqualFold(s, "HTTPS") || strings.EqualFold(s, "TLS") })
			old := l.SSLPolicy.Test(aws.OutdatedTLSPolicy)
			if l.Classic {
				continue // Classic Load Balancer policies are checked below.
			}
			p.ReportIf(tls.And(old), l.SSLPolicy, "listener %s uses a security policy that accepts TLS 1.0 or 1.1", l.Resource.Address)
		}
		for _, c := range p.AWS.ELB.ClassicTLSPolicies {
			p.ReportIf(aws.IsTrue(c.Outdated), c, "TLS negotiation policy of %s enables an outdated protocol (%s)", c.Resource.Address, c.What)
		}
	},
}
