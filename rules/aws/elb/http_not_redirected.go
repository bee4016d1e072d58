package elb

import (
	"strings"

	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// HTTPNotRedirected flags: load balancer serves HTTP without redirecting to HTTPS.
var HTTPNotRedirected = &rules.Rule{
	ID:          "aws-elb-http-not-redirected",
	Title:       "Load balancer serves HTTP without redirecting to HTTPS",
	Severity:    rules.Medium,
	Description: "An HTTP listener that forwards requests serves the application unencrypted. The listener on port 80 should only redirect to HTTPS.",
	Remediation: rules.Remediation{
		Text: "Make the HTTP listener's default action a redirect to HTTPS.",
		Terraform: `resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.this.arn
  port              = 80
  protocol          = "HTTP"
  default_action {
    type = "redirect"
    redirect {
      port        = "443"
      protocol    = "HTTPS"
      status_code = "HTTP_301"
    }
  }
}`,
		CloudFormation: `HttpListener:
  Type: AWS::ElasticLoadBalancingV2::Listener
  Properties:
    LoadBalancerArn: !Ref LoadBalancer
    Port: 80
    Protocol: HTTP
    DefaultActions:
      - Type: redirect
        RedirectConfig:
          Protocol: HTTPS
          Port: "443"
          StatusCode: HTTP_301`,
	},
	References: []string{
		"https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-listeners.html",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-1",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkSecurityHub, ID: "ELB.1"},
		{Framework: rules.FrameworkConfig, ID: "alb-http-to-https-redirection-check"},
		{Framework: rules.FrameworkNIST, ID: "PR.DS-02"},
		{Framework: rules.FrameworkISO, ID: "A.8.24"},
	},
	Tags:      []string{"elb", "tls"},
	Precision: "high",
	Check: func(p *rules.Pass) {
		for _, l := range p.AWS.ELB.Listeners {
			http := l.Protocol.Test(func(s string) bool { return strings.EqualFold(s, "HTTP") })
			p.ReportIf(http.And(aws.IsTrue(l.RedirectsToHTTPS).Not()), l.Protocol, "HTTP listener %s does not redirect to HTTPS", l.Resource.Address)
		}
	},
}
