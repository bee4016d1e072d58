// Package ruletest runs a rule's fixtures through the real scan pipeline
// and checks the results against markers in the fixtures.
//
// Fixtures live in testdata/<rule-id>/ beside the rule. Each entry is one
// scan: a file (a Terraform file is scanned as a module of its own) or a
// directory (scanned as a tree, for modules and multi-file cases). Names
// start with bad, good or unknown, and every rule has all three in both
// Terraform (.tf, .tf.json or a directory of them) and CloudFormation
// (.yaml, .yml, .json, .template).
//
// Markers say what each line must produce:
//
//	# want: <rule-id>      a finding must start on this line
//	# unknown: <rule-id>   an undetermined result must start on this line
//
// "//" works instead of "#" in HCL. A line may carry several markers (or
// name the rule several times for several results). Lines without a marker
// must produce nothing. JSON cannot hold comments, so a JSON fixture F has
// its markers in F.want, one per line: "<line> want <rule-id>".
//
// A fixture may set scan options on a line of its own:
//
//	# args: --var cidr=10.0.0.0/8 --parameter Env=prod --management-account-id 111111111111
//
// Good fixtures must produce nothing; unknown fixtures must produce at least
// one undetermined result and no finding.
//
// When a kind of fixture cannot exist for a format (no CloudFormation
// resource type can express the problem), testdata/<rule-id>/exemptions.txt
// says so, one line per missing fixture with the reason:
//
//	bad cloudformation: CloudFormation has no resource type for ...
package ruletest

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/blindspot-iac/blindspot/internal/scan"
	"github.com/blindspot-iac/blindspot/rules"
)

// Run checks every fixture of rule in testdata/<rule.ID>.
func Run(t *testing.T, rule *rules.Rule) {
	t.Helper()
	dir := filepath.Join("testdata", rule.ID)
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatalf("rule %s has no fixtures: %v", rule.ID, err)
	}
	coverage, err := readExemptions(filepath.Join(dir, exemptionsFile))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		name := e.Name()
		if strings.HasSuffix(name, ".want") || strings.HasPrefix(name, ".") || strings.EqualFold(name, "README.md") ||
			name == exemptionsFile {
			continue
		}
		kind := fixtureKind(name)
		if kind == "" {
			t.Errorf("%s: fixture names start with bad, good or unknown", filepath.Join(dir, name))
			continue
		}
		format := fixtureFormat(filepath.Join(dir, name), e.IsDir())
		if format == "" {
			t.Errorf("%s: neither Terraform nor CloudFormation", filepath.Join(dir, name))
			continue
		}
		coverage[kind+" "+format] = true
		t.Run(name, func(t *testing.T) {
			checkFixture(t, rule, filepath.Join(dir, name), kind, e.IsDir())
		})
	}
	for _, kind := range []string{"bad", "good", "unknown"} {
		for _, format := range []string{"terraform", "cloudformation"} {
			if !coverage[kind+" "+format] {
				t.Errorf("rule %s has no %s %s fixture in %s", rule.ID, kind, format, dir)
			}
		}
	}
}

// exemptionsFile lists the fixtures a rule cannot have, with reasons.
const exemptionsFile = "exemptions.txt"

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
	if isDir {
		format := ""
		_ = filepath.Walk(path, func(p string, info os.FileInfo, err error) error {
			if err == nil && !info.IsDir() {
				if f := fileFormat(p); f != "" && format == "" {
					format = f
				}
			}
			return nil
		})
		return format
	}
	return fileFormat(path)
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

// expectation is what a line must produce: rule ID and status -> count.
type expectation map[lineKey]int

type lineKey struct {
	file   string
	line   int
	status rules.Status
}

var markerRE = regexp.MustCompile(`(?:#|//)\s*(want|unknown):\s*([a-z0-9 -]+)`)
var argsRE = regexp.MustCompile(`(?:#|//)\s*args:\s*(.+)$`)

func checkFixture(t *testing.T, rule *rules.Rule, path, kind string, isDir bool) {
	scanPath := path
	if !isDir && fileFormat(path) == "terraform" {
		// A Terraform file is a module on its own: copy it alone into a
		// directory, keeping its name so positions still name it.
		tmp := t.TempDir()
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		scanPath = filepath.Join(tmp, filepath.Base(path))
		if err := os.WriteFile(scanPath, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want := expectation{}
	var args []string
	files := []string{path}
	if isDir {
		files = nil
		_ = filepath.Walk(path, func(p string, info os.FileInfo, err error) error {
			if err == nil && !info.IsDir() && fileFormat(p) != "" {
				files = append(files, p)
			}
			return nil
		})
	}
	for _, f := range files {
		a, err := readMarkers(f, rule.ID, want)
		if err != nil {
			t.Fatal(err)
		}
		args = append(args, a...)
	}
	opts := scan.Options{Paths: []string{scanPath}, Rules: []*rules.Rule{rule}}
	if err := applyArgs(&opts, args); err != nil {
		t.Fatalf("%s: args: %v", path, err)
	}
	res, err := scan.Run(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range res.Diagnostics {
		if d.Code == "internal-error" || d.Code == "parse-error" {
			t.Errorf("diagnostic: %v", d)
		} else {
			t.Logf("diagnostic: %v", d)
		}
	}
	got := expectation{}
	for _, f := range res.Findings {
		file := f.Loc.Range.File
		if !isDir {
			file = path
		} else if rel, err := filepath.Rel(scanPath, file); err == nil {
			file = filepath.Join(path, rel)
		}
		got[lineKey{filepath.Clean(file), f.Loc.Range.Start.Line, f.Status}]++
		t.Logf("%s:%d: %s %s: %s", file, f.Loc.Range.Start.Line, f.Status, f.RuleID, f.Message)
	}
	compare(t, want, got)

	failed, undetermined := 0, 0
	for k, n := range got {
		if k.status == rules.Failed {
			failed += n
		} else {
			undetermined += n
		}
	}
	switch kind {
	case "bad":
		if failed == 0 {
			t.Errorf("bad fixture %s produced no finding", path)
		}
	case "good":
		if failed+undetermined > 0 {
			t.Errorf("good fixture %s produced %d findings and %d undetermined results", path, failed, undetermined)
		}
	case "unknown":
		if failed > 0 || undetermined == 0 {
			t.Errorf("unknown fixture %s produced %d findings and %d undetermined results; want 0 and at least 1", path, failed, undetermined)
		}
	}
}

func compare(t *testing.T, want, got expectation) {
	t.Helper()
	keys := map[lineKey]bool{}
	for k := range want {
		keys[k] = true
	}
	for k := range got {
		keys[k] = true
	}
	sorted := make([]lineKey, 0, len(keys))
	for k := range keys {
		sorted = append(sorted, k)
	}
	sort.Slice(sorted, func(i, j int) bool {
		if sorted[i].file != sorted[j].file {
			return sorted[i].file < sorted[j].file
		}
		return sorted[i].line < sorted[j].line
	})
	for _, k := range sorted {
		if want[k] != got[k] {
			t.Errorf("%s:%d: got %d %s results, want %d", k.file, k.line, got[k], k.status, want[k])
		}
	}
}

// readMarkers adds the markers for ruleID in file (or its .want sidecar) to
// want and returns the file's args.
func readMarkers(file, ruleID string, want expectation) ([]string, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var args []string
	scanLines := func(data []byte, fn func(n int, line string)) {
		sc := bufio.NewScanner(bytes.NewReader(data))
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for n := 1; sc.Scan(); n++ {
			fn(n, sc.Text())
		}
	}
	scanLines(data, func(n int, line string) {
		if m := argsRE.FindStringSubmatch(line); m != nil {
			args = append(args, strings.Fields(m[1])...)
		}
		for _, m := range markerRE.FindAllStringSubmatch(line, -1) {
			addMarker(want, file, n, m[1], strings.Fields(m[2]), ruleID)
		}
	})
	if strings.HasSuffix(file, ".json") {
		side, err := os.ReadFile(file + ".want")
		if err == nil {
			var bad error
			scanLines(side, func(_ int, line string) {
				f := strings.Fields(line)
				if len(f) == 0 || strings.HasPrefix(f[0], "#") {
					return
				}
				if f[0] == "args:" {
					args = append(args, f[1:]...)
					return
				}
				n, err := strconv.Atoi(f[0])
				if err != nil || len(f) < 3 {
					bad = fmt.Errorf("%s.want: bad line %q (want <line> want|unknown <rule-id>)", file, line)
					return
				}
				addMarker(want, file, n, f[1], f[2:], ruleID)
			})
			if bad != nil {
				return nil, bad
			}
		}
	}
	return args, nil
}

func addMarker(want expectation, file string, line int, kind string, ids []string, ruleID string) {
	status := rules.Failed
	if kind == "unknown" {
		status = rules.Undetermined
	}
	for _, id := range ids {
		if id == ruleID {
			want[lineKey{filepath.Clean(file), line, status}]++
		}
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
