package aws

import (
	"strings"

	"github.com/blindspot-iac/blindspot/graph"
)

// CloudWatch holds CloudWatch Logs log groups and metric filters, and
// CloudWatch metric alarms.
type CloudWatch struct {
	LogGroups     []*LogGroup
	MetricFilters []*MetricFilter
	Alarms        []*MetricAlarm
}

// LogGroup is a CloudWatch Logs log group.
type LogGroup struct {
	Resource *graph.Resource
	// Name is the log group's name (generated when not given).
	Name String
	// KMSEncrypted is whether a customer managed KMS key encrypts the
	// group's logs (CloudWatch Logs encrypts them with a key of its own
	// otherwise).
	KMSEncrypted Bool
}

// MetricFilter is a metric filter: log events of a log group that match a
// pattern are counted into a metric.
type MetricFilter struct {
	Resource *graph.Resource
	// Pattern is the filter pattern.
	Pattern String
	// Metrics are the metrics the filter publishes to.
	Metrics []MetricID
	// logGroup names the filtered log group.
	logGroup Field
}

// MetricID names a CloudWatch metric.
type MetricID struct {
	Name, Namespace String
	// filter is the metric filter whose metric name the name refers to.
	filter *graph.Resource
}

// alarmMetric reads an alarm's metric name and namespace.
func alarmMetric(m *Model, name, namespace Field) MetricID {
	return MetricID{Name: StringOf(name, nil), Namespace: StringOf(namespace, nil),
		filter: onlyReferenced(m.index, name.Res, name, metricFilterAdapters.types()...)}
}

// MetricAlarm is a CloudWatch alarm on metrics.
type MetricAlarm struct {
	Resource *graph.Resource
	// Metrics are the metrics the alarm watches: its metric, or those of
	// its metric math queries.
	Metrics []MetricID
	// Notifies is whether the alarm acts when it goes into alarm: it has
	// alarm actions (an SNS topic, for notification) and its actions are
	// enabled (the default).
	Notifies graph.Tri
	// NotifiesWhy says why Notifies is unknown.
	NotifiesWhy string
}

var logGroupAdapters = adapters[*LogGroup]{
	{graph.Terraform, "aws_cloudwatch_log_group", func(_ *Model, r *graph.Resource) *LogGroup {
		a := Attrs(r)
		return &LogGroup{Resource: r, Name: StringOf(a.Get("name"), nil), KMSEncrypted: Configured(a.Get("kms_key_id"))}
	}},
	{graph.CloudFormation, "AWS::Logs::LogGroup", func(_ *Model, r *graph.Resource) *LogGroup {
		a := Attrs(r)
		return &LogGroup{Resource: r, Name: StringOf(a.Get("LogGroupName"), nil), KMSEncrypted: Configured(a.Get("KmsKeyId"))}
	}},
}

var metricFilterAdapters = adapters[*MetricFilter]{
	{graph.Terraform, "aws_cloudwatch_log_metric_filter", func(_ *Model, r *graph.Resource) *MetricFilter {
		a := Attrs(r)
		f := &MetricFilter{Resource: r, Pattern: StringOf(a.Get("pattern"), nil), logGroup: a.Get("log_group_name")}
		for _, t := range blocksOf(a.Get("metric_transformation")) {
			f.Metrics = append(f.Metrics, MetricID{Name: StringOf(t.Get("name"), nil), Namespace: StringOf(t.Get("namespace"), nil)})
		}
		return f
	}},
	{graph.CloudFormation, "AWS::Logs::MetricFilter", func(_ *Model, r *graph.Resource) *MetricFilter {
		a := Attrs(r)
		f := &MetricFilter{Resource: r, Pattern: StringOf(a.Get("FilterPattern"), nil), logGroup: a.Get("LogGroupName")}
		for _, t := range blocksOf(a.Get("MetricTransformations")) {
			f.Metrics = append(f.Metrics, MetricID{Name: StringOf(t.Get("MetricName"), nil), Namespace: StringOf(t.Get("MetricNamespace"), nil)})
		}
		return f
	}},
}

var metricAlarmAdapters = adapters[*MetricAlarm]{
	{graph.Terraform, "aws_cloudwatch_metric_alarm", func(m *Model, r *graph.Resource) *MetricAlarm {
		a := Attrs(r)
		al := &MetricAlarm{Resource: r}
		if a.Get("metric_name").IsSet() {
			al.Metrics = append(al.Metrics, alarmMetric(m, a.Get("metric_name"), a.Get("namespace")))
		}
		for _, q := range blocksOf(a.Get("metric_query")) {
			if mq := q.Get("metric"); mq.IsSet() {
				al.Metrics = append(al.Metrics, alarmMetric(m, mq.Get("metric_name"), mq.Get("namespace")))
			}
		}
		al.Notifies, al.NotifiesWhy = notifies(a.Get("alarm_actions"), a.Get("actions_enabled"))
		return al
	}},
	{graph.CloudFormation, "AWS::CloudWatch::Alarm", func(m *Model, r *graph.Resource) *MetricAlarm {
		a := Attrs(r)
		al := &MetricAlarm{Resource: r}
		if a.Get("MetricName").IsSet() {
			al.Metrics = append(al.Metrics, alarmMetric(m, a.Get("MetricName"), a.Get("Namespace")))
		}
		for _, q := range blocksOf(a.Get("Metrics")) {
			if mq := q.Get("MetricStat").Get("Metric"); mq.IsSet() {
				al.Metrics = append(al.Metrics, alarmMetric(m, mq.Get("MetricName"), mq.Get("Namespace")))
			}
		}
		al.Notifies, al.NotifiesWhy = notifies(a.Get("AlarmActions"), a.Get("ActionsEnabled"))
		return al
	}},
}

// notifies says whether an alarm with these actions acts when it goes
// into alarm.
func notifies(actions, enabled Field) (graph.Tri, string) {
	has, why := hasElements(actions)
	on := IsTrue(BoolOf(enabled, Ptr(true)))
	if on == graph.Unknown && why == "" {
		why = enabled.Value.Why()
	}
	return has.And(on), why
}

// LogGroupOf returns the log group field f (a log group ARN or name)
// designates: the one log group of the scan it refers to, or nil; and
// the group's name when f gives it literally (an ARN's
// "log-group:NAME" part), for groups the scan does not create.
func (m *Model) LogGroupOf(from *graph.Resource, f Field) (*LogGroup, string) {
	if r := onlyReferenced(m.index, from, f, logGroupAdapters.types()...); r != nil {
		for _, g := range m.CloudWatch.LogGroups {
			if g.Resource == r {
				return g, ""
			}
		}
	}
	s, ok := f.Value.AsString()
	if !ok || !f.IsSet() {
		return nil, ""
	}
	if _, rest, found := strings.Cut(s, ":log-group:"); found {
		name, _, _ := strings.Cut(rest, ":")
		return nil, name
	}
	if strings.HasPrefix(s, "arn:") {
		return nil, ""
	}
	return nil, s
}

// Filters says whether metric filter f filters the log group g (when the
// scan creates it) or the group named name: True by reference or equal
// name, False when it names another, Unknown when it cannot be told.
func (m *Model) Filters(f *MetricFilter, g *LogGroup, name string) graph.Tri {
	if g != nil {
		return targets(m.index, f.Resource, f.logGroup, g.Resource, g.Name)
	}
	if lit, ok := f.logGroup.Value.AsString(); ok && f.logGroup.IsSet() {
		return graph.TriOf(lit == name)
	}
	if onlyReferenced(m.index, f.Resource, f.logGroup, logGroupAdapters.types()...) != nil {
		// A group the scan creates is not one it only names.
		return graph.False
	}
	return graph.Unknown
}

func buildCloudWatch(m *Model) {
	m.CloudWatch.LogGroups = logGroupAdapters.all(m)
	m.CloudWatch.MetricFilters = metricFilterAdapters.all(m)
	m.CloudWatch.Alarms = metricAlarmAdapters.all(m)
	// An alarm's metric name that refers to a filter's metric (Terraform's
	// metric_transformation[0].name) is that metric's name.
	published := map[*graph.Resource]*MetricFilter{}
	for _, f := range m.CloudWatch.MetricFilters {
		published[f.Resource] = f
	}
	for _, a := range m.CloudWatch.Alarms {
		for i, id := range a.Metrics {
			if f := published[id.filter]; f != nil && !id.Name.IsKnown() && len(f.Metrics) == 1 {
				a.Metrics[i].Name = f.Metrics[0].Name
			}
		}
	}
	for _, g := range m.CloudWatch.LogGroups {
		m.names = append(m.names, g.Name)
	}
	for _, f := range m.CloudWatch.MetricFilters {
		m.targets = append(m.targets, f.logGroup)
	}
	// A trail that names a log group the scan does not create holds its
	// name: the filters on it may be written in another unit.
	for _, t := range m.CloudTrail.Trails {
		if g, name := m.TrailLogGroup(t); g == nil && name != "" {
			m.names = append(m.names, Known(name, true, t.logGroup.Loc()))
		}
	}
}
