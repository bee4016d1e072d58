package terraform

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/zclconf/go-cty/cty"
)

func resource(g *graph.Graph, address string) *graph.Resource {
	for _, r := range g.Resources {
		if r.Address == address {
			return r
		}
	}
	return nil
}

// at follows a path such as "ingress[1].cidr_blocks[0]" in a value.
func at(t *testing.T, v graph.Value, path string) graph.Value {
	t.Helper()
	for _, seg := range strings.Split(path, ".") {
		name, idx, hasIdx := strings.Cut(seg, "[")
		if name != "" {
			f, ok := v.Get(name)
			if !ok {
				t.Fatalf("no %s in %s (path %s)", name, v, path)
			}
			v = f
		}
		for hasIdx {
			var i int
			num, rest, _ := strings.Cut(idx, "]")
			for _, c := range num {
				i = i*10 + int(c-'0')
			}
			e, ok := v.Index(i)
			if !ok {
				t.Fatalf("index %d out of range in %s", i, path)
			}
			v = e
			idx, hasIdx = strings.CutPrefix(rest, "[")
		}
	}
	return v
}

func load(t *testing.T, opts Options) *graph.Graph {
	t.Helper()
	return LoadModule(filepath.Join("testdata", "root"), opts)
}

func TestEvaluation(t *testing.T) {
	tests := []struct {
		name    string
		opts    Options
		address string
		path    string
		want    string
	}{
		{"tfvars and template", Options{}, `module.bucket["data"].aws_s3_bucket.this`, "bucket", `"acme-prod-data"`},
		{"--var overrides tfvars", Options{Vars: []string{"env=dev"}}, `module.bucket["logs"].aws_s3_bucket.this`, "bucket", `"acme-dev-logs"`},
		{"module for_each value", Options{}, `module.bucket["logs"].aws_s3_bucket_versioning.this`, "versioning_configuration[0].status", `"Suspended"`},
		{"dynamic block", Options{}, "aws_security_group.web", "ingress[1].from_port", "443"},
		{"dynamic block list variable", Options{}, "aws_security_group.web", "ingress[0].cidr_blocks[0]", `"10.0.0.0/8"`},
		{"count index", Options{}, "aws_security_group_rule.admin[1]", "from_port", "23"},
		{"unknown variable", Options{}, "aws_security_group_rule.admin[0]", "cidr_blocks[0]", "(unknown)"},
		{"--var for a list", Options{Vars: []string{`cidrs=["192.168.0.0/16"]`}}, "aws_security_group.web", "ingress[0].cidr_blocks[0]", `"192.168.0.0/16"`},
		{"optional default", Options{}, "aws_kms_key.key", "enable_key_rotation", "true"},
		{"functions", Options{}, "aws_kms_key.key", "description", `"acme-prod key X"`},
		{"cidrsubnet", Options{}, "aws_kms_key.key", "tags.Subnet", `"10.0.2.0/24"`},
		{"for expression", Options{}, "aws_kms_key.key", "tags.Joined", `"22,443"`},
		{"sensitive", Options{}, "aws_kms_key.key", "tags.Secret", "(sensitive)"},
		{"timestamp is unknown", Options{}, "aws_kms_key.key", "tags.When", "(unknown)"},
		{"policy document with unknown principal keeps structure", Options{}, "aws_kms_key.key", "policy.Statement[0].Action[0]", `"kms:*"`},
		{"jsonencode with unknown parts keeps structure", Options{}, "aws_s3_bucket_policy.p", "policy.Statement[0].Effect", `"Deny"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := load(t, tt.opts)
			r := resource(g, tt.address)
			if r == nil {
				t.Fatalf("no resource %s; diagnostics %v", tt.address, g.Diagnostics)
			}
			if got := at(t, r.Attrs, tt.path).String(); got != tt.want {
				t.Errorf("%s.%s = %s, want %s", tt.address, tt.path, got, tt.want)
			}
		})
	}
}

func TestReferencesAndReasons(t *testing.T) {
	g := load(t, Options{})
	rule := resource(g, "aws_security_group_rule.admin[0]")
	sg := at(t, rule.Attrs, "security_group_id")
	if refs := sg.Refs(); len(refs) != 1 || refs[0].Address != "aws_security_group.web" || refs[0].Attr != "id" {
		t.Errorf("refs = %v", refs)
	}
	if want := "aws_security_group.web.id is known only after apply"; sg.Why() != want {
		t.Errorf("why = %q, want %q", sg.Why(), want)
	}
	cidr := at(t, rule.Attrs, "cidr_blocks[0]")
	if !strings.HasPrefix(cidr.Why(), "var.admin_cidr has no value") {
		t.Errorf("why = %q", cidr.Why())
	}
	versioning := resource(g, `module.bucket["logs"].aws_s3_bucket_versioning.this`)
	bucket := at(t, versioning.Attrs, "bucket")
	if refs := bucket.Refs(); len(refs) != 1 || refs[0].Address != `module.bucket["logs"].aws_s3_bucket.this` {
		t.Errorf("refs across the module = %v", refs)
	}
	policy := resource(g, "aws_s3_bucket_policy.p")
	if refs := at(t, policy.Attrs, "bucket").AllRefs(); len(refs) != 1 || refs[0].Address != `module.bucket["logs"].aws_s3_bucket.this` {
		t.Errorf("refs through a module output = %v", refs)
	}
	if len(versioning.Calls) != 1 || versioning.Calls[0].Address != `module.bucket["logs"]` {
		t.Errorf("calls = %v", versioning.Calls)
	}
	if versioning.Provider == nil || versioning.Provider.Address != "aws.member" {
		t.Errorf("provider passed into the module = %v", versioning.Provider)
	}
	if key := resource(g, "aws_kms_key.key"); key.Provider == nil || key.Provider.Address != "aws" || key.NameRange.Start.Line != 78 {
		t.Errorf("kms key provider %v header %v", key.Provider, key.NameRange)
	}
	maybe := resource(g, `aws_instance.maybe[?]`)
	if maybe == nil || maybe.Exists != graph.Unknown || !strings.Contains(maybe.ExistsWhy, "for_each") {
		t.Errorf("instance with unknown for_each = %+v", maybe)
	}
	files := strings.Join(g.Units[0].Files, " ")
	if !strings.Contains(files, filepath.Join("modules", "bucket", "main.tf")) || !strings.Contains(files, "terraform.tfvars") {
		t.Errorf("unit files = %s", files)
	}
}

func TestModules(t *testing.T) {
	g := LoadModule(filepath.Join("testdata", "remote"), Options{})
	if resource(g, "module.vpc.aws_vpc.this") == nil {
		t.Errorf("downloaded module not evaluated; resources %v", g.Resources)
	}
	flow := resource(g, "aws_flow_log.f")
	if refs := at(t, flow.Attrs, "vpc_id").AllRefs(); len(refs) != 1 || refs[0].Address != "module.vpc.aws_vpc.this" {
		t.Errorf("refs = %v", refs)
	}
	var notes []string
	for _, d := range g.Diagnostics {
		notes = append(notes, d.Code)
	}
	if !strings.Contains(strings.Join(notes, " "), "remote-module-not-downloaded") {
		t.Errorf("diagnostics = %v", notes)
	}

	g = LoadModule(filepath.Join("testdata", "cycle", "a"), Options{})
	var codes []string
	for _, d := range g.Diagnostics {
		codes = append(codes, d.Code)
	}
	if got := strings.Join(codes, " "); !strings.Contains(got, "module-cycle") || !strings.Contains(got, "dependency-cycle") {
		t.Errorf("diagnostics = %v", got)
	}
	if b := resource(g, "aws_s3_bucket.x"); b == nil || at(t, b.Attrs, "bucket").IsKnown() {
		t.Errorf("a local in a cycle must be unknown: %v", b)
	}
}

func TestBadInput(t *testing.T) {
	g := LoadModule(filepath.Join("testdata", "bad"), Options{})
	var parse *graph.Diagnostic
	for i, d := range g.Diagnostics {
		if d.Code == "parse-error" {
			parse = &g.Diagnostics[i]
		}
	}
	if parse == nil || parse.Range.Start.Line != 2 || !strings.HasSuffix(parse.Range.File, "broken.tf") {
		t.Fatalf("diagnostics = %v", g.Diagnostics)
	}
	if resource(g, "aws_s3_bucket.ok") == nil {
		t.Error("a broken file must not stop the other files of the module")
	}
}

func TestPlan(t *testing.T) {
	g := LoadPlan(filepath.Join("testdata", "plan", "plan.json"), Options{})
	b := resource(g, "aws_s3_bucket.b")
	if b == nil {
		t.Fatalf("diagnostics %v", g.Diagnostics)
	}
	if got := at(t, b.Attrs, "bucket").String(); got != `"planned"` {
		t.Errorf("bucket = %s", got)
	}
	if at(t, b.Attrs, "arn").IsKnown() {
		t.Error("arn is known only after apply")
	}
	if b.NameRange.Start.Line != 8 {
		t.Errorf("resource points at %v, want line 8", b.NameRange)
	}
	if k := resource(g, "module.k.aws_kms_key.this"); k == nil || at(t, k.Attrs, "enable_key_rotation").String() != "false" {
		t.Errorf("child module resource = %v", k)
	}
}

func TestFunctionTable(t *testing.T) {
	fs := functions(".", nil, new(bool), nil)
	for _, name := range []string{"jsonencode", "jsondecode", "yamlencode", "yamldecode", "merge", "concat", "flatten", "lookup",
		"element", "length", "keys", "values", "zipmap", "toset", "tolist", "tomap", "tostring", "tonumber", "tobool", "format",
		"formatlist", "join", "split", "replace", "lower", "upper", "title", "trim", "trimspace", "trimprefix", "trimsuffix",
		"coalesce", "coalescelist", "compact", "distinct", "contains", "one", "index", "cidrsubnet", "cidrsubnets", "cidrhost",
		"cidrnetmask", "file", "fileexists", "templatefile", "base64encode", "base64decode", "md5", "sha1", "sha256", "range",
		"regex", "regexall", "startswith", "endswith", "strcontains", "substr", "slice", "sort", "reverse", "sum", "max", "min",
		"abs", "ceil", "floor", "setunion", "setintersection", "setsubtract", "setproduct", "chunklist", "transpose", "alltrue",
		"anytrue", "try", "can", "timestamp", "uuid"} {
		if _, ok := fs[name]; !ok {
			t.Errorf("function %s missing", name)
		}
	}
	if len(sortedNames(fs)) < 80 {
		t.Errorf("only %d functions", len(fs))
	}
}

func TestReferencesThroughForEach(t *testing.T) {
	dir := t.TempDir()
	src := `resource "aws_vpc" "net" {
  for_each   = toset(["a", "b"])
  cidr_block = "10.0.0.0/16"
}

resource "aws_flow_log" "indexed" {
  for_each = toset(["a", "b"])
  vpc_id   = aws_vpc.net[each.key].id
}

resource "aws_flow_log" "by_value" {
  for_each = { a = aws_vpc.net["a"].id }
  vpc_id   = each.value
}
`
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	g := LoadModule(dir, Options{})
	tests := []struct{ address, want string }{
		{`aws_flow_log.indexed["b"]`, `aws_vpc.net["b"].id`},
		{`aws_flow_log.by_value["a"]`, `aws_vpc.net["a"].id`},
	}
	for _, tt := range tests {
		r := resource(g, tt.address)
		if r == nil {
			t.Fatalf("no %s", tt.address)
		}
		refs := at(t, r.Attrs, "vpc_id").AllRefs()
		if len(refs) != 1 || refs[0].String() != tt.want {
			t.Errorf("%s: refs = %v, want %s", tt.address, refs, tt.want)
		}
	}
}

func TestJSONConfigurationAndTry(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"main.tf.json": `{
  "variable": {"rotate": {"default": true}},
  "resource": {"aws_kms_key": {"k": {"enable_key_rotation": "${var.rotate}", "description": "json"}}}
}`,
		"try.tf": `locals {
  settings = { name = "x" }
}

resource "aws_s3_bucket" "b" {
  bucket        = try(local.settings.missing, "fallback")
  force_destroy = can(local.settings.name)
}

moved {
  from = aws_s3_bucket.old
  to   = aws_s3_bucket.b
}

check "health" {
  assert {
    condition     = true
    error_message = "never"
  }
}
`,
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	g := LoadModule(dir, Options{})
	for _, d := range g.Diagnostics {
		if d.Severity <= graph.Warning {
			t.Errorf("diagnostic: %v", d)
		}
	}
	key := resource(g, "aws_kms_key.k")
	if key == nil || at(t, key.Attrs, "enable_key_rotation").String() != "true" || key.NameRange.Start.Line != 3 {
		t.Fatalf(".tf.json resource = %+v", key)
	}
	b := resource(g, "aws_s3_bucket.b")
	if got := at(t, b.Attrs, "bucket").String(); got != `"fallback"` {
		t.Errorf("try = %s", got)
	}
	if got := at(t, b.Attrs, "force_destroy").String(); got != "true" {
		t.Errorf("can = %s", got)
	}
}

func TestPlanBesideConfiguration(t *testing.T) {
	g := LoadPlan(filepath.Join("testdata", "planconfig", "plan.json"), Options{})
	b := resource(g, "aws_s3_bucket.b")
	if b == nil {
		t.Fatalf("diagnostics %v", g.Diagnostics)
	}
	if !strings.HasSuffix(b.NameRange.File, "main.tf") || b.NameRange.Start.Line != 1 {
		t.Errorf("resource points at %v, want main.tf:1", b.NameRange)
	}
	if v := at(t, b.Attrs, "bucket"); v.Range.Start.Line != 2 || !strings.HasSuffix(v.Range.File, "main.tf") {
		t.Errorf("bucket points at %v, want main.tf:2", v.Range)
	}
	if k := resource(g, "module.k.aws_kms_key.this"); k == nil || !strings.HasSuffix(k.NameRange.File, "plan.json") {
		t.Errorf("a module resource without configuration beside the plan keeps the plan position: %+v", k)
	}
}

func TestDynamicBlockOverPartlyUnknownList(t *testing.T) {
	dir := t.TempDir()
	src := `resource "aws_kms_key" "k" {}

resource "aws_dynamodb_table" "t" {
  name = "t"
  dynamic "replica" {
    for_each = [{ region = "us-east-1", key = aws_kms_key.k.arn, pitr = false }]
    content {
      region_name            = replica.value.region
      kms_key_arn            = replica.value.key
      point_in_time_recovery = replica.value.pitr
    }
  }
}
`
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	g := LoadModule(dir, Options{})
	r := resource(g, "aws_dynamodb_table.t")
	if got := at(t, r.Attrs, "replica[0].point_in_time_recovery").String(); got != "false" {
		t.Errorf("known attribute of a block with unknown parts = %s", got)
	}
	if key := at(t, r.Attrs, "replica[0].kms_key_arn"); key.IsKnown() || len(key.AllRefs()) != 1 || key.AllRefs()[0].String() != "aws_kms_key.k.arn" {
		t.Errorf("kms_key_arn = %s with refs %v, want unknown from aws_kms_key.k.arn", key, key.AllRefs())
	}
}

// TestSensitiveFunctionMarks: sensitive() marks its result even in a unit
// with no sensitive variable, where the front end otherwise skips looking
// for marks; the mark survives a module boundary and nonsensitive() lifts it.
func TestSensitiveFunctionMarks(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("main.tf", `
locals {
  token = sensitive("abc")
}
module "m" {
  source = "./m"
  value  = local.token
}
resource "aws_kms_key" "k" {
  description = local.token
  tags = {
    Plain = nonsensitive(local.token)
  }
}
`)
	write("m/main.tf", `
variable "value" {
  type = string
}
resource "aws_kms_key" "inner" {
  description = var.value
}
`)
	g := LoadModule(dir, Options{})
	for _, tt := range []struct {
		address, path string
		sensitive     bool
	}{
		{"aws_kms_key.k", "description", true},
		{"aws_kms_key.k", "tags.Plain", false},
		{"module.m.aws_kms_key.inner", "description", true},
	} {
		r := resource(g, tt.address)
		if r == nil {
			t.Fatalf("no resource %s; diagnostics %v", tt.address, g.Diagnostics)
		}
		if got := at(t, r.Attrs, tt.path).Sensitive(); got != tt.sensitive {
			t.Errorf("%s.%s sensitive = %v, want %v", tt.address, tt.path, got, tt.sensitive)
		}
	}
}

func TestTextAndTemplateStringFunctions(t *testing.T) {
	fs := functions(".", nil, new(bool), nil)
	call := func(name string, args ...cty.Value) (cty.Value, error) {
		return fs[name].Call(args)
	}
	tests := []struct {
		name string
		fn   string
		args []cty.Value
		want cty.Value
	}{
		{"templatestring renders with vars", "templatestring",
			[]cty.Value{cty.StringVal("arn:aws:s3:::${bucket}/*"), cty.ObjectVal(map[string]cty.Value{"bucket": cty.StringVal("logs")})},
			cty.StringVal("arn:aws:s3:::logs/*")},
		{"templatestring uses functions", "templatestring",
			[]cty.Value{cty.StringVal("${upper(x)}"), cty.ObjectVal(map[string]cty.Value{"x": cty.StringVal("a")})},
			cty.StringVal("A")},
		{"templatestring with unknown vars is unknown", "templatestring",
			[]cty.Value{cty.StringVal("${x}"), cty.DynamicVal}, cty.DynamicVal},
		{"textencodebase64 UTF-16LE", "textencodebase64",
			[]cty.Value{cty.StringVal("Hi"), cty.StringVal("UTF-16LE")}, cty.StringVal("SABpAA==")},
		{"textdecodebase64 UTF-16LE", "textdecodebase64",
			[]cty.Value{cty.StringVal("SABpAA=="), cty.StringVal("UTF-16LE")}, cty.StringVal("Hi")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := call(tt.fn, tt.args...)
			if err != nil {
				t.Fatal(err)
			}
			if !got.RawEquals(tt.want) {
				t.Errorf("%s = %#v, want %#v", tt.fn, got, tt.want)
			}
		})
	}
	if _, err := call("textencodebase64", cty.StringVal("x"), cty.StringVal("no-such-encoding")); err == nil {
		t.Error("unknown encoding accepted")
	}
	if _, err := call("templatestring", cty.StringVal("${templatestring(\"a\", {})}"), cty.EmptyObjectVal); err == nil {
		t.Error("templatestring may call itself")
	}
}

// TestEvaluationErrorsInResourcesThatMayNotExist: an argument that fails
// only because the resource's count is unknown is not a warning the user
// must act on.
func TestEvaluationErrorsInResourcesThatMayNotExist(t *testing.T) {
	tests := []struct {
		name  string
		count string
		want  graph.DiagSeverity
	}{
		{"known count", "1", graph.Warning},
		{"unknown count", "var.n", graph.Debug},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			src := "variable \"n\" {\n  type = number\n}\nresource \"aws_route_table_association\" \"a\" {\n  count          = " + tt.count +
				"\n  route_table_id = coalescelist([], [])\n}\n"
			if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(src), 0o644); err != nil {
				t.Fatal(err)
			}
			g := LoadModule(dir, Options{})
			var got []graph.Diagnostic
			for _, d := range g.Diagnostics {
				if d.Code == "evaluation-error" {
					got = append(got, d)
				}
			}
			if len(got) != 1 || got[0].Severity != tt.want {
				t.Errorf("evaluation errors = %+v, want one of severity %v", got, tt.want)
			}
		})
	}
}
