package scan

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/internal/sandbox"
	"github.com/blindspot-iac/blindspot/internal/suppress"
	"github.com/blindspot-iac/blindspot/parser"
	"github.com/blindspot-iac/blindspot/rules"
	"github.com/blindspot-iac/blindspot/rules/aws/s3"
)

// TestSuppressionsComeFromTheLoadersReads: the suppression comments of
// every file a unit's evaluation read (modules, templates, nested stacks)
// are found as the loaders read it, so that the scan's tail reads none
// of them again; a file read through another root (a downloaded module's
// package) is left to the tail, which reads it as Apply would.
func TestSuppressionsComeFromTheLoadersReads(t *testing.T) {
	dir := writeTree(t, map[string][]byte{
		"app/main.tf": []byte(`module "b" {
  source = "../modules/bucket"
}
`),
		"modules/bucket/main.tf": []byte(`# blindspot:ignore aws-s3-versioning-disabled -- replicated elsewhere
resource "aws_s3_bucket" "b" {
  bucket = "acme"
}
`),
		"stacks/parent.yaml": []byte(`Resources:
  Child:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ./child.yaml
`),
		"stacks/child.yaml": []byte(`Resources:
  # blindspot:ignore aws-s3-versioning-disabled -- replicated elsewhere
  B:
    Type: AWS::S3::Bucket
`),
	})
	ctx := context.Background()
	s, err := settle(Options{Paths: []string{dir}, Rules: []*rules.Rule{s3.VersioningDisabled}})
	if err != nil {
		t.Fatal(err)
	}
	s.sources = newSources(s.roots)
	units, _ := parser.Discover(s.paths, parser.Options{})
	c := newChecker(ctx, units, s)
	defer c.close()
	g := &graph.Graph{}
	var findings []rules.Finding
	for i := range units {
		checked, _, _ := c.check([]int{i}, nil)
		g.Merge(checked.graph)
		findings = c.rules.appendTo(findings, checked.findings)
	}
	var files []string
	for _, u := range g.Units {
		files = append(files, u.Files...)
	}
	if len(files) < 4 {
		t.Fatalf("the units read %v, want the module, its caller and both templates", files)
	}

	other, err := sandbox.Open(filepath.Join(dir, "modules"))
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	elsewhere := filepath.Join(dir, "modules", "bucket", "other.tf")
	s.sourceRead(other, elsewhere, []byte("# blindspot:ignore aws-s3-versioning-disabled -- x\n"))
	if s.scanned[elsewhere] != nil {
		t.Errorf("a file read through %s was taken as what the scan's roots would read", other.Dir())
	}

	// Every read from here on fails: what the tail finds, the loaders
	// found.
	s.sources.close()
	s.sources = newSources([]string{filepath.Join(dir, "missing")})
	s.scanSuppressions(ctx, g, 1)
	found := s.suppressions()
	for _, f := range files {
		if found[f] == nil {
			t.Errorf("%s: suppressions not found as it was read", f)
		}
	}
	opts := s.suppressOptions()
	opts.Scanned = func(name string) *suppress.Scanned { return found[name] }
	suppress.Apply(findings, g, opts)
	if len(findings) < 2 {
		t.Fatalf("findings %v, want the bucket's in the module and in the nested template", findings)
	}
	for _, f := range findings {
		if f.Suppressed == nil {
			t.Errorf("%s at %s: not suppressed", f.RuleID, f.Loc.Range.File)
		}
	}
}
