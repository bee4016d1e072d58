package elb

import (
	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// InternetFacing flags load balancers whose scheme is internet-facing.
var InternetFacing = &rules.Rule{
	ID:       "aws-elb-internet-facing",
	Title:    "Load balancer is reachable from the internet",
	Severity: rules.Low,
	Description: "An internet-facing load balancer has public IP addresses and accepts connections from anywhere its " +
		"security groups allow. That is the default scheme of Application, Network and Classic Load Balancers " +
		"(internal = false in Terraform, Scheme internet-facing in CloudFormation), so a load balancer that does " +
		"not ask to be internal is public. Many are public on purpose (the front door of a web application); " +
		"the finding is low and asks to confirm it, and to make load balancers that serve only other services " +
		"internal. Gateway Load Balancers have no scheme and are not checked.",
	Remediation: rules.Remediation{
		Text: "Make load balancers that only serve traffic from inside the VPC internal; suppress the finding for the ones meant to face the internet.",
		Terraform: `resource "aws_lb" "this" {
  name               = "internal-api"
  load_balancer_type = "application"
  internal           = true
  subnets            = var.private_subnet_ids
}`,
		CloudFormation: `LoadBalancer:
  Type: AWS::ElasticLoadBalancingV2::LoadBalancer
  Properties:
    Scheme: internal
    Subnets: !Ref PrivateSubnetIds`,
	},
	References: []string{
		"https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#load-balancer-scheme",
		"https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/elb-internet-facing-load-balancers.html",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkNIST, ID: "PR.IR-01"},
		{Framework: rules.FrameworkISO, ID: "A.8.20"},
	},
	Tags:      []string{"elb", "network"},
	Precision: "medium",
	Check: func(p *rules.Pass) {
		for _, lb := range p.AWS.ELB.LoadBalancers {
			gateway := aws.Equals(lb.Type, "gateway")
			public := aws.IsTrue(lb.InternetFacing)
			var subject rules.Subject = lb.InternetFacing
			if gateway == graph.Unknown && public != graph.False {
				subject = rules.Because(lb.InternetFacing, "the type of "+lb.Resource.Address+" is not known")
			}
			p.ReportIf(gateway.Not().And(public), subject, "load balancer %s is internet-facing", lb.Resource.Address)
		}
	},
}
