package cloudformation

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/blindspot-iac/blindspot/internal/sandbox"
)

// TestTemplatesTakenAndHandedOn: a template whose content the scan has
// already (Options.Take) is not read again, and every template read,
// nested ones too, is handed to Options.Read with the root read through.
func TestTemplatesTakenAndHandedOn(t *testing.T) {
	dir := t.TempDir()
	parent := filepath.Join(dir, "parent.yaml")
	child := filepath.Join(dir, "child.yaml")
	for name, text := range map[string]string{
		parent: "Resources:\n  OnDisk:\n    Type: AWS::S3::Bucket\n",
		child:  "Resources:\n  Inner:\n    Type: AWS::SQS::Queue\n",
	} {
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	root, err := sandbox.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	taken := "Resources:\n  Taken:\n    Type: AWS::S3::Bucket\n  Nested:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: ./child.yaml\n"
	read := map[string]string{}
	g := LoadTemplate(parent, Options{
		Root: root,
		Take: func(r *sandbox.Root, path string, limit int64) ([]byte, bool) {
			if r != root || limit < int64(len(taken)) {
				t.Errorf("Take(%s, %s, %d)", r.Dir(), path, limit)
			}
			return []byte(taken), path == parent
		},
		Read: func(r *sandbox.Root, path string, data []byte) {
			if r != root {
				t.Errorf("%s read through %s", path, r.Dir())
			}
			read[path] = string(data)
		},
	})
	var addrs []string
	for _, r := range g.Resources {
		addrs = append(addrs, r.Address)
	}
	if len(addrs) != 3 || addrs[0] != "Taken" || addrs[2] != "Nested.Inner" {
		t.Errorf("resources %v, want Taken, Nested and Nested.Inner: the parent as taken, the child read", addrs)
	}
	if len(read) != 2 || read[parent] != taken || read[child] == "" {
		t.Errorf("handed on %v, want the parent as taken and the child as read", read)
	}
}
