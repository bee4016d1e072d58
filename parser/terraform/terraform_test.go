package terraform

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/internal/sandbox"
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
		{"--var overrides tfvars", Options{Inputs: []Input{{Var: "env=dev"}}}, `module.bucket["logs"].aws_s3_bucket.this`, "bucket", `"acme-dev-logs"`},
		{"module for_each value", Options{}, `module.bucket["logs"].aws_s3_bucket_versioning.this`, "versioning_configuration[0].status", `"Suspended"`},
		{"dynamic block", Options{}, "aws_security_group.web", "ingress[1].from_port", "443"},
		{"dynamic block list variable", Options{}, "aws_security_group.web", "ingress[0].cidr_blocks[0]", `"10.0.0.0/8"`},
		{"count index", Options{}, "aws_security_group_rule.admin[1]", "from_port", "23"},
		{"unknown variable", Options{}, "aws_security_group_rule.admin[0]", "cidr_blocks[0]", "(unknown)"},
		{"--var for a list", Options{Inputs: []Input{{Var: `cidrs=["192.168.0.0/16"]`}}}, "aws_security_group.web", "ingress[0].cidr_blocks[0]", `"192.168.0.0/16"`},
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
			if got := at(t, r.Attributes(), tt.path).String(); got != tt.want {
				t.Errorf("%s.%s = %s, want %s", tt.address, tt.path, got, tt.want)
			}
		})
	}
}

func TestReferencesAndReasons(t *testing.T) {
	g := load(t, Options{})
	rule := resource(g, "aws_security_group_rule.admin[0]")
	sg := at(t, rule.Attributes(), "security_group_id")
	if refs := sg.Refs(); len(refs) != 1 || refs[0].Address != "aws_security_group.web" || refs[0].Attr != "id" {
		t.Errorf("refs = %v", refs)
	}
	if want := "aws_security_group.web.id is known only after apply"; sg.Why() != want {
		t.Errorf("why = %q, want %q", sg.Why(), want)
	}
	cidr := at(t, rule.Attributes(), "cidr_blocks[0]")
	if !strings.HasPrefix(cidr.Why(), "var.admin_cidr has no value") {
		t.Errorf("why = %q", cidr.Why())
	}
	versioning := resource(g, `module.bucket["logs"].aws_s3_bucket_versioning.this`)
	bucket := at(t, versioning.Attributes(), "bucket")
	if refs := bucket.Refs(); len(refs) != 1 || refs[0].Address != `module.bucket["logs"].aws_s3_bucket.this` {
		t.Errorf("refs across the module = %v", refs)
	}
	policy := resource(g, "aws_s3_bucket_policy.p")
	if refs := at(t, policy.Attributes(), "bucket").AllRefs(); len(refs) != 1 || refs[0].Address != `module.bucket["logs"].aws_s3_bucket.this` {
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
	if refs := at(t, flow.Attributes(), "vpc_id").AllRefs(); len(refs) != 1 || refs[0].Address != "module.vpc.aws_vpc.this" {
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
	if b := resource(g, "aws_s3_bucket.x"); b == nil || at(t, b.Attributes(), "bucket").IsKnown() {
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
	if got := at(t, b.Attributes(), "bucket").String(); got != `"planned"` {
		t.Errorf("bucket = %s", got)
	}
	if at(t, b.Attributes(), "arn").IsKnown() {
		t.Error("arn is known only after apply")
	}
	if b.NameRange.Start.Line != 8 {
		t.Errorf("resource points at %v, want line 8", b.NameRange)
	}
	if k := resource(g, "module.k.aws_kms_key.this"); k == nil || at(t, k.Attributes(), "enable_key_rotation").String() != "false" {
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
		refs := at(t, r.Attributes(), "vpc_id").AllRefs()
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
	if key == nil || at(t, key.Attributes(), "enable_key_rotation").String() != "true" || key.NameRange.Start.Line != 3 {
		t.Fatalf(".tf.json resource = %+v", key)
	}
	b := resource(g, "aws_s3_bucket.b")
	if got := at(t, b.Attributes(), "bucket").String(); got != `"fallback"` {
		t.Errorf("try = %s", got)
	}
	if got := at(t, b.Attributes(), "force_destroy").String(); got != "true" {
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
	if v := at(t, b.Attributes(), "bucket"); v.Range.Start.Line != 2 || !strings.HasSuffix(v.Range.File, "main.tf") {
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
	if got := at(t, r.Attributes(), "replica[0].point_in_time_recovery").String(); got != "false" {
		t.Errorf("known attribute of a block with unknown parts = %s", got)
	}
	if key := at(t, r.Attributes(), "replica[0].kms_key_arn"); key.IsKnown() || len(key.AllRefs()) != 1 || key.AllRefs()[0].String() != "aws_kms_key.k.arn" {
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
		if got := at(t, r.Attributes(), tt.path).Sensitive(); got != tt.sensitive {
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

// TestUnreadModules records every instance of a module call whose code is
// not read, with the arguments and providers it gets, and reports nothing
// about its arguments (the module's code would say what they mean).
func TestUnreadModules(t *testing.T) {
	g := LoadModule(filepath.Join("testdata", "unread"), Options{})
	got := map[string]*graph.UnreadModule{}
	for _, m := range g.UnreadModules {
		got[m.Address] = m
	}
	if len(got) != 4 {
		t.Fatalf("unread modules = %v", g.UnreadModules)
	}
	policy := got["module.policy"]
	if policy == nil || policy.Reason != graph.NotDownloaded || policy.Source != "acme/bucket-policy/aws" || policy.Version != "~> 1.2" {
		t.Fatalf("module.policy = %+v", policy)
	}
	if !policy.Refers("aws_s3_bucket.logs") || policy.Refers("aws_s3_bucket.other") || !policy.Passes("acme-logs") || policy.Passes("acme") {
		t.Errorf("module.policy arguments = %v (refs %v)", policy.Args, policy.Args.AllRefs())
	}
	if p := policy.Providers["aws"]; p == nil || p.Address != "aws.member" {
		t.Errorf("module.policy providers = %v", policy.Providers)
	}
	if policy.Range.Start.Line != 15 || len(policy.Calls) != 1 || policy.Calls[0].Range.Start.Line != 14 || policy.Exists != graph.True {
		t.Errorf("module.policy position %v calls %v exists %v", policy.Range, policy.Calls, policy.Exists)
	}
	prod := got[`module.per_env["prod"]`]
	if prod == nil || !prod.Passes("prod") || prod.Passes("dev") || prod.Providers["aws"] == nil || prod.Providers["aws"].Address != "aws" {
		t.Errorf(`module.per_env["prod"] = %+v`, prod)
	}
	gone := got["module.gone"]
	if gone == nil || gone.Reason != graph.SourceMissing || gone.Dir != filepath.Join("testdata", "unread", "modules", "gone") {
		t.Errorf("module.gone = %+v", gone)
	}
	for _, d := range g.Diagnostics {
		if d.Severity != graph.Debug {
			t.Errorf("diagnostic %v: unread modules are reported by the scan, aggregated", d)
		}
	}
}

// writeModule writes files into a new temporary directory.
func writeModule(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, src := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestEvaluationErrorKinds: HCL's evaluation errors are told apart by
// what failed, not by their message: a call to a function blindspot does
// not have, a reference to something not there (unknown, explained), and a
// real error such as reading an attribute of null (a warning).
func TestEvaluationErrorKinds(t *testing.T) {
	tests := []struct {
		name     string
		expr     string
		wantCode string // "" for no diagnostic
		wantSev  graph.DiagSeverity
		wantWhy  string
	}{
		{"unknown function", `no_such_function("x")`, "unsupported-function", graph.Debug, "function no_such_function is not evaluated by blindspot"},
		{"provider function", `provider::aws::arn_parse("x")`, "unsupported-function", graph.Debug, "function provider::aws::arn_parse is not evaluated by blindspot"},
		{"missing attribute", `local.obj.missing`, "", 0, ""},
		{"missing map key", `local.m["nope"]`, "", 0, ""},
		{"index out of range", `local.list[5]`, "", 0, ""},
		{"attribute of a string", `local.obj.name.x`, "", 0, ""},
		{"attribute of null", `local.obj.none.x`, "evaluation-error", graph.Warning, "the expression could not be evaluated (Attempt to get attribute from null value)"},
		{"index of null", `local.obj.none[0]`, "evaluation-error", graph.Warning, ""},
		{"function error", `cidrsubnet("bad", 1, 1)`, "evaluation-error", graph.Warning, ""},
		{"null in a template", `"${local.obj.none}-x"`, "evaluation-error", graph.Warning, ""},
		{"wrong argument from a reference", `join(",", local.nested)`, "evaluation-error", graph.Warning, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeModule(t, map[string]string{"main.tf": `locals {
  obj  = { name = "a", none = null }
  m    = tomap({ a = "b" })
  list = ["a"]
  nested = [["a"]]
}
resource "aws_s3_bucket" "b" {
  bucket = ` + tt.expr + `
}
`})
			g := LoadModule(dir, Options{})
			var got []graph.Diagnostic
			for _, d := range g.Diagnostics {
				if d.Code == "unsupported-function" || d.Code == "evaluation-error" {
					got = append(got, d)
				}
			}
			switch {
			case tt.wantCode == "" && len(got) > 0:
				t.Errorf("diagnostics %v, want none", got)
			case tt.wantCode != "" && (len(got) != 1 || got[0].Code != tt.wantCode || got[0].Severity != tt.wantSev):
				t.Errorf("diagnostics %v, want one %s of severity %v", got, tt.wantCode, tt.wantSev)
			}
			v := at(t, resource(g, "aws_s3_bucket.b").Attributes(), "bucket")
			if v.IsKnown() {
				t.Errorf("bucket = %s, want unknown", v)
			}
			if tt.wantWhy != "" && v.Why() != tt.wantWhy {
				t.Errorf("why = %q, want %q", v.Why(), tt.wantWhy)
			}
		})
	}
}

// TestCallerIdentity: the account of data.aws_caller_identity is known
// when the provider names it, and then it is known to every use of it;
// otherwise it is unknown everywhere, with the same reason.
func TestCallerIdentity(t *testing.T) {
	tests := []struct {
		name     string
		provider string
		want     string
	}{
		{"allowed account", `allowed_account_ids = ["111122223333"]`, `"arn:aws:iam::111122223333:root"`},
		{"assumed role", "assume_role {\n    role_arn = \"arn:aws:iam::444455556666:role/deploy\"\n  }", `"arn:aws:iam::444455556666:root"`},
		{"allowed wins over the role", "allowed_account_ids = [\"111122223333\"]\n  assume_role {\n    role_arn = var.role\n  }", `"arn:aws:iam::111122223333:root"`},
		{"not said", `region = "eu-west-1"`, "(unknown)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeModule(t, map[string]string{"main.tf": `variable "role" {
  type = string
}
provider "aws" {
  ` + tt.provider + `
}
data "aws_caller_identity" "current" {}
locals {
  root = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:root"
}
resource "aws_kms_key" "k" {
  description = local.root
  tags = {
    Direct = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:root"
    Id     = data.aws_caller_identity.current.id
  }
}
`})
			g := LoadModule(dir, Options{})
			k := resource(g, "aws_kms_key.k")
			for _, path := range []string{"description", "tags.Direct"} {
				v := at(t, k.Attributes(), path)
				if got := v.String(); got != tt.want {
					t.Errorf("%s = %s, want %s", path, got, tt.want)
				}
				if !v.IsKnown() && v.Why() != "data.aws_caller_identity.current is the account Terraform runs in" {
					t.Errorf("%s: why = %q", path, v.Why())
				}
			}
			if id := at(t, k.Attributes(), "tags.Id"); id.IsKnown() != (tt.want != "(unknown)") {
				t.Errorf("id = %s, account %s", id, tt.want)
			}
		})
	}
}

// TestProvidersUseLocals: provider configurations are evaluated after the
// locals, variables and module outputs they use, before the data sources
// and module calls that use them, and are listed in declaration order.
func TestProvidersUseLocals(t *testing.T) {
	dir := writeModule(t, map[string]string{
		"main.tf": `locals {
  accounts   = { management = "111122223333", audit = "444455556666" }
  account_id = local.accounts.management
}
provider "aws" {
  region              = "eu-west-1"
  allowed_account_ids = [local.account_id]
}
provider "aws" {
  alias = "audit"
  assume_role {
    role_arn = "arn:aws:iam::${module.ids.audit}:role/OrganizationAccountAccessRole"
  }
}
module "ids" {
  source   = "./ids"
  accounts = local.accounts
}
data "aws_caller_identity" "audit" {
  provider = aws.audit
}
module "member" {
  source    = "./member"
  providers = { aws = aws.audit }
}
resource "aws_kms_key" "k" {
  description = data.aws_caller_identity.audit.account_id
}
`,
		"ids/main.tf": `variable "accounts" {
  type = map(string)
}
output "audit" {
  value = var.accounts["audit"]
}
`,
		"member/main.tf": `data "aws_caller_identity" "me" {}
provider "aws" {
  alias  = "inner"
  region = "us-east-1"
}
resource "aws_kms_key" "inner" {
  description = data.aws_caller_identity.me.account_id
}
`,
	})
	g := LoadModule(dir, Options{})
	var addrs []string
	for _, p := range g.Providers {
		addrs = append(addrs, p.Address)
	}
	if got := strings.Join(addrs, " "); got != "aws aws.audit module.member.aws.inner" {
		t.Errorf("providers = %s", got)
	}
	if got := at(t, g.Providers[0].Attrs, "allowed_account_ids[0]").String(); got != `"111122223333"` {
		t.Errorf("allowed_account_ids = %s", got)
	}
	if got := at(t, g.Providers[1].Attrs, "assume_role[0].role_arn").String(); got != `"arn:aws:iam::444455556666:role/OrganizationAccountAccessRole"` {
		t.Errorf("role_arn = %s", got)
	}
	for addr, want := range map[string]string{"aws_kms_key.k": `"444455556666"`, "module.member.aws_kms_key.inner": `"444455556666"`} {
		if got := at(t, resource(g, addr).Attributes(), "description").String(); got != want {
			t.Errorf("%s: caller account = %s, want %s", addr, got, want)
		}
	}
	if p := resource(g, "module.member.aws_kms_key.inner").Provider; p == nil || p.Address != "aws.audit" {
		t.Errorf("provider passed to the module = %v", p)
	}
}

// TestProviderFromModuleItPasses: a provider configured from the outputs
// of a module that receives it (the usual landing-zone root) is no cycle;
// a real cycle is blamed on its members, not on what waits for them.
func TestProviderFromModuleItPasses(t *testing.T) {
	dir := writeModule(t, map[string]string{
		"main.tf": `provider "aws" {
  region = "eu-west-1"
  assume_role {
    role_arn = module.iam_roles.terraform_role_arn
  }
}
module "iam_roles" {
  source = "./roles"
}
data "aws_caller_identity" "current" {}
resource "aws_kms_key" "k" {
  description = data.aws_caller_identity.current.account_id
}
locals {
  a      = local.b
  b      = local.a
  waiter = local.a
}
`,
		"roles/main.tf": `output "terraform_role_arn" {
  value = "arn:aws:iam::123456789012:role/terraform"
}
`,
	})
	g := LoadModule(dir, Options{})
	var cycles []string
	for _, d := range g.Diagnostics {
		if d.Code == "dependency-cycle" {
			cycles = append(cycles, d.Message)
		}
	}
	if len(cycles) != 1 || !strings.HasPrefix(cycles[0], "local.a ") {
		t.Errorf("cycle diagnostics = %q, want one about local.a", cycles)
	}
	if got := at(t, resource(g, "aws_kms_key.k").Attributes(), "description").String(); got != `"123456789012"` {
		t.Errorf("caller account = %s", got)
	}
}

// TestInputPrecedence: variable values apply in Terraform's order, the
// later winning: TF_VAR_ environment variables, terraform.tfvars,
// terraform.tfvars.json, *.auto.tfvars in name order, then -var and
// -var-file in the order given on the command line.
func TestInputPrecedence(t *testing.T) {
	dir := writeModule(t, map[string]string{
		"main.tf": `variable "a" {}
variable "b" {}
variable "c" {}
variable "d" {}
variable "e" {}
variable "list" {
  type = list(string)
}
resource "aws_kms_key" "k" {
  tags = { a = var.a, b = var.b, c = var.c, d = var.d, e = var.e, list = join(",", var.list) }
}
`,
		"terraform.tfvars":      "b = \"tfvars\"\nc = \"tfvars\"\nd = \"tfvars\"\n",
		"terraform.tfvars.json": `{"c": "tfvars.json", "d": "tfvars.json"}`,
		"1.auto.tfvars":         "d = \"1.auto\"\n",
		"2.auto.tfvars.json":    `{"d": "2.auto"}`,
		"one.tfvars":            "e = \"one.tfvars\"\n",
		"two.tfvars":            "e = \"two.tfvars\"\n",
	})
	env := map[string]string{"a": "env", "b": "env", "list": `["x", "y"]`, "undeclared": "ignored"}
	tests := []struct {
		name   string
		inputs []Input
		want   map[string]string
	}{
		{"files and environment", nil, map[string]string{"a": "env", "b": "tfvars", "c": "tfvars.json", "d": "2.auto", "e": "(unknown)", "list": "x,y"}},
		{"var then file: the file wins", []Input{{Var: "e=flag"}, {File: filepath.Join(dir, "one.tfvars")}}, map[string]string{"e": "one.tfvars"}},
		{"file then var: the var wins", []Input{{File: filepath.Join(dir, "one.tfvars")}, {Var: "e=flag"}}, map[string]string{"e": "flag"}},
		{"files in order", []Input{{File: filepath.Join(dir, "two.tfvars")}, {File: filepath.Join(dir, "one.tfvars")}}, map[string]string{"e": "one.tfvars"}},
		{"command line over everything", []Input{{Var: "a=flag"}, {Var: "d=flag"}, {Var: `list=["z"]`}}, map[string]string{"a": "flag", "d": "flag", "list": "z"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := LoadModule(dir, Options{Env: env, Inputs: tt.inputs})
			k := resource(g, "aws_kms_key.k")
			for name, want := range tt.want {
				v := at(t, k.Attributes(), "tags."+name)
				got, ok := v.AsString()
				if !ok {
					got = v.String()
				}
				if got != want {
					t.Errorf("var.%s = %s, want %s", name, got, want)
				}
			}
		})
	}
}

// TestWorkspace: terraform.workspace is "default" unless the options name
// one (TF_WORKSPACE).
func TestWorkspace(t *testing.T) {
	dir := writeModule(t, map[string]string{"main.tf": `resource "aws_s3_bucket" "b" {
  bucket = "logs-${terraform.workspace}"
}
`})
	for _, tt := range []struct{ workspace, want string }{{"", `"logs-default"`}, {"prod", `"logs-prod"`}} {
		g := LoadModule(dir, Options{Workspace: tt.workspace})
		if got := at(t, resource(g, "aws_s3_bucket.b").Attributes(), "bucket").String(); got != tt.want {
			t.Errorf("workspace %q: bucket = %s, want %s", tt.workspace, got, tt.want)
		}
	}
}

// TestPathsIndependentOfWorkingDirectory: path.cwd and abspath are taken
// from the root module's directory, where Terraform runs, whatever the
// directory blindspot was started from.
func TestPathsIndependentOfWorkingDirectory(t *testing.T) {
	base := writeModule(t, map[string]string{
		"repo/infra/main.tf": `module "m" {
  source = "./modules/m"
}
resource "aws_kms_key" "k" {
  description = file("${path.cwd}/policy.json")
  tags = {
    cwd     = path.cwd
    root    = path.root
    module  = path.module
    abspath = abspath("files/x.json")
  }
}
`,
		"repo/infra/policy.json": `{"Version": "2012-10-17"}`,
		"repo/infra/modules/m/main.tf": `resource "aws_kms_key" "inner" {
  description = abspath(path.module)
}
`,
	})
	base, err := filepath.EvalSymlinks(base)
	if err != nil {
		t.Fatal(err)
	}
	infra := filepath.ToSlash(filepath.Join(base, "repo", "infra"))
	for _, tt := range []struct{ from, unit string }{{base, "repo/infra"}, {filepath.Join(base, "repo"), "infra"}} {
		t.Run(tt.unit, func(t *testing.T) {
			t.Chdir(tt.from)
			g := LoadModule(filepath.FromSlash(tt.unit), Options{Root: mustRoot(t, ".")})
			k := resource(g, "aws_kms_key.k")
			for path, want := range map[string]string{
				"tags.cwd": infra, "tags.root": ".", "tags.module": ".", "tags.abspath": infra + "/files/x.json",
				"description": `{"Version": "2012-10-17"}`,
			} {
				if got, _ := at(t, k.Attributes(), path).AsString(); got != want {
					t.Errorf("%s = %q, want %q", path, got, want)
				}
			}
			inner := resource(g, "module.m.aws_kms_key.inner")
			if got, _ := at(t, inner.Attributes(), "description").AsString(); got != infra+"/modules/m" {
				t.Errorf("abspath(path.module) in a module = %q", got)
			}
		})
	}
}

// TestLegacyBareTypes: type = list and type = map are list(any) and
// map(any), accepted without a warning, as Terraform does.
func TestLegacyBareTypes(t *testing.T) {
	dir := writeModule(t, map[string]string{"main.tf": `variable "cidrs" {
  type    = list
  default = ["10.0.0.0/8"]
}
variable "tags" {
  type    = map
  default = { team = "a" }
}
variable "ports" {
  type = list
}
resource "aws_security_group" "web" {
  tags = var.tags
  ingress {
    from_port   = var.ports[0]
    to_port     = var.ports[0]
    protocol    = "tcp"
    cidr_blocks = var.cidrs
  }
}
`})
	g := LoadModule(dir, Options{Inputs: []Input{{Var: "ports=[22]"}}})
	for _, d := range g.Diagnostics {
		if d.Severity <= graph.Warning {
			t.Errorf("diagnostic %v", d)
		}
	}
	sg := resource(g, "aws_security_group.web")
	for path, want := range map[string]string{"ingress[0].cidr_blocks[0]": `"10.0.0.0/8"`, "tags.team": `"a"`, "ingress[0].from_port": "22"} {
		if got := at(t, sg.Attributes(), path).String(); got != want {
			t.Errorf("%s = %s, want %s", path, got, want)
		}
	}
}

// TestOverrideFiles: override.tf and *_override.tf(.json) are merged as
// Terraform merges them, after the other files, in name order.
func TestOverrideFiles(t *testing.T) {
	dir := writeModule(t, map[string]string{
		"main.tf": `variable "size" {
  type    = number
  default = 1
}
locals {
  name = "base"
  keep = "kept"
}
provider "aws" {
  region = "us-east-1"
}
provider "aws" {
  alias  = "west"
  region = "us-west-1"
}
resource "aws_security_group" "web" {
  name        = local.name
  description = local.keep
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
resource "aws_s3_bucket" "b" {
  bucket = "base-${var.size}"
}
`,
		"override.tf": `locals {
  name = "override"
}
variable "size" {
  default = "3"
}
provider "aws" {
  alias  = "west"
  region = "eu-west-1"
}
resource "aws_security_group" "web" {
  dynamic "ingress" {
    for_each = [443]
    content {
      from_port   = ingress.value
      to_port     = ingress.value
      protocol    = "tcp"
      cidr_blocks = ["10.0.0.0/8"]
    }
  }
}
resource "aws_s3_bucket" "missing" {
  bucket = "x"
}
`,
		"z_override.tf": `resource "aws_s3_bucket" "b" {
  force_destroy = true
}
`,
		"a_override.tf": `resource "aws_s3_bucket" "b" {
  force_destroy = false
  bucket        = "a-${var.size}"
}
`,
		"json.tf.json":          `{"resource": {"aws_kms_key": {"k": {"description": "json", "enable_key_rotation": false}}}}`,
		"json_override.tf.json": `{"resource": {"aws_kms_key": {"k": {"enable_key_rotation": true}}}}`,
	})
	g := LoadModule(dir, Options{})
	var codes []string
	for _, d := range g.Diagnostics {
		codes = append(codes, d.Code)
	}
	if got := strings.Join(codes, " "); got != "override-without-base" {
		t.Errorf("diagnostics = %v", g.Diagnostics)
	}
	if len(g.Resources) != 3 {
		t.Errorf("%d resources, want 3 (an override adds none)", len(g.Resources))
	}
	sg := resource(g, "aws_security_group.web")
	for path, want := range map[string]string{
		"name": `"override"`, "description": `"kept"`,
		"ingress[0].from_port": "443", "ingress[0].cidr_blocks[0]": `"10.0.0.0/8"`, "egress[0].protocol": `"-1"`,
	} {
		if got := at(t, sg.Attributes(), path).String(); got != want {
			t.Errorf("security group %s = %s, want %s", path, got, want)
		}
	}
	if n := len(at(t, sg.Attributes(), "ingress").Elems()); n != 1 {
		t.Errorf("%d ingress blocks, want the override's one", n)
	}
	if r := at(t, sg.Attributes(), "ingress[0].from_port").Range; !strings.HasSuffix(r.File, "override.tf") {
		t.Errorf("an overridden argument points at %v, want override.tf", r)
	}
	b := resource(g, "aws_s3_bucket.b")
	// a_override.tf is merged before z_override.tf; the override's default
	// takes the variable's declared type.
	for path, want := range map[string]string{"bucket": `"a-3"`, "force_destroy": "true"} {
		if got := at(t, b.Attributes(), path).String(); got != want {
			t.Errorf("bucket %s = %s, want %s", path, got, want)
		}
	}
	if got := at(t, resource(g, "aws_kms_key.k").Attributes(), "enable_key_rotation").String(); got != "true" {
		t.Errorf("JSON override: enable_key_rotation = %s", got)
	}
	if got := at(t, resource(g, "aws_kms_key.k").Attributes(), "description").String(); got != `"json"` {
		t.Errorf("JSON override: description = %s", got)
	}
	var regions []string
	for _, p := range g.Providers {
		r, _ := at(t, p.Attrs, "region").AsString()
		regions = append(regions, p.Address+"="+r)
	}
	if got := strings.Join(regions, " "); got != "aws=us-east-1 aws.west=eu-west-1" {
		t.Errorf("providers = %s", got)
	}
}

// TestOverrideInOtherSyntax: an override written in the other syntax is
// reported, not silently dropped or half merged.
func TestOverrideInOtherSyntax(t *testing.T) {
	dir := writeModule(t, map[string]string{
		"main.tf":          "resource \"aws_kms_key\" \"k\" {\n  enable_key_rotation = false\n}\n",
		"override.tf.json": `{"resource": {"aws_kms_key": {"k": {"enable_key_rotation": true}}}}`,
	})
	g := LoadModule(dir, Options{})
	if len(g.Diagnostics) != 1 || g.Diagnostics[0].Code != "override-not-merged" || g.Diagnostics[0].Severity != graph.Warning {
		t.Errorf("diagnostics = %v", g.Diagnostics)
	}
	if got := at(t, resource(g, "aws_kms_key.k").Attributes(), "enable_key_rotation").String(); got != "false" {
		t.Errorf("enable_key_rotation = %s", got)
	}
}

// mustRoot opens dir as a scan root for the test.
func mustRoot(t *testing.T, dir string) *sandbox.Root {
	t.Helper()
	r, err := sandbox.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	return r
}

// statementsOf lists a policy document's statements as "Sid:Effect:Action"
// ("?" for an unknown statement).
func statementsOf(t *testing.T, doc graph.Value) string {
	t.Helper()
	if s, ok := doc.AsString(); ok && doc.Kind() == graph.KindString {
		var err error
		if doc, err = decodeJSON(s, doc.Range); err != nil {
			t.Fatal(err)
		}
	}
	stmts, _ := doc.Get("Statement")
	var out []string
	for _, st := range stmts.Elems() {
		if !st.IsKnown() {
			out = append(out, "?")
			continue
		}
		sid, _ := st.Get("Sid")
		effect, _ := st.Get("Effect")
		action, _ := st.Get("Action")
		a := action.String()
		if e := action.Elems(); len(e) == 1 {
			a = e[0].String()
		}
		s, _ := sid.AsString()
		ef, _ := effect.AsString()
		out = append(out, s+":"+ef+":"+strings.Trim(a, `"`))
	}
	return strings.Join(out, " ")
}

// TestPolicyDocumentMerge: source and override documents are merged as the
// AWS provider merges them.
func TestPolicyDocumentMerge(t *testing.T) {
	dir := writeModule(t, map[string]string{"main.tf": `variable "unknown" {
  type = string
}
data "aws_iam_policy_document" "base" {
  statement {
    sid       = "TLS"
    effect    = "Allow"
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
  statement {
    actions   = ["s3:ListBucket"]
    resources = ["*"]
  }
}
data "aws_iam_policy_document" "sources_only" {
  source_policy_documents = [
    data.aws_iam_policy_document.base.json,
    jsonencode({
      Version = "2012-10-17"
      Statement = [{ Sid = "Extra", Effect = "Deny", Action = "s3:DeleteBucket", Resource = "*" }]
    }),
  ]
}
data "aws_iam_policy_document" "merged" {
  source_json             = data.aws_iam_policy_document.base.json
  source_policy_documents = [jsonencode({ Statement = [{ Sid = "Src", Effect = "Allow", Action = "s3:PutObject", Resource = "*" }] })]
  statement {
    sid       = "Src"
    effect    = "Deny"
    actions   = ["s3:PutObject"]
    resources = ["*"]
  }
  override_policy_documents = [
    jsonencode({ Statement = [{ Sid = "TLS", Effect = "Deny", Action = "s3:*", Resource = "*" }] }),
    jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:GetBucketAcl", Resource = "*" }] }),
  ]
  override_json = jsonencode({ Statement = [{ Sid = "Last", Effect = "Deny", Action = "iam:*", Resource = "*" }] })
}
data "aws_iam_policy_document" "unknown_override" {
  statement {
    sid       = "Named"
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
  statement {
    actions   = ["s3:ListBucket"]
    resources = ["*"]
  }
  override_policy_documents = [var.unknown]
}
data "aws_iam_policy_document" "duplicate" {
  source_policy_documents = [
    data.aws_iam_policy_document.base.json,
    data.aws_iam_policy_document.base.json,
  ]
}
resource "aws_iam_policy" "sources_only" {
  policy = data.aws_iam_policy_document.sources_only.json
}
resource "aws_iam_policy" "merged" {
  policy = data.aws_iam_policy_document.merged.json
}
resource "aws_iam_policy" "unknown_override" {
  policy = data.aws_iam_policy_document.unknown_override.json
}
`})
	g := LoadModule(dir, Options{})
	tests := []struct{ address, want string }{
		{"aws_iam_policy.sources_only", "TLS:Allow:s3:GetObject :Allow:s3:ListBucket Extra:Deny:s3:DeleteBucket"},
		{"aws_iam_policy.merged", "TLS:Deny:s3:* :Allow:s3:ListBucket Src:Deny:s3:PutObject :Allow:s3:GetBucketAcl Last:Deny:iam:*"},
		{"aws_iam_policy.unknown_override", "? :Allow:s3:ListBucket ?"},
	}
	for _, tt := range tests {
		policy := at(t, resource(g, tt.address).Attributes(), "policy")
		if got := statementsOf(t, policy); got != tt.want {
			t.Errorf("%s statements = %s, want %s", tt.address, got, tt.want)
		}
	}
	if p := at(t, resource(g, "aws_iam_policy.sources_only").Attributes(), "policy"); p.Kind() != graph.KindString {
		t.Errorf("a document built from known sources is known JSON, got %s", p)
	}
	var dups []string
	for _, d := range g.Diagnostics {
		if d.Code == "invalid-policy-document" {
			dups = append(dups, d.Message)
		}
	}
	if len(dups) != 1 || !strings.Contains(dups[0], `Sid "TLS" is used twice`) {
		t.Errorf("diagnostics = %q", dups)
	}
}

// TestPolicyDocumentInstances: a policy document with count or for_each
// is evaluated for each instance (the usual count = local.enabled ? 1 : 0);
// its partly unknown instances keep their structure when indexed.
func TestPolicyDocumentInstances(t *testing.T) {
	dir := writeModule(t, map[string]string{"main.tf": `variable "enabled" {
  type    = bool
  default = true
}
variable "count_unknown" {
  type = number
}
resource "aws_s3_bucket" "b" {
  bucket = "b"
}
data "aws_iam_policy_document" "counted" {
  count = var.enabled ? 1 : 0
  statement {
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.b.arn]
  }
}
data "aws_iam_policy_document" "each" {
  for_each = toset(["read", "write"])
  statement {
    sid       = each.key
    actions   = ["s3:Get*"]
    resources = ["*"]
  }
}
data "aws_iam_policy_document" "unknown_count" {
  count = var.count_unknown
  statement {
    actions   = ["s3:*"]
    resources = ["*"]
  }
}
resource "aws_s3_bucket_policy" "static_index" {
  bucket = aws_s3_bucket.b.id
  policy = data.aws_iam_policy_document.counted[0].json
}
resource "aws_s3_bucket_policy" "count_index" {
  count  = 1
  bucket = aws_s3_bucket.b.id
  policy = data.aws_iam_policy_document.counted[count.index].json
}
resource "aws_iam_policy" "each" {
  for_each = toset(["read", "write"])
  policy   = data.aws_iam_policy_document.each[each.key].json
}
resource "aws_iam_policy" "unknown_count" {
  policy = data.aws_iam_policy_document.unknown_count[0].json
}
`})
	g := LoadModule(dir, Options{})
	for _, addr := range []string{"aws_s3_bucket_policy.static_index", "aws_s3_bucket_policy.count_index[0]"} {
		policy := at(t, resource(g, addr).Attributes(), "policy")
		if got := statementsOf(t, policy); got != ":Deny:s3:*" {
			t.Errorf("%s: statements = %s, want the Deny with its unknown resource", addr, got)
		}
	}
	for _, key := range []string{"read", "write"} {
		policy := at(t, resource(g, `aws_iam_policy.each["`+key+`"]`).Attributes(), "policy")
		if got := statementsOf(t, policy); got != key+":Allow:s3:Get*" {
			t.Errorf("%s: statements = %s", key, got)
		}
	}
	policy := at(t, resource(g, "aws_iam_policy.unknown_count").Attributes(), "policy")
	if policy.IsKnown() || !strings.Contains(policy.Why(), "count of data.aws_iam_policy_document.unknown_count is unknown") {
		t.Errorf("policy of a document with unknown count = %s (%s)", policy, policy.Why())
	}
}

// TestRenderedJSONWithUnknownParts: a JSON document rendered by a
// template, templatefile() or format() with parts known only after apply
// keeps its known structure; the unknown parts stay unknown, with the
// literal text around them and the resources they come from, and nothing
// is guessed.
func TestRenderedJSONWithUnknownParts(t *testing.T) {
	dir := writeModule(t, map[string]string{
		"main.tf": `variable "deny" {
  type = bool
}
variable "arns" {
  type = list(string)
}
resource "aws_s3_bucket" "b" {
  bucket = "b"
}
resource "aws_s3_bucket_policy" "heredoc" {
  bucket = aws_s3_bucket.b.id
  policy = <<-EOF
    {
      "Version": "2012-10-17",
      "Statement": [{
        "Effect": "Deny",
        "Principal": "*",
        "Action": "s3:*",
        "Resource": ["${aws_s3_bucket.b.arn}", "${aws_s3_bucket.b.arn}/*"],
        "Condition": {"Bool": {"aws:SecureTransport": "false"}}
      }]
    }
  EOF
}
resource "aws_s3_bucket_policy" "templatefile" {
  bucket = aws_s3_bucket.b.id
  policy = templatefile("${path.module}/policy.json.tpl", { bucket_arn = aws_s3_bucket.b.arn, effect = "Deny" })
}
resource "aws_s3_bucket_policy" "format" {
  bucket = aws_s3_bucket.b.id
  policy = format("{\"Statement\": [{\"Effect\": %q, \"Action\": \"s3:*\", \"Resource\": \"%s/*\"}]}", "Deny", aws_s3_bucket.b.arn)
}
resource "aws_s3_bucket_policy" "conditional" {
  bucket = aws_s3_bucket.b.id
  policy = <<-EOF
    {"Statement": [{"Effect": "%{if var.deny}Deny%{else}Allow%{endif}", "Action": "s3:*", "Resource": ${jsonencode(var.arns)}}]}
  EOF
}
resource "aws_s3_bucket_policy" "key" {
  bucket = aws_s3_bucket.b.id
  policy = <<-EOF
    {"Statement": [{"Effect": "Deny", "Condition": {"${aws_s3_bucket.b.arn}": {"a": "b"}}}]}
  EOF
}
resource "aws_instance" "script" {
  user_data = <<-EOF
    #!/bin/sh
    aws s3 cp s3://${aws_s3_bucket.b.bucket}/x .
  EOF
}
resource "aws_s3_bucket_policy" "marker" {
  bucket = aws_s3_bucket.b.id
  policy = "{\"Sid\": \"@@blindspot-unknown-0@@\", \"Resource\": \"${aws_s3_bucket.b.arn}\"}"
}
`,
		"policy.json.tpl": `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "${effect}",
      "Principal": "*",
      "Action": "s3:*",
      "Resource": ["${bucket_arn}", "${bucket_arn}/*"],
      "Condition": {"Bool": {"aws:SecureTransport": "false"}}
    }
  ]
}
`,
	})
	g := LoadModule(dir, Options{})
	for _, addr := range []string{"aws_s3_bucket_policy.heredoc", "aws_s3_bucket_policy.templatefile"} {
		p := at(t, resource(g, addr).Attributes(), "policy")
		if got := at(t, p, "Statement[0].Effect").String(); got != `"Deny"` {
			t.Errorf("%s: Effect = %s (policy %s)", addr, got, p)
		}
		if got := at(t, p, "Statement[0].Condition.Bool.aws:SecureTransport").String(); got != `"false"` {
			t.Errorf("%s: condition = %s", addr, got)
		}
		whole := at(t, p, "Statement[0].Resource[0]")
		if whole.IsKnown() || len(whole.AllRefs()) != 1 || whole.AllRefs()[0].String() != "aws_s3_bucket.b.arn" {
			t.Errorf("%s: Resource[0] = %s with refs %v, want unknown from aws_s3_bucket.b.arn", addr, whole, whole.AllRefs())
		}
		objects := at(t, p, "Statement[0].Resource[1]")
		if objects.IsKnown() || objects.LiteralText() != "/*" || objects.Why() != "aws_s3_bucket.b.arn is known only after apply" {
			t.Errorf("%s: Resource[1] = %s, literal %q, why %q", addr, objects, objects.LiteralText(), objects.Why())
		}
	}
	f := at(t, resource(g, "aws_s3_bucket_policy.format").Attributes(), "policy")
	if got := at(t, f, "Statement[0].Effect").String(); got != `"Deny"` {
		t.Errorf("format: Effect = %s (policy %s)", got, f)
	}
	if r := at(t, f, "Statement[0].Resource"); r.IsKnown() || r.LiteralText() != "/*" {
		t.Errorf("format: Resource = %s", r)
	}
	c := at(t, resource(g, "aws_s3_bucket_policy.conditional").Attributes(), "policy")
	if e := at(t, c, "Statement[0].Effect"); e.IsKnown() {
		t.Errorf("a condition on an unknown value is guessed: Effect = %s", e)
	}
	if r := at(t, c, "Statement[0].Resource"); r.IsKnown() || !strings.HasPrefix(r.Why(), "var.arns has no value") {
		t.Errorf("jsonencode of an unknown list: Resource = %s (%s)", r, r.Why())
	}
	if cond := at(t, resource(g, "aws_s3_bucket_policy.key").Attributes(), "policy.Statement[0].Condition"); cond.IsKnown() {
		t.Errorf("an object with an unknown key = %s", cond)
	}
	if u := at(t, resource(g, "aws_instance.script").Attributes(), "user_data"); u.IsKnown() || u.Kind() != graph.KindUnknown {
		t.Errorf("a script is not JSON: user_data = %s", u)
	}
	if m := at(t, resource(g, "aws_s3_bucket_policy.marker").Attributes(), "policy"); m.IsKnown() {
		t.Errorf("text holding the placeholder marker itself = %s", m)
	}
}

// TestModuleInstanceOutputs: an output of one instance of a module with
// count or for_each comes from that instance's resources only.
func TestModuleInstanceOutputs(t *testing.T) {
	dir := writeModule(t, map[string]string{
		"main.tf": `module "counted" {
  source = "./m"
  count  = 2
}
module "each" {
  source   = "./m"
  for_each = toset(["a", "b"])
}
resource "aws_s3_bucket_versioning" "v" {
  bucket = module.counted[1].id
}
resource "aws_s3_bucket_versioning" "w" {
  bucket = module.each["b"].id
}
`,
		"m/main.tf": `resource "aws_s3_bucket" "this" {}
output "id" {
  value = aws_s3_bucket.this.id
}
`,
	})
	g := LoadModule(dir, Options{})
	for addr, want := range map[string]string{
		"aws_s3_bucket_versioning.v": "module.counted[1].aws_s3_bucket.this.id",
		"aws_s3_bucket_versioning.w": `module.each["b"].aws_s3_bucket.this.id`,
	} {
		v := at(t, resource(g, addr).Attributes(), "bucket")
		if refs := v.AllRefs(); len(refs) != 1 || refs[0].String() != want {
			t.Errorf("%s: refs = %v, want %s", addr, refs, want)
		}
		if want := strings.TrimSuffix(want, ".id") + ".id is known only after apply"; !strings.HasSuffix(v.Why(), "aws_s3_bucket.this.id is known only after apply") {
			t.Errorf("%s: why = %q, want %q", addr, v.Why(), want)
		}
	}
}

// TestLiteralAffixes: a template with unknown parts records the literal text
// it certainly starts and ends with, which rules use to tell an ARN that
// can only be one thing whatever its unknown part (the partition) from one
// that cannot be it.
func TestLiteralAffixes(t *testing.T) {
	dir := writeModule(t, map[string]string{"main.tf": `variable "name" {
  type = string
}
data "aws_partition" "current" {}
resource "aws_kms_key" "k" {
  tags = {
    Around = "arn:${data.aws_partition.current.partition}:iam::aws:policy/${var.name}-x"
    Middle = "${var.name}/fixed/${var.name}"
    Known  = "${var.name}${var.name}"
  }
}
`})
	k := resource(LoadModule(dir, Options{}), "aws_kms_key.k")
	tests := []struct{ path, lit, prefix, suffix string }{
		{"tags.Around", "arn::iam::aws:policy/-x", "arn:", "-x"},
		{"tags.Middle", "/fixed/", "", ""},
		{"tags.Known", "", "", ""},
	}
	for _, tt := range tests {
		v := at(t, k.Attributes(), tt.path)
		if v.IsKnown() || v.LiteralText() != tt.lit || v.LiteralPrefix() != tt.prefix || v.LiteralSuffix() != tt.suffix {
			t.Errorf("%s = %s: literal %q, prefix %q, suffix %q; want %q, %q, %q", tt.path, v,
				v.LiteralText(), v.LiteralPrefix(), v.LiteralSuffix(), tt.lit, tt.prefix, tt.suffix)
		}
	}
}

// packageFetcher "downloads" every module to one directory, the package.
type packageFetcher struct{ pkg string }

func (f packageFetcher) FetchModule(source, version string) (string, string, error) {
	return f.pkg, f.pkg, nil
}

// A module blindspot downloaded reads its own files with file() and
// templatefile() (its package is trusted as the scan root is), and
// nothing outside its package.
func TestDownloadedModuleReadsItsOwnFiles(t *testing.T) {
	base := t.TempDir()
	root, pkg := filepath.Join(base, "repo"), filepath.Join(base, "cache", "pkg")
	for name, content := range map[string]string{
		filepath.Join(root, "main.tf"): "module \"m\" {\n  source = \"example/m/aws\"\n}\n",
		filepath.Join(pkg, "main.tf"): `resource "aws_s3_bucket_policy" "p" {
  bucket = "b"
  policy = file("${path.module}/policy.json")
}
resource "aws_s3_bucket_policy" "q" {
  bucket = "c"
  policy = file("${path.module}/../../secret.txt")
}
`,
		filepath.Join(pkg, "policy.json"): `{"Version": "2012-10-17", "Statement": []}`,
		filepath.Join(base, "secret.txt"): "secret",
	} {
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	g := LoadModule(root, Options{Fetcher: packageFetcher{pkg}})
	if p := resource(g, "module.m.aws_s3_bucket_policy.p"); p == nil || !at(t, p.Attributes(), "policy").IsKnown() {
		t.Errorf("the module's own file was not read: %+v", p)
	}
	if q := resource(g, "module.m.aws_s3_bucket_policy.q"); q == nil || at(t, q.Attributes(), "policy").IsKnown() {
		t.Errorf("a file outside the module's package was read: %+v", q)
	}
}

// TestModelledDataSources: the data sources the model reads are evaluated
// for each instance, inside modules too, into Graph.DataSources; they are
// not resources, and their values stay unknown to the configuration.
func TestModelledDataSources(t *testing.T) {
	dir := writeModule(t, map[string]string{
		"main.tf": `variable "owner" {
  type = string
}
data "aws_ami" "web" {
  count       = 2
  most_recent = true
  owners      = [var.owner]
  filter {
    name   = "name"
    values = ["web-${count.index}-*"]
  }
}
data "aws_availability_zones" "all" {}
module "m" {
  source = "./m"
}
resource "aws_instance" "web" {
  ami = data.aws_ami.web[0].id
}
`,
		"m/main.tf": `data "aws_ami" "base" {
  owners = ["self"]
}
`})
	g := LoadModule(dir, Options{})
	var got []string
	for _, d := range g.DataSources {
		got = append(got, d.Type+" "+d.Address)
	}
	want := []string{"aws_ami data.aws_ami.web[0]", "aws_ami data.aws_ami.web[1]", "aws_ami module.m.data.aws_ami.base"}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Fatalf("data sources = %q, want %q", got, want)
	}
	for _, r := range g.Resources {
		if strings.Contains(r.Address, "data.") {
			t.Errorf("data source %s among the resources", r.Address)
		}
	}
	web1 := g.DataSources[slices.IndexFunc(g.DataSources, func(r *graph.Resource) bool { return r.Address == "data.aws_ami.web[1]" })]
	if v := at(t, web1.Attributes(), "filter[0].values[0]"); v.String() != `"web-1-*"` {
		t.Errorf("filter value = %s", v)
	}
	if v := at(t, web1.Attributes(), "owners[0]"); v.IsKnown() {
		t.Errorf("owners[0] = %s, want unknown", v)
	}
	if v := at(t, resource(g, "aws_instance.web").Attributes(), "ami"); v.IsKnown() {
		t.Errorf("ami = %s, want unknown (read when Terraform plans)", v)
	}
}
