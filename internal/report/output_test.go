package report

import (
	"bytes"
	"encoding/json"
	"flag"
	"github.com/blindspot-iac/blindspot/internal/findingtest"
	"io"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/rules"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// project is the fixture project under testdata, absolute, as the command
// line passes BaseDir.
func project(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("testdata", "project"))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

type writer func(w io.Writer, rs []*rules.Rule, fs []rules.Finding, diags []graph.Diagnostic, opts Options) error

var formats = []struct {
	name  string
	write writer
}{{"text", WriteText}, {"json", WriteJSON}, {"github", WriteGitHub}, {"junit", WriteJUnit}, {"gitlab", writeGitLabForTest}, {"summary", writeSummaryForTest}}

func render(t *testing.T, write writer, fs []rules.Finding, diags []graph.Diagnostic, opts Options) string {
	t.Helper()
	var buf bytes.Buffer
	if err := write(&buf, findingtest.Rules(), fs, diags, opts); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// TestGolden checks each format on the fixture project (findings of every
// shape, with --show-unknown and --include-suppressed) against checked-in
// output, so that every change to the reports is reviewed.
func TestGolden(t *testing.T) {
	dir := project(t)
	fs := append(findingtest.Findings(dir), extraFindings(dir)...)
	opts := Options{BaseDir: dir, ShowUnknown: true, IncludeSuppressed: true, FailOn: rules.High}
	for _, f := range formats {
		t.Run(f.name, func(t *testing.T) {
			// Fingerprints are relative to BaseDir: the same wherever the
			// checkout is.
			got := render(t, f.write, fs, findingtest.Diagnostics(dir), opts)
			golden := filepath.Join("testdata", "project."+f.name)
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./internal/report -update)", err)
			}
			if got != string(want) {
				t.Errorf("output differs from %s (run go test ./internal/report -update and review the diff):\n%s", golden, got)
			}
		})
	}
}

// TestDeterministic: every format depends on the findings and diagnostics,
// not on their order.
func TestDeterministic(t *testing.T) {
	dir := project(t)
	opts := Options{BaseDir: dir, ShowUnknown: true, IncludeSuppressed: true}
	r := rand.New(rand.NewSource(1))
	for _, f := range formats {
		want := render(t, f.write, append(findingtest.Findings(dir), extraFindings(dir)...), findingtest.Diagnostics(dir), opts)
		for i := 0; i < 10; i++ {
			fs, ds := append(findingtest.Findings(dir), extraFindings(dir)...), findingtest.Diagnostics(dir)
			r.Shuffle(len(fs), func(i, j int) { fs[i], fs[j] = fs[j], fs[i] })
			r.Shuffle(len(ds), func(i, j int) { ds[i], ds[j] = ds[j], ds[i] })
			if got := render(t, f.write, fs, ds, opts); got != want {
				t.Fatalf("%s output depends on input order:\n%s\nvs\n%s", f.name, got, want)
			}
		}
	}
}

func TestTextExcerpts(t *testing.T) {
	dir := project(t)
	out := render(t, WriteText, append(findingtest.Findings(dir), extraFindings(dir)...), nil, Options{BaseDir: dir})
	for _, want := range []string{
		// The caret line repeats the line's tabs, so it lines up however
		// the terminal expands them.
		"    3 | \t\tenabled = false # a tab-indented line\n      | \t\t          ^^^^^\n",
		// A range over several lines is marked to the end of its first.
		"    2 | \tx = {\n      | \t^^^^^\n",
		// A finding about a whole file has no line and no excerpt.
		"template.yaml: low aws-iam-password-policy-weak: the account has no password policy\n",
		// Related locations: the module call.
		"    via module.logs: main.tf:1:1\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("text report lacks %q:\n%s", want, out)
		}
	}
	// A file that cannot be read is listed without an excerpt.
	i := strings.Index(out, "gone.tf:3:1:")
	if i < 0 {
		t.Fatalf("finding in an unreadable file missing:\n%s", out)
	}
	if rest := out[i:]; strings.Contains(rest[:strings.Index(rest, "\n\n")], " | ") {
		t.Errorf("excerpt shown for an unreadable file:\n%s", out)
	}
	// Grouped by file: each file's findings are together.
	if strings.Count(out, "\nmain.tf:") != 1 || strings.Count(out, "main.tf:7:25") != 1 {
		t.Errorf("findings not grouped by file:\n%s", out)
	}
}

func TestTextLongLineExcerpt(t *testing.T) {
	dir := t.TempDir()
	// A minified template: one long line, the finding far into it.
	line := `{"Resources":{` + strings.Repeat(`"B":{"Type":"AWS::S3::Bucket"},`, 40) + `"Key":{"Type":"AWS::KMS::Key","Properties":{"EnableKeyRotation":false}}}}`
	if err := os.WriteFile(filepath.Join(dir, "t.json"), []byte(line+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	col := strings.Index(line, "false") + 1
	f := rules.Finding{RuleID: "aws-kms-rotation-disabled", Severity: rules.High, Status: rules.Failed, Message: "m",
		Loc: graph.Loc{Range: findingtest.Range(filepath.Join(dir, "t.json"), 1, col, 1, col+5)}}
	out := render(t, WriteText, []rules.Finding{f}, nil, Options{BaseDir: dir})
	lines := strings.Split(out, "\n")
	src, carets := lines[1], lines[2]
	if n := len([]rune(src)); n > 8+maxExcerpt+2 {
		t.Errorf("excerpt of %d characters:\n%s", n, out)
	}
	if !strings.HasPrefix(src, "    1 | …") {
		t.Errorf("cut excerpt not marked: %q", src)
	}
	// The caret is under "false".
	at := strings.Index(carets, "^")
	if got := string([]rune(src)[len([]rune(carets[:at])):][:5]); got != "false" || !strings.HasSuffix(carets, "^^^^^") {
		t.Errorf("caret under %q, want false:\n%s\n%s", got, src, carets)
	}
}

func TestTextSuppressionExpiry(t *testing.T) {
	dir := project(t)
	out := render(t, WriteText, oddFindingsForJSON(dir), nil, Options{BaseDir: dir, IncludeSuppressed: true})
	if !strings.Contains(out, "main.tf:6:1: high aws-kms-rotation-disabled: m (suppressed until 2027-01-31: until the migration)\n") {
		t.Errorf("suppression expiry not shown:\n%s", out)
	}
}

func TestTextMultiLineMessage(t *testing.T) {
	dir := project(t)
	fs := findingtest.Findings(dir)[1:2]
	fs[0].Message = "first\nsecond\r\nthird"
	out := render(t, WriteText, fs, nil, Options{BaseDir: dir})
	if !strings.Contains(out, ": first\n    second\n    third\n") {
		t.Errorf("continuation lines not indented:\n%s", out)
	}
}

func TestTextSummaryCounts(t *testing.T) {
	dir := project(t)
	out := render(t, WriteText, findingtest.Findings(dir), findingtest.Diagnostics(dir), Options{BaseDir: dir})
	want := "4 findings (2 high, 1 medium, 1 low); 1 check could not be evaluated before deployment; --show-unknown lists them; 1 suppressed; 1 already in the baseline; 2 file errors (see stderr)\n" +
		"3 module calls (1 source) not downloaded: run terraform init, or --download-modules\n"
	if !strings.HasSuffix(out, want) {
		t.Errorf("summary:\n%s\nwant suffix %q", out, want)
	}
	if strings.Contains(out, "var.ingress_cidr") || strings.Contains(out, "(suppressed:") {
		t.Errorf("unknown or suppressed result listed without the options:\n%s", out)
	}
	out = render(t, WriteText, findingtest.Findings(dir), nil, Options{BaseDir: dir, FailOn: rules.High})
	if !strings.HasSuffix(out, "\n4 findings (2 high, 1 medium, 1 low); 2 at or above --fail-on high; 1 check could not be evaluated before deployment; --show-unknown lists them; 1 suppressed; 1 already in the baseline\n") {
		t.Errorf("summary with --fail-on high:\n%s", out)
	}
	if got := render(t, WriteText, nil, nil, Options{}); got != "no findings\n" {
		t.Errorf("clean scan: %q", got)
	}
}

func TestJSONShape(t *testing.T) {
	dir := project(t)
	out := render(t, WriteJSON, findingtest.Findings(dir), findingtest.Diagnostics(dir), Options{BaseDir: dir, ShowUnknown: true})
	var rep JSONReport
	dec := json.NewDecoder(strings.NewReader(out))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&rep); err != nil {
		t.Fatalf("JSON report does not match JSONReport: %v", err)
	}
	if rep.Version != JSONVersion || len(rep.Findings) != 4 || len(rep.Unknowns) != 1 || len(rep.Diagnostics) != 4 {
		t.Errorf("version %d, %d findings, %d unknowns, %d diagnostics; want 1, 4, 1, 4",
			rep.Version, len(rep.Findings), len(rep.Unknowns), len(rep.Diagnostics))
	}
	s := rep.Summary
	if s.Findings != 4 || s.BySeverity["high"] != 2 || s.BySeverity["critical"] != 0 || s.Undetermined != 1 ||
		s.Suppressed != 1 || s.BaselineUnchanged != 1 || s.Errors != 2 || s.Warnings != 1 {
		t.Errorf("summary = %+v", s)
	}
	var kms *JSONFinding
	for i := range rep.Findings {
		if rep.Findings[i].Resource == "aws_kms_key.k" {
			kms = &rep.Findings[i]
		}
	}
	if kms == nil || kms.File != "main.tf" || kms.Line != 7 || kms.Column != 25 || kms.EndColumn != 30 ||
		kms.Attribute != "enable_key_rotation" || len(kms.Fingerprint) != 32 || kms.BaselineState != "unchanged" ||
		kms.Title != "KMS key rotation is not enabled" ||
		kms.Fix == nil || kms.Fix.Description != "Enable key rotation" || len(kms.Fix.Edits) != 1 ||
		kms.Fix.Edits[0] != (JSONEdit{JSONLocation{File: "main.tf", Line: 7, Column: 25, EndLine: 7, EndColumn: 30}, "true"}) {
		t.Errorf("kms finding = %+v", kms)
	}
	if u := rep.Unknowns[0]; u.RuleID != "aws-ec2-open-ingress" || !strings.Contains(u.Message, "var.ingress_cidr has no value") {
		t.Errorf("unknown = %+v", u)
	}

	empty := render(t, WriteJSON, nil, nil, Options{})
	for _, want := range []string{`"findings": []`, `"unknowns": []`, `"diagnostics": []`} {
		if !strings.Contains(empty, want) {
			t.Errorf("empty report lacks %s:\n%s", want, empty)
		}
	}
}

func TestGitHubAnnotations(t *testing.T) {
	dir := project(t)
	fs := append(findingtest.Findings(dir), extraFindings(dir)...)
	fs[1].Message = "line one\r\nline two: 100%"
	out := render(t, WriteGitHub, fs, findingtest.Diagnostics(dir), Options{BaseDir: dir, ShowUnknown: true, IncludeSuppressed: true})
	for _, want := range []string{
		"::error file=main.tf,line=7,col=25,endLine=7,endColumn=30,title=aws-kms-rotation-disabled%3A KMS key rotation is not enabled::line one%0D%0Aline two: 100%25\n",
		"::warning file=modules/logs/main.tf,line=8,col=14,endLine=8,endColumn=25,title=aws-s3-versioning-disabled%3A S3 bucket versioning is not enabled::",
		// A range over lines carries no columns: the runner would drop them.
		"::warning file=tabs.tf,line=2,endLine=4,title=",
		// A file-level finding names only the file.
		"::notice file=template.yaml,title=aws-iam-password-policy-weak%3A IAM password policy is weak::",
		"::notice file=main.tf,line=12,col=19,endLine=12,endColumn=37,title=aws-ec2-open-ingress%3A Security group allows ingress from the internet::",
		"::error file=broken.tf,line=3,col=1,endLine=3,endColumn=2,title=blindspot parse-error::unclosed block\n",
		"::error title=blindspot internal-error::no file at all\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in:\n%s", want, out)
		}
	}
	// Errors first (files that could not be read, then critical and high
	// findings), warnings about the input last: GitHub shows only the
	// first ten annotations of each kind in a step.
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	var order []string
	for _, line := range lines {
		switch {
		case strings.Contains(line, "title=blindspot internal-error"), strings.Contains(line, "title=blindspot parse-error"):
			order = append(order, "error diagnostic")
		case strings.HasPrefix(line, "::error "):
			order = append(order, "error finding")
		case strings.Contains(line, "title=blindspot unknown-property"):
			order = append(order, "warning diagnostic")
		case strings.HasPrefix(line, "::"):
			order = append(order, "other finding")
		}
	}
	want := []string{"error diagnostic", "error diagnostic", "error finding", "error finding"}
	if len(order) < 5 || strings.Join(order[:4], ",") != strings.Join(want, ",") || order[len(order)-1] != "warning diagnostic" {
		t.Errorf("annotation order %v: want error diagnostics, then high findings, ..., warning diagnostics last\n%s", order, out)
	}
	if !strings.HasPrefix(lines[2], "::error file=main.tf,line=7,") {
		t.Errorf("the first finding annotated is not the first high finding: %s", lines[2])
	}
	if !strings.HasSuffix(out, "\nblindspot: 7 findings (2 high, 4 medium, 1 low); 1 check could not be evaluated before deployment; 1 suppressed; 1 already in the baseline; 2 file errors (see stderr)\n") {
		t.Errorf("summary line missing:\n%s", out)
	}
	for _, not := range []string{"unsupported-function", "Bucket is not enabled", "remote-module-not-downloaded"} {
		if strings.Contains(out, not) {
			t.Errorf("%q annotated (debug and note diagnostics and suppressed findings are not):\n%s", not, out)
		}
	}
}

func TestGitHubEscaping(t *testing.T) {
	tests := []struct{ in, data, prop string }{
		{"plain", "plain", "plain"},
		{"50% off\r\nnext", "50%25 off%0D%0Anext", "50%25 off%0D%0Anext"},
		{"a:b,c", "a:b,c", "a%3Ab%2Cc"},
		{"%0A", "%250A", "%250A"},
		{"::error::x", "::error::x", "%3A%3Aerror%3A%3Ax"},
	}
	for _, tt := range tests {
		if got := escapeData(tt.in); got != tt.data {
			t.Errorf("escapeData(%q) = %q, want %q", tt.in, got, tt.data)
		}
		if got := escapeProperty(tt.in); got != tt.prop {
			t.Errorf("escapeProperty(%q) = %q, want %q", tt.in, got, tt.prop)
		}
	}
}

func TestDisplayPath(t *testing.T) {
	tests := []struct{ file, base, want string }{
		{"/repo/a/b.tf", "/repo", "a/b.tf"},
		{"/repo/..data/b.tf", "/repo", "..data/b.tf"},
		{"/elsewhere/b.tf", "/repo", "/elsewhere/b.tf"},
		{"", "/repo", ""},
		// A relative path is relative to the working directory.
		{"a/b.tf", ".", "a/b.tf"},
		{"a/b.tf", "", "a/b.tf"},
		{"a/b.tf", "..", "report/a/b.tf"},
	}
	for _, tt := range tests {
		if got := displayPath(filepath.FromSlash(tt.file), graph.NewPathBase(filepath.FromSlash(tt.base))); got != tt.want {
			t.Errorf("displayPath(%q, %q) = %q, want %q", tt.file, tt.base, got, tt.want)
		}
	}
}
