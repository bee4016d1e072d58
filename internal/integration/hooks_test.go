package integration

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// TestPreCommitHooks checks .pre-commit-hooks.yaml: the Go hook and the
// container hook run the same scan on the same files, the container hook
// names a released image tag, and the files pattern covers what a change
// can affect (Terraform, tfvars, templates, plan JSON, the configuration).
func TestPreCommitHooks(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(repoRoot(t), ".pre-commit-hooks.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var hooks []struct {
		ID, Entry, Language, Files string
		RequireSerial              bool `yaml:"require_serial"`
	}
	if err := yaml.Unmarshal(data, &hooks); err != nil {
		t.Fatal(err)
	}
	byID := map[string]int{}
	for i, h := range hooks {
		byID[h.ID] = i
	}
	goHook, ok1 := byID["blindspot"]
	dockerHook, ok2 := byID["blindspot-docker"]
	if !ok1 || !ok2 {
		t.Fatalf("hooks %v, want blindspot and blindspot-docker", byID)
	}
	g, d := hooks[goHook], hooks[dockerHook]
	if g.Language != "golang" || d.Language != "docker_image" || !g.RequireSerial || !d.RequireSerial {
		t.Errorf("hooks: %+v, %+v", g, d)
	}
	image, args, _ := strings.Cut(d.Entry, " ")
	if !regexp.MustCompile(`^ghcr\.io/blindspot-iac/blindspot:v[0-9]+\.[0-9]+\.[0-9]+$`).MatchString(image) {
		t.Errorf("the container hook runs %q, not a released image", image)
	}
	if "blindspot "+args != g.Entry || g.Files != d.Files {
		t.Errorf("the hooks differ: %q on %q, %q on %q", g.Entry, g.Files, d.Entry, d.Files)
	}
	files := regexp.MustCompile(g.Files)
	for _, name := range []string{"main.tf", "a/b.tf.json", "prod.tfvars", "x.tfvars.json", "stack.yaml", "stack.yml", "plan.json", "t.template", ".blindspot.yaml", "sub/.blindspot.yaml"} {
		if !files.MatchString(name) {
			t.Errorf("the hooks' files pattern misses %s", name)
		}
	}
}
