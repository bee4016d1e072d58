package scan

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/blindspot-iac/blindspot/internal/config"
	"github.com/blindspot-iac/blindspot/parser/terraform"
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

// addCallers adds to the files named on the command line (a pre-commit
// hook names the changed files) the units that use the code they are part
// of, when the scan has a root (--root, as the hook runs): a full scan
// evaluates a local module only inside the root modules that call it, and
// a nested stack's template only inside its parent, so a change to either
// is seen by scanning those callers, and their callers in turn. Without
// them the hook would report the module on its own, with unknown inputs,
// and say nothing of the callers a full scan reports on.
//
// The tree under root is walked as discovery walks it (the directories it
// skips are skipped; symbolic links are not followed), reading through an
// os.Root on it. Callers of a Terraform module are found as the schedule
// guesses local module calls (terraform.AppendCandidateModuleDirs: a
// guess from the text, which may name more than is called, never less
// than a literal local source); callers of a template by the relative
// locations other templates write for it. Each caller is named by one of
// its files, so that excludes apply to it as to any file named. A unit
// named more than needed is scanned as a full scan scans it, its callers
// included.
func addCallers(ctx context.Context, paths []string, root string) []string {
	if root == "" {
		return paths
	}
	wd, err := os.Getwd()
	if err != nil {
		return paths
	}
	abs := func(p string) string {
		if filepath.IsAbs(p) {
			return filepath.Clean(p)
		}
		return filepath.Join(wd, p)
	}
	absRoot := abs(root)
	var modules, templates []string
	for _, p := range paths {
		info, err := os.Stat(p)
		if err == nil && info.IsDir() && abs(p) == absRoot {
			// The whole tree is scanned (the configuration changed).
			return paths
		}
		if err != nil || !info.Mode().IsRegular() {
			continue
		}
		if rel, err := filepath.Rel(absRoot, abs(p)); err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			continue
		}
		switch lower := strings.ToLower(p); {
		case strings.HasSuffix(lower, ".tf"), strings.HasSuffix(lower, ".tf.json"), isVarFile(p):
			modules = append(modules, filepath.Dir(abs(p)))
		case isTemplateName(lower):
			templates = append(templates, abs(p))
		}
	}
	if len(modules) == 0 && len(templates) == 0 {
		return paths
	}
	t, ok := readTree(ctx, absRoot, root, len(modules) > 0, len(templates) > 0)
	if !ok {
		return paths
	}
	out := slices.Clone(paths)
	out = append(out, t.moduleCallers(modules, absRoot)...)
	out = append(out, t.templateCallers(templates, absRoot)...)
	return out
}

func isTemplateName(lower string) bool {
	return strings.HasSuffix(lower, ".yaml") || strings.HasSuffix(lower, ".yml") ||
		strings.HasSuffix(lower, ".json") || strings.HasSuffix(lower, ".template")
}

// keepTemplate reports whether a template's content b is worth keeping:
// whether it names a nested template at all.
func keepTemplate(b []byte) bool {
	return bytes.Contains(b, []byte("TemplateURL")) || bytes.Contains(b, []byte("Location"))
}

// moduleLimit is the largest configuration file read.
func moduleLimit(name string) int64 {
	if strings.HasSuffix(name, ".json") {
		return terraform.MaxJSONSize
	}
	return terraform.MaxHCLSize
}

// tree is what addCallers reads of the files under a root.
type tree struct {
	dirs []*treeDir
}

// treeDir is a directory holding Terraform configuration files or files
// that may be templates.
type treeDir struct {
	// shown is the directory as the root given joined to rel.
	shown, rel string
	modules    []string
	templates  []string
	// moduleData and templateData are the files' contents (a template's
	// only when it names a nested template at all).
	moduleData   [][]byte
	templateData [][]byte
}

// moduleCallers returns a file of each module directory of t that calls
// one of dirs (absolute), directly or through other callers.
func (t *tree) moduleCallers(dirs []string, absRoot string) []string {
	callers := map[string][]*treeDir{}
	for _, d := range t.dirs {
		self := filepath.Join(absRoot, d.rel)
		var named []string
		for _, data := range d.moduleData {
			named = terraform.AppendCandidateModuleDirs(named, self, data)
		}
		slices.Sort(named)
		for _, n := range slices.Compact(named) {
			if n != self {
				callers[n] = append(callers[n], d)
			}
		}
	}
	seen := map[string]bool{}
	for _, d := range dirs {
		seen[d] = true
	}
	var out []string
	for queue := slices.Clone(dirs); len(queue) > 0; queue = queue[1:] {
		for _, d := range callers[queue[0]] {
			if key := filepath.Join(absRoot, d.rel); !seen[key] {
				seen[key] = true
				out = append(out, filepath.Join(d.shown, d.modules[0]))
				queue = append(queue, key)
			}
		}
	}
	return out
}

// templateCallers returns the templates of t that use one of files
// (absolute) as a nested stack's template, directly or through other
// parents: those that write a relative location resolving to it.
func (t *tree) templateCallers(files []string, absRoot string) []string {
	seen := map[string]bool{}
	for _, f := range files {
		seen[f] = true
	}
	var out []string
	for queue := slices.Clone(files); len(queue) > 0; queue = queue[1:] {
		target := queue[0]
		base := []byte(filepath.Base(target))
		for _, d := range t.dirs {
			dir := filepath.Join(absRoot, d.rel)
			for k, data := range d.templateData {
				key := filepath.Join(dir, d.templates[k])
				if data == nil || seen[key] || !namesFile(data, base, dir, target) {
					continue
				}
				seen[key] = true
				out = append(out, filepath.Join(d.shown, d.templates[k]))
				queue = append(queue, key)
			}
		}
	}
	return out
}

// namesFile reports whether data writes a path, relative to dir, of the
// file target (absolute) whose base name is base: a word ending in base,
// delimited as a YAML or JSON scalar is.
func namesFile(data, base []byte, dir, target string) bool {
	const delims = " \t\r\n\"'`:,[]{}"
	for off := 0; ; {
		i := bytes.Index(data[off:], base)
		if i < 0 {
			return false
		}
		start, end := off+i, off+i+len(base)
		if end == len(data) || strings.IndexByte(delims, data[end]) >= 0 {
			for start > 0 && strings.IndexByte(delims, data[start-1]) < 0 {
				start--
			}
			word := string(data[start:end])
			if !strings.Contains(word, "://") && !filepath.IsAbs(word) &&
				filepath.Join(dir, filepath.FromSlash(word)) == target {
				return true
			}
		}
		off = end
	}
}
