package report

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/rules"
)

func fixture(t *testing.T) (dir string, fs []rules.Finding, diags []graph.Diagnostic) {
	t.Helper()
	dir = t.TempDir()
	src := "resource \"aws_s3_bucket_versioning\" \"v\" {\n\tversioning_configuration {\n\t\tstatus = \"Suspended\"\n\t}\n}\n"
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	// Paths are absolute, as they are when the user names the directory
	// scanned by its absolute path; BaseDir makes them relative.
	mainTF, otherTF, badTF := filepath.Join(dir, "main.tf"), filepath.Join(dir, "other.tf"), filepath.Join(dir, "bad.tf")
	res := &graph.Resource{Unit: dir, Address: "aws_s3_bucket_versioning.v", Type: "aws_s3_bucket_versioning"}
	fs = []rules.Finding{
		{RuleID: "aws-s3-versioning-disabled", Severity: rules.Medium, Status: rules.Failed, Message: "versioning is \"Suspended\"\nsecond line",
			Loc: graph.Loc{Resource: res, Path: "versioning_configuration.status", Range: graph.Range{File: mainTF, Start: graph.Pos{Line: 3, Column: 12}, End: graph.Pos{Line: 3, Column: 23}}}},
		{RuleID: "aws-ec2-open-ingress", Severity: rules.Critical, Status: rules.Undetermined, Message: "could not evaluate: var.cidr has no value",
			Loc: graph.Loc{Range: graph.Range{File: mainTF, Start: graph.Pos{Line: 1, Column: 1}, End: graph.Pos{Line: 1, Column: 10}}}},
		{RuleID: "aws-kms-rotation-disabled", Severity: rules.High, Status: rules.Failed, Message: "suppressed",
			Loc:        graph.Loc{Range: graph.Range{File: otherTF, Start: graph.Pos{Line: 2, Column: 1}}},
			Suppressed: &rules.Suppression{Justification: "test key"}},
	}
	diags = []graph.Diagnostic{graph.Errorf(graph.Range{File: badTF, Start: graph.Pos{Line: 4, Column: 2}}, "parse-error", "unexpected: token")}
	return dir, fs, diags
}

func TestText(t *testing.T) {
	dir, fs, diags := fixture(t)
	tests := []struct {
		name string
		opts Options
		want []string
		not  []string
	}{
		{"default", Options{BaseDir: dir}, []string{
			"main.tf:3:12: medium aws-s3-versioning-disabled: versioning is",
			"    3 | \t\tstatus = \"Suspended\"\n      | \t\t         ^^^^^^^^^^^\n",
			"1 finding (1 medium); 1 check could not be evaluated before deployment; --show-unknown lists them; 1 suppressed; 1 file error (see stderr)",
		}, []string{"\033[", "aws-ec2-open-ingress", "test key"}},
		{"unknown and suppressed", Options{BaseDir: dir, ShowUnknown: true, IncludeSuppressed: true}, []string{
			"main.tf:1:1: unknown aws-ec2-open-ingress: could not evaluate: var.cidr has no value",
			"other.tf:2:1: high aws-kms-rotation-disabled: suppressed (suppressed: test key)",
		}, nil},
		{"colour", Options{BaseDir: dir, Color: true}, []string{"\033[33mmedium\033[0m"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			t.Chdir(dir)
			if err := WriteText(&buf, nil, fs, diags, tt.opts); err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !strings.Contains(buf.String(), w) {
					t.Errorf("output lacks %q:\n%s", w, buf.String())
				}
			}
			for _, n := range tt.not {
				if strings.Contains(buf.String(), n) {
					t.Errorf("output has %q:\n%s", n, buf.String())
				}
			}
		})
	}
}

func TestJSON(t *testing.T) {
	dir, fs, diags := fixture(t)
	var buf bytes.Buffer
	if err := WriteJSON(&buf, []*rules.Rule{{ID: "aws-s3-versioning-disabled", Title: "S3 versioning"}}, fs, diags, Options{BaseDir: dir, ShowUnknown: true}); err != nil {
		t.Fatal(err)
	}
	var got JSONReport
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if got.Version != JSONVersion || len(got.Findings) != 1 || len(got.Unknowns) != 1 || len(got.Diagnostics) != 1 {
		t.Fatalf("report = %+v", got)
	}
	f := got.Findings[0]
	if f.Title != "S3 versioning" || f.Line != 3 || f.Column != 12 || f.EndColumn != 23 || f.Resource != "aws_s3_bucket_versioning.v" || f.Fingerprint == "" {
		t.Errorf("finding = %+v", f)
	}
	if got.Summary.Findings != 1 || got.Summary.Undetermined != 1 || got.Summary.Suppressed != 1 || got.Summary.Errors != 1 {
		t.Errorf("summary = %+v", got.Summary)
	}
}

func TestGitHub(t *testing.T) {
	dir, fs, diags := fixture(t)
	var buf bytes.Buffer
	if err := WriteGitHub(&buf, nil, fs, diags, Options{BaseDir: dir}); err != nil {
		t.Fatal(err)
	}
	want := "::error file=bad.tf,line=4,col=2,title=blindspot parse-error::unexpected: token\n" +
		"::warning file=main.tf,line=3,col=12,endLine=3,endColumn=23,title=aws-s3-versioning-disabled::versioning is \"Suspended\"%0Asecond line\n" +
		"blindspot: 1 finding (1 medium); 1 check could not be evaluated before deployment; --show-unknown lists them; 1 suppressed; 1 file error (see stderr)\n"
	if buf.String() != want {
		t.Errorf("got\n%s\nwant\n%s", buf.String(), want)
	}
	if got := escapeProperty("a:b,c%"); got != "a%3Ab%2Cc%25" {
		t.Errorf("escapeProperty = %s", got)
	}
}
