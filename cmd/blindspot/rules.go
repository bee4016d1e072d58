package main

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/blindspot-iac/blindspot/internal/config"
	"github.com/blindspot-iac/blindspot/internal/ruledocs"
	"github.com/blindspot-iac/blindspot/internal/scan"
	"github.com/blindspot-iac/blindspot/rules"
	"github.com/blindspot-iac/blindspot/rules/builtin"
	"github.com/blindspot-iac/blindspot/rules/policy"
)

// rulesWithPolicies is the registry of the built-in rules and the custom
// policies a scan from the working directory would run.
func rulesWithPolicies(f rulesFlags) (*rules.Registry, error) {
	cfg, err := config.Load(f.configFile)
	if err != nil {
		return nil, &exitCodeError{code: exitError, err: err}
	}
	files, err := scan.PolicyFiles(append(slices.Clip(cfg.Policies), f.policyDirs...), []string{"."})
	if err != nil {
		return nil, &exitCodeError{code: exitError, err: err}
	}
	builtins := builtin.Rules()
	set, err := scan.LoadPolicies(files, builtins, policy.Options{})
	if err != nil {
		return nil, &exitCodeError{code: exitError, err: err}
	}
	if set == nil {
		return builtin.Registry(), nil
	}
	reg, err := rules.NewRegistry(append(slices.Clip(builtins), set.NewRun(policy.RunOptions{}).Rules()...)...)
	if err != nil {
		return nil, &exitCodeError{code: exitError, err: err}
	}
	return reg, nil
}

// rulesFlags are the rules command's options.
type rulesFlags struct {
	format     string
	explain    []string
	output     string
	force      bool
	compliance string
	policyDirs []string
	configFile string
}

func newRulesCmd(stdout io.Writer) *cobra.Command {
	var f rulesFlags
	cmd := &cobra.Command{
		Use:   "rules [ID|PATTERN...]",
		Short: "List the rules, or explain one",
		Long: `List the rules, or those the patterns select (rule IDs, globs such as aws-s3-*,
tag:NAME). A rule ID alone explains the rule: what it checks and why, how to fix
it in Terraform and CloudFormation, its references and compliance controls.

  blindspot rules                         list every rule
  blindspot rules aws-s3-versioning-disabled
  blindspot rules --explain aws-s3-versioning-disabled
  blindspot rules tag:encryption --compliance cis-aws
  blindspot rules --format json           every rule with its metadata
  blindspot rules --format markdown --output docs/rules   the reference pages

Custom policies (from .blindspot/policies, --policy-dir, and the policies: of
.blindspot.yaml) are listed and explained beside the built-in rules.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runRules(args, f, stdout)
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&f.format, "format", "f", "text", "output `FORMAT`: text, json or markdown")
	fl.StringArrayVar(&f.explain, "explain", nil, "explain the rule `ID` in full (repeatable)")
	fl.StringVarP(&f.output, "output", "o", "", "with --format markdown, write one page per rule and an index into `DIR` instead of printing them")
	fl.BoolVar(&f.force, "force", false, "let --output replace files that exist (and remove pages of rules that no longer exist)")
	fl.StringVar(&f.compliance, "compliance", "", "only the rules mapped to `FRAMEWORK` ("+strings.Join(rules.FrameworkNames(), ", ")+")")
	fl.StringArrayVar(&f.policyDirs, "policy-dir", nil, "also list the custom policies of `DIR` (or a policy file; repeatable), besides .blindspot/policies")
	fl.StringVar(&f.configFile, "config", "", "configuration `FILE` whose policies: are listed (default .blindspot.yaml when present)")
	// --output-dir was the flag's name before --output; it keeps working.
	fl.StringVar(&f.output, "output-dir", "", "")
	_ = fl.MarkDeprecated("output-dir", "use --output")
	return cmd
}

func runRules(args []string, f rulesFlags, stdout io.Writer) error {
	reg, err := rulesWithPolicies(f)
	if err != nil {
		return err
	}
	format := strings.ToLower(f.format)
	switch format {
	case "text", "json", "markdown":
	default:
		return usageErr("unknown --format %q (want text, json or markdown)", f.format)
	}
	if f.output != "" && format != "markdown" {
		return usageErr("--output writes the markdown reference: use it with --format markdown")
	}
	selected, explain, err := selectForRulesCmd(reg, args, f)
	if err != nil {
		return usageErr("%v", err)
	}
	switch format {
	case "json":
		return writeRulesJSON(stdout, selected)
	case "markdown":
		if f.output == "" {
			for i, r := range selected {
				if i > 0 {
					fmt.Fprint(stdout, "\n---\n\n")
				}
				stdout.Write(ruledocs.Page(r))
			}
			return nil
		}
		if len(args) > 0 || len(f.explain) > 0 || f.compliance != "" {
			return usageErr("--output writes the reference of every rule; it takes no rule selection")
		}
		if err := ruledocs.Write(f.output, reg.All(), f.force); err != nil {
			return &exitCodeError{code: exitError, err: err}
		}
		fmt.Fprintf(stdout, "wrote the reference of %d rules to %s\n", len(reg.All()), f.output)
		return nil
	}
	if explain {
		for i, r := range selected {
			if i > 0 {
				fmt.Fprintln(stdout)
			}
			explainRule(stdout, r)
		}
		return nil
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSEVERITY\tTITLE")
	for _, r := range selected {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", r.ID, r.Severity, r.Title)
	}
	return tw.Flush()
}

// selectForRulesCmd returns the rules the arguments, --explain and
// --compliance select, and whether they are to be explained: --explain,
// or arguments that are all exact rule IDs.
func selectForRulesCmd(reg *rules.Registry, args []string, f rulesFlags) ([]*rules.Rule, bool, error) {
	for _, id := range f.explain {
		p, err := rules.ParsePattern(id)
		if err != nil || !p.IsID() {
			return nil, false, fmt.Errorf("--explain takes a rule ID, not %q", id)
		}
	}
	patterns, err := config.CheckRulePatterns(reg, "the arguments", append(append([]string{}, args...), f.explain...))
	if err != nil {
		return nil, false, err
	}
	framework := ""
	if f.compliance != "" {
		var ok bool
		if framework, ok = rules.FrameworkNamed(f.compliance); !ok {
			return nil, false, config.UnknownFramework(f.compliance)
		}
	}
	explain := len(patterns) > 0
	for _, p := range patterns {
		explain = explain && p.IsID()
	}
	var out []*rules.Rule
	for _, r := range reg.All() {
		if len(patterns) > 0 && !rules.MatchesAny(patterns, r) || framework != "" && len(r.Controls(framework)) == 0 {
			continue
		}
		out = append(out, r)
	}
	return out, explain, nil
}

// ruleJSON is a rule as `rules --format json` writes it.
type ruleJSON struct {
	ID            string          `json:"id"`
	Title         string          `json:"title"`
	Severity      string          `json:"severity"`
	Precision     string          `json:"precision"`
	Description   string          `json:"description"`
	Remediation   remediationJSON `json:"remediation"`
	References    []string        `json:"references"`
	Compliance    []controlJSON   `json:"compliance"`
	Tags          []string        `json:"tags"`
	Documentation string          `json:"documentation"`
}

type remediationJSON struct {
	Text           string `json:"text"`
	Terraform      string `json:"terraform"`
	CloudFormation string `json:"cloudformation"`
}

type controlJSON struct {
	Framework string `json:"framework"`
	// Short is the framework's short name (--compliance).
	Short   string `json:"frameworkId"`
	Control string `json:"control"`
}

func writeRulesJSON(w io.Writer, rs []*rules.Rule) error {
	out := []ruleJSON{}
	for _, r := range rs {
		j := ruleJSON{
			ID: r.ID, Title: r.Title, Severity: r.Severity.String(), Precision: r.Precision, Description: r.Description,
			Remediation: remediationJSON{Text: r.Remediation.Text, Terraform: r.Remediation.Terraform, CloudFormation: r.Remediation.CloudFormation},
			References:  append([]string{}, r.References...), Compliance: []controlJSON{}, Tags: append([]string{}, r.Tags...),
			Documentation: docURL(r),
		}
		for _, c := range r.Compliance {
			j.Compliance = append(j.Compliance, controlJSON{Framework: c.Framework, Short: rules.FrameworkShortName(c.Framework), Control: c.ID})
		}
		out = append(out, j)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

// explainRule writes everything a rule says about itself, for a terminal.
func explainRule(w io.Writer, r *rules.Rule) {
	fmt.Fprintf(w, "%s: %s\n", r.ID, r.Title)
	meta := fmt.Sprintf("severity %s, precision %s", r.Severity, r.Precision)
	if len(r.Tags) > 0 {
		meta += ", tags " + strings.Join(r.Tags, ", ")
	}
	fmt.Fprintln(w, meta)
	fmt.Fprintln(w)
	writeWrapped(w, r.Description, "", 80)
	fmt.Fprintln(w, "\nHow to fix")
	writeWrapped(w, r.Remediation.Text, "  ", 80)
	fmt.Fprintln(w, "\n  Terraform:")
	writeIndented(w, r.Remediation.Terraform, "    ")
	fmt.Fprintln(w, "\n  CloudFormation:")
	writeIndented(w, r.Remediation.CloudFormation, "    ")
	if len(r.Compliance) > 0 {
		fmt.Fprintln(w, "\nCompliance")
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		for _, c := range r.Compliance {
			fmt.Fprintf(tw, "  %s (%s)\t%s\n", c.Framework, rules.FrameworkShortName(c.Framework), c.ID)
		}
		tw.Flush()
	}
	fmt.Fprintln(w, "\nReferences")
	for _, ref := range r.References {
		fmt.Fprintf(w, "  %s\n", ref)
	}
	if u := docURL(r); u != "" {
		fmt.Fprintf(w, "\nDocumentation: %s\n", u)
	}
}

// writeWrapped writes paragraphs (blank-line separated) wrapped at width.
func writeWrapped(w io.Writer, text, indent string, width int) {
	for i, para := range strings.Split(strings.TrimSpace(text), "\n\n") {
		if i > 0 {
			fmt.Fprintln(w)
		}
		line := indent
		for _, word := range strings.Fields(para) {
			if len(line) > len(indent) && len(line)+1+len(word) > width {
				fmt.Fprintln(w, line)
				line = indent
			}
			if len(line) > len(indent) {
				line += " "
			}
			line += word
		}
		if len(line) > len(indent) {
			fmt.Fprintln(w, line)
		}
	}
}

// writeIndented writes a snippet with every line indented.
func writeIndented(w io.Writer, code, indent string) {
	for _, line := range strings.Split(strings.TrimRight(code, "\n"), "\n") {
		fmt.Fprintln(w, strings.TrimRight(indent+line, " "))
	}
}
