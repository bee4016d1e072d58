package parser

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/bmatcuk/doublestar/v4"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/internal/sandbox"
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
	// ReportedExclude holds globs of paths to leave out and report: they
	// come from a configuration file inside the scanned tree
	// (ReportedExcludeSource), which is not trusted to hide code.
	ReportedExclude       []string
	ReportedExcludeSource string
	// MaxFileSize bounds the bytes read to classify a file; larger files
	// are reported and skipped. Zero means MaxTemplateSize.
	MaxFileSize int64
	// Contents, when set, keeps the content of the templates found, as
	// far as its budget allows, for their loaders to take.
	Contents *Contents
}

// MaxTemplateSize is the largest YAML or JSON file discovery reads:
// CloudFormation accepts templates of at most 1 MB.
const MaxTemplateSize = 4 << 20

// skipDirs are directories that never hold the user's own code: version
// control, downloaded modules and packages, generated SAM builds,
// blindspot's own directory (custom policies), and test fixtures
// (testdata, where blindspot's rules and custom policies keep bad cases
// written on purpose, as Go tools ignore it). A path named on the command
// line is scanned whatever its name.
var skipDirs = map[string]bool{
	".blindspot":        true,
	"testdata":          true,
	".git":              true,
	".terraform":        true,
	"node_modules":      true,
	".aws-sam":          true,
	".terragrunt-cache": true,
}

// SkippedDir reports whether a walk of a tree leaves out directories of
// this name (skipDirs): code there is never a unit.
func SkippedDir(name string) bool { return skipDirs[name] }

// Discover walks paths (files or directories; "." when empty) and returns
// the units found, sorted by path, with diagnostics for what could not be
// read. Every read goes through a sandbox.Root on the path given: symbolic
// links are followed only when they stay inside it (and are relative), do
// not lead back into a directory already visited, and lead to a regular
// file. A file named explicitly is expanded to its unit: a .tf file to its
// module directory, so that a one-file change (pre-commit) still evaluates
// the whole module.
func Discover(paths []string, opts Options) ([]Unit, []graph.Diagnostic) {
	if len(paths) == 0 {
		paths = []string{"."}
	}
	if opts.MaxFileSize <= 0 {
		opts.MaxFileSize = MaxTemplateSize
	}
	d := &discoverer{opts: opts, units: map[unitKey]Unit{}}
	d.startClassifying()
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
	for _, r := range d.roots {
		r.Close()
	}
	for _, g := range opts.ReportedExclude {
		if n := d.reported[g]; n > 0 {
			d.diag(graph.Warning, d.firstShown[g], "excluded-by-config",
				"%s inside the scanned directory excludes %q: %d paths (%s first) are not scanned; a configuration in the scanned tree is not trusted to leave code out",
				opts.ReportedExcludeSource, g, n, d.firstShown[g])
		}
	}
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
	opts      Options
	givenRoot string
	sandbox   *sandbox.Root
	roots     []*sandbox.Root
	// reported counts the paths each reported exclude left out, with the
	// first of them.
	reported   map[string]int
	firstShown map[string]string
	units      map[unitKey]Unit
	diags      []graph.Diagnostic
	candidates []candidate
	// outcomes are the candidates' classifications, by index; workers
	// fill them in while the walk goes on (startClassifying).
	outcomes    []*outcome
	jobs        chan classifyJob
	classifying sync.WaitGroup
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
	// A path the user gives is theirs to name: it is looked at directly;
	// what lies under it is read through a root opened on it.
	info, err := os.Stat(p)
	if err != nil {
		code := CodePathUnreadable
		if errors.Is(err, fs.ErrNotExist) {
			code = CodePathNotFound
		}
		d.diag(graph.Error, p, code, "cannot read %s: %v", p, unwrapPathError(err))
		return
	}
	dir := p
	if !info.IsDir() {
		// A file named on the command line (a pre-commit hook names the
		// changed files) is left out as a scan of the tree would leave it
		// out, so that the hook sees what a full scan sees.
		if d.excludedFile(p) {
			d.diag(graph.Debug, p, "excluded", "%s matches an exclude pattern; skipped", p)
			return
		}
		dir = filepath.Dir(p)
	}
	root, err := sandbox.Open(dir)
	if err != nil {
		d.diag(graph.Error, p, "path-not-found", "cannot read %s: %v", p, unwrapPathError(err))
		return
	}
	d.roots = append(d.roots, root)
	d.sandbox = root
	if !info.IsDir() {
		d.givenRoot = dir
		d.file(p, true)
		return
	}
	real, err := root.RealPath(p)
	if err != nil {
		d.diag(graph.Error, p, CodePathNotFound, "cannot resolve %s: %v", p, unwrapPathError(err))
		return
	}
	d.walk(p, p, real, map[string]bool{real: true})
}

// walk visits dir (reached as shown, resolving to dirReal) under the root
// given by the user. visited holds the real paths of the directories
// walked, so that a symbolic link back into them is not followed.
func (d *discoverer) walk(rootShown, dir, dirReal string, visited map[string]bool) {
	entries, err := d.sandbox.ReadDir(dir)
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
			info, err := d.sandbox.Stat(full)
			switch {
			case errors.Is(err, sandbox.ErrOutside):
				sev := graph.Note
				if relevant(e.Name()) {
					sev = graph.Warning
				}
				d.diag(sev, full, "symlink-outside-root", "not following %s: it points outside %s", full, rootShown)
				continue
			case err != nil:
				d.diag(graph.Warning, full, "broken-symlink", "skipping %s: broken symbolic link", full)
				continue
			}
			if info.IsDir() {
				if skipDirs[e.Name()] {
					continue
				}
				target, err := d.sandbox.RealPath(full)
				if err != nil {
					d.diag(graph.Warning, full, "symlink-outside-root", "not following %s: it points outside %s", full, rootShown)
					continue
				}
				if visited[target] {
					d.diag(graph.Note, full, "symlink-loop", "not following %s: it leads back into %s", full, target)
					continue
				}
				visited[target] = true
				d.walk(rootShown, full, target, visited)
				continue
			}
			d.other(full, info.Mode(), e.Name())
			continue
		}
		if e.IsDir() {
			if skipDirs[e.Name()] {
				continue
			}
			// The listing says this is a directory, not a link: it
			// resolves to its name inside its parent's real path, as
			// RealPath would find with one more Lstat per directory
			// (Windows may rewrite names, so it asks there).
			real := filepath.Join(dirReal, e.Name())
			if runtime.GOOS == "windows" {
				var err error
				if real, err = d.sandbox.RealPath(full); err != nil {
					real = ""
				}
			}
			if real != "" {
				if visited[real] {
					continue
				}
				visited[real] = true
			}
			d.walk(rootShown, full, real, visited)
			continue
		}
		d.other(full, mode, e.Name())
	}
}

// other looks at a file that is not a directory: a regular file is
// classified; a device, FIFO or socket named like code is reported, never
// read.
func (d *discoverer) other(full string, mode fs.FileMode, name string) {
	if mode.IsRegular() {
		d.file(full, false)
		return
	}
	if relevant(name) {
		d.diag(graph.Warning, full, "not-regular-file", "skipping %s: not a regular file (%v)", full, mode.Type())
	}
}

// relevant reports whether a file name is one discovery would read.
func relevant(name string) bool {
	lower := strings.ToLower(name)
	for _, ext := range []string{".tf", ".tf.json", ".tfvars", ".tfvars.json", ".yaml", ".yml", ".json", ".template"} {
		if strings.HasSuffix(lower, ext) {
			return true
		}
	}
	return false
}

func (d *discoverer) excluded(root, full string) bool {
	if len(d.opts.Exclude) == 0 && len(d.opts.ReportedExclude) == 0 {
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
	for _, g := range d.opts.ReportedExclude {
		if MatchGlob(g, rel) || MatchGlob(g, filepath.ToSlash(full)) {
			if d.reported == nil {
				d.reported, d.firstShown = map[string]int{}, map[string]string{}
			}
			if d.reported[g] == 0 {
				d.firstShown[g] = full
			}
			d.reported[g]++
			return true
		}
	}
	return false
}

// excludedFile reports whether a file named explicitly matches an exclude
// glob, by the path as given or by its absolute path.
func (d *discoverer) excludedFile(p string) bool {
	globs := slices.Concat(d.opts.Exclude, d.opts.ReportedExclude)
	if len(globs) == 0 {
		return false
	}
	names := []string{filepath.ToSlash(filepath.Clean(p))}
	if abs, err := filepath.Abs(p); err == nil {
		names = append(names, filepath.ToSlash(abs))
	}
	for _, g := range globs {
		for _, name := range names {
			if MatchGlob(g, name) {
				return true
			}
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
	// Reading and classifying is most of the work: done on every core
	// while the walk goes on, and looked at in the walk's order when it
	// is over.
	c := candidate{path: p, explicit: explicit, root: d.givenRoot, sandbox: d.sandbox}
	o := &outcome{}
	d.candidates = append(d.candidates, c)
	d.outcomes = append(d.outcomes, o)
	d.jobs <- classifyJob{c, o}
}

// candidate is a YAML or JSON file that may be a template or a plan.
type candidate struct {
	path     string
	explicit bool
	root     string
	sandbox  *sandbox.Root
}

// outcome is what classifying a candidate found.
type outcome struct {
	kind Kind
	// why says why a file that looks like a template is not one.
	why string
	err error
}

// classifyJob is a candidate to classify, and where its outcome goes.
type classifyJob struct {
	c   candidate
	out *outcome
}

// startClassifying starts GOMAXPROCS workers reading and classifying the
// candidates the walk sends them, so that the cores do not wait for the
// walk (one goroutine's directory listings) to end.
func (d *discoverer) startClassifying() {
	d.jobs = make(chan classifyJob, 64)
	workers := runtime.GOMAXPROCS(0)
	d.classifying.Add(workers)
	for range workers {
		go func() {
			defer d.classifying.Done()
			for j := range d.jobs {
				var data []byte
				j.out.kind, j.out.why, data, j.out.err = classifyFile(j.c.sandbox, j.c.path, d.opts.MaxFileSize, d.opts.Contents != nil)
				if j.out.kind == CloudFormationTemplate && data != nil {
					d.opts.Contents.Put(j.c.sandbox, j.c.path, data)
				}
			}
		}()
	}
}

// classifyCandidates waits for the candidates' classification and adds
// them in the order the walk met them.
func (d *discoverer) classifyCandidates() {
	close(d.jobs)
	d.classifying.Wait()
	for i, c := range d.candidates {
		p, o := c.path, d.outcomes[i]
		d.givenRoot = c.root
		switch {
		case errors.Is(o.err, sandbox.ErrTooLarge):
			d.diag(graph.Warning, p, "file-too-large", "skipping %s: larger than %d bytes", p, d.opts.MaxFileSize)
		case errors.Is(o.err, errUTF16):
			d.diag(graph.Warning, p, "not-utf8", "skipping %s: it looks like a CloudFormation template or Terraform plan in UTF-16; blindspot (like CloudFormation) reads UTF-8 only", p)
		case errors.Is(o.err, sandbox.ErrNotRegular), errors.Is(o.err, sandbox.ErrOutside):
			d.diag(graph.Warning, p, "not-regular-file", "skipping %s: %v", p, unwrapPathError(o.err))
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
	d.candidates, d.outcomes = nil, nil
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

// errUTF16 is a template or plan written in UTF-16.
var errUTF16 = errors.New("UTF-16")

// headSize is how much of a file classification reads first: templates
// say what they are in their first lines.
const headSize = 64 << 10

// classifyFile classifies the file at p (read through root) from its
// head, or, when that does not tell, from all of it; files larger than
// limit are sandbox.ErrTooLarge. why says why a file that looks like a
// template is not one. With whole set, a template is read to its end
// (within limit) even when its head tells what it is, and data is its
// content; otherwise data is what was read, possibly only the head.
func classifyFile(root *sandbox.Root, p string, limit int64, whole bool) (kind Kind, why string, data []byte, err error) {
	f, size, err := root.Open(p)
	if err != nil {
		return 0, "", nil, err
	}
	defer f.Close()
	// One buffer, as large as the file (within the limit): io.ReadAll
	// would grow one from 512 bytes, a copy for each step.
	buf := make([]byte, 0, min(max(size, 0), limit)+1)
	data, err = readUpTo(f, buf, min(headSize, limit+1))
	if err != nil {
		return 0, "", nil, err
	}
	if isUTF16(data) {
		if kind, _ := classify(filepath.Base(p), fromUTF16(data)); kind != 0 {
			return 0, "", nil, errUTF16
		}
		return 0, "", nil, nil
	}
	if int64(len(data)) < headSize {
		if int64(len(data)) > limit {
			return 0, "", nil, &sandbox.TooLargeError{Limit: limit}
		}
		kind, why = classify(filepath.Base(p), data)
		return kind, why, data, nil
	}
	// The head of a larger file can only confirm what the file is: a
	// truncated document proves nothing by failing to parse.
	if kind := classifyQuickly(filepath.Base(p), data); kind != 0 {
		if !whole || kind != CloudFormationTemplate {
			return kind, "", nil, nil
		}
		// Its loader reads the rest anyway: read here, the file is
		// opened once. One larger than limit is still a template, and
		// its loader says it is too large.
		if data, err = readUpTo(f, data, limit+1); err != nil || int64(len(data)) > limit {
			return kind, "", nil, nil
		}
		return kind, "", data, nil
	}
	data, err = readUpTo(f, data, limit+1)
	if err != nil {
		return 0, "", nil, err
	}
	if int64(len(data)) > limit {
		return 0, "", nil, &sandbox.TooLargeError{Limit: limit}
	}
	kind, why = classify(filepath.Base(p), data)
	return kind, why, data, nil
}

// readUpTo appends what f holds to data until data has n bytes or f ends,
// as io.ReadAll of an io.LimitReader would, growing data only when the
// file is larger than its capacity.
func readUpTo(f io.Reader, data []byte, n int64) ([]byte, error) {
	for int64(len(data)) < n {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		end := min(int64(cap(data)), n)
		m, err := f.Read(data[len(data):end])
		data = data[:len(data)+m]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
	}
	return data, nil
}

// isUTF16 recognises UTF-16 text by its byte order mark, or by ASCII
// characters interleaved with zero bytes.
func isUTF16(data []byte) bool {
	if len(data) >= 2 && (data[0] == 0xff && data[1] == 0xfe || data[0] == 0xfe && data[1] == 0xff) {
		return true
	}
	if len(data) < 8 {
		return false
	}
	zeros := 0
	for i := 0; i < min(len(data), 256); i++ {
		if data[i] == 0 {
			zeros++
		}
	}
	return zeros*3 > min(len(data), 256)
}

// fromUTF16 decodes the ASCII of UTF-16 text, enough to classify it.
func fromUTF16(data []byte) []byte {
	out := make([]byte, 0, len(data)/2)
	for _, b := range data {
		if b != 0 && b != 0xff && b != 0xfe {
			out = append(out, b)
		}
	}
	return out
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// MatchGlob matches a slash-separated path against a glob where * and ?
// match within one path element and ** matches any number of elements
// (github.com/bmatcuk/doublestar, which matches without exponential
// backtracking however many ** a pattern has). A pattern without a slash
// matches the base name at any depth, as in .gitignore; a pattern naming a
// directory matches everything below it.
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
	if ok, _ := doublestar.Match(pattern, name); ok {
		return true
	}
	// A pattern naming a directory matches everything below it.
	ok, _ := doublestar.Match(pattern+"/**", name)
	return ok
}

// ValidateGlob reports a pattern MatchGlob cannot use: an element with
// unbalanced brackets or a trailing backslash.
func ValidateGlob(pattern string) error {
	if strings.TrimSpace(pattern) == "" {
		return fmt.Errorf("empty glob")
	}
	for _, el := range strings.Split(pattern, "/") {
		if el == "**" {
			continue
		}
		if _, err := path.Match(el, ""); err != nil {
			return fmt.Errorf("%q is not a valid glob: %v", pattern, err)
		}
	}
	return nil
}
