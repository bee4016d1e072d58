package scan

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/blindspot-iac/blindspot/rules/builtin"
)

// TestReadmeSuppressions runs every example of README.md's Suppressions
// section through the pipeline: each suppresses the finding of
// aws-s3-versioning-disabled on the bucket it is written for. HCL examples
// are a Terraform module, YAML examples a template's resources, the JSON
// example a resource's Metadata.
func TestReadmeSuppressions(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	start := strings.Index(text, "## Suppressions")
	end := strings.Index(text, "## Baselines")
	if start < 0 || end < start {
		t.Fatal("README.md has no Suppressions section before Baselines")
	}
	blocks := regexp.MustCompile("(?s)```(hcl|yaml|json)\n(.*?)```").FindAllStringSubmatch(text[start:end], -1)
	if len(blocks) < 6 {
		t.Fatalf("found %d examples, want the README's 6 or more", len(blocks))
	}
	for i, b := range blocks {
		lang, code := b[1], b[2]
		var name, content string
		switch lang {
		case "hcl":
			name, content = "main.tf", code
		case "yaml":
			name, content = "template.yaml", "Resources:\n"+code
		case "json":
			name = "template.json"
			content = `{"Resources": {"Replica": {"Type": "AWS::S3::Bucket", ` + strings.TrimSpace(code) + `}}}` + "\n"
		}
		root := writeTree(t, map[string][]byte{name: []byte(content)})
		res, err := Run(context.Background(), Options{
			Paths: []string{root}, Rules: builtin.Rules(), Only: []string{"aws-s3-versioning-disabled"},
			Today: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Findings) != 1 || res.Findings[0].Suppressed == nil {
			t.Errorf("example %d (%s):\n%s\nfindings %+v: want the versioning finding suppressed; diagnostics %v", i+1, lang, code, res.Findings, res.Diagnostics)
			continue
		}
		for _, d := range res.Diagnostics {
			if d.Code != "foreign-suppression" {
				t.Errorf("example %d (%s): unexpected diagnostic %v", i+1, lang, d)
			}
		}
	}
}
