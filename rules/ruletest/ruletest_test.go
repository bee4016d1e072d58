package ruletest

import (
	"context"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// testRule reports trails whose setting read by attr is off, with a fix
// writing fix; a rule for the harness's own fixtures.
func testRule(id string, attr func(*aws.Trail) aws.Bool, fix string) *rules.Rule {
	return &rules.Rule{
		ID:          id,
		Title:       "test rule",
		Severity:    rules.Low,
		Description: "A rule for the fixture runner's own tests.",
		Remediation: rules.Remediation{
			Text: "Turn it on.",
			Terraform: `resource "aws_cloudtrail" "this" {
  name                       = "trail"
  s3_bucket_name             = aws_s3_bucket.logs.id
  is_multi_region_trail      = true
  enable_log_file_validation = true
}`,
			CloudFormation: `Trail:
  Type: AWS::CloudTrail::Trail
  Properties:
    IsLogging: true
    S3BucketName: !Ref Logs
    IsMultiRegionTrail: true
    EnableLogFileValidation: true`,
		},
		References: []string{"https://example.com"},
		Precision:  "high",
		Check: func(p *rules.Pass) {
			for _, t := range p.AWS.CloudTrail.Trails {
				a := attr(t)
				if f := p.ReportIf(aws.IsTrue(a).Not(), a, "CloudTrail trail %s records only its own region", t.Resource.Address); f != nil {
					rules.FixLiteral(f, a.At, a.Set, "Turn it on", fix)
				}
			}
		},
	}
}

var (
	singleRegion = testRule("aws-test-single-region", func(t *aws.Trail) aws.Bool { return t.MultiRegion }, "true")
	noValidation = testRule("aws-test-no-validation", func(t *aws.Trail) aws.Bool { return t.LogValidation }, "true")
	// badFix offers a fix that does not fix.
	badFix = testRule("aws-test-bad-fix", func(t *aws.Trail) aws.Bool { return t.MultiRegion }, `"false"`)
)

// runSuite checks the fixtures of rs under root and returns the problems
// of each subtest ("" for those of the suite as a whole). With update, it
// writes the golden files.
func runSuite(t *testing.T, root string, rs []*rules.Rule, update bool) map[string][]string {
	t.Helper()
	s := &suite{root: root, rules: rs, update: update}
	fixtures, problems := s.plan()
	out := map[string][]string{"": problems}
	for _, f := range fixtures {
		o := s.check(context.Background(), f)
		out[f.name] = o.problems
		for _, l := range o.logs {
			t.Logf("%s: %s", f.name, l)
		}
	}
	return out
}

// TestPassingFixtures runs the harness end to end on fixtures that are
// right: markers with and without message patterns, several results on a
// line, JSON pointers, a shared fixture, exemptions, fixes with golden
// files, remediation snippets.
func TestPassingFixtures(t *testing.T) {
	got := runSuite(t, filepath.Join("testdata", "passing"), []*rules.Rule{singleRegion, noValidation}, *update)
	var names []string
	for name, problems := range got {
		names = append(names, name)
		for _, p := range problems {
			t.Errorf("%s: %s", name, p)
		}
	}
	slices.Sort(names)
	want := []string{"",
		"aws-test-no-validation/bad.tf", "aws-test-no-validation/remediation.tf", "aws-test-no-validation/remediation.yaml",
		"aws-test-single-region/bad.json", "aws-test-single-region/bad.tf", "aws-test-single-region/bad.yaml",
		"aws-test-single-region/good.tf", "aws-test-single-region/remediation.tf", "aws-test-single-region/remediation.yaml",
		"aws-test-single-region/unknown.tf", "aws-test-single-region/unknown.yaml", "shared/trails.yaml"}
	if !slices.Equal(names, want) {
		t.Errorf("fixtures checked:\n got %q\nwant %q", names, want)
	}
}

// TestFailingFixturesReported checks that each kind of mistake in a
// fixture, and each rule whose fix does not fix, is reported.
func TestFailingFixturesReported(t *testing.T) {
	// The failing fixtures' golden files are wrong on purpose: never update.
	got := runSuite(t, filepath.Join("testdata", "failing"), []*rules.Rule{singleRegion, badFix}, false)
	dir := filepath.Join("testdata", "failing")
	want := map[string][]string{
		"": {
			filepath.Join(dir, "aws-test-removed") + " is the fixture directory of no rule given to RunAll",
			filepath.Join(dir, "aws-test-single-region", "typo.tf") + ": fixture names start with bad, good or unknown",
			"rule aws-test-single-region has no good terraform fixture",
			"rule aws-test-single-region has no unknown cloudformation fixture",
			"rule aws-test-bad-fix has no good cloudformation fixture",
		},
		"aws-test-single-region/bad_unmarked.tf": {"unexpected result " + filepath.Join(dir, "aws-test-single-region", "bad_unmarked.tf") + ":4: failed aws-test-single-region"},
		"aws-test-single-region/bad_pattern.tf": {
			"unexpected result " + filepath.Join(dir, "aws-test-single-region", "bad_pattern.tf") + ":4: failed",
			`bad_pattern.tf:4: no failed result of aws-test-single-region matching "every region"`,
		},
		"aws-test-single-region/bad_golden.tf":      {"the fixed file differs from " + filepath.Join(dir, "aws-test-single-region", "bad_golden.tf.golden")},
		"aws-test-single-region/bad_no_golden.yaml": {"have no golden file", "run go test with -update"},
		"aws-test-single-region/good.yaml":          {"no fix applies to", "remove it"},
		"aws-test-single-region/unknown.tf": {
			"unexpected result",
			"no undetermined result of aws-test-single-region",
			"unknown fixture " + filepath.Join(dir, "aws-test-single-region", "unknown.tf") + " must produce undetermined results and no finding",
		},
		"aws-test-single-region/bad_other_rule.tf":  {"expectations name aws-test-elsewhere, which is not among the rules checked"},
		"aws-test-single-region/bad_pointer.json":   {`"/Resources/Regional/Properties/Missing" points at nothing`},
		"aws-test-single-region/bad_broken_note.tf": {"the fixes now clear every finding; remove the broken-fix note"},
		"aws-test-bad-fix/bad.tf":                   {"the fix did not clear the result: " + filepath.Join(dir, "aws-test-bad-fix", "bad.tf") + ":4:"},
	}
	for name, subs := range want {
		problems, ok := got[name]
		if !ok {
			t.Errorf("no subtest %s", name)
			continue
		}
		for _, sub := range subs {
			if !slices.ContainsFunc(problems, func(p string) bool { return strings.Contains(p, sub) }) {
				t.Errorf("%s: no problem containing %q in:\n%s", name, sub, strings.Join(problems, "\n"))
			}
		}
	}
	for name, problems := range got {
		if _, ok := want[name]; !ok && len(problems) > 0 && !strings.HasSuffix(name, "remediation.tf") && !strings.HasSuffix(name, "remediation.yaml") {
			t.Errorf("%s: unexpected problems:\n%s", name, strings.Join(problems, "\n"))
		}
	}
}

func TestParseMarkers(t *testing.T) {
	tests := []struct {
		line   string
		args   []string
		want   []string // status rule /pattern/
		broken string
		err    string
	}{
		{line: `  enabled = false # want: aws-a`, want: []string{"failed aws-a //"}},
		{line: `  enabled = false // want: aws-a aws-b`, want: []string{"failed aws-a //", "failed aws-b //"}},
		{line: `x # want: aws-a "is (off|disabled)" aws-a`, want: []string{"failed aws-a /is (off|disabled)/", "failed aws-a //"}},
		{line: "x # unknown: aws-a `var\\.x`", want: []string{`undetermined aws-a /var\.x/`}},
		{line: `x # want: aws-a # unknown: aws-b "y"`, want: []string{"failed aws-a //", "undetermined aws-b /y/"}},
		{line: `x # want: aws-a -- the split resource`, want: []string{"failed aws-a //"}},
		{line: `# args: --var a=b --parameter C=d`, args: []string{"--var", "a=b", "--parameter", "C=d"}},
		{line: `# broken-fix: the range is wrong`, broken: "the range is wrong"},
		{line: `x = "#not a marker"`},
		{line: `x # want: "no id"`, err: "follows no rule ID"},
		{line: `x # want: aws-a "unclosed`, err: "bad message pattern"},
		{line: `x # want: aws-a "(" `, err: "missing closing )"},
		{line: `x # want: aws-a "a" "b"`, err: "follows no rule ID"},
		{line: `# broken-fix:`, err: "needs the reason"},
	}
	for _, tt := range tests {
		args, xs, broken, err := parseMarkers(tt.line)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%q: error %v, want %q", tt.line, err, tt.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%q: %v", tt.line, err)
			continue
		}
		var got []string
		for _, x := range xs {
			p := ""
			if x.pattern != nil {
				p = x.pattern.String()
			}
			got = append(got, x.status.String()+" "+x.rule+" /"+p+"/")
		}
		if !slices.Equal(got, tt.want) || !slices.Equal(args, tt.args) || broken != tt.broken {
			t.Errorf("%q: got %q %q %q, want %q %q %q", tt.line, got, args, broken, tt.want, tt.args, tt.broken)
		}
	}
}

func TestJSONLines(t *testing.T) {
	doc := `{
  "Resources": {
    "A/B": {"Type": "T",
      "List": [
        1,
        {"x~y": 2}
      ]
    }
  }
}`
	lines, err := jsonLines([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{
		"": 1, "/Resources": 2, "/Resources/A~1B": 3, "/Resources/A~1B/Type": 3,
		"/Resources/A~1B/List": 4, "/Resources/A~1B/List/0": 5, "/Resources/A~1B/List/1": 6,
		"/Resources/A~1B/List/1/x~0y": 6,
	}
	for ptr, line := range want {
		if lines[ptr] != line {
			t.Errorf("line of %q = %d, want %d", ptr, lines[ptr], line)
		}
	}
	if len(lines) != len(want) {
		t.Errorf("lines = %v, want %v", lines, want)
	}
	if _, err := jsonLines([]byte(`{"a": [1,}`)); err == nil {
		t.Error("no error for invalid JSON")
	}
}

func TestMatch(t *testing.T) {
	exp := func(line int, status rules.Status, pattern string) expectation {
		x := expectation{file: "f", line: line, status: status, rule: "aws-a"}
		if pattern != "" {
			x.pattern = regexp.MustCompile(pattern)
		}
		return x
	}
	res := func(line int, status rules.Status, msg string) result {
		return result{file: "f", line: line, status: status, rule: "aws-a", message: msg}
	}
	tests := []struct {
		name string
		exps []expectation
		got  []result
		want []string // problem prefixes
	}{
		{"exact", []expectation{exp(1, rules.Failed, "")}, []result{res(1, rules.Failed, "m")}, nil},
		{"pattern tried first", []expectation{exp(1, rules.Failed, ""), exp(1, rules.Failed, "^b")},
			[]result{res(1, rules.Failed, "b"), res(1, rules.Failed, "a")}, nil},
		{"count", []expectation{exp(1, rules.Failed, "")}, []result{res(1, rules.Failed, "m"), res(1, rules.Failed, "m")},
			[]string{"unexpected result f:1: failed aws-a: m"}},
		{"status", []expectation{exp(1, rules.Failed, "")}, []result{res(1, rules.Undetermined, "m")},
			[]string{"unexpected result f:1: undetermined", "f:1: no failed result of aws-a"}},
		{"line", []expectation{exp(2, rules.Failed, "")}, []result{res(1, rules.Failed, "m")},
			[]string{"unexpected result f:1:", "f:2: no failed result"}},
		{"message", []expectation{exp(1, rules.Failed, "x")}, []result{res(1, rules.Failed, "m")},
			[]string{"unexpected result", `f:1: no failed result of aws-a matching "x"`}},
	}
	for _, tt := range tests {
		got := match(tt.exps, tt.got)
		if len(got) != len(tt.want) {
			t.Errorf("%s: problems %q, want %d", tt.name, got, len(tt.want))
			continue
		}
		for i := range got {
			if !strings.HasPrefix(got[i], tt.want[i]) {
				t.Errorf("%s: problem %q, want prefix %q", tt.name, got[i], tt.want[i])
			}
		}
	}
}

func TestApplyEdits(t *testing.T) {
	at := func(l1, c1, l2, c2 int) graph.Range {
		return graph.Range{File: "f", Start: graph.Pos{Line: l1, Column: c1}, End: graph.Pos{Line: l2, Column: c2}}
	}
	data := []byte("a = false\nnamé = \"x\" # é\n")
	tests := []struct {
		name  string
		edits []rules.Edit
		want  string
		err   string
	}{
		{"replace", []rules.Edit{{Range: at(1, 5, 1, 10), Text: "true"}}, "a = true\nnamé = \"x\" # é\n", ""},
		{"characters, not bytes", []rules.Edit{{Range: at(2, 8, 2, 11), Text: `"y"`}}, "a = false\nnamé = \"y\" # é\n", ""},
		{"several, any order", []rules.Edit{{Range: at(2, 8, 2, 11), Text: "1"}, {Range: at(1, 1, 1, 2), Text: "b"}},
			"b = false\nnamé = 1 # é\n", ""},
		{"insert", []rules.Edit{{Range: at(1, 1, 1, 1), Text: "# x\n"}}, "# x\na = false\nnamé = \"x\" # é\n", ""},
		{"same edit twice", []rules.Edit{{Range: at(1, 5, 1, 10), Text: "true"}, {Range: at(1, 5, 1, 10), Text: "true"}},
			"a = true\nnamé = \"x\" # é\n", ""},
		{"overlap", []rules.Edit{{Range: at(1, 5, 1, 10), Text: "true"}, {Range: at(1, 1, 1, 6), Text: "b"}}, "", "overlap"},
		{"past the line", []rules.Edit{{Range: at(1, 5, 1, 20), Text: "x"}}, "", "column 20 is past the end of line 1"},
		{"past the file", []rules.Edit{{Range: at(9, 1, 9, 2), Text: "x"}}, "", "line 9 is past the end"},
	}
	for _, tt := range tests {
		got, err := applyEdits(data, tt.edits)
		switch {
		case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
			t.Errorf("%s: error %v, want %q", tt.name, err, tt.err)
		case tt.err == "" && err != nil:
			t.Errorf("%s: %v", tt.name, err)
		case tt.err == "" && string(got) != tt.want:
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestRemediationTemplate(t *testing.T) {
	if got := remediationTemplate("# CloudFormation cannot do this:\n# use the console"); got != "" {
		t.Errorf("comments only: got %q", got)
	}
	got := remediationTemplate("Key:\n  Type: AWS::KMS::Key\n\n  Properties: {}")
	if want := "Resources:\n  Key:\n    Type: AWS::KMS::Key\n\n    Properties: {}\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
