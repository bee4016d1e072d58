package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/internal/findingtest"
	"github.com/blindspot-iac/blindspot/rules"
)

func TestInstanceNames(t *testing.T) {
	tests := []struct {
		addrs  []string
		common string
		names  string
	}{
		{[]string{"module.a.aws_s3_bucket.this", "module.b.aws_s3_bucket.this"}, "aws_s3_bucket.this", "module.a|module.b"},
		{[]string{`module.x["a.b"].aws_s3_bucket.this`, `module.x["c"].aws_s3_bucket.this`}, "aws_s3_bucket.this", `module.x["a.b"]|module.x["c"]`},
		{[]string{"aws_s3_bucket.this[0]", "aws_s3_bucket.this[1]"}, "aws_s3_bucket.this", "aws_s3_bucket.this[0]|aws_s3_bucket.this[1]"},
		{[]string{"module.a.module.c.aws_kms_key.k", "module.b.module.c.aws_kms_key.k"}, "module.c.aws_kms_key.k", "module.a|module.b"},
		{[]string{"A", "B"}, "", "A|B"},
	}
	for _, tt := range tests {
		common, names := instanceNames(tt.addrs)
		if common != tt.common || strings.Join(names, "|") != tt.names {
			t.Errorf("instanceNames(%q) = %q, %q; want %q, %q", tt.addrs, common, names, tt.common, tt.names)
		}
	}
}

func TestListInstances(t *testing.T) {
	for n, want := range map[int]string{
		1: "m0", 2: "m0 and m1", 4: "m0, m1, m2 and m3", 49: "m0, m1, m2 and 46 more",
	} {
		var names []string
		for i := range n {
			names = append(names, "m"+string(rune('0'+i%10)))
		}
		if got := listInstances(names); got != want {
			t.Errorf("%d instances: %q, want %q", n, got, want)
		}
	}
}

// TestGroupedText checks that one module instantiated many times is
// written once with its instances, that JSON keeps one result per
// instance, and that findings that differ are not merged.
func TestGroupedText(t *testing.T) {
	dir := project(t)
	mod := dir + "/modules/logs/main.tf"
	var fs []rules.Finding
	for _, name := range []string{"a", "b", "c", "d", "e"} {
		r := &graph.Resource{Unit: dir, Type: "aws_s3_bucket_versioning", Address: "module." + name + ".aws_s3_bucket_versioning.this"}
		fs = append(fs, rules.Finding{
			RuleID: "aws-s3-versioning-disabled", Severity: rules.Medium, Status: rules.Failed,
			Message: "versioning of " + r.Address + " is Suspended",
			Loc:     graph.Loc{Resource: r, Path: "versioning_configuration.status", Range: findingtest.Range(mod, 8, 14, 8, 25)},
			Related: []rules.Related{
				{Loc: graph.Loc{Range: findingtest.Range(dir+"/main.tf", 1, 1, 1, 15)}, Message: "via module." + name},
				{Loc: graph.Loc{Range: findingtest.Range(dir+"/main.tf", 4, 3, 4, 9)}, Message: "value set here"},
			},
		})
	}
	// Another severity at the same place is another entry.
	other := fs[0]
	other.Severity = rules.High
	fs = append(fs, other)
	var buf bytes.Buffer
	if err := WriteText(&buf, findingtest.Rules(), fs, nil, Options{BaseDir: dir, HelpURI: func(id string) string { return "https://docs/" + id }}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		"modules/logs/main.tf:8:14: medium aws-s3-versioning-disabled: versioning of aws_s3_bucket_versioning.this is Suspended\n",
		"    for module.a, module.b, module.c and 2 more\n",
		"    value set here: main.tf:4:3\n",
		"    fix: Enable versioning.\n",
		"    docs: https://docs/aws-s3-versioning-disabled\n",
		"modules/logs/main.tf:8:14: high aws-s3-versioning-disabled: versioning of module.a.aws_s3_bucket_versioning.this is Suspended\n",
		"6 findings (1 high, 5 medium)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("text report lacks %q:\n%s", want, out)
		}
	}
	if group, _, _ := strings.Cut(out, ": high "); strings.Contains(group, "via module.") {
		t.Errorf("a group lists its instances' module calls:\n%s", out)
	}
	buf.Reset()
	if err := WriteJSON(&buf, findingtest.Rules(), fs, nil, Options{BaseDir: dir}); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(buf.String(), `"ruleId": "aws-s3-versioning-disabled",`); n != 6 {
		t.Errorf("JSON has %d results, want one per instance (6)", n)
	}
}

func TestFixSummary(t *testing.T) {
	for text, want := range map[string]string{
		"Enable versioning.": "Enable versioning.",
		"Enable versioning on the bucket (status Enabled). Add a lifecycle rule.":   "Enable versioning on the bucket (status Enabled).",
		"Use a TLS 1.2+ policy such as ELBSecurityPolicy-TLS13-1-2-2021-06.":        "Use a TLS 1.2+ policy such as ELBSecurityPolicy-TLS13-1-2-2021-06.",
		"Require IMDSv2 (http_tokens = required); set it\nthrough a template. Then": "Require IMDSv2 (http_tokens = required); set it through a template.",
	} {
		if got := FixSummary(&rules.Rule{Remediation: rules.Remediation{Text: text}}); got != want {
			t.Errorf("FixSummary(%q) = %q, want %q", text, got, want)
		}
	}
}

func TestComplianceTable(t *testing.T) {
	mk := func(id string, controls ...string) *rules.Rule {
		r := &rules.Rule{ID: id}
		for _, c := range controls {
			r.Compliance = append(r.Compliance, rules.Control{Framework: rules.FrameworkCIS, ID: c})
		}
		return r
	}
	rs := []*rules.Rule{mk("aws-a-x", "1.10", "2.1"), mk("aws-b-x", "1.9"), mk("aws-c-x", "1.10"), mk("aws-d-x", "3.1"), mk("aws-e-x")}
	counts := []RuleCounts{
		{RuleID: "aws-a-x", Passed: 2}, {RuleID: "aws-b-x", Undetermined: 1, Passed: 1},
		{RuleID: "aws-c-x", Failed: 1}, {RuleID: "aws-d-x"},
	}
	got := complianceTable(rules.FrameworkCIS, rs, counts)
	var lines []string
	for _, c := range got {
		lines = append(lines, c.Control+" "+string(c.Status)+" "+strings.Join(c.Rules, ","))
	}
	want := "1.9 not evaluable aws-b-x|1.10 failed aws-a-x,aws-c-x|2.1 passed aws-a-x|3.1 not checked aws-d-x"
	if strings.Join(lines, "|") != want {
		t.Errorf("table = %q\nwant    %q", strings.Join(lines, "|"), want)
	}
}
