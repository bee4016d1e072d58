package aws

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/blindspot-iac/blindspot/graph"
)

// tableRow is one row of an adapter table as written in the source.
type tableRow struct {
	table, format, typ string
	pos                token.Position
}

// adapterRows finds every adapter table literal (adapters[T]{...}) in the
// package's source, so that tables added later are checked without being
// listed here.
func adapterRows(t *testing.T) []tableRow {
	t.Helper()
	fset := token.NewFileSet()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	var rows []tableRow
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.CompositeLit)
			if !ok {
				return true
			}
			idx, ok := lit.Type.(*ast.IndexExpr)
			if !ok {
				return true
			}
			if id, ok := idx.X.(*ast.Ident); !ok || id.Name != "adapters" {
				return true
			}
			table := fset.Position(lit.Pos()).String()
			for _, elt := range lit.Elts {
				row := tableRow{table: table, pos: fset.Position(elt.Pos())}
				fields, ok := elt.(*ast.CompositeLit)
				if !ok || len(fields.Elts) != 3 {
					t.Errorf("%s: an adapter row is {graph.<Format>, \"<type>\", <read>}", row.pos)
					continue
				}
				if sel, ok := fields.Elts[0].(*ast.SelectorExpr); ok {
					row.format = sel.Sel.Name
				}
				if bl, ok := fields.Elts[1].(*ast.BasicLit); ok && bl.Kind == token.STRING {
					row.typ, _ = strconv.Unquote(bl.Value)
				}
				rows = append(rows, row)
			}
			return true
		})
	}
	return rows
}

var terraformType = regexp.MustCompile(`^aws_[a-z0-9_]+$`)

func TestAdapterTables(t *testing.T) {
	catalogue, err := os.ReadFile(filepath.Join("..", "..", "parser", "cloudformation", "catalogue.go"))
	if err != nil {
		t.Fatal(err)
	}
	rows := adapterRows(t)
	if len(rows) < 100 {
		t.Fatalf("found %d adapter rows; the source scan is broken", len(rows))
	}
	seen := map[string]token.Position{}
	for _, r := range rows {
		key := r.table + " " + r.format + " " + r.typ
		if prev, dup := seen[key]; dup {
			t.Errorf("%s: %s %s is already read by the row at %s", r.pos, r.format, r.typ, prev)
		}
		seen[key] = r.pos
		switch r.format {
		case "Terraform":
			if !terraformType.MatchString(r.typ) {
				t.Errorf("%s: %q is not a Terraform AWS resource type", r.pos, r.typ)
			}
		case "CloudFormation":
			if !strings.Contains(string(catalogue), strconv.Quote(r.typ)+":") {
				t.Errorf("%s: %q is not in the CloudFormation resource catalogue", r.pos, r.typ)
			}
		default:
			t.Errorf("%s: the format of an adapter row is graph.Terraform or graph.CloudFormation, not %q", r.pos, r.format)
		}
	}
}

// TestPlanResourcesReadAsTerraform checks that the Terraform adapters read
// the resources of a plan, which hold the configuration's attributes.
func TestPlanResourcesReadAsTerraform(t *testing.T) {
	for _, format := range []graph.Format{graph.Terraform, graph.TerraformPlan} {
		r := tfResource("aws_cloudtrail", "trail", map[string]graph.Value{"is_multi_region_trail": boolean(true)})
		r.Format = format
		m := Build(&graph.Graph{Resources: []*graph.Resource{r}}, Options{})
		if len(m.CloudTrail.Trails) != 1 || IsTrue(m.CloudTrail.Trails[0].MultiRegion) != graph.True {
			t.Errorf("%v: trails = %+v, want one multi-region trail", format, m.CloudTrail.Trails)
		}
	}
}

// TestAdaptersKeyedByFormat checks that a table reads a resource only with
// the adapter of its format and type.
func TestAdaptersKeyedByFormat(t *testing.T) {
	table := adapters[string]{
		{graph.Terraform, "x", func(*Model, *graph.Resource) string { return "terraform" }},
		{graph.CloudFormation, "X", func(*Model, *graph.Resource) string { return "cloudformation" }},
	}
	res := []*graph.Resource{
		{Format: graph.CloudFormation, Unit: "a", Type: "X", Address: "A"},
		{Format: graph.Terraform, Unit: "b", Type: "x", Address: "x.b"},
		{Format: graph.CloudFormation, Unit: "c", Type: "x", Address: "x.c"}, // a type of another format
		{Format: graph.TerraformPlan, Unit: "d", Type: "x", Address: "x.d"},
		{Format: graph.Terraform, Unit: "e", Type: "y", Address: "y.e"},
	}
	m := &Model{Graph: &graph.Graph{Resources: res}, index: NewIndex(&graph.Graph{Resources: res})}
	got := strings.Join(table.all(m), " ")
	if want := "cloudformation terraform terraform"; got != want {
		t.Errorf("all = %q, want %q", got, want)
	}
	if !table.reads("x") || !table.reads("X") || table.reads("y") {
		t.Errorf("reads: x %v, X %v, y %v", table.reads("x"), table.reads("X"), table.reads("y"))
	}
	if _, ok := table.of(m, res[2]); ok {
		t.Errorf("of read a CloudFormation resource with a Terraform adapter")
	}
}
