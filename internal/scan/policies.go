package scan

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/internal/nesting"
	"github.com/blindspot-iac/blindspot/internal/sandbox"
	"github.com/blindspot-iac/blindspot/rules"
	"github.com/blindspot-iac/blindspot/rules/policy"
)

// DefaultPolicyDir is where a repository keeps its custom policies. It is
// read, when present, in the working directory and in every directory
// scanned.
const DefaultPolicyDir = ".blindspot/policies"

// PolicyFile is a custom policy file to read.
type PolicyFile struct {
	// Path is the file as found (relative paths are relative to the
	// working directory).
	Path string
	// Root, when set, is the directory the read is confined to: a policy
	// file found in the scanned tree is read through a sandbox there,
	// like the scanned code. A file the user named is read where it is.
	Root string
	// data is the content, once read.
	data []byte
}

// MaxPolicyFileSize bounds a policy file.
const MaxPolicyFileSize = 1 << 20

// PolicyFiles lists the custom policy files named (a file, or a
// directory's *.yaml and *.yml files), which must exist, and those of
// DefaultPolicyDir in each directory of defaultsIn, when there, confined
// to that directory. Each file is listed once, in a stable order.
func PolicyFiles(named, defaultsIn []string) ([]PolicyFile, error) {
	var out []PolicyFile
	seen := map[string]bool{}
	add := func(f PolicyFile) {
		abs, err := filepath.Abs(f.Path)
		if err != nil {
			abs = f.Path
		}
		if !seen[abs] {
			seen[abs] = true
			out = append(out, f)
		}
	}
	var errs []error
	for _, p := range named {
		info, err := os.Stat(p)
		if err != nil {
			errs = append(errs, fmt.Errorf("policies: %w", err))
			continue
		}
		if !info.IsDir() {
			add(PolicyFile{Path: p})
			continue
		}
		entries, err := os.ReadDir(p)
		if err != nil {
			errs = append(errs, fmt.Errorf("policies: %w", err))
			continue
		}
		files := policyNames(entries)
		if len(files) == 0 {
			errs = append(errs, fmt.Errorf("policies: %s holds no *.yaml or *.yml file", p))
		}
		for _, f := range files {
			add(PolicyFile{Path: filepath.Join(p, f)})
		}
	}
	for _, d := range defaultsIn {
		root, err := sandbox.Open(d)
		if err != nil {
			continue
		}
		entries, err := root.ReadDir(DefaultPolicyDir)
		root.Close()
		if err != nil {
			continue
		}
		for _, f := range policyNames(entries) {
			add(PolicyFile{Path: filepath.Join(d, DefaultPolicyDir, f), Root: d})
		}
	}
	return out, errors.Join(errs...)
}

// policyNames returns the names of the *.yaml and *.yml entries of a
// directory, sorted. Whether each is a regular file is checked when it is
// read.
func policyNames(entries []fs.DirEntry) []string {
	var out []string
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		if ext := filepath.Ext(e.Name()); ext == ".yaml" || ext == ".yml" {
			out = append(out, e.Name())
		}
	}
	sort.Strings(out)
	return out
}

// readablePolicies reads the policy files found in the scanned tree,
// keeping those that can be read there (with their content, so they are
// read once): a link out of the tree, or something that is not a
// regular file, is as hostile as the code beside it, so it is reported
// (and the scan is incomplete) rather than read or fatal.
func readablePolicies(files []PolicyFile, diags []graph.Diagnostic) ([]PolicyFile, []graph.Diagnostic) {
	kept := files[:0:0]
	for _, f := range files {
		if f.Root == "" {
			kept = append(kept, f)
			continue
		}
		data, err := f.read()
		if err == nil {
			f.data = data
			kept = append(kept, f)
			continue
		}
		code := "not-read"
		if errors.Is(err, sandbox.ErrOutside) {
			code = "outside-root"
		}
		d := graph.Warningf(graph.Range{File: f.Path}, code, "custom policy file not read: %v", err)
		d.Incomplete = true
		diags = append(diags, d)
	}
	return kept, diags
}

// read reads the policy file, through a sandbox on its root when it has
// one, unless it was read already.
func (f PolicyFile) read() ([]byte, error) {
	if f.data != nil {
		return f.data, nil
	}
	if f.Root == "" {
		return sandbox.ReadUserFile(f.Path, MaxPolicyFileSize)
	}
	root, err := sandbox.Open(f.Root)
	if err != nil {
		return nil, err
	}
	defer root.Close()
	rel, err := filepath.Rel(f.Root, f.Path)
	if err != nil {
		return nil, err
	}
	return root.ReadFile(rel, MaxPolicyFileSize)
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
func LoadPolicies(files []PolicyFile, builtin []*rules.Rule, opts policy.Options) (*policy.Set, error) {
	if len(files) == 0 {
		return nil, nil
	}
	var (
		all  []*policy.Policy
		errs []error
	)
	for _, f := range files {
		data, err := f.read()
		if err != nil {
			errs = append(errs, fmt.Errorf("reading policies: %w", err))
			continue
		}
		if err := nesting.YAML(data); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", f.Path, err))
			continue
		}
		ps, err := policy.Parse(f.Path, data)
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
