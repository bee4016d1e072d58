package cloudformation

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/blindspot-iac/blindspot/graph"
)

// attr returns the value at a dotted path ("Tags[0].Value") of a resource.
func attr(t *testing.T, g *graph.Graph, address, path string) graph.Value {
	t.Helper()
	for _, r := range g.Resources {
		if r.Address != address {
			continue
		}
		v := r.Attributes()
		for _, seg := range strings.Split(path, ".") {
			name, idx, hasIdx := strings.Cut(seg, "[")
			var ok bool
			if v, ok = v.Get(name); !ok {
				t.Fatalf("%s has no %s (at %s)", address, path, name)
			}
			if hasIdx {
				var i int
				for _, c := range strings.TrimSuffix(idx, "]") {
					i = i*10 + int(c-'0')
				}
				if v, ok = v.Index(i); !ok {
					t.Fatalf("%s: %s out of range", address, path)
				}
			}
		}
		return v
	}
	t.Fatalf("no resource %s", address)
	return graph.Value{}
}

func resource(g *graph.Graph, address string) *graph.Resource {
	for _, r := range g.Resources {
		if r.Address == address {
			return r
		}
	}
	return nil
}

func codes(g *graph.Graph) []string {
	var out []string
	for _, d := range g.Diagnostics {
		out = append(out, d.Code)
	}
	return out
}

func TestIntrinsics(t *testing.T) {
	tests := []struct {
		name    string
		opts    Options
		address string
		path    string
		want    string
	}{
		{"sub with region unknown", Options{}, "Bucket", "BucketName", "(unknown)"},
		{"sub with region", Options{Region: "eu-west-1"}, "Bucket", "BucketName", `"logs-eu-west-1-10.0.0.0/16"`},
		{"if on unknown condition", Options{}, "Bucket", "VersioningConfiguration.Status", `(one of "Enabled" | "Suspended")`},
		{"if on known condition", Options{Parameters: []string{"Env=prod"}}, "Bucket", "VersioningConfiguration.Status", `"Enabled"`},
		{"findinmap over allowed values", Options{}, "Bucket", "Tags[0].Value", `(one of "t3.micro" | "m5.large")`},
		{"findinmap known", Options{Parameters: []string{"Env=dev"}}, "Bucket", "Tags[0].Value", `"t3.micro"`},
		{"novalue removes the element", Options{}, "Bucket", "Tags", `[{Key = "size", Value = (one of "t3.micro" | "m5.large")}]`},
		{"ref to resource", Options{}, "Policy", "Bucket", "(unknown)"},
		{"join with getatt", Options{Parameters: []string{"Env=prod"}}, "Maybe", "BucketName", "(unknown)"},
		{"noecho is sensitive", Options{Parameters: []string{"Env=prod", "Password=hunter2"}}, "Maybe", "Secret", "(sensitive)"},
		{"cidr", Options{Parameters: []string{"Env=prod"}}, "Maybe", "Cidrs", `["10.0.0.0/24", "10.0.1.0/24"]`},
		{"split", Options{Parameters: []string{"Env=prod"}}, "Maybe", "Split", `["x", "y"]`},
		{"tojsonstring", Options{Parameters: []string{"Env=prod"}}, "Maybe", "Json", `"{\"a\":1}"`},
		{"parameter file lines", Options{ParameterFiles: []string{"testdata/params.txt"}}, "Bucket", "VersioningConfiguration.Status", `"Suspended"`},
		{"parameter file json list", Options{ParameterFiles: []string{"testdata/params.json"}}, "Bucket", "VersioningConfiguration.Status", `"Enabled"`},
		{"template configuration", Options{ParameterFiles: []string{"testdata/config.json"}}, "Bucket", "VersioningConfiguration.Status", `"Suspended"`},
		{"command line beats file", Options{ParameterFiles: []string{"testdata/config.json"}, Parameters: []string{"Env=prod"}}, "Bucket", "VersioningConfiguration.Status", `"Enabled"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := LoadTemplate(filepath.Join("testdata", "intrinsics.yaml"), tt.opts)
			if got := attr(t, g, tt.address, tt.path).String(); got != tt.want {
				t.Errorf("%s.%s = %s, want %s", tt.address, tt.path, got, tt.want)
			}
		})
	}
}

func TestUnknownReasonsAndRefs(t *testing.T) {
	g := LoadTemplate(filepath.Join("testdata", "intrinsics.yaml"), Options{})
	status := attr(t, g, "Bucket", "VersioningConfiguration.Status")
	if want := "condition IsProd is unknown: parameter Env has no value"; !strings.HasPrefix(status.Why(), want) {
		t.Errorf("why = %q, want prefix %q", status.Why(), want)
	}
	bucket := attr(t, g, "Policy", "Bucket")
	if refs := bucket.Refs(); len(refs) != 1 || refs[0].Address != "Bucket" || refs[0].Attr != "" {
		t.Errorf("refs of !Ref Bucket = %v", refs)
	}
	res := attr(t, g, "Policy", "PolicyDocument.Statement[0].Resource")
	if refs := res.AllRefs(); len(refs) != 1 || refs[0].String() != "Bucket.Arn" {
		t.Errorf("refs of ${Bucket.Arn} = %v", refs)
	}
	if resource(g, "Skipped") != nil {
		t.Error("a resource whose condition is false must not exist")
	}
	maybe := resource(g, "Maybe")
	if maybe == nil || maybe.Exists != graph.Unknown || !strings.Contains(maybe.ExistsWhy, "IsProd") {
		t.Errorf("Maybe exists = %v (%s), want unknown because of IsProd", maybe.Exists, maybe.ExistsWhy)
	}
	if b := resource(g, "Bucket"); b.Exists != graph.True || b.NameRange.Start.Line != 25 || b.NameRange.Start.Column != 3 {
		t.Errorf("Bucket exists=%v header=%v", b.Exists, b.NameRange)
	}
	if v := attr(t, g, "Bucket", "VersioningConfiguration"); v.Range.Start.Line != 30 {
		t.Errorf("VersioningConfiguration starts at %v, want line 30 (its first entry)", v.Range)
	}
	for _, in := range g.Inputs {
		if in.Name == "Password" && !in.Sensitive {
			t.Error("NoEcho parameter not marked sensitive")
		}
	}
}

func TestJSONTemplate(t *testing.T) {
	g := LoadTemplate(filepath.Join("testdata", "intrinsics.json"), Options{AccountID: "111111111111"})
	if got := attr(t, g, "Key", "EnableKeyRotation"); got.String() != "true" || got.Range.Start.Line != 9 {
		t.Errorf("EnableKeyRotation = %s at %v", got, got.Range)
	}
	if got := attr(t, g, "Key", "Description").String(); got != `"key-111111111111"` {
		t.Errorf("Description = %s", got)
	}
}

func TestNestedStack(t *testing.T) {
	g := LoadTemplate(filepath.Join("testdata", "nested", "parent.yaml"), Options{Root: mustRoot(t, "testdata")})
	key := resource(g, "Child.Key")
	if key == nil {
		t.Fatalf("nested resource missing; diagnostics %v", g.Diagnostics)
	}
	if v := attr(t, g, "Child.Key", "EnableKeyRotation").String(); v != `"false"` {
		t.Errorf("parameter passed to the child = %s", v)
	}
	if len(key.Calls) != 1 || key.Calls[0].Address != "Child" {
		t.Errorf("calls = %v", key.Calls)
	}
	if len(g.Units[0].Files) != 2 {
		t.Errorf("files = %v", g.Units[0].Files)
	}
}

// TestNestedStackCycles checks that a template nesting itself, directly,
// through another or through a symbolic link, is evaluated once and
// reported, while a template nested twice side by side is not a cycle.
func TestNestedStackCycles(t *testing.T) {
	stack := func(children ...string) string {
		s := "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  Bucket:\n    Type: AWS::S3::Bucket\n"
		for i, c := range children {
			s += fmt.Sprintf("  Child%d:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: %s\n", i, c)
		}
		return s
	}
	dir := t.TempDir()
	for name, body := range map[string]string{
		"self.yaml":   stack("self.yaml"),
		"a.yaml":      stack("b.yaml"),
		"b.yaml":      stack("a.yaml"),
		"linked.yaml": stack("link.yaml"),
		"twice.yaml":  stack("leaf.yaml", "leaf.yaml"),
		"leaf.yaml":   stack(),
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink("linked.yaml", filepath.Join(dir, "link.yaml")); err != nil {
		t.Skipf("no symbolic links: %v", err)
	}
	for _, tc := range []struct {
		template string
		buckets  int
		cyclic   bool
	}{
		{"self.yaml", 1, true},
		{"a.yaml", 2, true},
		{"linked.yaml", 1, true},
		{"twice.yaml", 3, false},
	} {
		g := LoadTemplate(filepath.Join(dir, tc.template), Options{Root: mustRoot(t, dir)})
		buckets, cyclic := 0, false
		for _, r := range g.Resources {
			if r.Type == "AWS::S3::Bucket" {
				buckets++
			}
		}
		for _, d := range g.Diagnostics {
			if d.Code == "nesting-limit" {
				cyclic = true
			}
		}
		if buckets != tc.buckets || cyclic != tc.cyclic {
			t.Errorf("%s: %d buckets, cycle reported %v; want %d, %v (diagnostics %v)", tc.template, buckets, cyclic, tc.buckets, tc.cyclic, g.Diagnostics)
		}
	}
}

func TestSAMGlobals(t *testing.T) {
	g := LoadTemplate(filepath.Join("testdata", "sam.yaml"), Options{})
	if v := attr(t, g, "Fn", "Runtime").String(); v != `"python3.12"` {
		t.Errorf("Runtime = %s", v)
	}
	if v := attr(t, g, "Fn", "Environment.Variables").String(); v != `{TABLE = "t", STAGE = "prod"}` {
		t.Errorf("Variables = %s", v)
	}
}

func TestBadInput(t *testing.T) {
	tests := []struct {
		file string
		want string
	}{
		{"broken.yaml", "parse-error"},
		{"bomb.yaml", "evaluation-budget"},
		{"missing.yaml", "read-error"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			start := time.Now()
			g := LoadTemplate(filepath.Join("testdata", tt.file), Options{})
			if time.Since(start) > 10*time.Second {
				t.Errorf("took %v", time.Since(start))
			}
			got := codes(g)
			found := false
			for _, c := range got {
				found = found || c == tt.want
			}
			if !found {
				t.Errorf("diagnostics %v, want %s", got, tt.want)
			}
		})
	}
}

func TestDuplicateKeys(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "dup.yaml")
	writeFile(t, path, "Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: x\n      BucketName: y\n")
	g := LoadTemplate(path, Options{})
	if len(g.Diagnostics) != 1 || g.Diagnostics[0].Code != "duplicate-key" || g.Diagnostics[0].Range.Start.Line != 6 {
		t.Errorf("diagnostics = %v", g.Diagnostics)
	}
}

func TestCatalogue(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "typos.yaml")
	writeFile(t, path, `Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      VersioningConfiguraton:
        Status: Enabled
  Other:
    Type: AWS::S3::Buckett
  Custom:
    Type: Custom::Thing
    Properties:
      Anything: 1
`)
	g := LoadTemplate(path, Options{})
	var got []string
	for _, d := range g.Diagnostics {
		got = append(got, fmt.Sprintf("%d %s %s %s", d.Range.Start.Line, d.Severity, d.Code, d.Message))
	}
	want := []string{
		"5 warning unknown-property AWS::S3::Bucket has no property VersioningConfiguraton (did you mean VersioningConfiguration?); CloudFormation rejects it and this scan ignores it",
		"8 warning unknown-resource-type AWS::S3::Buckett is not a CloudFormation resource type (did you mean AWS::S3::Bucket?)",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestForEach(t *testing.T) {
	g := LoadTemplate(filepath.Join("testdata", "foreach.yaml"), Options{})
	for _, tt := range []struct{ address, path, want string }{
		{"logsBucket", "BucketName", `"acme-logs"`},
		{"dataBucket", "Tags[0].Value", `"data"`},
	} {
		if got := attr(t, g, tt.address, tt.path).String(); got != tt.want {
			t.Errorf("%s.%s = %s, want %s", tt.address, tt.path, got, tt.want)
		}
	}
	found := false
	for _, d := range g.Diagnostics {
		found = found || d.Code == "foreach-not-expanded" && d.Range.Start.Line == 20
	}
	if !found {
		t.Errorf("no foreach-not-expanded note for the loop over an unknown collection: %v", g.Diagnostics)
	}
}

func TestMoreIntrinsics(t *testing.T) {
	g := LoadTemplate(filepath.Join("testdata", "more.yaml"), Options{})
	tests := []struct{ path, want, why string }{
		{"Count", "2", ""},
		{"ZoneCount", "3", ""},
		{"Azs", "(unknown)", "Fn::GetAZs lists the Availability Zones"},
		{"Imported", "(unknown)", "the export shared-vpc-id"},
		{"Encoded", `"aGVsbG8="`, ""},
		{"Second", `"b"`, ""},
	}
	for _, tt := range tests {
		v := attr(t, g, "Thing", tt.path)
		if v.String() != tt.want || !strings.Contains(v.Why(), tt.why) {
			t.Errorf("%s = %s (%q), want %s (%q)", tt.path, v, v.Why(), tt.want, tt.why)
		}
	}
}

// TestCatalogueCurrent checks the catalogue knows properties newer than
// goformation's schemas, and that a property the catalogue does not know is
// still evaluated: a missing entry never means "cannot be set".
func TestCatalogueCurrent(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "current.yaml")
	writeFile(t, path, `Resources:
  Web:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-0abcdef1234567890
      MetadataOptions:
        HttpTokens: required
  Seeder:
    Type: AWS::CloudFormation::CustomResource
    Properties:
      ServiceToken: arn:aws:lambda:eu-west-1:111111111111:function:seed
      TableName: users
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      FutureSetting: true
`)
	g := LoadTemplate(path, Options{})
	var got []string
	for _, d := range g.Diagnostics {
		got = append(got, fmt.Sprintf("%d %s %s", d.Range.Start.Line, d.Severity, d.Code))
	}
	if want := "16 note unknown-property"; strings.Join(got, "\n") != want {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), want)
	}
	if v := attr(t, g, "Web", "MetadataOptions.HttpTokens").String(); v != `"required"` {
		t.Errorf("MetadataOptions.HttpTokens = %s", v)
	}
	if v := attr(t, g, "Bucket", "FutureSetting").String(); v != "true" {
		t.Errorf("a property missing from the catalogue was not evaluated: %s", v)
	}
}

// TestParameterUseSites checks that a value read from a parameter through
// an intrinsic function has the range of the use in the resource and the
// place it was written as its source, as a plain Ref does.
func TestParameterUseSites(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "uses.yaml")
	writeFile(t, path, `Parameters:
  Cidrs:
    Type: CommaDelimitedList
    Default: "0.0.0.0/0,10.0.0.0/8"
  Joined:
    Type: String
    Default: "a|b"
  Host:
    Type: String
    Default: "0.0.0.0"
Resources:
  Group:
    Type: AWS::EC2::SecurityGroup
    Properties:
      Plain: !Ref Host
      Selected: !Select [0, !Ref Cidrs]
      Split: !Select [1, !Split ["|", !Ref Joined]]
      Substituted: !Sub "${Host}/0"
      Listed: !Ref Cidrs
      Literal: !Select [1, [x, y]]
      Two: !Sub "${Host}-${Joined}"
`)
	g := LoadTemplate(path, Options{})
	tests := []struct {
		path             string
		line, sourceLine int
	}{
		{"Plain", 15, 10},
		{"Selected", 16, 4},
		{"Split", 17, 7},
		{"Substituted", 18, 10},
		{"Listed[1]", 19, 4},
		{"Literal", 20, 0},
		{"Two", 21, 0},
	}
	for _, tt := range tests {
		v := attr(t, g, "Group", tt.path)
		if v.Range.Start.Line != tt.line || v.Source().Start.Line != tt.sourceLine {
			t.Errorf("%s at line %d, source line %d; want %d and %d", tt.path, v.Range.Start.Line, v.Source().Start.Line, tt.line, tt.sourceLine)
		}
	}
}

func TestNestedParameterSource(t *testing.T) {
	g := LoadTemplate(filepath.Join("testdata", "nested", "parent.yaml"), Options{Root: mustRoot(t, "testdata")})
	v := attr(t, g, "Child.Key", "EnableKeyRotation")
	if !strings.HasSuffix(v.Range.File, "child.yaml") || v.Range.Start.Line != 10 {
		t.Errorf("value at %v, want the use in child.yaml line 10", v.Range)
	}
	if src := v.Source(); !strings.HasSuffix(src.File, "parent.yaml") || src.Start.Line != 8 {
		t.Errorf("source %v, want the parent's Parameters entry (parent.yaml line 8)", src)
	}
}

// TestNestedStackOutputs checks Fn::GetAtt Stack.Outputs.Name of local
// nested stacks: the output's value, whatever the order of the resources,
// at the use site with the output as its source.
func TestNestedStackOutputs(t *testing.T) {
	g := LoadTemplate(filepath.Join("testdata", "outputs", "parent.yaml"), Options{Root: mustRoot(t, "testdata")})
	tests := []struct {
		path, want, why string
	}{
		{"BucketName", "(unknown)", "Bucket is known only after deployment"},
		{"Literal", `"30"`, ""},
		{"FromParent", `"from-parent"`, ""},
		{"Substituted", `"30-days"`, ""},
		{"Chained", `"30"`, ""},
		{"Missing", "(unknown)", "nested stack Storage has no output Nope"},
		{"NotCreated", "(unknown)", "output OnlyInProd is not created: condition IsProd is false"},
		{"Remote", "(unknown)", "whose template blindspot does not read"},
		{"Plain", "(unknown)", "Storage.Arn is known only after deployment"},
	}
	for _, tt := range tests {
		v := attr(t, g, "Reader", tt.path)
		if v.String() != tt.want || !strings.Contains(v.Why(), tt.why) {
			t.Errorf("%s = %s (%q), want %s (%q)", tt.path, v, v.Why(), tt.want, tt.why)
		}
	}
	// An output that names a resource of the child refers to it, so the
	// model can join what the parent configures to it.
	if refs := attr(t, g, "Reader", "BucketName").AllRefs(); len(refs) != 1 || refs[0].Address != "Storage.Bucket" {
		t.Errorf("refs = %v, want Storage.Bucket", refs)
	}
	lit := attr(t, g, "Reader", "Literal")
	if lit.Range.Start.Line != 8 || !strings.HasSuffix(lit.Source().File, "child.yaml") || lit.Source().Start.Line != 16 {
		t.Errorf("Literal at %v from %v, want parent.yaml:8 from child.yaml:16", lit.Range, lit.Source())
	}
	if src := attr(t, g, "Reader", "FromParent").Source(); !strings.HasSuffix(src.File, "parent.yaml") || src.Start.Line != 22 {
		t.Errorf("FromParent written at %v, want the parent's Parameters (parent.yaml:22)", src)
	}
	var got []string
	for _, d := range g.Diagnostics {
		got = append(got, fmt.Sprintf("%s:%d %s %s", filepath.Base(d.Range.File), d.Range.Start.Line, d.Severity, d.Code))
	}
	want := []string{
		"parent.yaml:12 warning unresolved-reference",
		"parent.yaml:13 warning unresolved-reference",
		"parent.yaml:34 error circular-reference",
		"parent.yaml:35 note remote-template-not-read",
	}
	sort.Strings(got)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// Each nested stack is evaluated once, though read before its turn.
	count := map[string]int{}
	for _, r := range g.Resources {
		count[r.Address]++
	}
	for _, addr := range []string{"Storage", "Storage.Bucket", "Second.Topic", "Loop.Topic"} {
		if count[addr] != 1 {
			t.Errorf("%s evaluated %d times", addr, count[addr])
		}
	}
}

// TestLiteralAffixes: !Sub and !Join with unknown parts record the literal
// text the string certainly starts and ends with (separators included).
func TestLiteralAffixes(t *testing.T) {
	path := filepath.Join(t.TempDir(), "t.yaml")
	template := `Parameters:
  Name:
    Type: String
Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      Description: !Sub "arn:${Name}:iam::aws:policy/${Name}-x"
      KeyPolicy:
        Joined: !Join [":", ["arn", !Ref Name, "iam::aws:policy/x"]]
        Inner: !Join ["/", [!Sub "a-${Name}-b", "c"]]
`
	if err := os.WriteFile(path, []byte(template), 0o600); err != nil {
		t.Fatal(err)
	}
	g := LoadTemplate(path, Options{})
	tests := []struct{ path, lit, prefix, suffix string }{
		{"Description", "arn::iam::aws:policy/-x", "arn:", "-x"},
		{"KeyPolicy.Joined", "arn::iam::aws:policy/x", "arn:", ":iam::aws:policy/x"},
		{"KeyPolicy.Inner", "a--b/c", "a-", "-b/c"},
	}
	for _, tt := range tests {
		v := attr(t, g, "Key", tt.path)
		if v.IsKnown() || v.LiteralText() != tt.lit || v.LiteralPrefix() != tt.prefix || v.LiteralSuffix() != tt.suffix {
			t.Errorf("%s = %s: literal %q, prefix %q, suffix %q; want %q, %q, %q", tt.path, v,
				v.LiteralText(), v.LiteralPrefix(), v.LiteralSuffix(), tt.lit, tt.prefix, tt.suffix)
		}
	}
}
