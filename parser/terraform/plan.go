package terraform

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	tfjson "github.com/hashicorp/terraform-json"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/internal/nesting"
	"github.com/blindspot-iac/blindspot/internal/sandbox"
)

// MaxPlanSize bounds a plan file: plans of large configurations are tens
// of megabytes; decoding takes about ten times their size in memory.
const MaxPlanSize = 64 << 20

// LoadPlan reads a Terraform plan in JSON form (terraform show -json
// plan.out). Planned values are exact; attributes known only after apply
// are unknown. Resources point at their address in the plan file.
func LoadPlan(path string, opts Options) *graph.Graph {
	g := &graph.Graph{}
	unit := &graph.Unit{Path: path, Format: graph.TerraformPlan, Files: []string{path}}
	g.Units = append(g.Units, unit)
	if opts.Root == nil {
		root, err := sandbox.Open(filepath.Dir(path))
		if err != nil {
			g.Diagnostics = append(g.Diagnostics, graph.Errorf(graph.Range{File: path}, "read-error", "cannot read plan: %v", err))
			return g
		}
		defer root.Close()
		opts.Root = root
	}
	data, err := opts.Root.ReadFile(path, MaxPlanSize)
	var tooLarge *sandbox.TooLargeError
	switch {
	case errors.As(err, &tooLarge):
		g.Diagnostics = append(g.Diagnostics, graph.Warningf(graph.Range{File: path}, "file-too-large", "plan is larger than the %d bytes blindspot reads; it is not scanned", tooLarge.Limit))
		return g
	case errors.Is(err, sandbox.ErrOutside), errors.Is(err, sandbox.ErrNotRegular):
		g.Diagnostics = append(g.Diagnostics, graph.Warningf(graph.Range{File: path}, "not-read", "plan is not read: %s", readError(err)))
		return g
	case err != nil:
		g.Diagnostics = append(g.Diagnostics, graph.Errorf(graph.Range{File: path}, "read-error", "cannot read plan: %v", unwrap(err)))
		return g
	}
	if err := nesting.JSON(data, false); err != nil {
		g.Diagnostics = append(g.Diagnostics, nestingDiag(path, err))
		return g
	}
	var plan tfjson.Plan
	if err := json.Unmarshal(data, &plan); err != nil {
		g.Diagnostics = append(g.Diagnostics, graph.Errorf(graph.Range{File: path, Start: graph.Pos{Line: 1, Column: 1}}, "parse-error", "cannot read plan JSON: %v", err))
		return g
	}
	if plan.PlannedValues == nil || plan.PlannedValues.RootModule == nil {
		g.Diagnostics = append(g.Diagnostics, graph.Warningf(graph.Range{File: path}, "empty-plan", "the plan has no planned values"))
		return g
	}
	unknown := map[string]any{}
	for _, rc := range plan.ResourceChanges {
		if rc.Change != nil && rc.Change.AfterUnknown != nil {
			unknown[rc.Address] = rc.Change.AfterUnknown
		}
	}
	lines := addressLines(data)
	config := configBeside(opts.Root, filepath.Dir(path), unit)
	var walk func(m *tfjson.StateModule, depth int)
	walk = func(m *tfjson.StateModule, depth int) {
		if m == nil || depth > maxModuleDepth {
			return
		}
		for _, r := range m.Resources {
			if r.Mode != tfjson.ManagedResourceMode {
				continue
			}
			at := lines[r.Address]
			if at.IsZero() {
				at = graph.Range{File: path, Start: graph.Pos{Line: 1, Column: 1}, End: graph.Pos{Line: 1, Column: 2}}
			} else {
				at.File = path
			}
			whole := at
			blk := config[stripIndex(r.Address)]
			if blk != nil {
				at, whole = toRange(blk.DefRange()), toRange(blk.Range())
			}
			attrs := planValue(r.AttributeValues, unknown[r.Address], at, r.Address, 0)
			if blk != nil {
				attrs = withConfigRanges(attrs, blk)
			}
			if len(r.SensitiveValues) > 0 {
				attrs = markSensitive(attrs, r.SensitiveValues)
			}
			local, _, _ := strings.Cut(r.Type, "_")
			g.Resources = append(g.Resources, &graph.Resource{
				Format: graph.TerraformPlan, Unit: path, Type: r.Type, Address: r.Address, Attrs: &attrs,
				Range: whole, NameRange: at, Exists: graph.True, ProviderRef: local,
			})
		}
		for _, c := range m.ChildModules {
			walk(c, depth+1)
		}
	}
	walk(plan.PlannedValues.RootModule, 0)
	return g
}

// configBeside indexes the root module's resource blocks in the directory
// of the plan, so that findings point at the configuration the user edits
// rather than at the generated plan.
func configBeside(root *sandbox.Root, dir string, unit *graph.Unit) map[string]*hclsyntax.Block {
	out := map[string]*hclsyntax.Block{}
	entries, _ := root.ReadDir(dir)
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".tf") {
			continue
		}
		f := filepath.Join(dir, e.Name())
		data, err := root.ReadFile(f, MaxHCLSize)
		if err != nil || nesting.HCL(data) != nil {
			continue
		}
		file, diags := hclsyntax.ParseConfig(data, f, hcl.Pos{Line: 1, Column: 1})
		if diags.HasErrors() {
			continue
		}
		body, ok := file.Body.(*hclsyntax.Body)
		if !ok {
			continue
		}
		unit.Files = append(unit.Files, f)
		for _, b := range body.Blocks {
			if b.Type == "resource" && len(b.Labels) == 2 {
				out[b.Labels[0]+"."+b.Labels[1]] = b
			}
		}
	}
	return out
}

// stripIndex removes the instance key of a root module address.
func stripIndex(addr string) string {
	if i := strings.IndexByte(addr, '['); i > 0 {
		return addr[:i]
	}
	return addr
}

// withConfigRanges points the top-level attributes the configuration
// writes at where it writes them.
func withConfigRanges(v graph.Value, blk *hclsyntax.Block) graph.Value {
	if v.Kind() != graph.KindObject {
		return v
	}
	fields := append([]graph.Field{}, v.Fields()...)
	for i, f := range fields {
		if a, ok := blk.Body.Attributes[f.Key]; ok {
			fields[i].KeyRange = toRange(a.NameRange)
			fields[i].Value = f.Value.WithRange(toRange(a.Expr.Range()))
		}
	}
	return graph.Object(fields, v.Range)
}

// planValue converts planned JSON values; after_unknown marks what is known
// only after apply.
func planValue(v any, unknown any, r graph.Range, addr string, depth int) graph.Value {
	if b, ok := unknown.(bool); ok && b {
		return graph.UnknownValue(addr+" has attributes known only after apply", r)
	}
	if depth > maxDepth {
		return graph.UnknownValue("value nested too deeply", r)
	}
	switch x := v.(type) {
	case nil:
		return graph.Null(r)
	case bool:
		return graph.Bool(x, r)
	case float64:
		return graph.Number(x, r)
	case string:
		return graph.String(x, r)
	case []any:
		u, _ := unknown.([]any)
		elems := make([]graph.Value, 0, len(x))
		for i, e := range x {
			var ue any
			if i < len(u) {
				ue = u[i]
			}
			elems = append(elems, planValue(e, ue, r, addr, depth+1))
		}
		return graph.List(elems, r)
	case map[string]any:
		u, _ := unknown.(map[string]any)
		keys := make([]string, 0, len(x)+len(u))
		for k := range x {
			keys = append(keys, k)
		}
		for k, uv := range u {
			if _, ok := x[k]; !ok {
				if b, ok := uv.(bool); ok && b {
					keys = append(keys, k)
				}
			}
		}
		sort.Strings(keys)
		fields := make([]graph.Field, 0, len(keys))
		for _, k := range keys {
			fields = append(fields, graph.Field{Key: k, KeyRange: r, Value: planValue(x[k], u[k], r, addr, depth+1)})
		}
		return graph.Object(fields, r)
	}
	return graph.String(fmt.Sprint(v), r)
}

// markSensitive marks the values sensitive_values flags.
func markSensitive(v graph.Value, raw json.RawMessage) graph.Value {
	var s any
	if err := json.Unmarshal(raw, &s); err != nil {
		return v
	}
	return applySensitive(v, s)
}

func applySensitive(v graph.Value, s any) graph.Value {
	switch x := s.(type) {
	case bool:
		if x {
			return v.WithSensitive(true)
		}
	case map[string]any:
		if v.Kind() != graph.KindObject {
			return v
		}
		fields := append([]graph.Field{}, v.Fields()...)
		for i, f := range fields {
			if sv, ok := x[f.Key]; ok {
				fields[i].Value = applySensitive(f.Value, sv)
			}
		}
		return graph.Object(fields, v.Range)
	case []any:
		if v.Kind() != graph.KindList {
			return v
		}
		elems := append([]graph.Value{}, v.Elems()...)
		for i := range elems {
			if i < len(x) {
				elems[i] = applySensitive(elems[i], x[i])
			}
		}
		return graph.List(elems, v.Range)
	}
	return v
}

// addressLines finds where each resource's "address" is first written in
// the plan file, so findings point at a line.
func addressLines(data []byte) map[string]graph.Range {
	out := map[string]graph.Range{}
	line := 1
	key := []byte(`"address"`)
	for i := 0; i < len(data); {
		j := bytes.Index(data[i:], key)
		if j < 0 {
			break
		}
		line += bytes.Count(data[i:i+j], []byte("\n"))
		start := i + j
		rest := data[start+len(key):]
		k := bytes.IndexByte(rest, '"')
		if k < 0 {
			break
		}
		end := bytes.IndexByte(rest[k+1:], '"')
		if end < 0 {
			break
		}
		var addr string
		raw := rest[k : k+1+end+1]
		// Addresses with quoted instance keys contain escaped quotes.
		for end >= 0 && bytes.HasSuffix(raw[:len(raw)-1], []byte(`\`)) {
			next := bytes.IndexByte(rest[k+1+end+1:], '"')
			if next < 0 {
				break
			}
			end += next + 1
			raw = rest[k : k+1+end+1]
		}
		_ = json.Unmarshal(raw, &addr)
		lineStart := bytes.LastIndexByte(data[:start], '\n') + 1
		col := utf8.RuneCount(data[lineStart:start]) + 1
		if _, seen := out[addr]; !seen && addr != "" {
			out[addr] = graph.Range{Start: graph.Pos{Line: line, Column: col, Byte: start},
				End: graph.Pos{Line: line, Column: col + utf8.RuneCount(data[start:start+len(key)+k+1+end+1]), Byte: start + len(key) + k + 1 + end + 1}}
		}
		line += bytes.Count(data[start:start+len(key)+k+1+end+1], []byte("\n"))
		i = start + len(key) + k + 1 + end + 1
	}
	return out
}
