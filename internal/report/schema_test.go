package report

import (
	"bytes"
	"github.com/blindspot-iac/blindspot/internal/findingtest"
	"os"
	"path/filepath"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/rules"
)

func compileReportSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(JSONSchema()))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	const id = "https://github.com/blindspot-iac/blindspot/internal/report/report.schema.json"
	if err := c.AddResource(id, doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(id)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func validateReport(t *testing.T, s *jsonschema.Schema, name string, data []byte) {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if err := s.Validate(inst); err != nil {
		t.Errorf("%s does not match report.schema.json: %v", name, err)
	}
}

// TestJSONSchema checks that report.schema.json documents what WriteJSON
// writes: every report of the tests, and the command line's golden report,
// validates, and the schema rejects fields it does not document.
func TestJSONSchema(t *testing.T) {
	s := compileReportSchema(t)
	dir := project(t)
	fs := append(findingtest.Findings(dir), extraFindings(dir)...)
	fs = append(fs, oddFindingsForJSON(dir)...)
	for _, opts := range []Options{
		{},
		{BaseDir: dir},
		{BaseDir: dir, ShowUnknown: true, IncludeSuppressed: true},
		// Everything a report can carry: links, statistics with the
		// elapsed time, a compliance table and filtered findings.
		{BaseDir: dir, ShowUnknown: true, IncludeSuppressed: true, HelpURI: func(id string) string { return "https://example.com/" + id },
			Statistics: true, Filtered: 2, Compliance: rules.FrameworkSecurityHub,
			Stats: &Stats{Units: []UnitStats{{Path: dir, Format: "terraform", Files: 3, Resources: 4}, {Path: dir + "/template.yaml", Format: "cloudformation", Files: 1, Resources: 2}},
				Rules: CountRules(findingtest.Rules(), fs, map[string]int{"aws-s3-versioning-disabled": 2})}},
	} {
		validateReport(t, s, "report", []byte(render(t, WriteJSON, fs, findingtest.Diagnostics(dir), opts)))
	}
	validateReport(t, s, "empty report", []byte(render(t, WriteJSON, nil, nil, Options{})))
	golden := filepath.Join("..", "..", "cmd", "blindspot", "testdata", "examples.json")
	if data, err := os.ReadFile(golden); err == nil {
		validateReport(t, s, golden, data)
	}

	for _, bad := range []string{
		`{"version": 1, "findings": [], "unknowns": [], "diagnostics": [], "summary": {"findings": 0, "bySeverity": {"low": 0, "medium": 0, "high": 0, "critical": 0}, "undetermined": 0, "suppressed": 0, "baselineUnchanged": 0, "errors": 0, "warnings": 0}, "extra": 1}`,
		`{"version": 2, "findings": [], "unknowns": [], "diagnostics": [], "summary": {}}`,
	} {
		inst, _ := jsonschema.UnmarshalJSON(bytes.NewReader([]byte(bad)))
		if s.Validate(inst) == nil {
			t.Errorf("schema accepted %s", bad)
		}
	}
	undocumented := []byte(render(t, WriteJSON, findingtest.Findings(dir)[1:2], nil, Options{BaseDir: dir}))
	undocumented = bytes.Replace(undocumented, []byte(`"ruleId"`), []byte(`"newField": 1, "ruleId"`), 1)
	inst, _ := jsonschema.UnmarshalJSON(bytes.NewReader(undocumented))
	if s.Validate(inst) == nil {
		t.Errorf("schema accepted a finding with an undocumented field")
	}
}

// oddFindingsForJSON have a suppression with an expiry and a fix that
// inserts.
func oddFindingsForJSON(dir string) []rules.Finding {
	return []rules.Finding{{
		RuleID: "aws-kms-rotation-disabled", Severity: rules.High, Status: rules.Failed, Message: "m",
		Loc:        graph.Loc{Range: findingtest.Range(dir+"/main.tf", 6, 1, 8, 2)},
		Fix:        &rules.Fix{Description: "Enable rotation", Edits: []rules.Edit{{Range: findingtest.Range(dir+"/main.tf", 7, 3, 7, 3), Text: "x"}}},
		Suppressed: &rules.Suppression{Justification: "until the migration", Until: "2027-01-31"},
	}}
}
