// Package ruledocs generates the rule reference (docs/rules) from rule
// metadata: one Markdown page per rule and an index, so the documentation
// cannot drift from what the rules say about themselves.
package ruledocs

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	rulesref "github.com/blindspot-iac/blindspot/docs/rules"
	"github.com/blindspot-iac/blindspot/rules"
)

// Command is how the documentation is regenerated; pages name it.
const Command = "go run ./cmd/blindspot rules --format markdown --output docs/rules --force"

// IndexName is the file name of the index page.
const IndexName = "README.md"

// File is one generated page.
type File struct {
	// Name is the file name inside the output directory.
	Name    string
	Content []byte
}

// Generate returns the pages for rs: the index first, then one page per
// rule in ID order.
func Generate(rs []*rules.Rule) []File {
	sorted := append([]*rules.Rule(nil), rs...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].ID < sorted[j].ID })
	files := []File{{Name: IndexName, Content: index(sorted)}}
	for _, r := range sorted {
		files = append(files, File{Name: r.ID + ".md", Content: Page(r)})
	}
	return files
}

// equivalents returns the embedded table of equivalent checks by rule ID;
// a table that does not parse gives none (a test keeps it parsing).
func equivalents() map[string]rulesref.Equivalent {
	rows, _ := rulesref.Equivalents()
	out := map[string]rulesref.Equivalent{}
	for _, r := range rows {
		out[r.Rule] = r
	}
	return out
}

// Write writes the pages for rs into dir, creating it if needed. A file
// that exists with other content is replaced, and rule pages (aws-*.md) of
// rules that no longer exist are removed, only when force is set;
// otherwise Write changes nothing and says which files are in the way.
// Files that already hold their page are left as they are.
func Write(dir string, rs []*rules.Rule, force bool) error {
	files := Generate(rs)
	keep := map[string]bool{}
	var write []File
	var inTheWay []string
	for _, f := range files {
		keep[f.Name] = true
		old, err := os.ReadFile(filepath.Join(dir, f.Name))
		switch {
		case err == nil && bytes.Equal(old, f.Content):
		case err == nil || !errors.Is(err, fs.ErrNotExist):
			inTheWay = append(inTheWay, f.Name)
			write = append(write, f)
		default:
			write = append(write, f)
		}
	}
	stale, err := filepath.Glob(filepath.Join(dir, "aws-*.md"))
	if err != nil {
		return fmt.Errorf("listing %s: %w", dir, err)
	}
	var remove []string
	for _, path := range stale {
		if !keep[filepath.Base(path)] {
			remove = append(remove, path)
			inTheWay = append(inTheWay, filepath.Base(path))
		}
	}
	if len(inTheWay) > 0 && !force {
		shown := inTheWay
		if len(shown) > 5 {
			shown = append(shown[:5:5], fmt.Sprintf("and %d more", len(inTheWay)-5))
		}
		return fmt.Errorf("%s: %d files would be replaced or removed (%s); add --force to do it", dir, len(inTheWay), strings.Join(shown, ", "))
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("creating %s: %w", dir, err)
	}
	for _, f := range write {
		path := filepath.Join(dir, f.Name)
		if err := os.WriteFile(path, f.Content, 0o644); err != nil {
			return fmt.Errorf("writing %s: %w", path, err)
		}
	}
	for _, path := range remove {
		if err := os.Remove(path); err != nil {
			return fmt.Errorf("removing %s: %w", path, err)
		}
	}
	return nil
}

const generatedNote = "<!-- Generated from the rule metadata by `" + Command + "`. Do not edit. -->\n\n"

func index(rs []*rules.Rule) []byte {
	var b bytes.Buffer
	b.WriteString(generatedNote)
	b.WriteString("# Rule reference\n\n")
	fmt.Fprintf(&b, "blindspot has %d rules. Each page says what the rule checks and why, how to fix a finding in "+
		"Terraform and CloudFormation, and which compliance controls the rule supports.\n\n", len(rs))
	b.WriteString("| Rule | Severity | Title |\n| --- | --- | --- |\n")
	for _, r := range rs {
		fmt.Fprintf(&b, "| [`%s`](%s.md) | %s | %s |\n", r.ID, r.ID, severityName(r.Severity), cell(r.Title))
	}
	b.WriteString(equivalentsSection)
	eq := equivalents()
	b.WriteString("\n| Rule | Trivy / tfsec | Checkov | cfn\\_nag |\n| --- | --- | --- | --- |\n")
	for _, r := range rs {
		e := eq[r.ID]
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s |\n", r.ID, codes(append(append(append([]string{}, e.AVD...), e.LongIDs...), e.TfsecLegacy...)),
			codes(e.Checkov), codes(e.CfnNag))
	}
	if out, _ := rulesref.OutOfScopeControls(); len(out) > 0 {
		b.WriteString(outOfScopeSection)
		b.WriteString("\n| Control | Why no rule covers it |\n| --- | --- |\n")
		for _, o := range out {
			fmt.Fprintf(&b, "| `%s` | %s |\n", o.Reference, cell(o.Reason))
		}
	}
	return b.Bytes()
}

// outOfScopeSection introduces the controls of the reference list that
// no rule covers.
const outOfScopeSection = `
## Out of scope

Every control of Trivy's AWS check library that code can decide has a
rule, or is covered by one (the table above names them). The controls
below cannot be decided from code: only the live account shows them.
They are listed, with the reason, in [out-of-scope.tsv](out-of-scope.tsv)
(tab-separated: ` + "`reference reason`" + `, one row per control, in ID order).
`

// equivalentsSection documents the table of equivalent checks in the
// index.
const equivalentsSection = `
## Equivalent checks in other scanners

[equivalents.tsv](equivalents.tsv) lists, for each rule, the checks of
other scanners that look for the same problem. blindspot reads it (it is
embedded when blindspot is built) to honour their inline suppressions
(` + "`tfsec:ignore`, `trivy:ignore`, `checkov:skip`, cfn\\_nag `rules_to_suppress`" + `;
see the README). The format is kept simple so that whoever adds a rule adds
its row:

- tab-separated, one row per rule, in rule ID order; lines starting with
  ` + "`#`" + ` are comments;
- the header is ` + "`rule avd long_id tfsec_legacy checkov kics cfn_nag`" + `;
- ` + "`avd`" + `: Trivy and tfsec AVD IDs (` + "`AVD-AWS-0090`" + `); ` + "`long_id`" + `:
  their long IDs (` + "`aws-s3-enable-versioning`" + `, and earlier names tfsec
  used); ` + "`tfsec_legacy`" + `: tfsec's IDs before AVD (` + "`AWS077`" + `);
  ` + "`checkov`" + `: Checkov IDs (` + "`CKV_AWS_21`" + `); ` + "`kics`" + `: KICS query names,
  for reference (KICS suppressions name query UUIDs); ` + "`cfn_nag`" + `: cfn\_nag
  rule IDs (` + "`W35`" + `);
- several values in a cell are separated by ` + "`, `" + `; an empty cell means
  no equivalent is known. Only identifiers read from those projects' own
  metadata belong here.
`

// codes formats identifiers as inline code, or a dash for none.
func codes(ids []string) string {
	if len(ids) == 0 {
		return "—"
	}
	var out []string
	for _, id := range ids {
		out = append(out, "`"+id+"`")
	}
	return strings.Join(out, ", ")
}

// Page is the reference page of one rule.
func Page(r *rules.Rule) []byte {
	var b bytes.Buffer
	b.WriteString(generatedNote)
	fmt.Fprintf(&b, "# %s\n\n", inline(r.Title))
	b.WriteString("| | |\n| --- | --- |\n")
	fmt.Fprintf(&b, "| ID | `%s` |\n", r.ID)
	fmt.Fprintf(&b, "| Severity | %s |\n", severityName(r.Severity))
	fmt.Fprintf(&b, "| Precision | %s |\n", r.Precision)
	if len(r.Tags) > 0 {
		fmt.Fprintf(&b, "| Tags | %s |\n", cell(strings.Join(r.Tags, ", ")))
	}
	b.WriteString("\n## Description\n\n")
	b.WriteString(paragraphs(r.Description))
	b.WriteString("\n## Remediation\n\n")
	b.WriteString(paragraphs(r.Remediation.Text))
	b.WriteString("\n### Terraform\n\n")
	codeBlock(&b, "hcl", r.Remediation.Terraform)
	b.WriteString("\n### CloudFormation\n\n")
	codeBlock(&b, "yaml", r.Remediation.CloudFormation)
	if len(r.Compliance) > 0 {
		b.WriteString("\n## Compliance\n\n| Framework | Control |\n| --- | --- |\n")
		for _, c := range r.Compliance {
			fmt.Fprintf(&b, "| %s | %s |\n", cell(c.Framework), cell(c.ID))
		}
	}
	if e, ok := equivalents()[r.ID]; ok && len(e.AVD)+len(e.LongIDs)+len(e.TfsecLegacy)+len(e.Checkov)+len(e.KICS)+len(e.CfnNag) > 0 {
		b.WriteString("\n## Equivalent checks\n\n| Scanner | Checks |\n| --- | --- |\n")
		for _, row := range []struct {
			name string
			ids  []string
		}{
			{"Trivy / tfsec", append(append(append([]string{}, e.AVD...), e.LongIDs...), e.TfsecLegacy...)},
			{"Checkov", e.Checkov},
			{"KICS", e.KICS},
			{"cfn\\_nag", e.CfnNag},
		} {
			if len(row.ids) > 0 {
				fmt.Fprintf(&b, "| %s | %s |\n", row.name, codes(row.ids))
			}
		}
		b.WriteString("\nTheir inline suppressions apply to this rule (see [the table](README.md#equivalent-checks-in-other-scanners)).\n")
	}
	b.WriteString("\n## References\n\n")
	for _, ref := range r.References {
		fmt.Fprintf(&b, "- <%s>\n", ref)
	}
	fmt.Fprintf(&b, "\n[All rules](%s)\n", IndexName)
	return b.Bytes()
}

func severityName(s rules.Severity) string {
	name := s.String()
	return strings.ToUpper(name[:1]) + name[1:]
}

// paragraphs writes text as Markdown paragraphs (blank-line separated in
// the metadata), escaped.
func paragraphs(text string) string {
	var b strings.Builder
	for _, para := range strings.Split(strings.TrimSpace(text), "\n\n") {
		b.WriteString(inline(strings.TrimSpace(para)))
		b.WriteString("\n\n")
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// inline escapes the characters Markdown would read as formatting, so that
// metadata written as plain text ("*" on "*", aws_iam_role) shows as
// written.
var inlineEscaper = strings.NewReplacer(
	`\`, `\\`, "*", `\*`, "_", `\_`, "`", "\\`", "<", "&lt;", ">", "&gt;", "[", `\[`, "]", `\]`,
)

func inline(s string) string { return inlineEscaper.Replace(s) }

// cell escapes text for a table cell.
func cell(s string) string { return strings.ReplaceAll(inline(s), "|", `\|`) }

func codeBlock(b *bytes.Buffer, lang, code string) {
	fence := "```"
	for strings.Contains(code, fence) {
		fence += "`"
	}
	fmt.Fprintf(b, "%s%s\n%s\n%s\n", fence, lang, strings.TrimRight(code, "\n"), fence)
}
