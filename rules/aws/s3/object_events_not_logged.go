package s3

import (
	"fmt"
	"strings"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// ObjectReadsNotLogged flags accounts whose S3 buckets' object reads no
// CloudTrail trail records.
var ObjectReadsNotLogged = objectEvents{
	ID: "aws-s3-object-reads-not-logged", kind: "read", cis: "3.9", hub: "S3.23",
	config: "cloudtrail-all-read-s3-data-event-check", readWrite: "ReadOnly", write: false,
	why: "Reads of objects (GetObject, HeadObject, SelectObjectContent) are how data leaves a bucket: without a " +
		"record of them, who downloaded what cannot be told after credentials leak or a policy is found too open.",
}.rule()

// ObjectWritesNotLogged flags accounts whose S3 buckets' object writes and
// deletions no CloudTrail trail records.
var ObjectWritesNotLogged = objectEvents{
	ID: "aws-s3-object-writes-not-logged", kind: "write", cis: "3.8", hub: "S3.22",
	config: "cloudtrail-all-write-s3-data-event-check", readWrite: "WriteOnly", write: true,
	why: "Writes and deletions of objects (PutObject, DeleteObject, CopyObject, PutObjectAcl) are how data is " +
		"tampered with, destroyed or made public: without a record of them, what changed and who changed it cannot " +
		"be told.",
}.rule()

// objectEvents is one of the two object-level logging rules; they share
// one check.
type objectEvents struct {
	ID string
	// kind is "read" or "write"; write selects the write events.
	kind  string
	write bool
	// cis, hub and config are the CIS section, Security Hub control and
	// AWS Config rule; readWrite is the basic selector's read/write type
	// for these events alone.
	cis, hub, config, readWrite string
	why                         string
}

func (o objectEvents) rule() *rules.Rule {
	return &rules.Rule{
		ID:       o.ID,
		Title:    "No CloudTrail trail logs S3 object " + o.kind + "s",
		Severity: rules.Low,
		Description: o.why + " S3 object-level API calls are CloudTrail data events, which a trail records only when " +
			"an event selector chooses them (none does by default; they are charged per event). The rule asks, for every " +
			"S3 bucket of the code, for a trail that is logging, is in the bucket's account (or is an organisation trail) " +
			"and selects " + o.kind + " data events for every object of the bucket: a basic selector (event_selector, " +
			"EventSelectors) with a data resource of type AWS::S3::Object whose values include arn:aws:s3 (every bucket) " +
			"or the bucket's ARN followed by \"/\", and a read/write type of All or " + o.readWrite + "; or an advanced " +
			"selector on eventCategory Data and resources.type AWS::S3::Object whose readOnly and resources.ARN " +
			"conditions keep the bucket's objects (conditions on other fields are taken as deliberate). The bucket a " +
			"trail of the scan delivers its log files to is not judged: AWS suggests leaving it out of data events, " +
			"which would otherwise record the trail's own deliveries. The account is " +
			"the account ID when the code gives it; otherwise resources of one Terraform provider configuration, or of " +
			"one CloudFormation stack, share one, and trails of other root modules or stacks are not assumed to be in " +
			"it. A module whose code was not read that may deploy into the account, or selectors that cannot be read, " +
			"make the answer undetermined. A repository of buckets whose trail lives elsewhere would otherwise get a " +
			"finding per bucket, and the fix is one selector on one trail, so the rule reports once per account, at " +
			"its first bucket that is not logged, and names the others. Low: it records rather than prevents, and " +
			"server access logs (aws-s3-access-logging-disabled) are another, partial, record of requests.",
		Remediation: rules.Remediation{
			Text: "Add an event selector to a trail of the account (ideally a multi-region or organisation trail) " +
				"that selects S3 object data events, for every bucket (arn:aws:s3) or for the buckets that hold data " +
				"worth the cost (the bucket's ARN followed by \"/\").",
			Terraform: `resource "aws_cloudtrail" "main" {
  name                  = "main"
  s3_bucket_name        = "example-cloudtrail-logs"
  is_multi_region_trail = true

  event_selector {
    read_write_type           = "All"
    include_management_events = true

    data_resource {
      type   = "AWS::S3::Object"
      values = ["arn:aws:s3"]
    }
  }
}`,
			CloudFormation: `Trail:
  Type: AWS::CloudTrail::Trail
  Properties:
    IsLogging: true
    IsMultiRegionTrail: true
    S3BucketName: example-cloudtrail-logs
    EventSelectors:
      - ReadWriteType: All
        IncludeManagementEvents: true
        DataResources:
          - Type: AWS::S3::Object
            Values:
              - arn:aws:s3`,
		},
		References: []string{
			"https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-cloudtrail-logging-for-s3.html",
			"https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-data-events-with-cloudtrail.html",
			"https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_DataResource.html",
			"https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#" +
				strings.ToLower(strings.ReplaceAll(o.hub, ".", "-")),
		},
		Compliance: []rules.Control{
			{Framework: rules.FrameworkCIS, ID: o.cis},
			{Framework: rules.FrameworkSecurityHub, ID: o.hub},
			{Framework: rules.FrameworkConfig, ID: o.config},
			{Framework: rules.FrameworkNIST, ID: "DE.CM-09"},
			{Framework: rules.FrameworkISO, ID: "A.8.15"},
		},
		Tags:      []string{"s3", "cloudtrail", "logging"},
		Precision: "high",
		Check:     o.check,
	}
}

// accountBuckets are the buckets of one account that are not logged.
type accountBuckets struct {
	label string
	first *aws.S3Bucket
	// unlogged are certainly not logged; undetermined may be, for the
	// reason why.
	unlogged, undetermined []*aws.S3Bucket
	why                    string
}

func (o objectEvents) check(p *rules.Pass) {
	// AWS suggests leaving a trail's own bucket out of its data events,
	// which would otherwise record the trail's deliveries.
	destinations := map[*aws.S3Bucket]bool{}
	for _, t := range p.AWS.CloudTrail.Trails {
		if b, _ := p.AWS.TrailBucket(t); b != nil {
			destinations[b] = true
		}
	}
	var order []string
	accounts := map[string]*accountBuckets{}
	for _, b := range p.AWS.S3.Buckets {
		if destinations[b] {
			continue
		}
		logged, why := o.logged(p.AWS, b)
		key, label := p.AWS.AccountScope(b.Resource)
		a := accounts[key]
		if a == nil {
			a = &accountBuckets{label: label, first: b}
			accounts[key] = a
			order = append(order, key)
		}
		switch logged {
		case graph.False:
			a.unlogged = append(a.unlogged, b)
		case graph.Unknown:
			a.undetermined = append(a.undetermined, b)
			if a.why == "" {
				a.why = why
			}
		}
	}
	for _, key := range order {
		a := accounts[key]
		switch {
		case len(a.unlogged) > 0:
			first := a.unlogged[0]
			f := p.Report(first.Resource, "%s", o.message(a))
			for _, b := range a.unlogged[1:] {
				f.Related = append(f.Related, rules.Related{Loc: b.Resource.Loc(),
					Message: fmt.Sprintf("%s: its object %ss are not logged either", b.Resource.Address, o.kind)})
			}
		case len(a.undetermined) > 0:
			p.ReportIf(graph.Unknown, rules.Because(a.undetermined[0].Resource, a.why), "")
		default:
			p.ReportIf(graph.False, a.first.Resource, "")
		}
	}
}

// logged says whether some trail logs the object events of bucket b, and
// why that is not known.
func (o objectEvents) logged(m *aws.Model, b *aws.S3Bucket) (graph.Tri, string) {
	logged, why := graph.False, ""
	for _, t := range m.CloudTrail.Trails {
		l, w := m.ObjectEventsLogged(t, b, o.write)
		if l == graph.Unknown && why == "" {
			why = w
		}
		if logged = logged.Or(l); logged == graph.True {
			return logged, ""
		}
	}
	if logged == graph.False {
		if u, w := m.UnreadInAccount(b.Resource, "a CloudTrail trail logging S3 data events"); u == graph.Unknown {
			return u, w
		}
		if b.Resource.Exists != graph.True {
			return graph.Unknown, aws.ExistsWhy(b.Resource)
		}
	}
	return logged, why
}

// message describes the buckets of an account that are not logged.
func (o objectEvents) message(a *accountBuckets) string {
	const listed = 3
	names := make([]string, 0, listed+1)
	for i, b := range a.unlogged {
		if i == listed {
			names = append(names, fmt.Sprintf("%d more", len(a.unlogged)-listed))
			break
		}
		names = append(names, b.Resource.Address)
	}
	if len(a.unlogged) == 1 {
		return fmt.Sprintf("no CloudTrail trail logs the object-level %s events (S3 data events) of S3 bucket %s (CIS %s)",
			o.kind, names[0], o.cis)
	}
	return fmt.Sprintf("no CloudTrail trail logs the object-level %s events (S3 data events) of %d S3 buckets in %s: %s (CIS %s)",
		o.kind, len(a.unlogged), a.label, strings.Join(names, ", "), o.cis)
}
