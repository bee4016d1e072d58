package report

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/internal/findingtest"
	"github.com/blindspot-iac/blindspot/rules"
)

// markupText is text from a scanned file that would be markup, script or a
// terminal escape if written as is.
const markupText = "<script>alert(1)</script>\"'&<img src=x onerror=alert(2)>\x1b[31m"

func hostileOrganization() *Organization {
	cell := func(s string) []Cell {
		return []Cell{{Status: Held, By: []string{markupText}}, {Status: NotHeld}, {Status: Unknown, Why: markupText}}
	}
	return &Organization{
		Guardrails: []GuardrailColumn{{Name: "leave", RuleID: "aws-org-leave-organization-allowed"}, {Name: "root", RuleID: "aws-org-root-user-unrestricted"}, {Name: "regions", RuleID: "aws-org-region-unrestricted"}},
		Orgs: []Org{{
			Resource: OrgResource{Address: "aws_organizations_organization.this", Range: findingtest.Range("org.tf", 1, 1, 1, 5)},
			Held:     cell(""),
			Root: OrgNode{Kind: "root", Name: "Root", Policies: []string{markupText}, Guardrails: cell(""), Children: []OrgNode{
				{Kind: "ou", Name: markupText, Guardrails: cell(""), Children: []OrgNode{{Kind: "account", Name: "acct", Detail: markupText, Guardrails: cell("")}}},
			}},
			Policies:        []OrgPolicy{{Name: markupText, Type: "SERVICE_CONTROL_POLICY", AttachedTo: []string{markupText}}},
			Trails:          []OrgTrail{{Resource: OrgResource{Address: markupText}, Organization: Cell{Status: Unknown, Why: markupText}}},
			DelegatedAdmins: []OrgDelegation{{Service: "GuardDuty", Account: markupText}},
		}},
		ManagementWorkloads: []OrgResource{{Address: markupText, Type: "aws_db_instance", Note: "database"}},
	}
}

func renderHTML(t *testing.T, fs []rules.Finding, diags []graph.Diagnostic, opts Options) string {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteHTML(&buf, findingtest.Rules(), fs, diags, opts); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// TestHTMLEscapesEverything feeds text from scanned files that is markup
// everywhere the report shows such text: none of it is written as markup.
func TestHTMLEscapesEverything(t *testing.T) {
	dir := project(t)
	fs := findingtest.Findings(dir)
	fs[0].Message = markupText
	fs[1].Suppressed = &rules.Suppression{Justification: markupText}
	fs[1].Related = []rules.Related{{Loc: graph.Loc{Range: findingtest.Range(dir+"/main.tf", 1, 1, 1, 2)}, Message: markupText}}
	diags := []graph.Diagnostic{graph.Errorf(findingtest.Range(dir+"/main.tf", 2, 1, 2, 2), "parse-error", "%s", markupText)}
	out := renderHTML(t, fs, diags, Options{BaseDir: dir, IncludeSuppressed: true, ShowUnknown: true, Organization: hostileOrganization(),
		HelpURI: func(id string) string { return "https://example.com/" + id }})
	for _, bad := range []string{"<script>alert", "<img src=x", "\x1b"} {
		if strings.Contains(out, bad) {
			t.Errorf("the report writes %q from a scanned file as is", bad)
		}
	}
	if !strings.Contains(out, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Error("the markupText message is not in the report, escaped")
	}
}

// TestHTMLIsSelfContained checks that the report loads nothing: no
// external script, style sheet, image, font or frame, and a
// Content-Security-Policy that forbids it. Links to documentation are
// navigation, not loads.
func TestHTMLIsSelfContained(t *testing.T) {
	dir := project(t)
	out := renderHTML(t, findingtest.Findings(dir), findingtest.Diagnostics(dir), Options{BaseDir: dir, Organization: hostileOrganization(),
		HelpURI: func(id string) string { return "https://example.com/docs/" + id }})
	loads := regexp.MustCompile(`(?i)<(script|img|link|iframe|object|embed|source|video|audio)\b[^>]*\b(src|href|data)\s*=|url\(|@import`)
	if m := loads.FindString(out); m != "" {
		t.Errorf("the report loads a resource: %q", m)
	}
	if !strings.Contains(out, `content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'`) {
		t.Error("no Content-Security-Policy forbidding loads")
	}
	if !strings.Contains(out, "@media print") {
		t.Error("no print style")
	}
}

// TestHTMLDeterministic renders the same input twice.
func TestHTMLDeterministic(t *testing.T) {
	dir := project(t)
	opts := Options{BaseDir: dir, ShowUnknown: true, IncludeSuppressed: true, Organization: hostileOrganization(),
		Stats: &Stats{Rules: CountRules(findingtest.Rules(), findingtest.Findings(dir), map[string]int{"aws-kms-rotation-disabled": 3})}}
	a := renderHTML(t, findingtest.Findings(dir), findingtest.Diagnostics(dir), opts)
	b := renderHTML(t, findingtest.Findings(dir), findingtest.Diagnostics(dir), opts)
	if a != b {
		t.Error("two renderings of the same scan differ")
	}
	for _, want := range []string{`data-findings="`, `id="filter-rule"`, `id="filter-file"`, `data-filter="severity"`, `class="matrix"`, `id="selfcheck"`, "<mark>"} {
		if !strings.Contains(a, want) {
			t.Errorf("report lacks %s", want)
		}
	}
}
