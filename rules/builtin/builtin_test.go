package builtin

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"testing"

	"github.com/blindspot-iac/blindspot/internal/fixture"
	"github.com/blindspot-iac/blindspot/rules"
)

func TestRegistryAcceptsEveryRule(t *testing.T) {
	reg, err := rules.NewRegistry(Rules()...)
	if err != nil {
		t.Fatal(err)
	}
	if len(reg.All()) != len(Rules()) {
		t.Errorf("registry has %d rules, want %d", len(reg.All()), len(Rules()))
	}
}

// TestEveryRuleHasFixtures checks that every rule blindspot ships has
// fixtures of each kind in both formats, in its package's testdata, and
// that every rule package runs them.
func TestEveryRuleHasFixtures(t *testing.T) {
	for _, r := range Rules() {
		dirs, err := filepath.Glob(filepath.Join("..", "aws", "*", "testdata", r.ID))
		if err != nil || len(dirs) != 1 {
			t.Errorf("rule %s: want one fixture directory ../aws/*/testdata/%s, found %q", r.ID, r.ID, dirs)
			continue
		}
		missing, err := fixture.Missing(filepath.Dir(dirs[0]), r.ID)
		if err != nil {
			t.Errorf("rule %s: %v", r.ID, err)
		}
		for _, m := range missing {
			t.Errorf("rule %s has no %s fixture", r.ID, m)
		}
	}
	pkgs, err := filepath.Glob(filepath.Join("..", "aws", "*"))
	if err != nil {
		t.Fatal(err)
	}
	for _, pkg := range pkgs {
		if !runsAll(t, pkg) {
			t.Errorf("%s: no test calls ruletest.RunAll(t, Rules())", pkg)
		}
	}
}

// runsAll reports whether a test file of the package in dir calls
// ruletest.RunAll(t, Rules()).
func runsAll(t *testing.T, dir string) bool {
	files, err := filepath.Glob(filepath.Join(dir, "*_test.go"))
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, name := range files {
		f, err := parser.ParseFile(token.NewFileSet(), name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) != 2 {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok || sel.Sel.Name != "RunAll" {
				return true
			}
			if pkg, ok := sel.X.(*ast.Ident); !ok || pkg.Name != "ruletest" {
				return true
			}
			if arg, ok := call.Args[1].(*ast.CallExpr); ok {
				if fn, ok := arg.Fun.(*ast.Ident); ok && fn.Name == "Rules" {
					found = true
				}
			}
			return true
		})
	}
	return found
}
