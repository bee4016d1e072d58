package cloudwatch

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// The monitoring section of the CIS AWS Foundations Benchmark (4.1 to
// 4.15) asks for a metric filter on the log group a CloudTrail trail
// delivers to, for each kind of sensitive event, with an alarm on the
// filter's metric that notifies someone. Each kind is a rule, so that
// each can be suppressed or selected alone; they share one check.
//
// The check is judged per trail that delivers to CloudWatch Logs (a trail
// that delivers nowhere has nothing to filter; whether it should deliver
// is CloudTrail's rules' question): a filter on the trail's log group whose pattern
// names every event of the kind (or the event source as a whole), with a
// metric that an alarm with enabled actions watches. Patterns are compared
// by their terms, not their text: spacing, quoting, order and extra
// conditions do not matter.

// monitor is one kind of event the benchmark asks to be alarmed on.
type monitor struct {
	// ID is the rule's ID, written out so that searching for it finds it.
	ID, title string
	// cis and hub are the CIS section and Security Hub control.
	cis, hub string
	nist     string
	// what names the events in messages ("changes to CloudTrail trails").
	what string
	// why says why they matter, for the description.
	why string
	// terms are what a pattern must test, normalised (see normalise);
	// events are event names, each a term "$.eventName=NAME".
	terms, events []string
	// source is the event source whose filter, without event names,
	// matches every event of the kind ("" when there is none).
	source string
	// pattern and metric are the remediation's filter pattern and metric.
	pattern, metric string
}

// kind is the kind of event the rule is about, from its ID
// ("unauthorized-calls").
func (m monitor) kind() string {
	return strings.TrimSuffix(strings.TrimPrefix(m.ID, "aws-cloudwatch-"), "-unmonitored")
}

var monitors = []monitor{
	{ID: "aws-cloudwatch-unauthorized-calls-unmonitored", title: "unauthorized API calls", cis: "4.1", hub: "CloudWatch.2", nist: "DE.CM-03",
		what: "unauthorized API calls",
		why: "Calls refused for lack of permission are how an intruder probing stolen credentials, or a misconfigured " +
			"application, first shows up.",
		terms:   []string{"$.errorCode=*UnauthorizedOperation", "$.errorCode=AccessDenied*"},
		pattern: `{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }`,
		metric:  "UnauthorizedAPICalls"},
	{ID: "aws-cloudwatch-console-no-mfa-unmonitored", title: "console sign-in without MFA", cis: "4.2", hub: "CloudWatch.3", nist: "DE.CM-03",
		what: "console sign-ins without MFA",
		why: "A console sign-in without multi-factor authentication is a password alone: a phished or reused " +
			"password is enough for it.",
		terms:   []string{"$.eventName=ConsoleLogin", "$.additionalEventData.MFAUsed!=Yes"},
		pattern: `{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") }`,
		metric:  "ConsoleSignInWithoutMFA"},
	{ID: "aws-cloudwatch-root-usage-unmonitored", title: "root user activity", cis: "4.3", hub: "CloudWatch.1", nist: "DE.CM-03",
		what: "use of the root user",
		why: "The root user bypasses every IAM policy and cannot be limited inside its account; it should almost " +
			"never be used, so any use deserves a look.",
		terms:   []string{"$.userIdentity.type=Root"},
		pattern: `{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }`,
		metric:  "RootUserUsage"},
	{ID: "aws-cloudwatch-iam-policy-changes-unmonitored", title: "IAM policy changes", cis: "4.4", hub: "CloudWatch.4", nist: "DE.CM-09",
		what: "changes to IAM policies",
		why:  "A policy created, changed or attached is how permissions grow, including an intruder's own.",
		events: []string{"DeleteGroupPolicy", "DeleteRolePolicy", "DeleteUserPolicy", "PutGroupPolicy", "PutRolePolicy",
			"PutUserPolicy", "CreatePolicy", "DeletePolicy", "CreatePolicyVersion", "DeletePolicyVersion",
			"AttachRolePolicy", "DetachRolePolicy", "AttachUserPolicy", "DetachUserPolicy", "AttachGroupPolicy",
			"DetachGroupPolicy"},
		source: "iam.amazonaws.com", metric: "IAMPolicyChanges"},
	{ID: "aws-cloudwatch-cloudtrail-changes-unmonitored", title: "CloudTrail changes", cis: "4.5", hub: "CloudWatch.5", nist: "DE.CM-09",
		what:   "changes to CloudTrail trails",
		why:    "Stopping or changing a trail is how an intruder stops being recorded.",
		events: []string{"CreateTrail", "UpdateTrail", "DeleteTrail", "StartLogging", "StopLogging"},
		source: "cloudtrail.amazonaws.com", metric: "CloudTrailChanges"},
	{ID: "aws-cloudwatch-console-failures-unmonitored", title: "console sign-in failures", cis: "4.6", hub: "CloudWatch.6", nist: "DE.CM-03",
		what:    "failed console sign-ins",
		why:     "Repeated failed sign-ins are password guessing, or a user locked out.",
		terms:   []string{"$.eventName=ConsoleLogin", "$.errorMessage=Failedauthentication"},
		pattern: `{ ($.eventName = "ConsoleLogin") && ($.errorMessage = "Failed authentication") }`,
		metric:  "ConsoleSignInFailures"},
	{ID: "aws-cloudwatch-kms-key-deletion-unmonitored", title: "KMS key disabling or deletion", cis: "4.7", hub: "CloudWatch.7", nist: "DE.CM-09",
		what:   "disabling or scheduled deletion of KMS keys",
		why:    "Data encrypted under a deleted key is lost for good; disabling a key is a way to deny service.",
		events: []string{"DisableKey", "ScheduleKeyDeletion"},
		source: "kms.amazonaws.com", metric: "KMSKeyDisabledOrDeleted"},
	{ID: "aws-cloudwatch-bucket-policy-changes-unmonitored", title: "S3 bucket policy changes", cis: "4.8", hub: "CloudWatch.8", nist: "DE.CM-09",
		what: "changes to S3 bucket policies, ACLs and replication",
		why:  "A bucket's policy, ACL or replication decides who can read its data, and where copies go.",
		events: []string{"PutBucketAcl", "PutBucketPolicy", "PutBucketCors", "PutBucketLifecycle", "PutBucketReplication",
			"DeleteBucketPolicy", "DeleteBucketCors", "DeleteBucketLifecycle", "DeleteBucketReplication"},
		source: "s3.amazonaws.com", metric: "S3BucketPolicyChanges"},
	{ID: "aws-cloudwatch-config-changes-unmonitored", title: "AWS Config changes", cis: "4.9", hub: "CloudWatch.9", nist: "DE.CM-09",
		what:   "changes to AWS Config recording",
		why:    "Stopping the configuration recorder or its delivery channel blinds configuration history and compliance checks.",
		events: []string{"StopConfigurationRecorder", "DeleteDeliveryChannel", "PutDeliveryChannel", "PutConfigurationRecorder"},
		source: "config.amazonaws.com", metric: "ConfigChanges"},
	{ID: "aws-cloudwatch-security-group-changes-unmonitored", title: "security group changes", cis: "4.10", hub: "CloudWatch.10", nist: "DE.CM-01",
		what: "changes to security groups",
		why:  "A rule added to a security group can open a port to the internet.",
		events: []string{"AuthorizeSecurityGroupIngress", "AuthorizeSecurityGroupEgress", "RevokeSecurityGroupIngress",
			"RevokeSecurityGroupEgress", "CreateSecurityGroup", "DeleteSecurityGroup"},
		source: "ec2.amazonaws.com", metric: "SecurityGroupChanges"},
	{ID: "aws-cloudwatch-nacl-changes-unmonitored", title: "network ACL changes", cis: "4.11", hub: "CloudWatch.11", nist: "DE.CM-01",
		what: "changes to network ACLs",
		why:  "A network ACL entry can open or close a subnet to the internet.",
		events: []string{"CreateNetworkAcl", "CreateNetworkAclEntry", "DeleteNetworkAcl", "DeleteNetworkAclEntry",
			"ReplaceNetworkAclEntry", "ReplaceNetworkAclAssociation"},
		source: "ec2.amazonaws.com", metric: "NetworkACLChanges"},
	{ID: "aws-cloudwatch-gateway-changes-unmonitored", title: "network gateway changes", cis: "4.12", hub: "CloudWatch.12", nist: "DE.CM-01",
		what: "changes to internet and customer gateways",
		why:  "A gateway attached or created is a new path into or out of a VPC.",
		events: []string{"CreateCustomerGateway", "DeleteCustomerGateway", "AttachInternetGateway", "CreateInternetGateway",
			"DeleteInternetGateway", "DetachInternetGateway"},
		source: "ec2.amazonaws.com", metric: "NetworkGatewayChanges"},
	{ID: "aws-cloudwatch-route-table-changes-unmonitored", title: "route table changes", cis: "4.13", hub: "CloudWatch.13", nist: "DE.CM-01",
		what: "changes to route tables",
		why:  "A route changed can send a subnet's traffic through another path, or expose it.",
		events: []string{"CreateRoute", "CreateRouteTable", "ReplaceRoute", "ReplaceRouteTableAssociation",
			"DeleteRouteTable", "DeleteRoute", "DisassociateRouteTable"},
		source: "ec2.amazonaws.com", metric: "RouteTableChanges"},
	{ID: "aws-cloudwatch-vpc-changes-unmonitored", title: "VPC changes", cis: "4.14", hub: "CloudWatch.14", nist: "DE.CM-01",
		what: "changes to VPCs and their peering",
		why:  "A VPC created, deleted or peered changes which networks can reach each other.",
		events: []string{"CreateVpc", "DeleteVpc", "ModifyVpcAttribute", "AcceptVpcPeeringConnection",
			"CreateVpcPeeringConnection", "DeleteVpcPeeringConnection", "RejectVpcPeeringConnection"},
		source: "ec2.amazonaws.com", metric: "VPCChanges"},
	{ID: "aws-cloudwatch-organization-changes-unmonitored", title: "AWS Organizations changes", cis: "4.15", nist: "DE.CM-09",
		what: "changes to the AWS organisation",
		why: "Accounts, organisational units and policies moved or changed alter the guardrails (service control " +
			"policies) every account relies on.",
		events: []string{"AcceptHandshake", "AttachPolicy", "CreateAccount", "CreateOrganizationalUnit", "CreatePolicy",
			"DeclineHandshake", "DeleteOrganization", "DeleteOrganizationalUnit", "DeletePolicy", "DetachPolicy",
			"DisablePolicyType", "EnablePolicyType", "InviteAccountToOrganization", "LeaveOrganization", "MoveAccount",
			"RemoveAccountFromOrganization", "UpdatePolicy", "UpdateOrganizationalUnit"},
		source: "organizations.amazonaws.com", metric: "OrganizationsChanges"},
}

var monitoringRules = func() []*rules.Rule {
	out := make([]*rules.Rule, 0, len(monitors))
	for _, m := range monitors {
		out = append(out, m.rule())
	}
	return out
}()

// rule builds the rule of m.
func (m monitor) rule() *rules.Rule {
	pattern := m.pattern
	if pattern == "" {
		alts := make([]string, len(m.events))
		for i, e := range m.events {
			alts[i] = "($.eventName = " + e + ")"
		}
		pattern = "{ ($.eventSource = " + m.source + ") && (" + strings.Join(alts, " || ") + ") }"
	}
	compliance := []rules.Control{{Framework: rules.FrameworkCIS, ID: m.cis}}
	if m.hub != "" {
		compliance = append(compliance, rules.Control{Framework: rules.FrameworkSecurityHub, ID: m.hub})
	}
	compliance = append(compliance,
		rules.Control{Framework: rules.FrameworkNIST, ID: m.nist},
		rules.Control{Framework: rules.FrameworkISO, ID: "A.8.16"})
	refs := []string{
		"https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudwatch-alarms-for-cloudtrail.html",
		"https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html",
	}
	if m.hub != "" {
		refs = append(refs, "https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html#"+
			strings.ToLower(strings.ReplaceAll(m.hub, ".", "-")))
	}
	return &rules.Rule{
		ID:       m.ID,
		Title:    "No CloudWatch alarm on " + m.title,
		Severity: rules.Low,
		Description: m.why + " CIS AWS Foundations " + m.cis + " asks for a metric filter on the CloudWatch Logs log " +
			"group a CloudTrail trail delivers to, matching " + m.what + ", and an alarm on its metric that notifies " +
			"someone (an SNS topic). The rule checks each trail that delivers to CloudWatch Logs: a filter on its log " +
			"group must test every event the benchmark names (or the whole event source) and publish a metric that an " +
			"alarm with enabled actions watches. Patterns are compared by their terms, not their text. It is judged " +
			"over what the scan holds: filters and alarms of the same deployment unit, or of another one naming the " +
			"log group; a module whose code was not read and that may deploy into the trail's account makes it " +
			"undetermined. Low: it is a detective control, and other tools (EventBridge rules, Security Hub, a SIEM) " +
			"may watch the same events.",
		Remediation: rules.Remediation{
			Text: "Add a metric filter with this pattern to the trail's log group, and an alarm on its metric " +
				"(threshold 1, sum over 5 minutes) whose action is an SNS topic someone is subscribed to.",
			Terraform:      m.terraform(pattern),
			CloudFormation: m.cloudFormation(pattern),
		},
		References: refs,
		Compliance: compliance,
		Tags:       []string{"cloudwatch", "cloudtrail", "monitoring"},
		Precision:  "high",
		Check:      m.check,
	}
}

func (m monitor) terraform(pattern string) string {
	name := strings.ReplaceAll(m.kind(), "-", "_")
	return fmt.Sprintf(`resource "aws_cloudwatch_log_metric_filter" "%[1]s" {
  name           = "%[2]s"
  log_group_name = aws_cloudwatch_log_group.cloudtrail.name
  pattern        = %[3]s

  metric_transformation {
    name      = "%[2]s"
    namespace = "CISBenchmark"
    value     = "1"
  }
}

resource "aws_cloudwatch_metric_alarm" "%[1]s" {
  alarm_name          = "%[2]s"
  metric_name         = aws_cloudwatch_log_metric_filter.%[1]s.metric_transformation[0].name
  namespace           = "CISBenchmark"
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  alarm_actions       = [aws_sns_topic.security_alerts.arn]
}`, name, m.metric, hclString(pattern))
}

func (m monitor) cloudFormation(pattern string) string {
	return fmt.Sprintf(`%[1]sFilter:
  Type: AWS::Logs::MetricFilter
  Properties:
    LogGroupName: !Ref CloudTrailLogs
    FilterPattern: '%[2]s'
    MetricTransformations:
      - MetricName: %[1]s
        MetricNamespace: CISBenchmark
        MetricValue: "1"
%[1]sAlarm:
  Type: AWS::CloudWatch::Alarm
  Properties:
    MetricName: %[1]s
    Namespace: CISBenchmark
    Statistic: Sum
    Period: 300
    EvaluationPeriods: 1
    Threshold: 1
    ComparisonOperator: GreaterThanOrEqualToThreshold
    AlarmActions:
      - !Ref SecurityAlerts`, m.metric, strings.ReplaceAll(pattern, "'", "''"))
}

// hclString quotes s as an HCL string literal.
func hclString(s string) string {
	s = strings.ReplaceAll(s, `\`, `\\`)
	s = strings.ReplaceAll(s, `"`, `\"`)
	s = strings.ReplaceAll(s, "${", "$${")
	s = strings.ReplaceAll(s, "%{", "%%{")
	return `"` + s + `"`
}

func (m monitor) check(p *rules.Pass) {
	cw := &p.AWS.CloudWatch
	for _, t := range p.AWS.CloudTrail.Trails {
		delivers := aws.IsTrue(t.CloudWatchLogs)
		if delivers == graph.False {
			continue
		}
		group, name := p.AWS.TrailLogGroup(t)
		label := name
		if group != nil {
			label = group.Resource.Address
			if n, ok := group.Name.Get(); ok && group.Name.Set {
				label = n
			}
		}
		covered, why := graph.False, ""
		note := func(c graph.Tri, w string) {
			if c == graph.Unknown && why == "" {
				why = w
			}
			covered = covered.Or(c)
		}
		switch {
		case delivers == graph.Unknown:
			note(graph.Unknown, t.CloudWatchLogs.UnknownReason())
		case group == nil && name == "":
			note(graph.Unknown, "the log group trail "+t.Resource.Address+" delivers to is not known")
		}
		for _, f := range cw.MetricFilters {
			if covered == graph.True {
				break
			}
			on := p.AWS.Filters(f, group, name)
			if on == graph.False {
				continue
			}
			matches, w := m.matches(f.Pattern)
			if matches == graph.False {
				continue
			}
			alarmed, aw := alarmed(cw.Alarms, f)
			if w == "" {
				w = aw
			}
			if w == "" && on == graph.Unknown {
				w = "whether metric filter " + f.Resource.Address + " filters the trail's log group is not known"
			}
			if w == "" && f.Resource.Exists != graph.True {
				w = aws.ExistsWhy(f.Resource)
			}
			note(on.And(matches).And(alarmed).And(f.Resource.Exists), w)
		}
		if covered == graph.False {
			if u, w := p.AWS.UnreadInAccount(t.Resource, "a metric filter and alarm for "+m.what); u == graph.Unknown {
				note(u, w)
			}
		}
		where := "its log group"
		if label != "" {
			where = "log group " + label
		}
		p.ReportIf(covered.Not(), rules.Because(t.CloudWatchLogs, why),
			"trail %s delivers to CloudWatch Logs, but no metric filter with an alarm watches %s for %s (CIS %s)",
			t.Resource.Address, where, m.what, m.cis)
	}
}

// matches says whether pattern tests every term and event of m, or m's
// whole event source.
func (m monitor) matches(pattern aws.String) (graph.Tri, string) {
	text, ok := pattern.Get()
	if !ok {
		return graph.Unknown, pattern.UnknownReason()
	}
	norm := normalise(text)
	all := true
	for _, t := range m.terms {
		all = all && hasTerm(norm, t)
	}
	for _, e := range m.events {
		all = all && hasTerm(norm, "$.eventName="+e)
	}
	if all {
		return graph.True, ""
	}
	if m.source != "" && hasTerm(norm, "$.eventSource="+m.source) && !strings.Contains(norm, "$.eventName") {
		return graph.True, ""
	}
	return graph.False, ""
}

// normalise removes what does not change a pattern's terms: spaces and
// the quotes around values.
func normalise(pattern string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '"' {
			return -1
		}
		return r
	}, pattern)
}

// hasTerm reports whether normalised pattern contains term whole: not
// followed by more of a name or value ("DeleteRoute" is not
// "DeleteRouteTable").
func hasTerm(pattern, term string) bool {
	for i := 0; ; {
		j := strings.Index(pattern[i:], term)
		if j < 0 {
			return false
		}
		end := i + j + len(term)
		if end == len(pattern) || !isNameChar(rune(pattern[end])) {
			return true
		}
		i = end
	}
}

func isNameChar(r rune) bool {
	return r == '_' || r == '*' || r == '.' || r == '-' || unicode.IsLetter(r) || unicode.IsDigit(r)
}

// alarmed says whether an alarm with enabled actions watches a metric
// filter f publishes.
func alarmed(alarms []*aws.MetricAlarm, f *aws.MetricFilter) (graph.Tri, string) {
	out, why := graph.False, ""
	for _, a := range alarms {
		for _, am := range a.Metrics {
			for _, fm := range f.Metrics {
				same := sameString(am.Name, fm.Name).And(sameString(am.Namespace, fm.Namespace))
				if same == graph.False {
					continue
				}
				c := same.And(a.Notifies).And(a.Resource.Exists)
				if c == graph.Unknown && why == "" {
					switch {
					case same == graph.Unknown:
						why = "whether alarm " + a.Resource.Address + " watches the metric of " + f.Resource.Address + " is not known"
					case a.Notifies == graph.Unknown:
						why = "whether alarm " + a.Resource.Address + " has enabled actions is not known"
						if a.NotifiesWhy != "" {
							why += ": " + a.NotifiesWhy
						}
					default:
						why = aws.ExistsWhy(a.Resource)
					}
				}
				out = out.Or(c)
			}
		}
	}
	return out, why
}

// sameString says whether two string attributes hold the same value.
func sameString(a, b aws.String) graph.Tri {
	x, okA := a.Get()
	y, okB := b.Get()
	if !okA || !okB {
		return graph.Unknown
	}
	return graph.TriOf(x == y)
}
