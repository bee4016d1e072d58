// Package layering holds only tests: they keep the import direction that
// DESIGN.md gives, parser/* -> graph <- graph/aws <- rules <- sarif,
// internal/report <- internal/scan <- cmd.
//
// Permissions are exact. Every package of the module has an entry in
// allowed, and may import exactly the module packages its entry lists: an
// entry "graph" permits graph, not graph/aws. A trailing "/..." is Go's
// package pattern and must be written to mean a family: "rules/aws/..."
// is every rule package. Only non-test imports are checked; tests may
// drive the pipeline from any layer.
package layering

import (
	"encoding/json"
	"fmt"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/blindspot-iac/blindspot"

// allowed lists, for each package (or family, with "/..."), the module
// packages it may import.
var allowed = map[string][]string{
	"graph":                 {},
	"graph/aws":             {"graph"},
	"parser":                {"graph", "internal/parallel", "internal/sandbox", "internal/nesting", "internal/jsonnode", "internal/yamlnode"},
	"parser/terraform":      {"graph", "internal/sandbox", "internal/nesting", "internal/budget"},
	"parser/cloudformation": {"graph", "internal/spelling", "internal/sandbox", "internal/nesting", "internal/jsonnode", "internal/yamlnode", "internal/budget"},
	"rules":                 {"graph", "graph/aws"},
	"rules/aws/...":         {"graph", "graph/aws", "rules"},
	"rules/builtin":         {"rules", "rules/aws/..."},
	// Custom policies are rules too; they read the model as rules do.
	"rules/policy":    {"graph", "graph/aws", "rules"},
	"rules/ruletest":  {"internal/fixture", "rules"},
	"sarif":           {"graph", "graph/aws", "rules", "internal/jsonfmt", "internal/parallel"},
	"sarif/sariftest": {},
	"internal/report": {"graph", "graph/aws", "rules", "internal/safetext", "internal/sandbox", "internal/jsonfmt", "internal/parallel"},
	"internal/config": {"graph", "rules", "graph/aws", "parser", "internal/spelling", "internal/sandbox", "internal/nesting"},
	"internal/scan": {"graph", "graph/aws", "parser", "parser/terraform", "parser/cloudformation",
		"rules", "rules/policy", "internal/config", "internal/suppress", "internal/parallel", "internal/spelling", "internal/sandbox", "internal/budget", "internal/nesting"},
	"internal/suppress":    {"graph", "rules", "internal/spelling", "docs/rules"},
	"internal/spelling":    {},
	"internal/parallel":    {},
	"internal/benchcpu":    {},
	"internal/sandbox":     {},
	"internal/nesting":     {},
	"internal/jsonnode":    {"internal/nesting", "internal/nodeslab"},
	"internal/nodeslab":    {},
	"internal/nodecheck":   {"internal/nesting"},
	"internal/yamlnode":    {"internal/nesting", "internal/nodeslab"},
	"internal/budget":      {"graph"},
	"internal/safetext":    {},
	"internal/jsonfmt":     {},
	"internal/modfetch":    {},
	"internal/accuracy":    {"graph", "internal/scan", "rules"},
	"internal/findingtest": {"graph", "rules"},
	// The fixture runner drives the real pipeline, so fixtures test what
	// users run.
	"internal/fixture":     {"graph", "internal/config", "internal/scan", "rules"},
	"internal/ruledocs":    {"rules", "docs/rules"},
	"internal/orgview":     {"graph", "graph/aws", "internal/report", "rules/aws/org"},
	"docs/rules":           {},
	"internal/integration": {},
	"internal/layering":    {},
	"internal/parsefloor":  {"internal/parallel", "internal/jsonnode"},
	"internal/tools/...":   {"internal/parsefloor"},
	"cmd/blindspot": {"graph", "graph/aws", "internal/budget", "internal/config", "internal/fixture", "internal/modfetch", "internal/orgview", "internal/parallel", "internal/report", "internal/ruledocs", "internal/safetext",
		"internal/scan", "internal/suppress", "rules", "rules/builtin", "rules/policy", "sarif"},
}

// pkg is a package of the module and the module packages it imports, both
// relative to the module path.
type pkg struct {
	Path    string
	Imports []string
}

func TestImportDirection(t *testing.T) {
	pkgs, err := modulePackages()
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range violations(allowed, pkgs) {
		t.Error(v)
	}
	for _, e := range unusedEntries(allowed, pkgs) {
		t.Errorf("layering entry %q matches no package; remove it", e)
	}
}

// TestViolationsAreFound runs the checker on packages that break the
// direction, so a table or matcher that lets everything through fails.
func TestViolationsAreFound(t *testing.T) {
	tests := []struct {
		name  string
		table map[string][]string // nil: the project's table
		pkg   pkg
		want  string // "" for no violation
	}{
		{"parser imports the AWS model", nil, pkg{"parser/terraform", []string{"graph", "graph/aws"}},
			"parser/terraform imports graph/aws"},
		{"writer imports the rule set", nil, pkg{"sarif", []string{"rules", "rules/builtin"}},
			"sarif imports rules/builtin"},
		{"graph imports its child", nil, pkg{"graph", []string{"graph/aws"}}, "graph imports graph/aws"},
		{"rule imports a parser", nil, pkg{"rules/aws/s3", []string{"rules", "parser/terraform"}},
			"rules/aws/s3 imports parser/terraform"},
		{"rule imports the pipeline", nil, pkg{"rules/aws/s3", []string{"internal/scan"}},
			"rules/aws/s3 imports internal/scan"},
		{"family does not cover its root", nil, pkg{"rules/builtin", []string{"rules/aws"}},
			"rules/builtin imports rules/aws"},
		{"new package without entry", nil, pkg{"internal/newthing", nil}, "internal/newthing has no entry"},
		{"two families", map[string][]string{"internal/...": {}, "internal/tools/...": {}},
			pkg{"internal/tools/x", nil}, "several families"},
		{"allowed import", nil, pkg{"graph/aws", []string{"graph"}}, ""},
		{"family import", nil, pkg{"rules/builtin", []string{"rules/aws/s3", "rules/aws/org"}}, ""},
		{"family member", nil, pkg{"rules/aws/newservice", []string{"graph/aws", "rules"}}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			table := tt.table
			if table == nil {
				table = allowed
			}
			got := violations(table, []pkg{tt.pkg})
			switch {
			case tt.want == "" && len(got) > 0:
				t.Errorf("unexpected violations: %q", got)
			case tt.want != "" && (len(got) != 1 || !strings.Contains(got[0], tt.want)):
				t.Errorf("violations = %q, want one containing %q", got, tt.want)
			}
		})
	}
}

func TestUnusedEntriesAreFound(t *testing.T) {
	table := map[string][]string{"graph": {}, "parser/internal": {"graph"}, "tools/...": {}}
	got := unusedEntries(table, []pkg{{Path: "graph"}})
	if want := []string{"parser/internal", "tools/..."}; !slices.Equal(got, want) {
		t.Errorf("unusedEntries = %q, want %q", got, want)
	}
}

// modulePackages lists the module's packages with `go list`.
func modulePackages() ([]pkg, error) {
	out, err := exec.Command("go", "list", "-json=ImportPath,Imports", "../../...").Output()
	if err != nil {
		return nil, fmt.Errorf("go list: %w", err)
	}
	var pkgs []pkg
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for dec.More() {
		var p struct {
			ImportPath string
			Imports    []string
		}
		if err := dec.Decode(&p); err != nil {
			return nil, fmt.Errorf("go list output: %w", err)
		}
		q := pkg{Path: relative(p.ImportPath)}
		for _, imp := range p.Imports {
			if strings.HasPrefix(imp, module+"/") {
				q.Imports = append(q.Imports, relative(imp))
			}
		}
		pkgs = append(pkgs, q)
	}
	return pkgs, nil
}

func relative(importPath string) string {
	return strings.TrimPrefix(strings.TrimPrefix(importPath, module), "/")
}

// violations lists the imports of pkgs that table does not permit, and the
// packages it has no entry for.
func violations(table map[string][]string, pkgs []pkg) []string {
	var out []string
	for _, p := range pkgs {
		perms, err := entry(table, p.Path)
		if err != nil {
			out = append(out, err.Error())
			continue
		}
		for _, dep := range p.Imports {
			if !slices.ContainsFunc(perms, func(pattern string) bool { return matches(pattern, dep) }) {
				out = append(out, fmt.Sprintf("%s imports %s, against the direction in DESIGN.md", p.Path, dep))
			}
		}
	}
	return out
}

// entry finds the permissions of path: its own entry, or else that of the
// one family ("x/...") it belongs to.
func entry(table map[string][]string, path string) ([]string, error) {
	if perms, ok := table[path]; ok {
		return perms, nil
	}
	var families []string
	for pattern := range table {
		if matches(pattern, path) {
			families = append(families, pattern)
		}
	}
	switch len(families) {
	case 0:
		return nil, fmt.Errorf("package %s has no entry in the layering table; add one", path)
	case 1:
		return table[families[0]], nil
	}
	slices.Sort(families)
	return nil, fmt.Errorf("package %s belongs to several families %q; give it an entry of its own", path, families)
}

// matches reports whether path matches pattern: the same package, or, for
// a pattern "x/...", a package below x (not x itself).
func matches(pattern, path string) bool {
	if family, ok := strings.CutSuffix(pattern, "/..."); ok {
		return strings.HasPrefix(path, family+"/")
	}
	return pattern == path
}

// unusedEntries lists the entries of table that match none of pkgs, sorted.
func unusedEntries(table map[string][]string, pkgs []pkg) []string {
	var out []string
	for pattern := range table {
		if !slices.ContainsFunc(pkgs, func(p pkg) bool { return matches(pattern, p.Path) }) {
			out = append(out, pattern)
		}
	}
	slices.Sort(out)
	return out
}
