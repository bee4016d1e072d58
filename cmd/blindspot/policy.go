package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/blindspot-iac/blindspot/internal/config"
	"github.com/blindspot-iac/blindspot/internal/fixture"
	"github.com/blindspot-iac/blindspot/internal/scan"
	"github.com/blindspot-iac/blindspot/rules"
	"github.com/blindspot-iac/blindspot/rules/builtin"
	"github.com/blindspot-iac/blindspot/rules/policy"
)

func newPolicyCmd(stdout, stderr io.Writer) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "policy",
		Short: "Check and test custom policies",
		Long: `Custom policies are YAML files whose condition, a CEL expression, is true when
a resource fails (see docs/policies.md). A scan reads them from policies: in
.blindspot.yaml, from --policy-dir, and from .blindspot/policies.`,
	}
	cmd.AddCommand(newPolicyTestCmd(stdout, stderr), newPolicyLintCmd(stdout, stderr))
	return cmd
}

func newPolicyTestCmd(stdout, stderr io.Writer) *cobra.Command {
	var (
		run     string
		verbose bool
	)
	cmd := &cobra.Command{
		Use:   "test DIR...",
		Short: "Run custom policies' fixtures",
		Long: `Run the fixtures of the policies in each DIR: testdata/<policy-id>/ beside the
policy files holds bad, good and unknown fixtures in Terraform and
CloudFormation, whose "# want: <policy-id>" and "# unknown: <policy-id>" markers
say where a finding or an undetermined result must start (the layout
blindspot's own rules use). Each fixture is scanned with its policy alone.

Exit codes: 0 every fixture passed; 1 some failed; 2 a policy could not be
loaded.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, dirs []string) error {
			var filter *regexp.Regexp
			if run != "" {
				var err error
				if filter, err = regexp.Compile(run); err != nil {
					return usageErr("--run: %v", err)
				}
			}
			return runPolicyTest(dirs, filter, verbose, stdout)
		},
	}
	cmd.Flags().StringVar(&run, "run", "", "test only the policies whose ID matches `REGEXP`")
	cmd.Flags().BoolVarP(&verbose, "verbose", "v", false, "print every fixture's results")
	return cmd
}

func runPolicyTest(dirs []string, filter *regexp.Regexp, verbose bool, stdout io.Writer) error {
	passed, failed := 0, 0
	for _, dir := range dirs {
		files, err := scan.PolicyFiles([]string{dir}, nil)
		if err != nil {
			return &exitCodeError{code: exitError, err: err}
		}
		set, err := scan.LoadPolicies(files, builtin.Rules(), policy.Options{})
		if err != nil {
			return &exitCodeError{code: exitError, err: err}
		}
		if set == nil {
			return &exitCodeError{code: exitError, err: fmt.Errorf("%s holds no policy file", dir)}
		}
		// The rules of a run name the policies and carry their
		// remediation; each fixture's scan runs its policy from the set.
		var tested []*rules.Rule
		for _, r := range set.NewRun(policy.RunOptions{}).Rules() {
			if filter == nil || filter.MatchString(r.ID) {
				tested = append(tested, r)
			}
		}
		suite := &fixture.Suite{Root: filepath.Join(dir, "testdata"), Rules: tested, Options: scan.Options{Policies: set}}
		fixtures, planProblems := suite.Plan()
		byPolicy := map[string][]*fixture.Fixture{}
		for _, f := range fixtures {
			id, _, _ := strings.Cut(f.Name, "/")
			byPolicy[id] = append(byPolicy[id], f)
		}
		// Problems of the layout are about one policy's fixtures, or about
		// the directory (fixtures of no policy).
		about := func(p, id string) bool {
			return strings.Contains(p, " "+id+" ") || strings.Contains(p, string(filepath.Separator)+id+string(filepath.Separator))
		}
		if filter == nil {
			var stray []string
			for _, p := range planProblems {
				if !slices.ContainsFunc(tested, func(r *rules.Rule) bool { return about(p, r.ID) }) {
					stray = append(stray, p)
				}
			}
			if len(stray) > 0 {
				failed++
				fmt.Fprintf(stdout, "FAIL  %s\n", suite.Root)
				for _, p := range stray {
					fmt.Fprintf(stdout, "      %s\n", p)
				}
			}
		}
		for _, r := range tested {
			var problems, logs []string
			for _, p := range planProblems {
				if about(p, r.ID) {
					problems = append(problems, p)
				}
			}
			n := 0
			for _, f := range byPolicy[r.ID] {
				n++
				out := suite.Check(context.Background(), f)
				problems = append(problems, out.Problems...)
				logs = append(logs, out.Logs...)
			}
			if len(problems) == 0 {
				passed++
				fmt.Fprintf(stdout, "ok    %s (%d fixtures)\n", r.ID, n)
			} else {
				failed++
				fmt.Fprintf(stdout, "FAIL  %s (%s)\n", r.ID, r.Source)
				for _, pr := range problems {
					fmt.Fprintf(stdout, "      %s\n", pr)
				}
			}
			if verbose || len(problems) > 0 {
				for _, l := range logs {
					fmt.Fprintf(stdout, "      | %s\n", l)
				}
			}
		}
	}
	fmt.Fprintf(stdout, "%d passed, %d failed\n", passed, failed)
	if failed > 0 {
		return &exitCodeError{code: exitFindings}
	}
	return nil
}

func newPolicyLintCmd(stdout, stderr io.Writer) *cobra.Command {
	var configFile string
	cmd := &cobra.Command{
		Use:   "lint [PATH...]",
		Short: "Check policy files",
		Long: `Load and type-check policy files (PATH: a file, or a directory of *.yaml and
*.yml files; by default those a scan of the working directory would read) and
report every problem with its file, line and column, and what a policy lacks:
remediation, references, fixtures.

Exit codes: 0 the policies load; 2 they do not.`,
		RunE: func(cmd *cobra.Command, paths []string) error {
			return runPolicyLint(paths, configFile, stdout, stderr)
		},
	}
	cmd.Flags().StringVar(&configFile, "config", "", "configuration `FILE` whose policies: and accounts are used (default .blindspot.yaml when present)")
	return cmd
}

func runPolicyLint(paths []string, configFile string, stdout, stderr io.Writer) error {
	cfg, err := config.Load(configFile)
	if err != nil {
		return &exitCodeError{code: exitError, err: err}
	}
	named, defaults := paths, []string(nil)
	if len(paths) == 0 {
		named, defaults = cfg.Policies, []string{"."}
	}
	files, err := scan.PolicyFiles(named, defaults)
	if err != nil {
		return &exitCodeError{code: exitError, err: err}
	}
	if len(files) == 0 {
		return &exitCodeError{code: exitError, err: errors.New("no policy files: give a file or directory, or keep policies in " + scan.DefaultPolicyDir)}
	}
	set, err := scan.LoadPolicies(files, builtin.Rules(), policy.Options{})
	if err != nil {
		return &exitCodeError{code: exitError, err: err}
	}
	for _, p := range set.Policies() {
		for _, w := range policy.Lint(p) {
			fmt.Fprintf(stderr, "%s: warning: %s\n", p.Range, w)
		}
		fixtures := filepath.Join(filepath.Dir(p.File), "testdata", p.ID)
		if _, err := os.Stat(fixtures); err != nil {
			fmt.Fprintf(stderr, "%s: warning: policy %s has no fixtures in %s (see blindspot policy test)\n", p.Range, p.ID, fixtures)
		}
	}
	fmt.Fprintf(stdout, "%d policies in %d files load and type-check\n", len(set.Policies()), len(files))
	return nil
}
