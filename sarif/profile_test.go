package sarif_test

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"github.com/blindspot-iac/blindspot/internal/findingtest"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/rules"
	"github.com/blindspot-iac/blindspot/sarif"
	"github.com/blindspot-iac/blindspot/sarif/sariftest"
)

// project is the fixture project, absolute, as the command line sees it
// when run from its root.
func project(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("testdata", "project"))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func write(t *testing.T, rs []*rules.Rule, fs []rules.Finding, diags []graph.Diagnostic, opts sarif.Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := sarif.Write(&buf, rs, fs, diags, opts); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func baseOptions(dir string) sarif.Options {
	return sarif.Options{
		ToolVersion:    "1.2.3",
		InformationURI: "https://github.com/blindspot-iac/blindspot",
		BaseDir:        dir,
		HelpURI: func(id string) string {
			return "https://github.com/blindspot-iac/blindspot/blob/main/docs/rules/" + id + ".md"
		},
	}
}

// Fingerprint keys the profile asks for: our own, and the key GitHub
// would otherwise compute from the line's text.
const (
	fingerprintKey       = "blindspotFingerprint/v1"
	gitHubFingerprintKey = "primaryLocationLineHash"
)

// decoded is the part of a SARIF log the tests look at.
type decoded struct {
	Runs []struct {
		Tool struct {
			Driver struct {
				Name            string `json:"name"`
				Version         string `json:"version"`
				SemanticVersion string `json:"semanticVersion"`
				Rules           []struct {
					ID                   string `json:"id"`
					Name                 string `json:"name"`
					HelpURI              string `json:"helpUri"`
					Help                 struct{ Text, Markdown string }
					DefaultConfiguration struct{ Level string } `json:"defaultConfiguration"`
					Properties           map[string]any         `json:"properties"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Invocations []struct {
			ExecutionSuccessful bool           `json:"executionSuccessful"`
			Notifications       []notification `json:"toolExecutionNotifications"`
		} `json:"invocations"`
		Results []result `json:"results"`
	} `json:"runs"`
}

func decode(t *testing.T, data []byte) decoded {
	t.Helper()
	var d decoded
	if err := json.Unmarshal(data, &d); err != nil {
		t.Fatalf("decoding SARIF: %v", err)
	}
	if len(d.Runs) != 1 {
		t.Fatalf("%d runs, want 1", len(d.Runs))
	}
	return d
}

// shape is one kind of log the writer must get right.
type shape struct {
	name  string
	fs    []rules.Finding
	diags []graph.Diagnostic
	edit  func(*sarif.Options)
	// policies are custom policies reported besides the built-in rules.
	policies []*rules.Rule
}

// shapes are logs of every kind: clean, with unknowns, suppressed results,
// related locations, fixes, diagnostics, truncation, paths outside the
// base directory.
func shapes(dir string) []shape {
	all := findingtest.Findings(dir)
	diags := findingtest.Diagnostics(dir)
	return []shape{
		{"clean scan", nil, nil, nil, nil},
		{"findings", all, nil, nil, nil},
		{"unknowns", all, nil, func(o *sarif.Options) { o.ShowUnknown = true }, nil},
		{"suppressed", all, nil, func(o *sarif.Options) { o.IncludeSuppressed = true }, nil},
		{"everything", all, diags, func(o *sarif.Options) { o.ShowUnknown, o.IncludeSuppressed = true, true }, nil},
		{"diagnostics only", nil, diags, nil, nil},
		{"truncated", all, diags, func(o *sarif.Options) { o.MaxResults = 2; o.ShowUnknown = true }, nil},
		{"no base dir", all, diags, func(o *sarif.Options) { o.BaseDir = "" }, nil},
		{"files outside base dir", all, diags, func(o *sarif.Options) { o.BaseDir = filepath.Join(dir, "modules") }, nil},
		{"no help URI", all, diags, func(o *sarif.Options) { o.HelpURI = nil }, nil},
		{"relative paths", relocate(all, dir, "testdata/project"), nil, func(o *sarif.Options) { o.BaseDir = "" }, nil},
		{"odd findings", oddFindings(dir), nil, func(o *sarif.Options) { o.IncludeSuppressed, o.ShowUnknown = true, true }, nil},
		{"many related locations", manyRelated(dir), nil, nil, nil},
		{"random", randomFindings(rand.New(rand.NewSource(4)), dir, 40), randomDiagnostics(rand.New(rand.NewSource(5)), dir, 10),
			func(o *sarif.Options) { o.ShowUnknown, o.IncludeSuppressed = true, true }, nil},
		{"custom policies", append(all, policyFindings(dir)...), nil, func(o *sarif.Options) { o.ShowUnknown, o.IncludeSuppressed = true, true },
			[]*rules.Rule{customPolicy}},
	}
}

// customPolicy is a custom policy as rules/policy makes it.
var customPolicy = &rules.Rule{
	ID: "acme-owner-tag", Title: "Buckets carry an owner tag", Severity: rules.Low, Description: "Every bucket names its owner.",
	Remediation: rules.Remediation{Text: "Add an owner tag."}, References: []string{"https://example.com/tagging"},
	Tags: []string{"custom-policy"}, Precision: "high", Source: graph.Range{File: ".blindspot/policies/tags.yaml", Start: graph.Pos{Line: 1, Column: 5}},
	Check: func(*rules.Pass) {},
}

func policyFindings(dir string) []rules.Finding {
	return []rules.Finding{
		{RuleID: "acme-owner-tag", Severity: rules.Low, Status: rules.Failed, Message: "Buckets carry an owner tag",
			Loc: graph.Loc{Range: findingtest.Range(dir+"/main.tf", 1, 1, 1, 10)}},
		{RuleID: "acme-owner-tag", Severity: rules.Low, Status: rules.Undetermined, Message: "could not evaluate acme-owner-tag: depends on resource.tags",
			Loc: graph.Loc{Range: findingtest.Range(dir+"/main.tf", 6, 1, 6, 10)}},
	}
}

func (s shape) write(t *testing.T, dir string) []byte {
	opts := baseOptions(dir)
	if s.edit != nil {
		s.edit(&opts)
	}
	return write(t, append(findingtest.Rules(), s.policies...), s.fs, s.diags, opts)
}

// TestSchema validates logs of every shape against the SARIF 2.1.0
// schema.
func TestSchema(t *testing.T) {
	dir := project(t)
	for _, s := range shapes(dir) {
		t.Run(s.name, func(t *testing.T) {
			data := s.write(t, dir)
			sariftest.Validate(t, data)
			d := decode(t, data)
			if d.Runs[0].Results == nil {
				t.Errorf("results missing; it must be present even when empty")
			}
		})
	}
}

// oddFindings have the parts a front end may leave empty: a suppression
// and a related location without a position, an empty message, an edit
// that inserts, a range with no end.
func oddFindings(dir string) []rules.Finding {
	return []rules.Finding{
		{
			RuleID: "aws-s3-versioning-disabled", Severity: rules.Medium, Status: rules.Failed,
			Loc:        graph.Loc{Range: findingtest.Range(dir+"/main.tf", 2, 3, 0, 0)},
			Suppressed: &rules.Suppression{Justification: "set in Metadata"},
			Related:    []rules.Related{{Message: "value from the command line"}},
		},
		{
			RuleID: "aws-kms-rotation-disabled", Severity: rules.High, Status: rules.Failed, Message: "insert",
			Loc: graph.Loc{Range: findingtest.Range(dir+"/main.tf", 6, 1, 8, 2)},
			Fix: &rules.Fix{Description: "Enable rotation", Edits: []rules.Edit{{Range: findingtest.Range(dir+"/main.tf", 7, 3, 7, 3), Text: "enable_key_rotation = true\n  "}}},
		},
		{
			RuleID: "aws-ec2-open-ingress", Severity: rules.Critical, Status: rules.Undetermined, Message: "could not evaluate",
			Loc: graph.Loc{Range: findingtest.Range(dir+"/main.tf", 12, 5, 12, 5)},
		},
	}
}

// manyRelated is a finding with more related locations than GitHub keeps
// (1,000 per result).
func manyRelated(dir string) []rules.Finding {
	f := rules.Finding{
		RuleID: "aws-s3-versioning-disabled", Severity: rules.Medium, Status: rules.Failed, Message: "many",
		Loc: graph.Loc{Range: findingtest.Range(dir+"/main.tf", 1, 1, 1, 7)},
	}
	for i := 0; i < 1001; i++ {
		f.Related = append(f.Related, rules.Related{Loc: graph.Loc{Range: findingtest.Range(dir+"/main.tf", i+1, 1, i+1, 2)}, Message: "via module.m"})
	}
	return []rules.Finding{f}
}

// relocate rewrites the files of fs from one directory prefix to another.
func relocate(fs []rules.Finding, from, to string) []rules.Finding {
	out := append([]rules.Finding(nil), fs...)
	for i := range out {
		out[i].Loc.Range.File = strings.Replace(out[i].Loc.Range.File, from, to, 1)
		out[i].Related = nil
		out[i].Fix = nil
		out[i].Suppressed = nil
	}
	return out
}

// TestSchemaRejectsInvalid makes sure the validator is not vacuous.
func TestSchemaRejectsInvalid(t *testing.T) {
	bad := []string{
		`{}`,
		`{"version": "2.1.0", "runs": [{"tool": {"driver": {}}}]}`,
		`{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"message": {"text": "m"}, "level": "fatal"}]}]}`,
		`{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"message": {"text": "m"}, "suppressions": [{"kind": "inSource", "status": null}]}]}]}`,
		`{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"message": {"text": "m"}, "locations": [{"physicalLocation": {"region": {"startLine": 0}}}]}]}]}`,
		`not json`,
	}
	for _, b := range bad {
		if err := sariftest.Check([]byte(b)); err == nil {
			t.Errorf("schema accepted %s", b)
		}
	}
}

func TestResults(t *testing.T) {
	dir := project(t)
	opts := baseOptions(dir)
	opts.ShowUnknown, opts.IncludeSuppressed = true, true
	d := decode(t, write(t, findingtest.Rules(), findingtest.Findings(dir), findingtest.Diagnostics(dir), opts))
	run := d.Runs[0]

	driver := run.Tool.Driver
	if driver.Name != "blindspot" || driver.Version != "1.2.3" || driver.SemanticVersion != "1.2.3" {
		t.Errorf("driver = %+v", driver)
	}
	var ids []string
	for _, r := range driver.Rules {
		ids = append(ids, r.ID)
	}
	if got, want := strings.Join(ids, " "), "aws-ec2-open-ingress aws-iam-password-policy-weak aws-kms-rotation-disabled aws-s3-versioning-disabled"; got != want {
		t.Errorf("rules = %s, want %s", got, want)
	}
	kms := driver.Rules[2]
	if kms.Name != "AwsKmsRotationDisabled" || kms.DefaultConfiguration.Level != "error" ||
		kms.HelpURI != "https://github.com/blindspot-iac/blindspot/blob/main/docs/rules/aws-kms-rotation-disabled.md" {
		t.Errorf("kms rule = %+v", kms)
	}
	if kms.Properties["security-severity"] != "8.0" || kms.Properties["precision"] != "high" || kms.Properties["problem.severity"] != "error" {
		t.Errorf("kms properties = %v", kms.Properties)
	}
	if tags, _ := kms.Properties["tags"].([]any); len(tags) != 2 || tags[0] != "security" || tags[1] != "kms" {
		t.Errorf("kms tags = %v, want [security kms]", kms.Properties["tags"])
	}
	if low := driver.Rules[1]; low.Properties["problem.severity"] != "recommendation" || low.DefaultConfiguration.Level != "note" {
		t.Errorf("low rule = %+v", low)
	}
	if s3 := driver.Rules[3]; !strings.Contains(s3.Help.Markdown, "```hcl") || !strings.Contains(s3.Help.Text, "Remediation: Enable versioning.") {
		t.Errorf("s3 help = %+v", s3.Help)
	}

	byMsg := map[string]result{}
	for _, r := range run.Results {
		byMsg[strings.TrimSuffix(r.Message.Text, ".")] = r
		if driver.Rules[r.RuleIndex].ID != r.RuleID {
			t.Errorf("result %q: ruleIndex %d names %s", r.RuleID, r.RuleIndex, driver.Rules[r.RuleIndex].ID)
		}
		if len(r.Locations) != 1 || r.Locations[0].PhysicalLocation.Region == nil || r.Locations[0].PhysicalLocation.Region.StartLine < 1 {
			t.Errorf("result %q has no start line", r.Message.Text)
		}
	}
	if len(run.Results) != 6 {
		t.Fatalf("%d results, want 6", len(run.Results))
	}

	tf := byMsg["KMS key aws_kms_key.k does not rotate"]
	if tf.Level != "error" || tf.Kind != "fail" || tf.BaselineState != "unchanged" {
		t.Errorf("kms result = %+v", tf)
	}
	pl := tf.Locations[0].PhysicalLocation
	if pl.ArtifactLocation.URI != "main.tf" || pl.ArtifactLocation.URIBaseID != "%SRCROOT%" {
		t.Errorf("artifact = %+v", pl.ArtifactLocation)
	}
	if *pl.Region != (region{StartLine: 7, StartColumn: 25, EndLine: 7, EndColumn: 30}) {
		t.Errorf("region = %+v", *pl.Region)
	}
	if len(tf.Fixes) != 1 || tf.Fixes[0].ArtifactChanges[0].Replacements[0].InsertedContent.Text != "true" ||
		tf.Fixes[0].ArtifactChanges[0].Replacements[0].DeletedRegion != (region{StartLine: 7, StartColumn: 25, EndLine: 7, EndColumn: 30}) {
		t.Errorf("fixes = %+v", tf.Fixes)
	}
	fp := tf.PartialFingerprints
	if len(fp[fingerprintKey]) != 32 || fp[gitHubFingerprintKey] != fp[fingerprintKey]+":1" {
		t.Errorf("partialFingerprints = %v", fp)
	}

	mod := byMsg["versioning of module.logs.aws_s3_bucket.this is Suspended"]
	if mod.Level != "warning" || mod.BaselineState != "new" || mod.Locations[0].PhysicalLocation.ArtifactLocation.URI != "modules/logs/main.tf" {
		t.Errorf("module result = %+v", mod)
	}
	if len(mod.RelatedLocations) != 1 || *mod.RelatedLocations[0].ID != 1 ||
		mod.RelatedLocations[0].PhysicalLocation.ArtifactLocation.URI != "main.tf" ||
		strings.TrimSuffix(mod.RelatedLocations[0].Message.Text, ".") != "via module.logs" {
		t.Errorf("related locations = %+v", mod.RelatedLocations)
	}

	unknown := byMsg["could not evaluate aws-ec2-open-ingress: var.ingress_cidr has no value"]
	if unknown.Kind != "open" || unknown.Level != "none" {
		t.Errorf("unknown result kind %q level %q, want open/none", unknown.Kind, unknown.Level)
	}

	sup := byMsg["versioning of Bucket is not enabled"]
	if len(sup.Suppressions) != 1 || sup.Suppressions[0].Kind != "inSource" || sup.Suppressions[0].Justification != "archive bucket, written once" ||
		sup.Suppressions[0].Location.PhysicalLocation.Region.StartLine != 7 {
		t.Errorf("suppressions = %+v", sup.Suppressions)
	}

	fileLevel := byMsg["the account has no password policy"]
	if r := fileLevel.Locations[0].PhysicalLocation.Region; *r != (region{StartLine: 1}) || fileLevel.Level != "note" {
		t.Errorf("file-level result region %+v level %s", *r, fileLevel.Level)
	}

	notes := run.Invocations[0].Notifications
	var got []string
	for _, n := range notes {
		s := n.Level + " " + n.Descriptor.ID
		if len(n.Locations) > 0 {
			s += " " + n.Locations[0].PhysicalLocation.ArtifactLocation.URI
		}
		got = append(got, s)
	}
	want := "error internal-error|error parse-error broken.tf|note remote-module-not-downloaded main.tf|warning unknown-property template.yaml"
	if strings.Join(got, "|") != want {
		t.Errorf("notifications:\n got %s\nwant %s", strings.Join(got, "|"), want)
	}
}

func TestUnknownAndSuppressedHiddenByDefault(t *testing.T) {
	dir := project(t)
	d := decode(t, write(t, findingtest.Rules(), findingtest.Findings(dir), nil, baseOptions(dir)))
	for _, r := range d.Runs[0].Results {
		if r.Kind != "fail" || len(r.Suppressions) > 0 {
			t.Errorf("result %q (kind %s) reported without --show-unknown/--include-suppressed", r.Message.Text, r.Kind)
		}
	}
	if n := len(d.Runs[0].Results); n != 4 {
		t.Errorf("%d results, want 4", n)
	}
}

func TestTruncation(t *testing.T) {
	dir := project(t)
	opts := baseOptions(dir)
	opts.MaxResults = 2
	opts.ShowUnknown = true
	data := write(t, findingtest.Rules(), findingtest.Findings(dir), nil, opts)
	sariftest.Validate(t, data)
	d := decode(t, data)
	res := d.Runs[0].Results
	if len(res) != 2 {
		t.Fatalf("%d results, want 2", len(res))
	}
	// The two high findings are kept; the critical unknown, the medium and
	// the low ones are dropped.
	for _, r := range res {
		if r.RuleID != "aws-kms-rotation-disabled" {
			t.Errorf("kept %s, want only the high findings", r.RuleID)
		}
	}
	notes := d.Runs[0].Invocations[0].Notifications
	if len(notes) != 1 || notes[0].Descriptor.ID != "results-truncated" || notes[0].Level != "warning" ||
		!strings.Contains(notes[0].Message.Text, "3 results were left out, the least severe first") {
		t.Errorf("notifications = %+v", notes)
	}
}

func TestDeterministic(t *testing.T) {
	dir := project(t)
	opts := baseOptions(dir)
	opts.ShowUnknown, opts.IncludeSuppressed = true, true
	want := write(t, findingtest.Rules(), findingtest.Findings(dir), findingtest.Diagnostics(dir), opts)
	r := rand.New(rand.NewSource(1))
	for i := 0; i < 20; i++ {
		rs, fs, ds := findingtest.Rules(), findingtest.Findings(dir), findingtest.Diagnostics(dir)
		r.Shuffle(len(rs), func(i, j int) { rs[i], rs[j] = rs[j], rs[i] })
		r.Shuffle(len(fs), func(i, j int) { fs[i], fs[j] = fs[j], fs[i] })
		r.Shuffle(len(ds), func(i, j int) { ds[i], ds[j] = ds[j], ds[i] })
		if got := write(t, rs, fs, ds, opts); !bytes.Equal(got, want) {
			t.Fatalf("output depends on input order")
		}
	}
}

// TestFingerprintSurvivesEdits: lines inserted above a finding move its
// region but not its fingerprints.
func TestFingerprintSurvivesEdits(t *testing.T) {
	dir := project(t)
	fs := findingtest.Findings(dir)[1:2]
	before := decode(t, write(t, findingtest.Rules(), fs, nil, baseOptions(dir))).Runs[0].Results[0]
	fs[0].Loc.Range.Start.Line += 5
	fs[0].Loc.Range.End.Line += 5
	after := decode(t, write(t, findingtest.Rules(), fs, nil, baseOptions(dir))).Runs[0].Results[0]
	if before.Locations[0].PhysicalLocation.Region.StartLine == after.Locations[0].PhysicalLocation.Region.StartLine {
		t.Fatal("region did not move")
	}
	for k, v := range before.PartialFingerprints {
		if after.PartialFingerprints[k] != v {
			t.Errorf("partialFingerprints[%s] changed: %s -> %s", k, v, after.PartialFingerprints[k])
		}
	}
}

// TestDuplicateFingerprints: two results with the same fingerprint get
// distinct primaryLocationLineHash occurrences, as GitHub expects.
func TestDuplicateFingerprints(t *testing.T) {
	dir := project(t)
	f := findingtest.Findings(dir)[1]
	g := f
	g.Message = "another message"
	g.Loc.Range.Start.Column = 2
	res := decode(t, write(t, findingtest.Rules(), []rules.Finding{f, g}, nil, baseOptions(dir))).Runs[0].Results
	if res[0].PartialFingerprints[gitHubFingerprintKey] == res[1].PartialFingerprints[gitHubFingerprintKey] {
		t.Errorf("duplicate primaryLocationLineHash %s", res[0].PartialFingerprints[gitHubFingerprintKey])
	}
}

func TestURIs(t *testing.T) {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	// Relative paths are relative to the working directory.
	parent := filepath.ToSlash(filepath.Dir(wd))
	tests := []struct {
		base, file string
		want       artifactLocation
	}{
		{"/repo", "/repo/a/b.tf", artifactLocation{URI: "a/b.tf", URIBaseID: "%SRCROOT%"}},
		{".", "a/b.tf", artifactLocation{URI: "a/b.tf", URIBaseID: "%SRCROOT%"}},
		{".", "./a/../c d.tf", artifactLocation{URI: "c%20d.tf", URIBaseID: "%SRCROOT%"}},
		{"..", "a/b.tf", artifactLocation{URI: "sarif/a/b.tf", URIBaseID: "%SRCROOT%"}},
		{".", "../x.tf", artifactLocation{URI: "file://" + parent + "/x.tf"}},
		{"/repo", "/elsewhere/x.tf", artifactLocation{URI: "file:///elsewhere/x.tf"}},
		{"/repo", "/repo/100%#.tf", artifactLocation{URI: "100%25%23.tf", URIBaseID: "%SRCROOT%"}},
		{"/repo", "/repo/..data/x.tf", artifactLocation{URI: "..data/x.tf", URIBaseID: "%SRCROOT%"}},
		{"/repo", "/repo/a:b.tf", artifactLocation{URI: "a%3Ab.tf", URIBaseID: "%SRCROOT%"}},
		{"/repo", "/repo/d:1/a:b.tf", artifactLocation{URI: "d%3A1/a:b.tf", URIBaseID: "%SRCROOT%"}},
	}
	for _, tt := range tests {
		f := rules.Finding{RuleID: "aws-kms-rotation-disabled", Severity: rules.High, Status: rules.Failed, Message: "m",
			Loc: graph.Loc{Range: findingtest.Range(filepath.FromSlash(tt.file), 1, 1, 1, 2)}}
		data := write(t, findingtest.Rules(), []rules.Finding{f}, nil, sarif.Options{BaseDir: filepath.FromSlash(tt.base)})
		sariftest.Validate(t, data)
		got := decode(t, data).Runs[0].Results[0].Locations[0].PhysicalLocation.ArtifactLocation
		if got != tt.want {
			t.Errorf("base %q, file %q: artifactLocation %+v, want %+v", tt.base, tt.file, got, tt.want)
		}
	}
}

// TestOddFindings: parts a front end may leave empty still give a log
// GitHub accepts.
func TestOddFindings(t *testing.T) {
	dir := project(t)
	opts := baseOptions(dir)
	opts.IncludeSuppressed, opts.ShowUnknown = true, true
	res := decode(t, write(t, findingtest.Rules(), oddFindings(dir), nil, opts)).Runs[0].Results
	if len(res) != 3 {
		t.Fatalf("%d results, want 3", len(res))
	}
	r := res[0]
	if r.Message.Text != "S3 bucket versioning is not enabled" {
		t.Errorf("empty message became %q, want the rule's title", r.Message.Text)
	}
	if len(r.RelatedLocations) != 0 {
		t.Errorf("related location without a position written: %+v", r.RelatedLocations)
	}
	if len(r.Suppressions) != 1 || r.Suppressions[0].Location == nil ||
		r.Suppressions[0].Location.PhysicalLocation.ArtifactLocation.URI != "main.tf" {
		t.Errorf("suppression without a position: %+v", r.Suppressions)
	}
	ins := res[1].Fixes[0].ArtifactChanges[0].Replacements[0]
	// An insertion deletes nothing: its region is empty (end == start).
	if ins.DeletedRegion != (region{StartLine: 7, StartColumn: 3, EndLine: 7, EndColumn: 3}) || ins.InsertedContent.Text != "enable_key_rotation = true\n  " {
		t.Errorf("insertion = %+v", ins)
	}
}

// TestSizeLimit: a log over the compressed size limit is cut down to it by
// leaving out the least severe results, with a notification saying so.
func TestSizeLimit(t *testing.T) {
	dir := project(t)
	// Random text, so that compression cannot hide the size.
	fs := randomTextFindings(dir, 2000)
	opts := baseOptions(dir)
	opts.MaxGzipBytes = 100 << 10
	data := write(t, findingtest.Rules(), fs, nil, opts)
	sariftest.Validate(t, data)
	if size := gzipLen(t, data); size > opts.MaxGzipBytes {
		t.Errorf("compressed size %d over the limit %d", size, opts.MaxGzipBytes)
	}
	d := decode(t, data)
	res := d.Runs[0].Results
	if len(res) == 0 || len(res) >= len(fs) {
		t.Fatalf("%d results of %d kept", len(res), len(fs))
	}
	critical := 0
	for _, r := range res {
		if r.Level == "error" {
			critical++
		}
	}
	if critical != 200 {
		t.Errorf("%d critical results kept, want all 200 (the least severe go first)", critical)
	}
	notes := d.Runs[0].Invocations[0].Notifications
	if len(notes) != 1 || notes[0].Descriptor.ID != "results-truncated" ||
		!strings.Contains(notes[0].Message.Text, "results were left out, the least severe first") {
		t.Errorf("notifications = %+v", notes)
	}

	// Under the limit nothing is left out.
	opts.MaxGzipBytes = 0
	if n := len(decode(t, write(t, findingtest.Rules(), fs, nil, opts)).Runs[0].Results); n != len(fs) {
		t.Errorf("%d results under the default limit, want %d", n, len(fs))
	}
}

func gzipLen(t *testing.T, data []byte) int {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Len()
}

// TestRuleSeverityIsTheOneSeen: GitHub reads security-severity from the
// rule, not the result, so the rule carries the severity of most of its
// results (a configuration override shows there), and results of another
// severity carry their own.
func TestRuleSeverityIsTheOneSeen(t *testing.T) {
	rs := findingtest.Rules() // aws-ec2-open-ingress is critical by default
	mk := func(sev rules.Severity, line int) rules.Finding {
		return rules.Finding{RuleID: "aws-ec2-open-ingress", Severity: sev, Status: rules.Failed, Message: "open",
			Loc: graph.Loc{Range: findingtest.Range("/repo/main.tf", line, 1, line, 2)}}
	}
	tests := []struct {
		name       string
		fs         []rules.Finding
		level, sev string
	}{
		{"no findings: the rule's own", nil, "error", "9.5"},
		{"most findings medium (an override)", []rules.Finding{mk(rules.Medium, 1), mk(rules.Medium, 2), mk(rules.Critical, 3)}, "warning", "5.5"},
		{"a tie: the more severe", []rules.Finding{mk(rules.Low, 1), mk(rules.High, 2)}, "error", "8.0"},
	}
	for _, tt := range tests {
		log := decode(t, write(t, rs, tt.fs, nil, sarif.Options{BaseDir: "/repo"}))
		for _, d := range log.Runs[0].Tool.Driver.Rules {
			if d.ID != "aws-ec2-open-ingress" {
				continue
			}
			if got := d.Properties["security-severity"]; d.DefaultConfiguration.Level != tt.level || got != tt.sev {
				t.Errorf("%s: rule level %s, security-severity %v; want %s, %s", tt.name, d.DefaultConfiguration.Level, got, tt.level, tt.sev)
			}
		}
		for i, r := range log.Runs[0].Results {
			own := ""
			if r.Properties != nil {
				own = r.Properties.SecuritySeverity
			}
			want := tt.fs[i].Severity.Score() // the findings are in report order
			if want == tt.sev {
				want = ""
			}
			if own != want {
				t.Errorf("%s: result %d carries security-severity %q, want %q (rule %s)", tt.name, i, own, want, tt.sev)
			}
		}
	}
}
