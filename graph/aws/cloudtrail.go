package aws

import (
	"cmp"
	"slices"
	"strings"

	"github.com/blindspot-iac/blindspot/graph"
)

// CloudTrail holds the trails of the model.
type CloudTrail struct {
	Trails []*Trail
}

// Trail is a CloudTrail trail.
type Trail struct {
	Resource *graph.Resource
	// MultiRegion is whether the trail records every region (off by
	// default).
	MultiRegion Bool
	// LogValidation is whether log file integrity validation is on (off by
	// default).
	LogValidation Bool
	// KMSEncrypted is whether a KMS key encrypts the logs (SSE-S3 when
	// none is set).
	KMSEncrypted Bool
	// Organization is whether the trail records every account of the
	// organisation.
	Organization Bool
	// CloudWatchLogs is whether the trail also delivers its events to a
	// CloudWatch Logs log group (off by default).
	CloudWatchLogs Bool
	// Logging is whether the trail records events at all (true by
	// default in Terraform; IsLogging in CloudFormation).
	Logging Bool
	// objectEvents are the trail's selections of S3 object-level (data)
	// events, from its event selectors or advanced event selectors;
	// objectEventsWhy says why they cannot be read ("" when they can).
	objectEvents    []*objectSelector
	objectEventsWhy string
	// logGroup is the ARN of that log group.
	logGroup Field
	// bucket names the bucket the trail delivers to.
	bucket Field
}

var trailAdapters = adapters[*Trail]{
	{graph.Terraform, "aws_cloudtrail", func(_ *Model, r *graph.Resource) *Trail {
		a := Attrs(r)
		t := &Trail{Resource: r,
			MultiRegion:    BoolOf(a.Get("is_multi_region_trail"), Ptr(false)),
			LogValidation:  BoolOf(a.Get("enable_log_file_validation"), Ptr(false)),
			KMSEncrypted:   Configured(a.Get("kms_key_id")),
			Organization:   BoolOf(a.Get("is_organization_trail"), Ptr(false)),
			CloudWatchLogs: Configured(a.Get("cloud_watch_logs_group_arn")),
			Logging:        BoolOf(a.Get("enable_logging"), Ptr(true)),
			logGroup:       a.Get("cloud_watch_logs_group_arn"),
			bucket:         a.Get("s3_bucket_name"),
		}
		t.readSelectors(a.Get("event_selector"), a.Get("advanced_event_selector"), tfSelectorNames)
		return t
	}},
	{graph.CloudFormation, "AWS::CloudTrail::Trail", func(_ *Model, r *graph.Resource) *Trail {
		a := Attrs(r)
		t := &Trail{Resource: r,
			MultiRegion:    BoolOf(a.Get("IsMultiRegionTrail"), Ptr(false)),
			LogValidation:  BoolOf(a.Get("EnableLogFileValidation"), Ptr(false)),
			KMSEncrypted:   Configured(a.Get("KMSKeyId")),
			Organization:   BoolOf(a.Get("IsOrganizationTrail"), Ptr(false)),
			CloudWatchLogs: Configured(a.Get("CloudWatchLogsLogGroupArn")),
			Logging:        BoolOf(a.Get("IsLogging"), Ptr(true)),
			logGroup:       a.Get("CloudWatchLogsLogGroupArn"),
			bucket:         a.Get("S3BucketName"),
		}
		t.readSelectors(a.Get("EventSelectors"), a.Get("AdvancedEventSelectors"), cfnSelectorNames)
		return t
	}},
}

func buildCloudTrail(m *Model) {
	m.CloudTrail.Trails = trailAdapters.all(m)
	for _, t := range m.CloudTrail.Trails {
		m.targets = append(m.targets, t.bucket)
	}
}

// TrailLogGroup returns the log group trail t delivers to: the log group
// of the scan, or nil and the name its ARN gives literally ("" when it
// gives none).
func (m *Model) TrailLogGroup(t *Trail) (*LogGroup, string) {
	return m.LogGroupOf(t.Resource, t.logGroup)
}

// TrailBucket returns the bucket of the scan trail t delivers to: the
// bucket, or nil when it is not in the scan. maybe is a bucket of the
// trail's unit that may be it when that cannot be told.
func (m *Model) TrailBucket(t *Trail) (bucket, maybe *S3Bucket) {
	s := s3Split{t.Resource, t.bucket}
	for _, b := range m.S3.Buckets {
		switch configuresBucket(m.index, s, b) {
		case graph.True:
			return b, nil
		case graph.Unknown:
			if _, literal := t.bucket.Value.AsString(); literal && !b.name.IsSet() {
				// A generated name is not known when the code is
				// written: a literal cannot name the bucket.
				continue
			}
			if maybe == nil && b.Resource.Unit == t.Resource.Unit {
				maybe = b
			}
		}
	}
	return nil, maybe
}

// S3 object-level API calls (GetObject, PutObject, DeleteObject, ...) are
// CloudTrail data events, which a trail records only when an event
// selector chooses them: a basic selector (event_selector, EventSelectors)
// names S3 objects by ARN prefix in a data resource of type
// AWS::S3::Object, with a read/write type; an advanced selector
// (advanced_event_selector, AdvancedEventSelectors) matches fields:
// eventCategory Data, resources.type AWS::S3::Object, readOnly, and
// resources.ARN by prefix. A prefix selects the objects whose ARN starts
// with it: "arn:aws:s3" every object of every bucket of the account,
// "arn:aws:s3:::bucket/" every object of one bucket, a longer one only
// some. Conditions on other fields (event names, identities) are taken as
// deliberate narrowing and not judged.

// selectorNames are the argument names of event selectors in one format.
type selectorNames struct {
	readWrite, dataResource, resourceType, values string
	fieldSelectors, field                         string
	equals, notEquals, startsWith, notStartsWith  string
	endsWith, notEndsWith                         string
}

var (
	tfSelectorNames = selectorNames{"read_write_type", "data_resource", "type", "values",
		"field_selector", "field", "equals", "not_equals", "starts_with", "not_starts_with", "ends_with", "not_ends_with"}
	cfnSelectorNames = selectorNames{"ReadWriteType", "DataResources", "Type", "Values",
		"FieldSelectors", "Field", "Equals", "NotEquals", "StartsWith", "NotStartsWith", "EndsWith", "NotEndsWith"}
)

// objectSelector is one selection of S3 object data events by a trail.
type objectSelector struct {
	// selects is whether it selects S3 object data events at all; read
	// and write whether it selects read-only and write events; why says
	// why one of them is not known.
	selects, read, write graph.Tri
	why                  string
	// include are the ARN prefixes of the objects it selects (every
	// object when allARNs is set); exclude those it leaves out. narrowed
	// is set when another condition on resources.ARN (equals, ends with)
	// selects some objects only.
	include, exclude []graph.Value
	allARNs          bool
	narrowed         bool
}

// readSelectors reads the S3 object selections of a trail's basic and
// advanced event selectors.
func (t *Trail) readSelectors(basic, advanced Field, n selectorNames) {
	for _, sel := range blocksOf(basic) {
		if !isBlock(sel) {
			t.objectEventsWhy = cmp.Or(t.objectEventsWhy, sel.Value.Why())
			continue
		}
		rw := StringOf(sel.Get(n.readWrite), Ptr("All"))
		read := rw.Test(func(v string) bool { return v == "All" || v == "ReadOnly" })
		write := rw.Test(func(v string) bool { return v == "All" || v == "WriteOnly" })
		for _, dr := range blocksOf(sel.Get(n.dataResource)) {
			if !isBlock(dr) {
				t.objectEventsWhy = cmp.Or(t.objectEventsWhy, dr.Value.Why())
				continue
			}
			typ := StringOf(dr.Get(n.resourceType), nil)
			s := &objectSelector{selects: Equals(typ, "AWS::S3::Object"), read: read, write: write,
				why: cmp.Or(whyUnknown(typ), whyUnknown(rw))}
			if typ.IsKnown() && s.selects == graph.False {
				continue
			}
			s.include = stringValues(dr.Get(n.values))
			t.objectEvents = append(t.objectEvents, s)
		}
	}
	for _, sel := range blocksOf(advanced) {
		if !isBlock(sel) {
			t.objectEventsWhy = cmp.Or(t.objectEventsWhy, sel.Value.Why())
			continue
		}
		s := &objectSelector{selects: graph.True, read: graph.True, write: graph.True, allARNs: true}
		category, objects := graph.False, graph.False
		for _, fs := range blocksOf(sel.Get(n.fieldSelectors)) {
			name := StringOf(fs.Get(n.field), nil)
			field, ok := name.Get()
			if !ok {
				s.selects, s.why = graph.Unknown, cmp.Or(s.why, whyUnknown(name))
				continue
			}
			switch field {
			case "eventCategory":
				c, why := listHas(fs.Get(n.equals), "Data")
				category, s.why = c, cmp.Or(s.why, why)
			case "resources.type":
				c, why := listHas(fs.Get(n.equals), "AWS::S3::Object")
				objects, s.why = c, cmp.Or(s.why, why)
			case "readOnly":
				s.read, s.write = s.readOnly(fs, n)
			case "resources.ARN":
				if f := fs.Get(n.startsWith); f.IsSet() {
					s.allARNs, s.include = false, stringValues(f)
				}
				s.exclude = stringValues(fs.Get(n.notStartsWith))
				for _, other := range []string{n.equals, n.notEquals, n.endsWith, n.notEndsWith} {
					s.narrowed = s.narrowed || fs.Get(other).IsSet()
				}
			}
		}
		s.selects = s.selects.And(category).And(objects)
		if s.selects != graph.False {
			t.objectEvents = append(t.objectEvents, s)
		}
	}
}

// selectsObjectEvents reports whether t may record S3 object data events
// for some bucket: the S3 buckets of its whole account may depend on it.
func (t *Trail) selectsObjectEvents() bool {
	return len(t.objectEvents) > 0 || t.objectEventsWhy != ""
}

// readOnly reads an advanced selector's readOnly condition: which of
// read-only and write events it selects.
func (s *objectSelector) readOnly(fs Field, n selectorNames) (read, write graph.Tri) {
	read, write = graph.True, graph.True
	if f := fs.Get(n.equals); f.IsSet() {
		r, why1 := listHas(f, "true")
		w, why2 := listHas(f, "false")
		read, write, s.why = read.And(r), write.And(w), cmp.Or(s.why, why1, why2)
	}
	if f := fs.Get(n.notEquals); f.IsSet() {
		r, why1 := listHas(f, "true")
		w, why2 := listHas(f, "false")
		read, write, s.why = read.And(r.Not()), write.And(w.Not()), cmp.Or(s.why, why1, why2)
	}
	return read, write
}

// whyUnknown is a's UnknownReason when its value is not known, "" when
// it is.
func whyUnknown[T any](a Attr[T]) string {
	if _, ok := a.Get(); ok {
		return ""
	}
	return a.UnknownReason()
}

// isBlock reports whether f is a block whose arguments can be read (not
// an unknown value standing for the whole block).
func isBlock(f Field) bool { return f.Value.Kind() == graph.KindObject }

// stringValues returns the elements of a list of strings, known or not;
// a list that is not known is returned as its one unknown value, which
// selects what cannot be told.
func stringValues(f Field) []graph.Value {
	if !f.IsSet() {
		return nil
	}
	if f.Value.Kind() == graph.KindList {
		return f.Value.Elems()
	}
	return []graph.Value{f.Value}
}

// listHas says whether a list of strings holds want (case-sensitively, as
// CloudTrail compares), and why that is not known.
func listHas(f Field, want string) (graph.Tri, string) {
	list := StringsOf(f)
	return list.Test(func(vs []string) bool { return slices.Contains(vs, want) }), whyUnknown(list)
}

// objectsSelected says whether ARN prefix v, written in resource from,
// selects every object of bucket b (covers) and some object of it
// (touches). A prefix selects an object when the object's ARN,
// arn:PARTITION:s3:::BUCKET/KEY, starts with it.
func (m *Model) objectsSelected(from *graph.Resource, v graph.Value, b *S3Bucket) (covers, touches graph.Tri) {
	if s, ok := v.AsString(); ok {
		return prefixSelects(s, b)
	}
	for _, ref := range v.AllRefs() {
		r := m.index.Resolve(from, ref)
		if r == b.Resource {
			// The bucket's ARN or name, followed by "/" or nothing,
			// selects all its objects; followed by a key prefix, some.
			suffix := v.LiteralSuffix()
			return graph.TriOf(suffix == "" || suffix == "/"), graph.True
		}
		if r != nil && s3BucketAdapters.reads(r.Type) || isLookup(ref) {
			return graph.False, graph.False
		}
	}
	if p := v.LiteralPrefix(); p != "" && !strings.HasPrefix("arn:", p) {
		// The value starts with p: when p selects no object of b, nor
		// does the value.
		if _, touches := prefixSelects(p, b); touches == graph.False {
			if _, partition := s3ObjectSpec(p); partition || !strings.HasPrefix(p, "arn:") {
				return graph.False, graph.False
			}
		}
	}
	if !b.name.IsSet() {
		// A generated name is not known when the code is written: only
		// a reference can name the bucket.
		return graph.False, graph.False
	}
	return graph.Unknown, graph.Unknown
}

// prefixSelects says whether the literal ARN prefix s selects every
// object (covers) and some object (touches) of bucket b.
func prefixSelects(s string, b *S3Bucket) (covers, touches graph.Tri) {
	rest, ok := s3ObjectSpec(s)
	const service = ":s3:::"
	switch {
	case !ok:
		return graph.False, graph.False
	case strings.HasPrefix(service, rest):
		// "arn:aws:s3", "arn:aws:s3:::": every bucket.
		return graph.True, graph.True
	case !strings.HasPrefix(rest, service):
		return graph.False, graph.False
	}
	spec := rest[len(service):]
	name, known := b.Name.Get()
	switch {
	case !b.name.IsSet():
		return graph.False, graph.False
	case !known:
		return graph.Unknown, graph.Unknown
	}
	covers = graph.TriOf(strings.HasPrefix(name+"/", spec))
	return covers, covers.Or(graph.TriOf(strings.HasPrefix(spec, name+"/")))
}

// s3ObjectSpec strips "arn:PARTITION" from an ARN prefix: ":s3:::b/k"
// for "arn:aws:s3:::b/k". ok is false when s is not an ARN of an AWS
// partition.
func s3ObjectSpec(s string) (rest string, ok bool) {
	after, ok := strings.CutPrefix(s, "arn:")
	if !ok {
		return "", false
	}
	i := strings.IndexByte(after, ':')
	if i < 0 || !strings.HasPrefix(after[:i], "aws") {
		return "", false
	}
	return after[i:], true
}

// ObjectEventsLogged says whether trail t logs the object-level read
// events (write false) or write events (write true) of every object of
// bucket b, and why that is not known: t must be logging, in b's account
// (or an organisation trail), and one of its selectors must select those
// events for every object of b.
func (m *Model) ObjectEventsLogged(t *Trail, b *S3Bucket, write bool) (graph.Tri, string) {
	acct, why := m.sameAccount(t.Resource, b.Resource)
	acct = acct.Or(IsTrue(t.Organization))
	if acct == graph.False {
		return graph.False, ""
	}
	if acct != graph.Unknown {
		why = ""
	}
	logs := graph.False
	if t.objectEventsWhy != "" {
		logs, why = graph.Unknown, cmp.Or(why, t.objectEventsWhy)
	}
	for _, s := range t.objectEvents {
		rw := s.read
		if write {
			rw = s.write
		}
		valueWhy := ""
		all := graph.TriOf(s.allARNs)
		for _, v := range s.include {
			c, _ := m.objectsSelected(t.Resource, v, b)
			if c == graph.Unknown && !v.IsKnown() {
				valueWhy = cmp.Or(valueWhy, v.Why())
			}
			all = all.Or(c)
		}
		left := graph.False
		for _, v := range s.exclude {
			_, touches := m.objectsSelected(t.Resource, v, b)
			if touches == graph.Unknown && !v.IsKnown() {
				valueWhy = cmp.Or(valueWhy, v.Why())
			}
			left = left.Or(touches)
		}
		if s.narrowed {
			left = left.Or(graph.Unknown)
		}
		l := s.selects.And(rw).And(all).And(left.Not())
		if l == graph.Unknown && why == "" {
			why = cmp.Or(s.why, valueWhy, "whether the event selectors of "+t.Resource.Address+" select the objects of "+b.Resource.Address+" is not known")
		}
		logs = logs.Or(l)
	}
	on := IsTrue(t.Logging)
	if on == graph.Unknown && logs != graph.False {
		why = cmp.Or(why, whyUnknown(t.Logging))
	}
	out := acct.And(logs).And(on).And(t.Resource.Exists)
	if out == graph.Unknown && why == "" {
		why = ExistsWhy(t.Resource)
	}
	if out != graph.Unknown {
		why = ""
	}
	return out, why
}

// sameAccount says whether resources a and b are deployed in the same
// account: by their account IDs when both are known; otherwise the
// resources of one stack, or of one provider configuration, are in one
// account, those of other units are not assumed to be, and those of
// another provider configuration of the unit may be.
func (m *Model) sameAccount(a, b *graph.Resource) (graph.Tri, string) {
	ida, idb := m.Accounts.Of(a).AccountID, m.Accounts.Of(b).AccountID
	switch {
	case ida != "" && idb != "":
		return graph.TriOf(ida == idb), ""
	case a.Unit != b.Unit:
		return graph.False, ""
	case stackDeployed(a) && stackDeployed(b):
		return graph.True, ""
	case !stackDeployed(a) && !stackDeployed(b) && providerOf(a) == providerOf(b):
		return graph.True, ""
	}
	return graph.Unknown, a.Address + " and " + b.Address + " are deployed through different provider configurations, which may be different accounts"
}

// AccountScope names the account r is deployed to as far as the code
// tells, for grouping resources by account: its account ID when known,
// otherwise its Terraform provider configuration or its CloudFormation
// stack, whose resources share one account. label describes it in
// messages, without paths (which depend on where the scan runs).
func (m *Model) AccountScope(r *graph.Resource) (key, label string) {
	if id := m.Accounts.Of(r).AccountID; id != "" {
		return "account " + id, "account " + id
	}
	if stackDeployed(r) {
		return "stack " + r.Unit, "the stack's account"
	}
	p := providerOf(r)
	return "provider " + p.unit + "\x00" + p.address, "the account of provider " + p.address
}
