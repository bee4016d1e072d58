package cloudformation

import (
	"path/filepath"
	"testing"

	"github.com/blindspot-iac/blindspot/graph"
)

// TestOrigin: an unknown property records how it is computed, the short
// and long forms of an intrinsic function alike, so that the same
// expression in two resources of one stack is known to have the same
// value and another expression or another stack is not.
func TestOrigin(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "parent.yaml"), `Parameters:
  Name:
    Type: String
Resources:
  Short:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Ref Name
  Long:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: {"Ref": "Name"}
  Sub:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub "${Name}-logs"
  Child:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: child.yaml
`)
	writeFile(t, filepath.Join(dir, "child.yaml"), `Parameters:
  Name:
    Type: String
Resources:
  Inner:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Ref Name
`)
	g := LoadTemplate(filepath.Join(dir, "parent.yaml"), Options{Root: mustRoot(t, dir)})
	origin := func(addr, prop string) string {
		t.Helper()
		for _, r := range g.Resources {
			if r.Address == addr {
				v, _ := r.Attrs.Get(prop)
				return v.Origin()
			}
		}
		t.Fatalf("no %s in %v", addr, addresses(g))
		return ""
	}
	short, long := origin("Short", "BucketName"), origin("Long", "Bucket")
	if short == "" || short != long {
		t.Errorf("!Ref Name and {Ref: Name}: origins %q and %q, want equal", short, long)
	}
	if sub := origin("Sub", "BucketName"); sub == short {
		t.Errorf("!Sub ${Name}-logs has the origin of !Ref Name: %q", sub)
	}
	if inner := origin("Child.Inner", "BucketName"); inner == short {
		t.Errorf("!Ref Name in a nested stack has the parent's origin %q", inner)
	}
}

func addresses(g *graph.Graph) []string {
	var out []string
	for _, r := range g.Resources {
		out = append(out, r.Address)
	}
	return out
}
