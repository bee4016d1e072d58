package scan

import (
	"path/filepath"
	"slices"
	"testing"

	"github.com/blindspot-iac/blindspot/internal/config"
)

func TestWidenHookPaths(t *testing.T) {
	t.Chdir(t.TempDir())
	cfg := &config.Config{File: ".blindspot.yaml", VarFiles: []string{"env/prod.tfvars"}}
	nested := &config.Config{File: filepath.Join("infra", ".blindspot.yaml"), VarFiles: []string{filepath.Join("infra", "env", "prod.tfvars")}}
	tests := []struct {
		name  string
		cfg   *config.Config
		paths []string
		want  []string
	}{
		{"other files kept", cfg, []string{"app/main.tf", "app/terraform.tfvars", "stack.yaml"}, []string{"app/main.tf", "app/terraform.tfvars", "stack.yaml"}},
		{"the configuration: the whole tree", cfg, []string{".blindspot.yaml", "app/main.tf"}, []string{".", "app/main.tf"}},
		{"a var file it names: the whole tree", cfg, []string{"./env/prod.tfvars"}, []string{"."}},
		{"a var file it does not name", cfg, []string{"env/dev.tfvars"}, []string{"env/dev.tfvars"}},
		{"nested configuration", nested, []string{"infra/env/prod.tfvars", "infra/.blindspot.yaml"}, []string{"infra", "infra"}},
		{"no configuration yet", nil, []string{"sub/.blindspot.yaml"}, []string{"sub"}},
	}
	for _, tt := range tests {
		var want []string
		for _, w := range tt.want {
			want = append(want, filepath.FromSlash(w))
		}
		var paths []string
		for _, p := range tt.paths {
			paths = append(paths, filepath.FromSlash(p))
		}
		if got := widenHookPaths(paths, tt.cfg); !slices.Equal(got, want) {
			t.Errorf("%s: %q, want %q", tt.name, got, want)
		}
	}
}
