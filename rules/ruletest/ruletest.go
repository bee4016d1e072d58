// Package ruletest runs rules' fixtures through the real scan pipeline and
// checks the results against expectations written in the fixtures, as
// golang.org/x/tools/go/analysis/analysistest does for analyzers.
//
// A rule package's test is one line:
//
//	func TestRules(t *testing.T) { ruletest.RunAll(t, Rules()) }
//
// # Fixtures
//
// Fixtures live in the package's testdata directory. testdata/<rule-id>/
// holds the fixtures of one rule; testdata/shared/ holds fixtures that
// every rule given to RunAll is checked against (a landing zone that
// several organisation rules read). Each entry is one scan: a file (a
// Terraform file is scanned as a module of its own) or a directory
// (scanned as a tree, for modules and multi-file cases). Terraform is .tf
// (or a directory of them); CloudFormation is .yaml, .yml, .json or
// .template.
//
// The names of a rule's own fixtures start with bad, good or unknown: a
// bad fixture must produce a finding, a good one nothing, an unknown one
// an undetermined result and no finding. Every rule needs all three in
// both formats, counting the shared fixtures (bad for a rule when they
// expect a finding of it, unknown when they expect only undetermined
// results, good otherwise). When a kind cannot exist for a format,
// testdata/<rule-id>/exemptions.txt says why, one line each:
//
//	bad cloudformation: CloudFormation has no resource type for ...
//
// A directory of testdata that is neither shared nor a rule's (a rule
// left out of Rules()) is an error.
//
// # Expectations
//
// A comment on a line says what the line must produce; lines without one
// must produce nothing (of the rules checked):
//
//	# want: <rule-id>                 a finding must start on this line
//	# want: <rule-id> "regexp"        ... whose message matches regexp
//	# unknown: <rule-id> "regexp"     an undetermined result
//
// "//" works instead of "#" in HCL. A marker may list several results
// (`# want: aws-a aws-a "second"`); each result must meet one expectation
// and each expectation one result. A regexp is a Go string literal
// (double-quoted or back-quoted) and must match somewhere in the message.
// A marker naming a rule that is not checked is an error.
//
// JSON has no comments, so a JSON template holds its expectations in its
// top-level Metadata, which CloudFormation ignores, locating each by a
// JSON pointer to the member (or element) on whose line it starts:
//
//	"Metadata": {"ruletest": {
//	  "args": "--parameter Env=prod",
//	  "want": {"aws-s3-versioning-disabled": [
//	    "/Resources/Bucket",
//	    {"at": "/Resources/Other/Properties/VersioningConfiguration/Status", "message": "suspended"}
//	  ]},
//	  "unknown": {"aws-s3-encryption-not-kms": ["/Resources/Third/Properties/BucketEncryption"]}
//	}}
//
// A fixture may set scan options on a line of its own (or in "args"):
//
//	# args: --var cidr=10.0.0.0/8 --parameter Env=prod --management-account-id 111111111111
//
// # Fixes
//
// When the checked rules offer fixes (rules.Fix) for a fixture's findings,
// the fixes are applied and the result must equal the golden file beside
// the fixture file (bad.tf.golden); go test -update writes them. The fixed
// fixture is then scanned again: no finding that had a fix may remain. A
// fixture whose fixes are known to be wrong says why on a line of its own,
//
//	# broken-fix: <the bug, where it is>
//
// and then its fixes must still fail to clear a finding, so that the note
// goes when the bug does.
//
// # Remediation
//
// Each rule's remediation snippets (rules.Remediation Terraform and
// CloudFormation; the latter as entries of a template's Resources) are
// scanned as extra fixtures: the fix the documentation gives must not be
// reported as a finding. A snippet is an excerpt that may refer to
// resources it does not declare, so undetermined results are allowed.
package ruletest

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/internal/scan"
	"github.com/blindspot-iac/blindspot/rules"
)

var update = flag.Bool("update", false, "write the golden files of the fixtures' fixes")

// sharedDir is the directory of fixtures every rule is checked against.
const sharedDir = "shared"

// exemptionsFile lists the fixtures a rule cannot have, with reasons.
const exemptionsFile = "exemptions.txt"

// RunAll checks the fixtures of rs in testdata: each rule's own, the
// shared ones, and the rules' remediation snippets.
func RunAll(t *testing.T, rs []*rules.Rule) {
	t.Helper()
	s := &suite{root: "testdata", rules: rs, update: *update}
	fixtures, problems := s.plan()
	for _, p := range problems {
		t.Error(p)
	}
	for _, f := range fixtures {
		t.Run(f.name, func(t *testing.T) {
			out := s.check(context.Background(), f)
			for _, l := range out.logs {
				t.Log(l)
			}
			for _, p := range out.problems {
				t.Error(p)
			}
		})
	}
}

// suite is the fixtures of a set of rules under root.
type suite struct {
	root   string
	rules  []*rules.Rule
	update bool
}

// fixture is one scan and the rules whose results it checks.
type fixture struct {
	// name names the subtest: "<rule-id>/<entry>", "shared/<entry>",
	// "<rule-id>/remediation.tf".
	name string
	// path is the file or directory scanned.
	path  string
	isDir bool
	// kind is bad, good or unknown for a rule's own fixture, remediation
	// for a snippet, "" for a shared fixture (whose markers decide).
	kind  string
	rules []*rules.Rule
	// snippet holds the text of a remediation snippet, scanned instead of
	// path, which then only names it.
	snippet string
}

// plan lists the fixtures to check and reports what is missing or
// misplaced: rules without fixtures of each kind and format, directories
// that belong to no rule.
func (s *suite) plan() ([]*fixture, []string) {
	var fixtures []*fixture
	var problems []string
	byID := map[string]*rules.Rule{}
	for _, r := range s.rules {
		byID[r.ID] = r
	}
	entries, err := os.ReadDir(s.root)
	if err != nil && !os.IsNotExist(err) {
		return nil, []string{err.Error()}
	}
	for _, e := range entries {
		if e.IsDir() && e.Name() != sharedDir && byID[e.Name()] == nil && !strings.HasPrefix(e.Name(), ".") {
			problems = append(problems, fmt.Sprintf("%s is the fixture directory of no rule given to RunAll; is the rule missing from Rules()?",
				filepath.Join(s.root, e.Name())))
		}
	}
	shared, err := s.entries(filepath.Join(s.root, sharedDir))
	if err != nil {
		problems = append(problems, err.Error())
	}
	for _, e := range shared {
		fixtures = append(fixtures, &fixture{name: sharedDir + "/" + e.name, path: e.path, isDir: e.isDir, rules: s.rules})
	}
	for _, r := range s.rules {
		dir := filepath.Join(s.root, r.ID)
		own, err := s.entries(dir)
		if err != nil {
			problems = append(problems, err.Error())
		}
		for _, e := range own {
			kind := fixtureKind(e.name)
			if kind == "" {
				problems = append(problems, fmt.Sprintf("%s: fixture names start with bad, good or unknown", e.path))
				continue
			}
			fixtures = append(fixtures, &fixture{name: r.ID + "/" + e.name, path: e.path, isDir: e.isDir, kind: kind, rules: []*rules.Rule{r}})
		}
		missing, err := Missing(s.root, r)
		if err != nil {
			problems = append(problems, err.Error())
		}
		for _, m := range missing {
			problems = append(problems, fmt.Sprintf("rule %s has no %s fixture in %s or %s", r.ID, m, dir, filepath.Join(s.root, sharedDir)))
		}
		for _, format := range []string{"terraform", "cloudformation"} {
			text := r.Remediation.Terraform
			name := r.ID + "/remediation.tf"
			if format == "cloudformation" {
				text, name = remediationTemplate(r.Remediation.CloudFormation), r.ID+"/remediation.yaml"
			}
			if text != "" {
				fixtures = append(fixtures, &fixture{name: name, path: filepath.Base(name), kind: "remediation", rules: []*rules.Rule{r}, snippet: text})
			}
		}
	}
	return fixtures, problems
}

// entry is a file or directory of fixtures.
type entry struct {
	name, path string
	isDir      bool
}

// entries lists the fixtures in dir: every entry but golden files, hidden
// files, READMEs and the exemptions; a missing dir holds none.
func (s *suite) entries(dir string) ([]entry, error) {
	des, err := os.ReadDir(dir)
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []entry
	var problems []string
	for _, e := range des {
		name := e.Name()
		if strings.HasSuffix(name, goldenSuffix) || strings.HasPrefix(name, ".") || strings.EqualFold(name, "README.md") ||
			name == exemptionsFile {
			continue
		}
		path := filepath.Join(dir, name)
		if fixtureFormat(path, e.IsDir()) == "" {
			problems = append(problems, path+": neither Terraform nor CloudFormation")
			continue
		}
		out = append(out, entry{name: name, path: path, isDir: e.IsDir()})
	}
	if len(problems) > 0 {
		return out, fmt.Errorf("%s", strings.Join(problems, "\n"))
	}
	return out, nil
}

// Missing lists the kinds of fixture ("bad terraform", ...) rule r lacks
// in the testdata directory root, counting its own fixtures, the shared
// ones and its exemptions.
func Missing(root string, r *rules.Rule) ([]string, error) {
	dir := filepath.Join(root, r.ID)
	coverage, err := readExemptions(filepath.Join(dir, exemptionsFile))
	if err != nil {
		return nil, err
	}
	s := &suite{root: root}
	own, err := s.entries(dir)
	if err != nil {
		return nil, err
	}
	for _, e := range own {
		if kind := fixtureKind(e.name); kind != "" {
			coverage[kind+" "+fixtureFormat(e.path, e.isDir)] = true
		}
	}
	shared, err := s.entries(filepath.Join(root, sharedDir))
	if err != nil {
		return nil, err
	}
	for _, e := range shared {
		exp, _, err := readExpectations(e.path, e.isDir)
		if err != nil {
			return nil, err
		}
		coverage[exp.kindFor(r.ID)+" "+fixtureFormat(e.path, e.isDir)] = true
	}
	var missing []string
	for _, kind := range []string{"bad", "good", "unknown"} {
		for _, format := range []string{"terraform", "cloudformation"} {
			if !coverage[kind+" "+format] {
				missing = append(missing, kind+" "+format)
			}
		}
	}
	return missing, nil
}

// readExemptions reads "<kind> <format>: <reason>" lines into a coverage
// map; a missing file exempts nothing.
func readExemptions(path string) (map[string]bool, error) {
	coverage := map[string]bool{}
	data, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return coverage, nil
	}
	if err != nil {
		return nil, err
	}
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		what, reason, ok := strings.Cut(line, ":")
		f := strings.Fields(what)
		if !ok || strings.TrimSpace(reason) == "" || len(f) != 2 || fixtureKind(f[0]) != f[0] ||
			(f[1] != "terraform" && f[1] != "cloudformation") {
			return nil, fmt.Errorf("%s: bad line %q (want \"<bad|good|unknown> <terraform|cloudformation>: <reason>\")", path, line)
		}
		coverage[f[0]+" "+f[1]] = true
	}
	return coverage, nil
}

func fixtureKind(name string) string {
	for _, k := range []string{"bad", "good", "unknown"} {
		if strings.HasPrefix(name, k) {
			return k
		}
	}
	return ""
}

func fixtureFormat(path string, isDir bool) string {
	if !isDir {
		return fileFormat(path)
	}
	format := ""
	for _, f := range fixtureFiles(path) {
		if format == "" {
			format = fileFormat(f)
		}
	}
	return format
}

func fileFormat(p string) string {
	switch {
	case strings.HasSuffix(p, ".tf"), strings.HasSuffix(p, ".tf.json"):
		return "terraform"
	case strings.HasSuffix(p, ".yaml"), strings.HasSuffix(p, ".yml"), strings.HasSuffix(p, ".json"), strings.HasSuffix(p, ".template"):
		return "cloudformation"
	}
	return ""
}

// fixtureFiles lists the Terraform and CloudFormation files under dir, in
// lexical order.
func fixtureFiles(dir string) []string {
	var files []string
	_ = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && fileFormat(p) != "" {
			files = append(files, p)
		}
		return nil
	})
	return files
}

// outcome is what checking a fixture found.
type outcome struct {
	problems []string
	logs     []string
}

func (o *outcome) problemf(format string, args ...any) {
	o.problems = append(o.problems, fmt.Sprintf(format, args...))
}

// check scans a fixture and compares the results of its rules with the
// expectations, then checks the fixes.
func (s *suite) check(ctx context.Context, f *fixture) *outcome {
	out := &outcome{}
	tree, err := stage(f)
	if err != nil {
		out.problemf("%v", err)
		return out
	}
	defer tree.remove()
	exp, args := &expectations{}, []string(nil)
	if f.snippet == "" {
		if exp, args, err = readExpectations(f.path, f.isDir); err != nil {
			out.problemf("%v", err)
			return out
		}
	}
	checked := map[string]bool{}
	for _, r := range f.rules {
		checked[r.ID] = true
	}
	for _, id := range exp.ruleIDs() {
		if !checked[id] {
			out.problemf("%s: expectations name %s, which is not among the rules checked", f.path, id)
		}
	}
	opts := scan.Options{Paths: []string{tree.scanPath}, Rules: f.rules}
	if err := applyArgs(&opts, args); err != nil {
		out.problemf("%s: args: %v", f.path, err)
		return out
	}
	res, err := scan.Run(ctx, opts)
	if err != nil {
		out.problemf("%s: %v", f.path, err)
		return out
	}
	s.reportDiagnostics(out, res.Diagnostics)
	got := tree.results(res.Findings)
	for _, g := range got {
		out.logs = append(out.logs, g.String())
	}
	if f.kind != "remediation" {
		for _, p := range match(exp.all, got) {
			out.problemf("%s", p)
		}
	}
	s.checkKind(out, f, got)
	if f.snippet == "" {
		s.checkFixes(ctx, out, f, exp, tree, opts, res.Findings)
	}
	return out
}

// reportDiagnostics fails on diagnostics that mean the fixture was not
// read or the pipeline broke, and logs the others.
func (s *suite) reportDiagnostics(out *outcome, ds []graph.Diagnostic) {
	for _, d := range ds {
		if d.Code == "internal-error" || d.Code == "parse-error" {
			out.problemf("diagnostic: %v", d)
		} else {
			out.logs = append(out.logs, fmt.Sprintf("diagnostic: %v", d))
		}
	}
}

// checkKind checks what a rule's own fixture must produce as a whole.
func (s *suite) checkKind(out *outcome, f *fixture, got []result) {
	failed := slices.ContainsFunc(got, func(r result) bool { return r.status == rules.Failed })
	undetermined := slices.ContainsFunc(got, func(r result) bool { return r.status == rules.Undetermined })
	switch {
	case f.kind == "bad" && !failed:
		out.problemf("bad fixture %s produced no finding", f.path)
	case f.kind == "good" && (failed || undetermined):
		out.problemf("good fixture %s produced %d results", f.path, len(got))
	case f.kind == "unknown" && (failed || !undetermined):
		out.problemf("unknown fixture %s must produce undetermined results and no finding", f.path)
	case f.kind == "remediation" && failed:
		out.problemf("the remediation snippet %s is reported as a finding", f.name)
	}
}

// applyArgs understands the scan options fixtures may set.
func applyArgs(opts *scan.Options, args []string) error {
	for i := 0; i < len(args); i++ {
		flag := args[i]
		if i+1 >= len(args) {
			return fmt.Errorf("%s needs a value", flag)
		}
		val := args[i+1]
		i++
		switch flag {
		case "--var":
			opts.VarInputs = append(opts.VarInputs, scan.VarInput{Var: val})
		case "--parameter":
			opts.Parameters = append(opts.Parameters, val)
		case "--management-account-id":
			opts.ManagementAccountIDs = append(opts.ManagementAccountIDs, val)
		default:
			return fmt.Errorf("unknown option %s", flag)
		}
	}
	return nil
}
