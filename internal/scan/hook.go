package scan

import (
	"path/filepath"
	"strings"

	"github.com/blindspot-iac/blindspot/internal/config"
)

// widenHookPaths maps files named on the command line (a pre-commit hook
// names the changed files) to what a change to them affects, so that the
// hook sees what a full scan sees: the configuration file and a Terraform
// variables file it names (terraform.var_files, read by every Terraform
// root) affect the whole tree the configuration applies to, and are
// replaced by that directory. Other paths are kept as given.
func widenHookPaths(paths []string, cfg *config.Config) []string {
	if cfg == nil {
		cfg = &config.Config{}
	}
	tree := "."
	if cfg.File != "" {
		tree = filepath.Dir(cfg.File)
	}
	same := func(a, b string) bool {
		absA, errA := filepath.Abs(a)
		absB, errB := filepath.Abs(b)
		return errA == nil && errB == nil && absA == absB
	}
	var out []string
	for _, p := range paths {
		switch {
		case filepath.Base(p) == config.DefaultFile && (cfg.File == "" || same(p, cfg.File)):
			// The configuration changes how the whole tree is scanned.
			p = filepath.Dir(p)
		case isVarFile(p):
			for _, vf := range cfg.VarFiles {
				if same(p, vf) {
					p = tree
					break
				}
			}
		}
		out = append(out, p)
	}
	return out
}

func isVarFile(p string) bool {
	lower := strings.ToLower(p)
	return strings.HasSuffix(lower, ".tfvars") || strings.HasSuffix(lower, ".tfvars.json")
}
