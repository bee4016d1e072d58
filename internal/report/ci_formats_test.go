package report

import (
	"bytes"
	"io"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/internal/findingtest"
	"github.com/blindspot-iac/blindspot/rules"
)

// The schemas of the CI formats, as published (see testdata/schemas/README.md
// for where they come from and their licences).
var (
	junitXSD     = filepath.Join("testdata", "schemas", "junit-10.xsd")
	gitlabSchema = filepath.Join("testdata", "schemas", "gitlab-sast-report-format-"+GitLabSchemaVersion+".json")
)

// testScan is the GitLab scan description the tests use: fixed times, so
// that the report is reproducible.
var testScan = GitLabScan{
	Version: "1.2.3", URL: "https://github.com/blindspot-iac/blindspot",
	Start: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), End: time.Date(2026, 1, 2, 3, 4, 9, 0, time.UTC),
	HelpURI: func(id string) string {
		return "https://github.com/blindspot-iac/blindspot/blob/main/docs/rules/" + id + ".md"
	},
}

func writeGitLabForTest(w io.Writer, rs []*rules.Rule, fs []rules.Finding, diags []graph.Diagnostic, opts Options) error {
	return WriteGitLab(w, rs, fs, diags, opts, testScan)
}

func loadXSD(t *testing.T) *xsdSchema {
	t.Helper()
	data, err := os.ReadFile(junitXSD)
	if err != nil {
		t.Fatal(err)
	}
	s, err := compileXSD(data)
	if err != nil {
		t.Fatalf("%s: %v", junitXSD, err)
	}
	return s
}

func loadGitLabSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	s, err := c.Compile(gitlabSchema)
	if err != nil {
		t.Fatalf("%s: %v", gitlabSchema, err)
	}
	return s
}

// validateJUnit checks a JUnit report against the published schema with
// the validator of xsd_test.go (TestJUnitXmllint cross-checks it with
// libxml2).
func validateJUnit(t *testing.T, s *xsdSchema, name string, data []byte) {
	t.Helper()
	if err := s.validate(data); err != nil {
		t.Fatalf("%s does not match %s: %v\n%s", name, junitXSD, err, data)
	}
}

func validateGitLab(t *testing.T, s *jsonschema.Schema, name string, data []byte) {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if err := s.Validate(inst); err != nil {
		t.Fatalf("%s does not match %s: %v\n%s", name, gitlabSchema, err, data)
	}
}

// TestCIFormatsMatchTheirSchemas validates the JUnit and GitLab reports of
// the fixture project (findings of every shape, every option) and of
// hostile random input against the published schemas.
func TestCIFormatsMatchTheirSchemas(t *testing.T) {
	xsd, gl := loadXSD(t), loadGitLabSchema(t)
	dir := project(t)
	fs := append(findingtest.Findings(dir), extraFindings(dir)...)
	for _, opts := range []Options{
		{BaseDir: dir},
		{BaseDir: dir, ShowUnknown: true, IncludeSuppressed: true},
	} {
		validateJUnit(t, xsd, "JUnit report", []byte(render(t, WriteJUnit, fs, findingtest.Diagnostics(dir), opts)))
		validateGitLab(t, gl, "GitLab report", []byte(render(t, writeGitLabForTest, fs, findingtest.Diagnostics(dir), opts)))
	}
	// A clean scan.
	validateJUnit(t, xsd, "empty JUnit report", []byte(render(t, WriteJUnit, nil, nil, Options{BaseDir: dir})))
	validateGitLab(t, gl, "empty GitLab report", []byte(render(t, writeGitLabForTest, nil, nil, Options{BaseDir: dir})))

	r := rand.New(rand.NewSource(15))
	ids := []string{"aws-s3-versioning-disabled", "aws-kms-rotation-disabled", "aws-ec2-open-ingress", "aws-unknown-rule"}
	for i := 0; i < 200; i++ {
		var fs []rules.Finding
		for j := r.Intn(6); j > 0; j-- {
			f := rules.Finding{
				RuleID: ids[r.Intn(len(ids))], Severity: rules.Severity(1 + r.Intn(4)), Status: rules.Status(1 + r.Intn(2)),
				Message: hostile(r), Loc: graph.Loc{Path: hostile(r), Range: hostileRange(r, dir)},
				Related: []rules.Related{{Loc: graph.Loc{Range: hostileRange(r, dir)}, Message: hostile(r)}},
			}
			if r.Intn(2) == 0 {
				f.Loc.Resource = &graph.Resource{Unit: dir, Address: hostile(r), Type: "aws_s3_bucket"}
			}
			if r.Intn(3) == 0 {
				f.Suppressed = &rules.Suppression{Justification: hostile(r)}
			}
			fs = append(fs, f)
		}
		ds := []graph.Diagnostic{{Severity: graph.DiagSeverity(1 + r.Intn(4)), Code: "parse-error", Message: hostile(r), Range: hostileRange(r, dir)}}
		opts := Options{BaseDir: dir, ShowUnknown: r.Intn(2) == 0, IncludeSuppressed: r.Intn(2) == 0}
		validateJUnit(t, xsd, "hostile JUnit report", []byte(render(t, WriteJUnit, fs, ds, opts)))
		validateGitLab(t, gl, "hostile GitLab report", []byte(render(t, writeGitLabForTest, fs, ds, opts)))
	}
}

// TestJUnitXmllint cross-checks the validator of xsd_test.go with libxml2
// on the fixture project's report. It skips when xmllint is not installed
// (Debian package libxml2-utils).
func TestJUnitXmllint(t *testing.T) {
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		t.Skip("xmllint not installed (apt-get install libxml2-utils)")
	}
	dir := project(t)
	fs := append(findingtest.Findings(dir), extraFindings(dir)...)
	report := filepath.Join(t.TempDir(), "junit.xml")
	data := render(t, WriteJUnit, fs, findingtest.Diagnostics(dir), Options{BaseDir: dir, ShowUnknown: true, IncludeSuppressed: true})
	if err := os.WriteFile(report, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(xmllint, "--noout", "--schema", junitXSD, report).CombinedOutput()
	if err != nil {
		t.Fatalf("xmllint: %v\n%s", err, out)
	}
}

// TestJUnitShape checks what CI systems show: one suite per rule, one case
// per rule and resource with a failure per finding, passing cases for rules
// without findings, and file errors as errors.
func TestJUnitShape(t *testing.T) {
	dir := project(t)
	res := &graph.Resource{Unit: dir, Type: "aws_s3_bucket", Address: "aws_s3_bucket.logs"}
	main := dir + "/main.tf"
	fs := []rules.Finding{
		{RuleID: "aws-s3-versioning-disabled", Severity: rules.Medium, Status: rules.Failed, Message: "versioning off", Loc: graph.Loc{Resource: res, Range: findingtest.Range(main, 3, 1, 3, 5)}},
		{RuleID: "aws-s3-versioning-disabled", Severity: rules.Medium, Status: rules.Failed, Message: "versioning suspended", Loc: graph.Loc{Resource: res, Path: "x", Range: findingtest.Range(main, 9, 1, 9, 5)}},
	}
	diags := []graph.Diagnostic{graph.Errorf(findingtest.Range(dir+"/broken.tf", 1, 1, 1, 2), "parse-error", "bad")}
	out := render(t, WriteJUnit, fs, diags, Options{BaseDir: dir})
	for _, want := range []string{
		`<testsuites name="blindspot" tests="5" failures="1" errors="1">`,
		`<testsuite name="aws-s3-versioning-disabled" tests="1" failures="1" errors="0" skipped="0">`,
		`<testcase name="aws_s3_bucket.logs (main.tf)" classname="aws-s3-versioning-disabled">`,
		`<failure message="versioning off" type="medium">main.tf:3:1: versioning off</failure>`,
		`<failure message="versioning suspended" type="medium">main.tf:9:1: versioning suspended</failure>`,
		`<testcase name="no findings" classname="aws-kms-rotation-disabled"></testcase>`,
		`<error message="bad" type="parse-error">broken.tf:1:1: bad</error>`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("JUnit report lacks %s:\n%s", want, out)
		}
	}
}

// TestXSDValidator checks that the validator rejects what the JUnit schema
// forbids, so that a passing validation means something.
func TestXSDValidator(t *testing.T) {
	s := loadXSD(t)
	tests := []struct {
		name, doc string
		ok        bool
	}{
		{"minimal", `<testsuites/>`, true},
		{"suite", `<testsuites><testsuite name="a" tests="1" failures="0" errors="0"><testcase name="c"/></testsuite></testsuites>`, true},
		{"failure with text", `<testsuite name="a" tests="1" failures="1" errors="0"><testcase name="c"><failure message="m">text</failure><system-out>o</system-out></testcase></testsuite>`, true},
		{"time pattern", `<testsuites time="1,234.5"/>`, true},
		{"bad time", `<testsuites time="soon"/>`, false},
		{"undeclared root", `<tests/>`, false},
		{"required attribute missing", `<testsuites><testsuite name="a" tests="1" failures="0"/></testsuites>`, false},
		{"undeclared attribute", `<testsuites><testsuite name="a" tests="1" failures="0" errors="0"><testcase name="c" file="x"/></testsuite></testsuites>`, false},
		{"undeclared child", `<testsuites><testsuite name="a" tests="1" failures="0" errors="0"><testcase name="c"><note/></testcase></testsuite></testsuites>`, false},
		{"text where not mixed", `<testsuites>text</testsuites>`, false},
		{"property without value", `<testsuite name="a" tests="1" failures="0" errors="0"><properties><property name="n"/></properties></testsuite>`, false},
		{"child of simple element", `<testsuite name="a" tests="0" failures="0" errors="0"><system-out><b/></system-out></testsuite>`, false},
		{"rerun without type", `<testsuite name="a" tests="1" failures="0" errors="0"><testcase name="c"><rerunFailure/></testcase></testsuite>`, false},
		{"rerun in order", `<testsuite name="a" tests="1" failures="0" errors="0"><testcase name="c"><rerunFailure type="t"><stackTrace>s</stackTrace><system-err>e</system-err></rerunFailure></testcase></testsuite>`, true},
		{"rerun out of order", `<testsuite name="a" tests="1" failures="0" errors="0"><testcase name="c"><rerunFailure type="t"><system-err>e</system-err><stackTrace>s</stackTrace></rerunFailure></testcase></testsuite>`, false},
	}
	for _, tt := range tests {
		err := s.validate([]byte(tt.doc))
		if (err == nil) != tt.ok {
			t.Errorf("%s: validate = %v, want ok=%v", tt.name, err, tt.ok)
		}
	}
	for _, bad := range []string{
		`<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:group name="g"/></xs:schema>`,
		`<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:element name="a"><xs:complexType><xs:all/></xs:complexType></xs:element></xs:schema>`,
		`<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:element name="a" type="xs:int"/></xs:schema>`,
		`<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:element name="a" nillable="true" type="xs:string"/></xs:schema>`,
	} {
		if _, err := compileXSD([]byte(bad)); err == nil {
			t.Errorf("compileXSD accepted a construct it does not implement:\n%s", bad)
		}
	}
}

func writeSummaryForTest(w io.Writer, rs []*rules.Rule, fs []rules.Finding, diags []graph.Diagnostic, opts Options) error {
	return WriteSummary(w, rs, fs, diags, opts, testScan.HelpURI)
}

// TestSummaryIsInert: whatever the scanned files put in messages, paths and
// codes, the Markdown summary's tables keep their columns and no HTML or
// Markdown of theirs gets through.
func TestSummaryIsInert(t *testing.T) {
	dir := project(t)
	r := rand.New(rand.NewSource(18))
	unescapedPipes := func(line string) int {
		n := 0
		for i := 0; i < len(line); i++ {
			switch line[i] {
			case '\\':
				i++
			case '|':
				n++
			}
		}
		return n
	}
	for i := 0; i < 300; i++ {
		var fs []rules.Finding
		for j := r.Intn(6); j > 0; j-- {
			fs = append(fs, rules.Finding{
				RuleID: "aws-s3-versioning-disabled", Severity: rules.Severity(1 + r.Intn(4)), Status: rules.Failed,
				Message: hostile(r) + "<img src=x>|*a*[l](http://x)`", Loc: graph.Loc{Range: hostileRange(r, dir)},
			})
		}
		ds := []graph.Diagnostic{{Severity: graph.Error, Code: "parse-error|<b>", Message: hostile(r) + "</table>", Range: hostileRange(r, dir)}}
		out := render(t, writeSummaryForTest, fs, ds, Options{BaseDir: dir})
		if strings.ContainsAny(out, "<>\r\x00\x1b") {
			t.Fatalf("summary lets markup or control characters through:\n%q", out)
		}
		for _, line := range strings.Split(out, "\n") {
			if strings.HasPrefix(line, "| ") && !strings.HasPrefix(line, "| Severity") && !strings.HasPrefix(line, "| ---") {
				if n := unescapedPipes(line); n != 5 && n != 3 {
					t.Fatalf("table row with %d cell separators: %q", n, line)
				}
			}
		}
	}
}
