package ruledocs

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	rulesref "github.com/blindspot-iac/blindspot/docs/rules"
	"github.com/blindspot-iac/blindspot/rules"
)

func sampleRule(id string) *rules.Rule {
	return &rules.Rule{
		ID:          id,
		Title:       `IAM policy allows "*" on "*"`,
		Severity:    rules.High,
		Description: "First paragraph about aws_iam_role and <tags>.\n\nSecond paragraph.",
		Remediation: rules.Remediation{
			Text:           "Fix it.",
			Terraform:      "resource \"aws_iam_policy\" \"p\" {}\n",
			CloudFormation: "Policy:\n  Type: AWS::IAM::ManagedPolicy",
		},
		References: []string{"https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html"},
		Compliance: []rules.Control{{Framework: rules.FrameworkCIS, ID: "1.16"}, {Framework: rules.FrameworkSecurityHub, ID: "IAM.1"}},
		Tags:       []string{"iam"},
		Precision:  "high",
		Check:      func(*rules.Pass) {},
	}
}

func TestPage(t *testing.T) {
	files := Generate([]*rules.Rule{sampleRule("aws-iam-b"), sampleRule("aws-iam-a")})
	if len(files) != 3 || files[0].Name != IndexName || files[1].Name != "aws-iam-a.md" || files[2].Name != "aws-iam-b.md" {
		t.Fatalf("files = %v", names(files))
	}
	got := string(files[1].Content)
	for _, want := range []string{
		"# IAM policy allows \"\\*\" on \"\\*\"\n",
		"| ID | `aws-iam-a` |",
		"| Severity | High |",
		"First paragraph about aws\\_iam\\_role and &lt;tags&gt;.\n\nSecond paragraph.\n",
		"### Terraform\n\n```hcl\nresource \"aws_iam_policy\" \"p\" {}\n```\n",
		"### CloudFormation\n\n```yaml\nPolicy:\n  Type: AWS::IAM::ManagedPolicy\n```\n",
		"| CIS AWS Foundations Benchmark v3.0.0 | 1.16 |",
		"| AWS Security Hub | IAM.1 |",
		"- <https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html>",
		Command,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("page lacks %q:\n%s", want, got)
		}
	}
	index := string(files[0].Content)
	if !strings.Contains(index, "| [`aws-iam-a`](aws-iam-a.md) | High | IAM policy allows \"\\*\" on \"\\*\" |") ||
		strings.Index(index, "aws-iam-a") > strings.Index(index, "aws-iam-b") {
		t.Errorf("index:\n%s", index)
	}
}

func TestWriteRemovesStalePages(t *testing.T) {
	dir := t.TempDir()
	stale := filepath.Join(dir, "aws-old-rule.md")
	other := filepath.Join(dir, "notes.md")
	for _, p := range []string{stale, other} {
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	err := Write(dir, []*rules.Rule{sampleRule("aws-iam-a")}, false)
	if err == nil || !strings.Contains(err.Error(), "aws-old-rule.md") || !strings.Contains(err.Error(), "--force") {
		t.Errorf("Write without force = %v, want the stale page named", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "aws-iam-a.md")); !os.IsNotExist(err) {
		t.Errorf("Write without force wrote pages although it refused: %v", err)
	}
	if err := Write(dir, []*rules.Rule{sampleRule("aws-iam-a")}, true); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("stale page kept: %v", err)
	}
	if _, err := os.Stat(other); err != nil {
		t.Errorf("unrelated file removed: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "aws-iam-a.md")); err != nil {
		t.Error(err)
	}
}

// TestWriteNeverOverwrites checks that pages are written into a new or
// matching directory without --force, and that a file with other content
// is left alone unless forced.
func TestWriteNeverOverwrites(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "new")
	rs := []*rules.Rule{sampleRule("aws-iam-a")}
	if err := Write(dir, rs, false); err != nil {
		t.Fatalf("writing into a new directory: %v", err)
	}
	if err := Write(dir, rs, false); err != nil {
		t.Fatalf("writing the same pages again: %v", err)
	}
	page := filepath.Join(dir, "aws-iam-a.md")
	if err := os.WriteFile(page, []byte("edited by hand"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Write(dir, rs, false); err == nil {
		t.Error("an edited page was overwritten without force")
	}
	if data, _ := os.ReadFile(page); string(data) != "edited by hand" {
		t.Errorf("page = %q", data)
	}
	if err := Write(dir, rs, true); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(page); string(data) == "edited by hand" {
		t.Error("force did not replace the page")
	}
}

func names(fs []File) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Name)
	}
	return out
}

// TestIndexListsOutOfScope checks that the index carries the out-of-scope
// table with every row of the embedded out-of-scope.tsv.
func TestIndexListsOutOfScope(t *testing.T) {
	out, err := rulesref.OutOfScopeControls()
	if err != nil {
		t.Fatal(err)
	}
	index := string(Generate([]*rules.Rule{sampleRule("aws-iam-a")})[0].Content)
	if !strings.Contains(index, "## Out of scope") {
		t.Fatalf("index has no out-of-scope section:\n%s", index)
	}
	for _, o := range out {
		if !strings.Contains(index, "| `"+o.Reference+"` | ") {
			t.Errorf("index does not list %s", o.Reference)
		}
	}
}
