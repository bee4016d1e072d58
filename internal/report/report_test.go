package report

import (
	"bytes"
	"encoding/json"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/rules"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func project(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("testdata", "project"))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

type writer func(w io.Writer, rs []*rules.Rule, fs []rules.Finding, diags []graph.Diagnostic, opts Options) error

func render(t *testing.T, write writer, fs []rules.Finding, diags []graph.Diagnostic, opts Options) string {
	t.Helper()
	var buf bytes.Buffer
	if err := write(&buf, testRules(), fs, diags, opts); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	golden := filepath.Join("testdata", name)
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
}

// TestGolden checks every format against checked-in output, with and
// without unknown and suppressed results.
func TestGolden(t *testing.T) {
	dir := project(t)
	fs := append(testFindings(dir), extraFindings(dir)...)
	formats := []struct {
		name  string
		write writer
	}{{"text", WriteText}, {"json", WriteJSON}, {"github", WriteGitHub}}
	for _, f := range formats {
		for _, all := range []bool{false, true} {
			name := "project." + f.name
			opts := Options{BaseDir: dir, FailOn: rules.High}
			if all {
				name = "project-all." + f.name
				opts.ShowUnknown, opts.IncludeSuppressed = true, true
			}
			t.Run(name, func(t *testing.T) {
				checkGolden(t, name, render(t, f.write, fs, testDiagnostics(dir), opts))
			})
		}
	}
}

func TestTextSourceAndCaret(t *testing.T) {
	dir := project(t)
	out := render(t, WriteText, extraFindings(dir), nil, Options{BaseDir: dir})
	wantTabs := "     3 | \t\tenabled = false # a tab-indented line\n" +
		"       | \t\t          ^^^^^\n"
	if !strings.Contains(out, wantTabs) {
		t.Errorf("tab-indented caret missing:\n%s", out)
	}
	// A range over several lines is marked to the end of its first line.
	if !strings.Contains(out, "     2 | \tx = {\n       | \t^^^^^\n") {
		t.Errorf("multi-line caret missing:\n%s", out)
	}
	// A file that cannot be read is listed without source.
	i := strings.Index(out, "in a file that is gone")
	j := strings.Index(out, "tabs.tf")
	if i < 0 || j < i || strings.Contains(out[i:j], "| ") {
		t.Errorf("unreadable file handled badly:\n%s", out)
	}
	if strings.Contains(out, "\033[") {
		t.Errorf("colour without Color")
	}
}

func TestTextColor(t *testing.T) {
	dir := project(t)
	out := render(t, WriteText, testFindings(dir), nil, Options{BaseDir: dir, Color: true})
	for _, want := range []string{ansiRed + "high    " + ansiReset, ansiBold + "main.tf" + ansiReset, ansiRed + "^^^^^" + ansiReset} {
		if !strings.Contains(out, want) {
			t.Errorf("coloured output lacks %q:\n%s", want, out)
		}
	}
}

func TestTextSummary(t *testing.T) {
	dir := project(t)
	tests := []struct {
		name string
		fs   []rules.Finding
		opts Options
		want []string
		not  []string
	}{
		{"clean", nil, Options{}, []string{"No findings.\n4 rules ran.\n"}, []string{"could not"}},
		{"counts", testFindings(dir), Options{BaseDir: dir, FailOn: rules.High},
			[]string{
				"4 findings: 2 high, 1 medium, 1 low\n",
				"4 rules ran; 2 at or above --fail-on high.\n",
				"1 check could not be evaluated before deployment (--show-unknown lists them).\n",
				"1 finding suppressed inline (--include-suppressed lists them).\n",
				"1 finding already in the baseline.\n",
			},
			[]string{"var.ingress_cidr", "suppressed:"}},
		{"listed", testFindings(dir), Options{BaseDir: dir, ShowUnknown: true, IncludeSuppressed: true},
			[]string{"unknown", "var.ingress_cidr has no value", "suppressed: archive bucket, written once",
				"1 check could not be evaluated before deployment.\n", "1 finding suppressed inline.\n"},
			[]string{"--show-unknown", "--include-suppressed"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := render(t, WriteText, tt.fs, nil, tt.opts)
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("missing %q in:\n%s", w, out)
				}
			}
			for _, w := range tt.not {
				if strings.Contains(out, w) {
					t.Errorf("unexpected %q in:\n%s", w, out)
				}
			}
		})
	}
}

func TestJSON(t *testing.T) {
	dir := project(t)
	out := render(t, WriteJSON, testFindings(dir), testDiagnostics(dir), Options{BaseDir: dir, FailOn: rules.Medium})
	var rep JSONReport
	dec := json.NewDecoder(strings.NewReader(out))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&rep); err != nil {
		t.Fatalf("JSON report does not match JSONReport: %v", err)
	}
	if rep.Version != JSONVersion || len(rep.Findings) != 4 || len(rep.Unknowns) != 0 || len(rep.Diagnostics) != 4 {
		t.Errorf("version %d, %d findings, %d unknowns, %d diagnostics; want 1, 4, 0, 4", rep.Version, len(rep.Findings), len(rep.Unknowns), len(rep.Diagnostics))
	}
	s := rep.Summary
	if s.Findings != 4 || s.BySeverity["high"] != 2 || s.BySeverity["critical"] != 0 || s.FailOn != "medium" || s.AtOrAboveFailOn != 3 ||
		s.Unknown != 1 || s.Suppressed != 1 || s.BaselineUnchanged != 1 || s.Diagnostics["error"] != 2 || s.Rules != 4 {
		t.Errorf("summary = %+v", s)
	}
	var kms *JSONFinding
	for i := range rep.Findings {
		if rep.Findings[i].Resource == "aws_kms_key.k" {
			kms = &rep.Findings[i]
		}
	}
	if kms == nil || kms.File != "main.tf" || kms.Line != 7 || kms.Column != 25 || kms.EndColumn != 30 ||
		kms.Attribute != "enable_key_rotation" || len(kms.Fingerprint) != 32 || kms.Fix == nil || kms.Fix.Edits[0].Text != "true" ||
		kms.Title != "KMS key rotation is not enabled" || kms.Status != "failed" {
		t.Errorf("kms finding = %+v", kms)
	}

	empty := render(t, WriteJSON, nil, nil, Options{})
	for _, want := range []string{`"findings": []`, `"unknowns": []`, `"diagnostics": []`, `"failOn": "none"`} {
		if !strings.Contains(empty, want) {
			t.Errorf("empty report lacks %s:\n%s", want, empty)
		}
	}
}

func TestGitHubEscaping(t *testing.T) {
	tests := []struct{ in, data, prop string }{
		{"plain", "plain", "plain"},
		{"50% off\r\nnext", "50%25 off%0D%0Anext", "50%25 off%0D%0Anext"},
		{"a:b,c", "a:b,c", "a%3Ab%2Cc"},
		{"%0A", "%250A", "%250A"},
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

func TestGitHub(t *testing.T) {
	dir := project(t)
	fs := testFindings(dir)
	fs[1].Message = "line one\nline two: 100%"
	out := render(t, WriteGitHub, fs, testDiagnostics(dir), Options{BaseDir: dir, ShowUnknown: true})
	for _, want := range []string{
		"::error file=main.tf,line=7,col=25,endLine=7,endColumn=29,title=aws-kms-rotation-disabled::KMS key rotation is not enabled: line one%0Aline two: 100%25\n",
		"::warning file=modules/logs/main.tf,line=8,col=14,endLine=8,endColumn=24,title=aws-s3-versioning-disabled::",
		"::notice file=template.yaml,title=aws-iam-password-policy-weak::",
		"::notice file=main.tf,line=12,col=19,endLine=12,endColumn=36,title=aws-ec2-open-ingress (could not evaluate)::",
		"::error file=broken.tf,line=3,col=1,endLine=3,endColumn=1,title=blindspot parse-error::unclosed block\n",
		"::error title=blindspot internal-error::no file at all\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in:\n%s", want, out)
		}
	}
	if strings.Contains(out, "unsupported-function") || strings.Contains(out, "archive bucket") {
		t.Errorf("debug diagnostic or suppressed finding annotated:\n%s", out)
	}
}
