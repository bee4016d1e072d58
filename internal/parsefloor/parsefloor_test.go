package parsefloor

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestParse(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"main.tf":                        "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"x\"\n}\n",
		"broken.tf":                      "resource \"aws_s3_bucket\" {\n",
		"mod/vars.tf.json":               `{"variable": {"x": {}}}`,
		"stacks/app.yaml":                "Resources:\n  B:\n    Type: AWS::S3::Bucket\n",
		"stacks/params.json":             `{"a": 1}`,
		"README.md":                      "# not parsed\n",
		".terraform/modules/m/main.tf":   "not parsed: downloaded modules are skipped\n",
		"node_modules/x/template.yaml":   "not parsed\n",
		"nested/.git/hooks/x.tf":         "not parsed\n",
		"nested/deeper/outputs.tf":       "output \"o\" {\n  value = 1\n}\n",
		"nested/deeper/stack.template":   "{\"Resources\": {}}\n",
		"nested/deeper/not-a-template":   "Resources: {}\n",
		"nested/deeper/LICENSE":          "Apache-2.0\n",
		"nested/deeper/values.YML":       "a: [1, 2\n",
		"nested/deeper/terraform.tfvars": "a = 1\n",
	}
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := Files(dir)
	if err != nil {
		t.Fatal(err)
	}
	for i := range got {
		rel, _ := filepath.Rel(dir, got[i])
		got[i] = filepath.ToSlash(rel)
	}
	want := []string{"broken.tf", "main.tf", "mod/vars.tf.json", "nested/deeper/outputs.tf", "nested/deeper/stack.template",
		"nested/deeper/values.YML", "stacks/app.yaml", "stacks/params.json"}
	if !slices.Equal(got, want) {
		t.Errorf("Files = %q, want %q", got, want)
	}
	for _, opts := range []Options{{}, {Jobs: 1}, {Jobs: 3}, {FastJSON: true}, {Jobs: 1, FastJSON: true}} {
		st, err := ParseWith([]string{dir}, opts)
		if err != nil {
			t.Fatal(err)
		}
		var size int64
		for _, f := range want {
			size += int64(len(files[f]))
		}
		// broken.tf and values.YML do not parse.
		if st.Files != len(want) || st.Bytes != size || st.Errors != 2 {
			t.Errorf("%+v: Parse = %+v, want %d files, %d bytes, 2 errors", opts, st, len(want), size)
		}
	}
	if _, err := Parse([]string{filepath.Join(dir, "missing")}, 0); err == nil {
		t.Error("Parse of a missing directory: no error")
	}
}
