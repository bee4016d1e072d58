// Package layering holds only a test: it keeps the import direction that
// DESIGN.md gives, parser/* -> graph <- graph/aws <- rules <- sarif,
// internal/report <- internal/scan <- cmd.
package layering

import (
	"encoding/json"
	"os/exec"
	"strings"
	"testing"
)

const module = "github.com/blindspot-iac/blindspot"

// allowed lists, for each package prefix, the project packages it may
// import. A package matches the longest prefix listed.
var allowed = map[string][]string{
	"graph":                 {},
	"graph/aws":             {"graph"},
	"parser":                {"graph", "internal/parallel"},
	"parser/terraform":      {"graph", "parser/internal"},
	"parser/cloudformation": {"graph", "parser/internal", "internal/spelling"},
	"parser/internal":       {"graph"},
	"internal/spelling":     {},
	"internal/parallel":     {},
	"rules":                 {"graph", "graph/aws"},
	"rules/aws":             {"graph", "graph/aws", "rules"},
	"rules/builtin":         {"rules", "rules/aws"},
	// Custom policies are rules too; they read the model as rules do.
	"rules/policy": {"graph", "graph/aws", "rules"},
	// The fixture runner drives the real pipeline, so fixtures test what
	// users run.
	"rules/ruletest":    {"*"},
	"sarif":             {"graph", "graph/aws", "rules"},
	"internal/report":   {"graph", "graph/aws", "rules"},
	"internal/config":   {"graph", "rules", "graph/aws", "parser", "internal/spelling"},
	"internal/suppress": {"graph", "rules"},
	"internal/scan":     {"graph", "graph/aws", "parser", "rules", "internal/config", "internal/suppress", "internal/parallel"},
	"internal":          {"*"},
	"cmd":               {"*"},
}

func TestImportDirection(t *testing.T) {
	out, err := exec.Command("go", "list", "-json=ImportPath,Imports", "../../...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for dec.More() {
		var p struct {
			ImportPath string
			Imports    []string
		}
		if err := dec.Decode(&p); err != nil {
			t.Fatal(err)
		}
		pkg := strings.TrimPrefix(strings.TrimPrefix(p.ImportPath, module), "/")
		rule, ok := lookup(pkg)
		if !ok {
			t.Errorf("package %s has no entry in the layering table; add one", pkg)
			continue
		}
		for _, imp := range p.Imports {
			if !strings.HasPrefix(imp, module+"/") {
				continue
			}
			dep := strings.TrimPrefix(imp, module+"/")
			if !permits(pkg, rule, dep) {
				t.Errorf("%s imports %s, against the direction in DESIGN.md", pkg, dep)
			}
		}
	}
}

func lookup(pkg string) ([]string, bool) {
	best, found := "", false
	for prefix := range allowed {
		if (pkg == prefix || strings.HasPrefix(pkg, prefix+"/")) && len(prefix) >= len(best) {
			best, found = prefix, true
		}
	}
	return allowed[best], found
}

func permits(pkg string, rule []string, dep string) bool {
	// A package may always use its own subpackages' internals and its parent
	// prefix family (rules/aws/s3 importing rules/aws/internal/...).
	if strings.HasPrefix(dep, pkg+"/") {
		return true
	}
	for _, a := range rule {
		if a == "*" || dep == a || strings.HasPrefix(dep, a+"/") {
			return true
		}
	}
	return false
}
