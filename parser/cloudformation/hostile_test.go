package cloudformation

import (
	"os"
	"path/filepath"
	"testing"
)

// Lines stay right when a template holds characters YAML counts as line
// breaks and editors do not (U+2028, U+0085).
func TestUnicodeLineBreaks(t *testing.T) {
	path := filepath.Join(t.TempDir(), "t.yaml")
	src := "Description: \"one\u2028two\u0085three\"\nResources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: \"a\u2028b\"\nBroken: [\n"
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	g := LoadTemplate(path, Options{})
	for _, d := range g.Diagnostics {
		if d.Code == "parse-error" && (d.Range.Start.Line < 7 || d.Range.Start.Line > 8) {
			t.Errorf("parse error at line %d, want 7 or 8: %v", d.Range.Start.Line, d)
		}
	}
	if err := os.WriteFile(path, []byte(src[:len(src)-len("Broken: [\n")]), 0o644); err != nil {
		t.Fatal(err)
	}
	g = LoadTemplate(path, Options{})
	if len(g.Resources) != 1 {
		t.Fatalf("resources = %v, diagnostics %v", g.Resources, g.Diagnostics)
	}
	r := g.Resources[0]
	if r.NameRange.Start.Line != 3 || r.NameRange.Start.Column != 3 {
		t.Errorf("Bucket at %v, want line 3, column 3", r.NameRange)
	}
	v, _ := r.Attrs.Get("BucketName")
	if v.Range.Start.Line != 6 {
		t.Errorf("BucketName value at %v, want line 6", v.Range)
	}
}
