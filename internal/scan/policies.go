package scan

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/blindspot-iac/blindspot/rules"
	"github.com/blindspot-iac/blindspot/rules/policy"
)

// DefaultPolicyDir is where a repository keeps its custom policies. It is
// read, when present, in the working directory and in every directory
// scanned.
const DefaultPolicyDir = ".blindspot/policies"

// PolicyFiles lists the custom policy files named (a file, or a
// directory's *.yaml and *.yml files), which must exist, and those of
// DefaultPolicyDir in each directory of defaultsIn, when there. Each file
// is listed once, in a stable order.
func PolicyFiles(named, defaultsIn []string) ([]string, error) {
	var out []string
	seen := map[string]bool{}
	add := func(f string) {
		abs, err := filepath.Abs(f)
		if err != nil {
			abs = f
		}
		if !seen[abs] {
			seen[abs] = true
			out = append(out, f)
		}
	}
	var errs []error
	expand := func(p string, required bool) {
		info, err := os.Stat(p)
		if err != nil {
			if required {
				errs = append(errs, fmt.Errorf("policies: %w", err))
			}
			return
		}
		if !info.IsDir() {
			add(p)
			return
		}
		var files []string
		for _, pattern := range []string{"*.yaml", "*.yml"} {
			m, _ := filepath.Glob(filepath.Join(p, pattern))
			files = append(files, m...)
		}
		sort.Strings(files)
		if required && len(files) == 0 {
			errs = append(errs, fmt.Errorf("policies: %s holds no *.yaml or *.yml file", p))
		}
		for _, f := range files {
			add(f)
		}
	}
	for _, p := range named {
		expand(p, true)
	}
	for _, d := range defaultsIn {
		expand(filepath.Join(d, DefaultPolicyDir), false)
	}
	return out, errors.Join(errs...)
}

// defaultPolicyRoots are the directories whose DefaultPolicyDir a scan of
// paths reads: the working directory and each directory scanned.
func defaultPolicyRoots(paths []string) []string {
	roots := []string{"."}
	for _, p := range paths {
		if info, err := os.Stat(p); err == nil && info.IsDir() {
			roots = append(roots, p)
		}
	}
	return roots
}

// LoadPolicies reads and compiles the policies of files. builtin are the
// rules whose IDs policies may not take. It returns nil when there are no
// files.
func LoadPolicies(files []string, builtin []*rules.Rule, opts policy.Options) (*policy.Set, error) {
	if len(files) == 0 {
		return nil, nil
	}
	var (
		all  []*policy.Policy
		errs []error
	)
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			errs = append(errs, fmt.Errorf("reading policies: %w", err))
			continue
		}
		ps, err := policy.Parse(f, data)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		all = append(all, ps...)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	env, err := policy.NewEnv(opts)
	if err != nil {
		return nil, err
	}
	taken := map[string]bool{}
	for _, r := range builtin {
		taken[r.ID] = true
	}
	return policy.Compile(env, all, func(id string) bool { return taken[id] })
}
