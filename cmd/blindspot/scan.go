package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/spf13/cobra"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/internal/budget"
	"github.com/blindspot-iac/blindspot/internal/config"
	"github.com/blindspot-iac/blindspot/internal/modfetch"
	"github.com/blindspot-iac/blindspot/internal/report"
	"github.com/blindspot-iac/blindspot/internal/safetext"
	"github.com/blindspot-iac/blindspot/internal/scan"
	"github.com/blindspot-iac/blindspot/internal/suppress"
	"github.com/blindspot-iac/blindspot/rules"
	"github.com/blindspot-iac/blindspot/rules/builtin"
)

const informationURI = "https://github.com/blindspot-iac/blindspot"

// scanFlags are the scan command's options.
type scanFlags struct {
	formats           []string
	output            string
	failOn            string
	varInputs         []scan.VarInput
	parameters        []string
	parameterFiles    []string
	managementIDs     []string
	configFile        string
	base              string
	exclude           []string
	baseline          string
	writeBaseline     string
	includeSuppressed bool
	showUnknown       bool
	noColor           bool
	verbose           bool
	jobs              int
	evalBudget        int64
	unitTimeout       time.Duration
	failOnIncomplete  bool
	root              string
	policyDirs        []string
	rules             []string
	skipRules         []string
	compliance        string
	severity          []string
	compact           bool
	quiet             bool
	statistics        bool
	noForeign         bool
	downloadModules   bool
}

func newScanCmd(stdout, stderr io.Writer) *cobra.Command {
	var f scanFlags
	cmd := &cobra.Command{
		Use:   "scan [PATH...]",
		Short: "Scan Terraform and CloudFormation for security problems",
		Long: `Scan files and directories (default ".") for Terraform modules, Terraform plan
JSON and CloudFormation templates, evaluate them, and report security problems.

Exit codes: 0 no finding at or above --fail-on; 1 findings; 2 usage error, a
path given that does not exist or cannot be read, a directory given with
nothing to scan, or, with --fail-on-incomplete, a scan that could not read
everything (files that do not parse, modules not downloaded). The report is
still written.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if cmd.Flags().Changed("jobs") && f.jobs < 1 {
				return usageErr("--jobs: %d is not a positive number", f.jobs)
			}
			if f.evalBudget < 0 || cmd.Flags().Changed("eval-budget") && f.evalBudget == 0 {
				return usageErr("--eval-budget: %d is not a positive number", f.evalBudget)
			}
			if f.unitTimeout < 0 || cmd.Flags().Changed("unit-timeout") && f.unitTimeout == 0 {
				return usageErr("--unit-timeout: %v is not a positive duration", f.unitTimeout)
			}
			return runScan(cmd.Context(), args, f, cmd.Flags().Changed("fail-on"), stdout, stderr)
		},
	}
	fl := cmd.Flags()
	fl.StringArrayVarP(&f.formats, "format", "f", nil, "report `FORMAT`: "+formatNames()+" (default text); repeatable, FORMAT=FILE writes that report to FILE")
	fl.StringVarP(&f.output, "output", "o", "", "write the reports given without =FILE to `FILE` instead of stdout")
	fl.StringVar(&f.failOn, "fail-on", "low", "exit 1 on findings of this severity or above: low, medium, high, critical, or none")
	fl.Var(varInputFlag{&f.varInputs, false}, "var", "set a Terraform variable (`name=value`; repeatable; with --var-file, the later wins)")
	fl.Var(varInputFlag{&f.varInputs, true}, "var-file", "read Terraform variables from a .tfvars `FILE` (repeatable; with --var, the later wins)")
	fl.StringArrayVar(&f.parameters, "parameter", nil, "set a CloudFormation parameter (`Key=Value`; repeatable)")
	fl.StringArrayVar(&f.parameterFiles, "parameter-file", nil, "read CloudFormation parameters from `FILE` (repeatable)")
	fl.StringArrayVar(&f.managementIDs, "management-account-id", nil, "the organisation's management account `ID` (repeatable)")
	fl.StringVar(&f.base, "base", "", "report paths and fingerprints relative to `DIR` (default: the git work tree root, else the scanned directory)")
	fl.StringVar(&f.configFile, "config", "", "configuration `FILE` (default .blindspot.yaml when present)")
	fl.StringArrayVar(&f.exclude, "exclude", nil, "leave out paths matching `GLOB` (repeatable)")
	fl.StringArrayVar(&f.policyDirs, "policy-dir", nil, "read custom policies from `DIR` (or a policy file; repeatable), besides .blindspot/policies")
	fl.StringVar(&f.baseline, "baseline", "", "drop findings recorded in the baseline `FILE`")
	fl.StringVar(&f.writeBaseline, "write-baseline", "", "record the current findings in the baseline `FILE`")
	fl.BoolVar(&f.includeSuppressed, "include-suppressed", false, "report suppressed findings too (marked as suppressed)")
	fl.BoolVar(&f.showUnknown, "show-unknown", false, "report checks that could not be evaluated")
	fl.BoolVar(&f.noColor, "no-color", false, "never colour the text report")
	fl.BoolVarP(&f.verbose, "verbose", "v", false, "print debug diagnostics")
	fl.BoolVar(&f.failOnIncomplete, "fail-on-incomplete", false, "exit 2 when part of the input could not be scanned (a file skipped, an evaluation cut short, a module not read)")
	fl.StringVar(&f.root, "root", "", "read what the scanned code names (modules, nested stacks, file()) only inside `DIR` (default: each path given)")
	fl.BoolVar(&f.downloadModules, "download-modules", false, "download remote Terraform modules that terraform init has not (registry, git, https) into the module cache; without it blindspot never reaches the network")
	fl.IntVar(&f.jobs, "jobs", 0, "evaluate at most `N` units at once (default: number of CPUs)")
	fl.Int64Var(&f.evalBudget, "eval-budget", 0, fmt.Sprintf("let each unit's evaluation create up to `N` values (default %d; a resource instance counts 200) before the rest is unknown", budget.DefaultValues))
	fl.DurationVar(&f.unitTimeout, "unit-timeout", 0, fmt.Sprintf("stop evaluating a unit after `DURATION` of wall time (default %v)", budget.DefaultTimeout))
	fl.StringArrayVar(&f.rules, "rule", nil, "run only the rules a `PATTERN` selects: a rule ID, a glob (aws-s3-*) or tag:NAME (repeatable)")
	fl.StringArrayVar(&f.skipRules, "skip-rule", nil, "do not run the rules a `PATTERN` selects (repeatable)")
	fl.StringVar(&f.compliance, "compliance", "", "run only the rules mapped to `FRAMEWORK` ("+strings.Join(rules.FrameworkNames(), ", ")+") and report its controls")
	fl.StringArrayVar(&f.severity, "severity", nil, "report only findings of these severities (`LEVEL[,LEVEL]`; repeatable); others neither show nor fail the scan")
	fl.BoolVar(&f.compact, "compact", false, "leave source excerpts and explanations out of the text report")
	fl.BoolVarP(&f.quiet, "quiet", "q", false, "print only the findings and the summary line (and errors on stderr)")
	fl.BoolVar(&f.noForeign, "no-foreign-suppressions", false, "ignore other scanners' inline suppressions (tfsec:ignore, trivy:ignore, checkov:skip, cfn_nag rules_to_suppress)")
	fl.BoolVar(&f.statistics, "statistics", false, "add per-rule counts, totals by format and the elapsed time to the report")
	return cmd
}

// varInputFlag is --var (file false) or --var-file (file true): both
// append to one list, so that Terraform's rule, the later value wins, can
// follow the order they were given in.
type varInputFlag struct {
	list *[]scan.VarInput
	file bool
}

func (v varInputFlag) Set(s string) error {
	in := scan.VarInput{Var: s}
	if v.file {
		in = scan.VarInput{File: s}
	}
	*v.list = append(*v.list, in)
	return nil
}

func (v varInputFlag) String() string { return "" }

func (v varInputFlag) Type() string { return "stringArray" }

func usageErr(format string, args ...any) error {
	return &exitCodeError{code: exitError, err: fmt.Errorf(format, args...)}
}

func runScan(ctx context.Context, paths []string, f scanFlags, failOnSet bool, stdout, stderr io.Writer) error {
	outs, err := parseOutputs(f.formats, f.output)
	if err != nil {
		return usageErr("%v", err)
	}
	var showSeverities []rules.Severity
	for _, s := range f.severity {
		sevs, err := config.ParseSeverities(s)
		if err != nil {
			return usageErr("--severity: %v", err)
		}
		showSeverities = append(showSeverities, sevs...)
	}
	cfg, err := config.Load(f.configFile)
	if err != nil {
		return &exitCodeError{code: exitError, err: err}
	}
	if len(showSeverities) == 0 {
		showSeverities = cfg.ShowSeverities
	}
	opts := scan.Options{
		Paths:                 paths,
		Root:                  f.root,
		Base:                  f.base,
		Exclude:               f.exclude,
		VarInputs:             f.varInputs,
		Environment:           os.Environ(),
		Parameters:            f.parameters,
		ParameterFiles:        f.parameterFiles,
		ManagementAccountIDs:  f.managementIDs,
		Config:                cfg,
		Rules:                 builtin.Rules(),
		PolicyPaths:           f.policyDirs,
		Only:                  f.rules,
		Skip:                  f.skipRules,
		Compliance:            f.compliance,
		NoForeignSuppressions: f.noForeign,
		Jobs:                  f.jobs,
		Limits:                budget.Limits{Values: f.evalBudget, Timeout: f.unitTimeout},
	}
	if failOnSet {
		if opts.FailOn, err = rules.ParseThreshold(f.failOn); err != nil {
			return usageErr("--fail-on: %v", err)
		}
	}
	if f.baseline != "" {
		if opts.Baseline, err = suppress.ReadBaseline(f.baseline); err != nil {
			return &exitCodeError{code: exitError, err: err}
		}
	}

	ctx, stop := signal.NotifyContext(ctx, os.Interrupt)
	defer stop()
	if f.downloadModules {
		fetcher, err := modfetch.New(ctx, modfetch.Options{})
		if err != nil {
			return &exitCodeError{code: exitError, err: fmt.Errorf("--download-modules: %w", err)}
		}
		opts.Modules = fetcher
	}
	progress := newProgress(stderr)
	opts.Progress = progress.update
	start := now()
	res, err := scan.Run(ctx, opts)
	end := now()
	progress.done()
	if err != nil {
		return &exitCodeError{code: exitError, err: err}
	}
	recorded := 0
	if f.writeBaseline != "" {
		all := append(slices.Clip(res.Findings), res.Baselined...)
		rules.SortFindings(all)
		if recorded, err = writeBaseline(f.writeBaseline, all, res.Base); err != nil {
			return &exitCodeError{code: exitError, err: err}
		}
	}

	stats := scanStats(res)
	filtered := 0
	if len(showSeverities) > 0 {
		res.Findings, filtered = filterSeverities(res.Findings, showSeverities)
	}
	printDiagnostics(stderr, res.Diagnostics, f.verbose, f.quiet)
	if f.verbose {
		printUnits(stderr, stats)
	}
	in := reportInput{result: res, base: res.Base, start: start, end: end, showUnknown: f.showUnknown, includeSuppressed: f.includeSuppressed,
		stats: stats, filtered: filtered, compact: f.compact, quiet: f.quiet, statistics: f.statistics}
	if err := writeOutputs(outs, in, f.noColor, stdout); err != nil {
		return &exitCodeError{code: exitError, err: err}
	}
	if f.writeBaseline != "" {
		fmt.Fprintf(stderr, "blindspot: recorded %s in the baseline %s; scan with --baseline %s to report only new ones\n",
			pluralize(recorded, "finding"), f.writeBaseline, f.writeBaseline)
	}
	// Exit 2 means the user has to act on blindspot: a path they named
	// that cannot be read, a directory they named with nothing to scan.
	// Problems of files found in the tree are diagnostics, and fail the
	// scan only when asked to.
	if errs := res.PathErrors(); len(errs) > 0 {
		return &exitCodeError{code: exitError, err: fmt.Errorf("%s", errs[0].Message)}
	}
	if len(res.Units) == 0 && namesDirectory(paths) {
		return &exitCodeError{code: exitError, err: fmt.Errorf("nothing to scan: no Terraform or CloudFormation found under %s", strings.Join(paths, ", "))}
	}
	if f.failOnIncomplete && len(res.Incomplete()) > 0 {
		return &exitCodeError{code: exitError, err: fmt.Errorf("the scan is incomplete: %d problems kept part of the input from being scanned (see the diagnostics above)", len(res.Incomplete()))}
	}
	// Writing a baseline accepts today's findings: they do not fail the
	// run that records them.
	if res.Failed() && f.writeBaseline == "" {
		return &exitCodeError{code: exitFindings}
	}
	return nil
}

// namesDirectory reports whether one of the paths given on the command line
// is a directory ("dir/..." included). Files named one by one (a pre-commit
// hook passes the changed files) may all be of other kinds; a directory
// with nothing to scan is a mistake.
func namesDirectory(paths []string) bool {
	for _, p := range paths {
		if trimmed, ok := strings.CutSuffix(filepath.ToSlash(p), "/..."); ok {
			p = filepath.FromSlash(trimmed)
		} else if p == "..." {
			p = "."
		}
		if info, err := os.Stat(p); err == nil && info.IsDir() {
			return true
		}
	}
	return false
}

// writeBaseline records the findings in a baseline file and returns how
// many it recorded.
func writeBaseline(path string, fs []rules.Finding, base string) (int, error) {
	b := suppress.NewBaseline(fs, base)
	if err := writeFile(path, b.Write); err != nil {
		return 0, fmt.Errorf("writing baseline: %w", err)
	}
	return len(b.Findings), nil
}

// pluralize formats a count with its noun.
func pluralize(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// scanStats gives the report the scan's figures.
func scanStats(res *scan.Result) *report.Stats {
	st := &report.Stats{Rules: report.CountRules(res.Rules, res.Findings, res.Passed), Elapsed: res.Elapsed}
	for _, u := range res.Scanned {
		st.Units = append(st.Units, report.UnitStats{Path: u.Path, Format: u.Format(), Files: u.Files,
			Resources: u.Resources, Diagnostics: u.Diagnostics, Elapsed: u.Elapsed})
	}
	return st
}

// filterSeverities keeps the findings of the severities given and counts
// the failed ones it leaves out.
func filterSeverities(fs []rules.Finding, sevs []rules.Severity) (kept []rules.Finding, left int) {
	for _, f := range fs {
		if slices.Contains(sevs, f.Severity) {
			kept = append(kept, f)
		} else if f.Status == rules.Failed && f.Suppressed == nil {
			left++
		}
	}
	return kept, left
}

// printUnits lists each unit scanned with its evaluation time and the
// problems met (-v), on stderr, where times do not make reports differ.
func printUnits(w io.Writer, st *report.Stats) {
	for _, u := range st.Units {
		// A directory name is the scanned repository's to choose: it is
		// quoted, so that control characters in it cannot reach the
		// terminal.
		fmt.Fprintf(w, "blindspot: %s %s: %s, %s, %s, evaluated and checked in %s\n", u.Format, quotedPath(u.Path),
			countOf(u.Files, "file"), countOf(u.Resources, "resource"), countOf(u.Diagnostics, "diagnostic"), u.Elapsed.Round(time.Millisecond))
	}
	fmt.Fprintf(w, "blindspot: %s scanned in %s\n", countOf(len(st.Units), "unit"), st.Elapsed.Round(time.Millisecond))
}

// quotedPath shows a path as is when it is printable and Go-quoted
// otherwise.
func quotedPath(p string) string {
	for _, r := range p {
		if !unicode.IsPrint(r) {
			return strconv.Quote(p)
		}
	}
	return p
}

func countOf(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// helpURI is the documentation page of a built-in rule.
func helpURI(ruleID string) string {
	return informationURI + "/blob/main/docs/rules/" + ruleID + ".md"
}

// docURL is a rule's documentation page: blindspot's for a built-in rule,
// the first reference of a custom policy (blindspot has no page for it,
// as in SARIF), or "".
func docURL(r *rules.Rule) string {
	if !r.Custom() {
		return helpURI(r.ID)
	}
	if len(r.References) > 0 {
		return r.References[0]
	}
	return ""
}

// printDiagnostics writes diagnostics to stderr, where they do not mix with
// the report: debug ones only when verbose, errors only when quiet.
//
// Everything in a diagnostic may come from a scanned file: it is escaped,
// its continuation lines are indented, and no line can start a CI
// workflow command.
func printDiagnostics(w io.Writer, diags []graph.Diagnostic, verbose, quiet bool) {
	// Buffered: one system call for a few kilobytes, not one per
	// diagnostic (hundreds in a large repository).
	buf := bufio.NewWriter(w)
	g := safetext.NewWriter(buf)
	for _, d := range diags {
		if d.Severity == graph.Debug && !verbose || quiet && d.Severity != graph.Error {
			continue
		}
		text := safetext.Escape(d.String(), true)
		fmt.Fprintln(g, strings.ReplaceAll(text, "\n", "\n    "))
	}
	g.Flush()
	buf.Flush()
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

// progress reports scan progress on a terminal once a scan has run for two
// seconds, on one line that it rewrites.
type progress struct {
	w       io.Writer
	enabled bool
	start   time.Time
	mu      sync.Mutex
	shown   bool
}

func newProgress(w io.Writer) *progress {
	return &progress{w: w, enabled: isTerminal(w), start: time.Now()}
}

func (p *progress) update(done, total int) {
	if !p.enabled || time.Since(p.start) < 2*time.Second {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.shown = true
	fmt.Fprintf(p.w, "\rblindspot: evaluated %d of %d units (%s)", done, total, time.Since(p.start).Round(time.Second))
}

func (p *progress) done() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.shown {
		fmt.Fprint(p.w, "\r\033[K")
	}
}
