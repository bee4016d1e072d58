package parser

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/internal/parallel"
)

// Kind is what a discovered unit is.
type Kind uint8

// Unit kinds.
const (
	TerraformModule Kind = iota + 1
	CloudFormationTemplate
	TerraformPlan
)

// String names the kind.
func (k Kind) String() string {
	switch k {
	case TerraformModule:
		return "terraform module"
	case CloudFormationTemplate:
		return "cloudformation template"
	case TerraformPlan:
		return "terraform plan"
	}
	return "unknown"
}

// Unit is one thing to evaluate: a Terraform module directory, a template
// or a plan file.
type Unit struct {
	Kind Kind
	// Path is the directory (modules) or file, as reached from the path the
	// user gave.
	Path string
	// Root is the path the user gave that led to the unit (the directory
	// of a file named explicitly).
	Root string
}

// Options tune discovery.
type Options struct {
	// Exclude holds globs (slash-separated, relative to the path given,
	// ** matches any number of directories) of files and directories to
	// leave out.
	Exclude []string
	// MaxFileSize bounds the bytes read to classify a file; larger files
	// are reported and skipped. Zero means 10 MiB.
	MaxFileSize int64
}

// skipDirs are directories that never hold the user's own code: version
// control, downloaded modules and packages, generated SAM builds.
var skipDirs = map[string]bool{
	".git":              true,
	".terraform":        true,
	"node_modules":      true,
	".aws-sam":          true,
	".terragrunt-cache": true,
}

// Discover walks paths (files or directories; "." when empty) and returns
// the units found, sorted by path, with diagnostics for what could not be
// read. Symbolic links are followed only when they stay inside the path
// given and do not lead back into a directory already visited. A file
// named explicitly is expanded to its unit: a .tf file to its module
// directory, so that a one-file change (pre-commit) still evaluates the
// whole module.
func Discover(paths []string, opts Options) ([]Unit, []graph.Diagnostic) {
	if len(paths) == 0 {
		paths = []string{"."}
	}
	if opts.MaxFileSize <= 0 {
		opts.MaxFileSize = 10 << 20
	}
	d := &discoverer{opts: opts, units: map[unitKey]Unit{}}
	for _, p := range paths {
		// "dir/..." (as go tools write "this tree") means dir: every
		// directory is scanned recursively.
		if trimmed, ok := strings.CutSuffix(filepath.ToSlash(p), "/..."); ok {
			p = filepath.FromSlash(trimmed)
			if p == "" {
				p = "/"
			}
		} else if p == "..." {
			p = "."
		}
		d.givenRoot = filepath.Clean(p)
		d.root(d.givenRoot)
	}
	d.classifyCandidates()
	units := make([]Unit, 0, len(d.units))
	for _, u := range d.units {
		units = append(units, u)
	}
	sort.Slice(units, func(i, j int) bool {
		if units[i].Path != units[j].Path {
			return units[i].Path < units[j].Path
		}
		return units[i].Kind < units[j].Kind
	})
	graph.SortDiagnostics(d.diags)
	return units, d.diags
}

type discoverer struct {
	opts       Options
	givenRoot  string
	units      map[unitKey]Unit
	diags      []graph.Diagnostic
	candidates []candidate
}

func (d *discoverer) diag(sev graph.DiagSeverity, file, code, format string, args ...any) {
	d.diags = append(d.diags, graph.Diagnostic{Severity: sev, Code: code, Message: fmt.Sprintf(format, args...), Range: graph.Range{File: file}})
}

// Diagnostic codes of paths given to Discover that do not exist or cannot
// be read: a mistake on the command line, not in the repository.
const (
	CodePathNotFound   = "path-not-found"
	CodePathUnreadable = "path-unreadable"
)

func (d *discoverer) root(p string) {
	info, err := os.Stat(p)
	if err != nil {
		code := CodePathUnreadable
		if errors.Is(err, fs.ErrNotExist) {
			code = CodePathNotFound
		}
		d.diag(graph.Error, p, code, "cannot read %s: %v", p, unwrapPathError(err))
		return
	}
	if !info.IsDir() {
		d.givenRoot = filepath.Dir(p)
		d.file(p, true)
		return
	}
	real, err := filepath.EvalSymlinks(p)
	if err != nil {
		d.diag(graph.Error, p, CodePathNotFound, "cannot resolve %s: %v", p, unwrapPathError(err))
		return
	}
	real, _ = filepath.Abs(real)
	d.walk(p, p, real, map[string]bool{real: true})
}

// walk visits dir (reached as shown, whose real path is real) under the
// root given by the user, whose real path is rootReal.
func (d *discoverer) walk(rootShown, dir, rootReal string, visited map[string]bool) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		code := "read-error"
		if dir == rootShown {
			code = CodePathUnreadable
		}
		d.diag(graph.Error, dir, code, "cannot list %s: %v", dir, unwrapPathError(err))
		return
	}
	for _, e := range entries {
		full := filepath.Join(dir, e.Name())
		if d.excluded(rootShown, full) {
			continue
		}
		mode := e.Type()
		if mode&fs.ModeSymlink != 0 {
			target, err := filepath.EvalSymlinks(full)
			if err != nil {
				d.diag(graph.Warning, full, "broken-symlink", "skipping %s: broken symbolic link", full)
				continue
			}
			target, _ = filepath.Abs(target)
			if !within(target, rootReal) {
				d.diag(graph.Note, full, "symlink-outside-root", "not following %s: it points outside %s", full, rootShown)
				continue
			}
			info, err := os.Stat(target)
			if err != nil {
				continue
			}
			if info.IsDir() {
				if skipDirs[e.Name()] {
					continue
				}
				if visited[target] {
					d.diag(graph.Note, full, "symlink-loop", "not following %s: it leads back into %s", full, target)
					continue
				}
				visited[target] = true
				d.walk(rootShown, full, rootReal, visited)
				continue
			}
			d.file(full, false)
			continue
		}
		if e.IsDir() {
			if skipDirs[e.Name()] {
				continue
			}
			real, err := filepath.EvalSymlinks(full)
			if err == nil {
				real, _ = filepath.Abs(real)
				if visited[real] {
					continue
				}
				visited[real] = true
			}
			d.walk(rootShown, full, rootReal, visited)
			continue
		}
		if mode.IsRegular() {
			d.file(full, false)
		}
	}
}

func within(p, dir string) bool {
	return p == dir || strings.HasPrefix(p, dir+string(filepath.Separator))
}

func (d *discoverer) excluded(root, full string) bool {
	if len(d.opts.Exclude) == 0 {
		return false
	}
	rel, err := filepath.Rel(root, full)
	if err != nil {
		return false
	}
	rel = filepath.ToSlash(rel)
	for _, g := range d.opts.Exclude {
		if MatchGlob(g, rel) || MatchGlob(g, filepath.ToSlash(full)) {
			return true
		}
	}
	return false
}

// file classifies one file. explicit is true when the user named it, in
// which case an unrecognised file is reported instead of ignored.
func (d *discoverer) file(p string, explicit bool) {
	name := filepath.Base(p)
	lower := strings.ToLower(name)
	switch {
	case strings.HasSuffix(lower, ".tf") || strings.HasSuffix(lower, ".tf.json"):
		d.add(TerraformModule, filepath.Dir(p))
		return
	case strings.HasSuffix(lower, ".tfvars") || strings.HasSuffix(lower, ".tfvars.json"):
		if explicit {
			d.add(TerraformModule, filepath.Dir(p))
		}
		return
	case strings.HasSuffix(lower, ".yaml"), strings.HasSuffix(lower, ".yml"),
		strings.HasSuffix(lower, ".json"), strings.HasSuffix(lower, ".template"):
	default:
		if explicit {
			d.diag(graph.Warning, p, "unsupported-file", "%s is neither Terraform nor CloudFormation; skipped", p)
		}
		return
	}
	// Reading and classifying is most of the work: done for every candidate
	// at once, in parallel, when the walk is over.
	d.candidates = append(d.candidates, candidate{path: p, explicit: explicit, root: d.givenRoot})
}

// candidate is a YAML or JSON file that may be a template or a plan.
type candidate struct {
	path     string
	explicit bool
	root     string
}

// classifyCandidates reads and classifies the candidates, GOMAXPROCS at
// a time, and adds them in the order the walk met them.
func (d *discoverer) classifyCandidates() {
	type outcome struct {
		kind Kind
		// why says why a file that looks like a template is not one.
		why string
		err error
	}
	out := make([]outcome, len(d.candidates))
	_ = parallel.Do(context.Background(), 0, len(d.candidates), func(i int) {
		out[i].kind, out[i].why, out[i].err = classifyFile(d.candidates[i].path, d.opts.MaxFileSize)
	})
	for i, c := range d.candidates {
		p, o := c.path, out[i]
		d.givenRoot = c.root
		switch {
		case errors.Is(o.err, errTooLarge):
			d.diag(graph.Warning, p, "file-too-large", "skipping %s: larger than %d bytes", p, d.opts.MaxFileSize)
		case o.err != nil:
			code := "read-error"
			if c.explicit {
				code = CodePathUnreadable
			}
			d.diag(graph.Error, p, code, "cannot read %s: %v", p, unwrapPathError(o.err))
		case o.kind == CloudFormationTemplate || o.kind == TerraformPlan:
			d.add(o.kind, p)
		case o.why != "":
			d.diag(graph.Debug, p, "not-a-template", "%s is not a CloudFormation template: %s; skipped", p, o.why)
		case c.explicit:
			// Hooks pass every YAML and JSON file; most are not ours.
			d.diag(graph.Debug, p, "unsupported-file", "%s is not a CloudFormation template or Terraform plan; skipped", p)
		}
	}
	d.candidates = nil
}

func (d *discoverer) add(k Kind, p string) {
	key := unitKey{k, p}
	if _, found := d.units[key]; !found { // a unit met under two roots keeps the first
		d.units[key] = Unit{Kind: k, Path: p, Root: d.givenRoot}
	}
}

type unitKey struct {
	kind Kind
	path string
}

var errTooLarge = errors.New("file too large")

// headSize is how much of a file classification reads first: templates
// say what they are in their first lines.
const headSize = 64 << 10

// classifyFile classifies the file at p from its head, or, when that does
// not tell, from all of it; files larger than limit are errTooLarge. why
// says why a file that looks like a template is not one.
func classifyFile(p string, limit int64) (kind Kind, why string, err error) {
	f, err := os.Open(p)
	if err != nil {
		return 0, "", err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return 0, "", err
	}
	if info.Size() > limit {
		return 0, "", errTooLarge
	}
	data, err := io.ReadAll(io.LimitReader(f, headSize))
	if err != nil {
		return 0, "", err
	}
	if int64(len(data)) < headSize {
		kind, why = classify(filepath.Base(p), data)
		return kind, why, nil
	}
	// The head of a larger file can only confirm what the file is: a
	// truncated document proves nothing by failing to parse.
	if kind := classifyQuickly(filepath.Base(p), data); kind != 0 {
		return kind, "", nil
	}
	rest, err := io.ReadAll(io.LimitReader(f, limit+1-headSize))
	if err != nil {
		return 0, "", err
	}
	data = append(data, rest...)
	if int64(len(data)) > limit {
		return 0, "", errTooLarge
	}
	kind, why = classify(filepath.Base(p), data)
	return kind, why, nil
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// MatchGlob matches a slash-separated path against a glob where * and ?
// match within one path element and ** matches any number of elements. A
// pattern without a slash matches the base name at any depth, as in
// .gitignore.
func MatchGlob(pattern, name string) bool {
	pattern = strings.TrimPrefix(pattern, "./")
	name = strings.TrimPrefix(name, "./")
	if !strings.Contains(pattern, "/") {
		for _, el := range strings.Split(name, "/") {
			if ok, _ := path.Match(pattern, el); ok {
				return true
			}
		}
		return false
	}
	pattern = strings.TrimSuffix(pattern, "/")
	return matchParts(strings.Split(pattern, "/"), strings.Split(name, "/"))
}

func matchParts(pat, name []string) bool {
	for len(pat) > 0 {
		if pat[0] == "**" {
			for i := 0; i <= len(name); i++ {
				if matchParts(pat[1:], name[i:]) {
					return true
				}
			}
			return false
		}
		if len(name) == 0 {
			return false
		}
		if ok, _ := path.Match(pat[0], name[0]); !ok {
			return false
		}
		pat, name = pat[1:], name[1:]
	}
	// A pattern naming a directory matches everything below it.
	return true
}
