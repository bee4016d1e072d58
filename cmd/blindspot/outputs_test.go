package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

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
