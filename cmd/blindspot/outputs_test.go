package main

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"

	"github.com/blindspot-iac/blindspot/internal/report"
	"github.com/blindspot-iac/blindspot/sarif/sariftest"
)

func TestParseOutputs(t *testing.T) {
	tests := []struct {
		name    string
		formats []string
		output  string
		want    []string // format:path ("" = stdout)
		wantErr string
	}{
		{"default text to stdout", nil, "", []string{"text:"}, ""},
		{"default text to --output", nil, "r.txt", []string{"text:r.txt"}, ""},
		{"one format to --output", []string{"sarif"}, "r.sarif", []string{"sarif:r.sarif"}, ""},
		{"case-insensitive", []string{"SARIF=r.sarif", "Text"}, "", []string{"sarif:r.sarif", "text:"}, ""},
		{"several with files", []string{"text", "sarif=results.sarif", "json=r.json"}, "", []string{"text:", "sarif:results.sarif", "json:r.json"}, ""},
		{"dash is stdout", []string{"github=-", "sarif=r.sarif"}, "", []string{"github:", "sarif:r.sarif"}, ""},
		{"--output for those without a file", []string{"sarif", "github=-"}, "r.sarif", []string{"sarif:r.sarif", "github:"}, ""},
		{"unknown", []string{"xml"}, "", nil, `unknown --format "xml"`},
		{"empty file", []string{"sarif="}, "", nil, "no file after '='"},
		{"two to stdout", []string{"text", "json"}, "", nil, "would both write to stdout"},
		{"two to one file", []string{"json=r", "sarif=./r"}, "", nil, "would both write to ./r"},
		{"two to --output", []string{"json", "sarif"}, "r", nil, "would both write to r"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			outs, err := parseOutputs(tt.formats, tt.output)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, o := range outs {
				got = append(got, o.format.name+":"+o.path)
			}
			if strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

// TestSeveralOutputs checks that one scan writes every report asked for,
// each the same as a scan writing that report alone.
func TestSeveralOutputs(t *testing.T) {
	inRepoRoot(t)
	dir := t.TempDir()
	sarifFile, jsonFile := filepath.Join(dir, "results.sarif"), filepath.Join(dir, "r.json")
	code, out, stderr := runCLI(t, "scan", "--format", "text", "--format", "sarif="+sarifFile, "-f", "JSON="+jsonFile, "examples/cloudformation")
	if code != exitFindings {
		t.Fatalf("exit %d; stderr:\n%s", code, stderr)
	}
	_, aloneText, _ := runCLI(t, "scan", "examples/cloudformation")
	if out != aloneText {
		t.Errorf("text on stdout differs from a text-only scan:\n%s\nwant:\n%s", out, aloneText)
	}
	data, err := os.ReadFile(sarifFile)
	if err != nil {
		t.Fatal(err)
	}
	sariftest.Validate(t, data)
	_, aloneSARIF, _ := runCLI(t, "scan", "--format", "sarif", "examples/cloudformation")
	if string(data) != aloneSARIF {
		t.Errorf("SARIF file differs from a SARIF-only scan")
	}
	data, err = os.ReadFile(jsonFile)
	if err != nil {
		t.Fatal(err)
	}
	var report struct{ Findings []json.RawMessage }
	if err := json.Unmarshal(data, &report); err != nil || len(report.Findings) == 0 {
		t.Errorf("JSON report: %v, %d findings", err, len(report.Findings))
	}
}

// TestOutputsWrittenAtOnce: the reports of one scan are written at the
// same time; each is the report a scan writing it alone writes.
func TestOutputsWrittenAtOnce(t *testing.T) {
	inRepoRoot(t)
	t.Setenv("SOURCE_DATE_EPOCH", "1700000000")
	dir := t.TempDir()
	formats := []string{"text", "json", "sarif", "github", "junit", "html", "summary", "gitlab"}
	args := []string{"scan", "--show-unknown", "--include-suppressed", "examples"}
	all := args
	for _, f := range formats {
		all = append(all, "--format", f+"="+filepath.Join(dir, f))
	}
	if code, _, stderr := runCLI(t, all...); code != exitFindings {
		t.Fatalf("exit %d; stderr:\n%s", code, stderr)
	}
	for _, f := range formats {
		data, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		if _, alone, _ := runCLI(t, append(args, "--format", f)...); string(data) != alone {
			t.Errorf("the %s report written with the others differs from the one written alone", f)
		}
	}
}

// TestOutputUnwritable checks that a report that cannot be written is an
// error (exit 2) that does not keep the other reports from being written.
func TestOutputUnwritable(t *testing.T) {
	inRepoRoot(t)
	dir := t.TempDir()
	good := filepath.Join(dir, "r.json")
	code, _, stderr := runCLI(t, "scan", "--format", "sarif="+filepath.Join(dir, "missing", "r.sarif"), "--format", "json="+good, "examples/cloudformation")
	if code != exitError || !strings.Contains(stderr, "writing the sarif report") {
		t.Errorf("exit %d, stderr %q; want 2 and the SARIF report named", code, stderr)
	}
	if _, err := os.Stat(good); err != nil {
		t.Errorf("the JSON report was not written: %v", err)
	}
}

// TestCIFormats runs the junit and gitlab formats on the examples: the
// GitLab report matches GitLab's published schema and is reproducible
// with SOURCE_DATE_EPOCH, and the JUnit report is well-formed XML with a
// failure per finding. (Both are validated against their schemas in
// internal/report.)
func TestCIFormats(t *testing.T) {
	inRepoRoot(t)
	t.Setenv("SOURCE_DATE_EPOCH", "1767225600")
	dir := t.TempDir()
	gl1, gl2, junit := filepath.Join(dir, "gl1.json"), filepath.Join(dir, "gl2.json"), filepath.Join(dir, "junit.xml")
	if code, _, stderr := runCLI(t, "scan", "--format", "gitlab="+gl1, "--format", "junit="+junit, "examples/cloudformation"); code != exitFindings {
		t.Fatalf("exit %d; stderr:\n%s", code, stderr)
	}
	runCLI(t, "scan", "--format", "gitlab="+gl2, "examples/cloudformation")
	a, _ := os.ReadFile(gl1)
	b, _ := os.ReadFile(gl2)
	if len(a) == 0 || !bytes.Equal(a, b) {
		t.Errorf("GitLab reports of two runs differ with SOURCE_DATE_EPOCH set")
	}
	if !bytes.Contains(a, []byte(`"start_time": "2026-01-01T00:00:00"`)) {
		t.Errorf("GitLab report does not take its time from SOURCE_DATE_EPOCH:\n%s", a)
	}
	schema, err := jsonschema.NewCompiler().Compile(filepath.Join("internal", "report", "testdata", "schemas", "gitlab-sast-report-format-"+report.GitLabSchemaVersion+".json"))
	if err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(a))
	if err != nil {
		t.Fatal(err)
	}
	if err := schema.Validate(inst); err != nil {
		t.Errorf("GitLab report: %v", err)
	}
	var gl struct{ Vulnerabilities []json.RawMessage }
	if err := json.Unmarshal(a, &gl); err != nil || len(gl.Vulnerabilities) == 0 {
		t.Errorf("GitLab report: %v, %d vulnerabilities", err, len(gl.Vulnerabilities))
	}

	data, err := os.ReadFile(junit)
	if err != nil {
		t.Fatal(err)
	}
	var suites struct {
		Failures int `xml:"failures,attr"`
	}
	if err := xml.Unmarshal(data, &suites); err != nil {
		t.Fatalf("JUnit report: %v", err)
	}
	if suites.Failures == 0 {
		t.Errorf("JUnit report has no failures:\n%s", data)
	}
}

// TestGitLabTemplate runs the scan command of the documented GitLab CI job
// (docs/ci/gitlab-ci.yml) as written, with its variables, on a copy of the
// examples, and checks that it writes the two reports the job uploads.
func TestGitLabTemplate(t *testing.T) {
	repo := exampleRepo(t)
	inRepoRoot(t)
	data, err := os.ReadFile(filepath.Join("docs", "ci", "gitlab-ci.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var job struct {
		Blindspot struct {
			Variables map[string]string
			Script    []string
			Artifacts struct {
				Reports map[string]string
			}
		}
	}
	if err := yaml.Unmarshal(data, &job); err != nil {
		t.Fatalf("docs/ci/gitlab-ci.yml: %v", err)
	}
	var command string
	for _, line := range job.Blindspot.Script {
		if strings.HasPrefix(line, "blindspot scan ") {
			command = line
		}
	}
	if command == "" {
		t.Fatalf("no blindspot scan command in the job's script: %q", job.Blindspot.Script)
	}
	var args []string
	for _, field := range strings.Fields(os.Expand(command, func(name string) string { return job.Blindspot.Variables[name] })) {
		args = append(args, strings.Trim(field, `"`))
	}
	t.Chdir(repo)
	code, _, stderr := runCLI(t, args[1:]...)
	if code != exitFindings {
		t.Errorf("%s: exit %d, want 1 (the examples have high findings); stderr:\n%s", command, code, stderr)
	}
	for kind, file := range job.Blindspot.Artifacts.Reports {
		if info, err := os.Stat(file); err != nil || info.Size() == 0 {
			t.Errorf("the %s report %s was not written: %v", kind, file, err)
		}
	}
	if len(job.Blindspot.Artifacts.Reports) != 2 {
		t.Errorf("reports = %v, want sast and junit", job.Blindspot.Artifacts.Reports)
	}
}

// TestRestartFile: a streamed report that must be written again empties
// its file; a file that held something before (opened to append) and
// destinations that cannot be emptied get no restart, and the report is
// written whole, as before streaming.
func TestRestartFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.sarif")
	for _, flag := range []int{os.O_WRONLY | os.O_CREATE | os.O_TRUNC, os.O_WRONLY | os.O_CREATE | os.O_APPEND} {
		f, err := os.OpenFile(path, flag, 0o644)
		if err != nil {
			t.Fatal(err)
		}
		restart := restartFile(f)
		if restart == nil {
			t.Fatalf("flags %#x: no restart for an empty regular file", flag)
		}
		if _, err := f.WriteString("first attempt"); err != nil {
			t.Fatal(err)
		}
		if err := restart(); err != nil {
			t.Fatal(err)
		}
		if _, err := f.WriteString("second"); err != nil {
			t.Fatal(err)
		}
		f.Close()
		if data, err := os.ReadFile(path); err != nil || string(data) != "second" {
			t.Errorf("flags %#x: file holds %q (%v)", flag, data, err)
		}
		if flag&os.O_APPEND == 0 {
			// The next, appending, starts empty too.
			if err := os.Remove(path); err != nil {
				t.Fatal(err)
			}
		}
	}
	// The file now holds "second".
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if restartFile(f) != nil {
		t.Error("a restart for a file that holds something")
	}
	if restartFile(&bytes.Buffer{}) != nil {
		t.Error("a restart for a buffer")
	}
	if devNull, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0); err == nil {
		defer devNull.Close()
		if restartFile(devNull) != nil {
			t.Error("a restart for " + os.DevNull)
		}
	}
}
