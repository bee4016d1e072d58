package scan

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/rules/builtin"
)

// TestUnreadModulesAggregated: one warning per module source however many
// calls, instances and units name it, marked incomplete, with the counts in
// the result.
func TestUnreadModulesAggregated(t *testing.T) {
	label := "module \"label\" {\n  source  = \"cloudposse/label/null\"\n  version = \"0.25.0\"\n}\n"
	root := writeTree(t, map[string][]byte{
		// Two roots call label directly, twice and once; both call the
		// shared module, whose one call of label counts once.
		"a/main.tf": []byte(label + "module \"label2\" {\n  source = \"cloudposse/label/null\"\n  count  = 3\n}\n" +
			"module \"shared\" {\n  source = \"../shared\"\n}\n"),
		"b/main.tf":      []byte(label + "module \"shared\" {\n  source = \"../shared\"\n}\nmodule \"vpc\" {\n  source = \"git::https://example.com/vpc.git?ref=v1\"\n}\n"),
		"shared/main.tf": []byte(label + "module \"gone\" {\n  source = \"../gone\"\n}\n"),
		"c/main.tf":      []byte("module \"gone\" {\n  source = \"./../gone\"\n}\n"),
	})
	res, err := Run(context.Background(), Options{Paths: []string{root}, Rules: builtin.Rules()})
	if err != nil {
		t.Fatal(err)
	}
	type diag struct {
		code, file string
		line, n    int
	}
	var got []diag
	for _, d := range res.Diagnostics {
		if d.Severity == graph.Debug {
			continue
		}
		rel, _ := filepath.Rel(root, d.Range.File)
		got = append(got, diag{d.Code, filepath.ToSlash(rel), d.Range.Start.Line, d.Count})
		if !d.Incomplete || d.Severity != graph.Warning {
			t.Errorf("%v: want an incomplete warning", d)
		}
	}
	want := []diag{
		{graph.CodeModuleNotDownloaded, "a/main.tf", 2, 4}, // a twice, b, shared once
		{graph.CodeModuleNotDownloaded, "b/main.tf", 9, 1},
		{graph.CodeModuleMissing, "c/main.tf", 2, 2},
	}
	if len(got) != len(want) {
		t.Fatalf("diagnostics = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("diagnostic %d = %v, want %v", i, got[i], want[i])
		}
	}
	if res.ModulesNotDownloaded != (ModuleCount{Calls: 5, Sources: 2}) || res.ModulesMissing != (ModuleCount{Calls: 2, Sources: 1}) {
		t.Errorf("counts = %+v, %+v", res.ModulesNotDownloaded, res.ModulesMissing)
	}
	if len(res.Incomplete()) != 3 {
		t.Errorf("incomplete = %v", res.Incomplete())
	}
}
