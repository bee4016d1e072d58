package vpc

import (
	"github.com/blindspot-iac/blindspot/rules"
)

// FlowLogsDisabled flags: vPC has no flow log.
var FlowLogsDisabled = &rules.Rule{
	ID:          "aws-vpc-flow-logs-disabled",
	Title:       "VPC has no flow log",
	Severity:    rules.Medium,
	Description: "Without VPC flow logs there is no record of which addresses talked to which, so network-level investigation of an incident (exfiltration, lateral movement, scanning) is impossible after the fact.",
	Remediation: rules.Remediation{
		Text: "Create a flow log for the VPC (traffic type ALL) to CloudWatch Logs or S3.",
		Terraform: `resource "aws_flow_log" "main" {
  vpc_id               = aws_vpc.main.id
  traffic_type         = "ALL"
  log_destination_type = "s3"
  log_destination      = aws_s3_bucket.flow_logs.arn
}`,
		CloudFormation: `FlowLog:
  Type: AWS::EC2::FlowLog
  Properties:
    ResourceId: !Ref VPC
    ResourceType: VPC
    TrafficType: ALL
    LogDestinationType: s3
    LogDestination: !GetAtt FlowLogBucket.Arn`,
	},
	References: []string{
		"https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs.html",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-6",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkCIS, ID: "3.7"},
		{Framework: rules.FrameworkSecurityHub, ID: "EC2.6"},
		{Framework: rules.FrameworkConfig, ID: "vpc-flow-logs-enabled"},
		{Framework: rules.FrameworkNIST, ID: "DE.CM-01"},
		{Framework: rules.FrameworkISO, ID: "A.8.15"},
	},
	Tags:      []string{"vpc", "logging"},
	Precision: "high",
	Check: func(p *rules.Pass) {
		for _, v := range p.AWS.VPC.VPCs {
			p.ReportIf(v.FlowLogged.Not(), rules.Because(v.Resource, v.FlowWhy), "VPC %s has no flow log", v.Resource.Address)
		}
	},
}
