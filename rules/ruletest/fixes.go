package ruletest

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/internal/scan"
	"github.com/blindspot-iac/blindspot/rules"
)

// goldenSuffix names the file holding a fixture file with its fixes
// applied.
const goldenSuffix = ".golden"

// staged is a fixture as the scan reads it.
type staged struct {
	// origin is the fixture's file or directory in testdata.
	origin string
	isDir  bool
	// scanPath is what is scanned: origin itself, or a copy in tmp.
	scanPath string
	tmp      string
	// name replaces file names in results (remediation snippets).
	name string
}

// stage prepares a fixture for scanning. A Terraform file is a module on
// its own: it is copied alone into a directory, keeping its name so that
// positions still name it. A remediation snippet is written out.
func stage(f *fixture) (*staged, error) {
	t := &staged{origin: f.path, isDir: f.isDir, scanPath: f.path}
	switch {
	case f.snippet != "":
		t.name = f.name
		return t, t.copy(map[string][]byte{f.path: []byte(f.snippet)})
	case !f.isDir && fileFormat(f.path) == "terraform":
		return t, t.copy(nil)
	}
	return t, nil
}

// copy copies the fixture into a temporary directory, replacing the
// contents of the files in replace (by their path in the fixture), and
// scans the copy.
func (t *staged) copy(replace map[string][]byte) error {
	tmp, err := os.MkdirTemp("", "ruletest")
	if err != nil {
		return err
	}
	t.tmp = tmp
	t.scanPath = filepath.Join(tmp, filepath.Base(t.origin))
	if t.isDir {
		if err := os.CopyFS(t.scanPath, os.DirFS(t.origin)); err != nil {
			return err
		}
		for file, data := range replace {
			rel, err := filepath.Rel(t.origin, file)
			if err != nil {
				return err
			}
			if err := os.WriteFile(filepath.Join(t.scanPath, rel), data, 0o644); err != nil {
				return err
			}
		}
		return nil
	}
	data, ok := replace[t.origin]
	if !ok {
		if data, err = os.ReadFile(t.origin); err != nil {
			return err
		}
	}
	return os.WriteFile(t.scanPath, data, 0o644)
}

func (t *staged) remove() {
	if t.tmp != "" {
		os.RemoveAll(t.tmp)
	}
}

// original maps a file the scan reported to the fixture file it is.
func (t *staged) original(file string) string {
	switch {
	case t.name != "":
		return t.name
	case !t.isDir:
		return filepath.Clean(t.origin)
	}
	rel, err := filepath.Rel(t.scanPath, file)
	if err != nil || strings.HasPrefix(rel, "..") {
		return file
	}
	return filepath.Join(t.origin, rel)
}

// results locates the findings in the fixture.
func (t *staged) results(fs []rules.Finding) []result {
	var out []result
	for _, f := range fs {
		out = append(out, result{file: t.original(f.Loc.Range.File), line: f.Loc.Range.Start.Line,
			status: f.Status, rule: f.RuleID, message: f.Message})
	}
	return out
}

// findingKey identifies a finding across scans of different copies of a
// fixture: the rule, the resource and the attribute path.
type findingKey struct{ rule, address, path string }

func keyOf(f rules.Finding) findingKey {
	k := findingKey{rule: f.RuleID, path: f.Loc.Path}
	if r := f.Loc.Resource; r != nil {
		k.address = r.Address
	}
	return k
}

// checkFixes applies the fixes the checked rules offer, compares the
// fixed files with their golden files (or writes them with -update), and
// scans the fixed fixture again: the findings fixed must be gone.
func (s *suite) checkFixes(ctx context.Context, out *outcome, f *fixture, exp *expectations, tree *staged, opts scan.Options, findings []rules.Finding) {
	edits := map[string][]rules.Edit{}
	var fixed []findingKey
	for _, fd := range findings {
		if fd.Fix == nil || !slices.ContainsFunc(f.rules, func(r *rules.Rule) bool { return r.ID == fd.RuleID }) {
			continue
		}
		fixed = append(fixed, keyOf(fd))
		for _, e := range fd.Fix.Edits {
			file := tree.original(e.Range.File)
			edits[file] = append(edits[file], e)
		}
	}
	files := []string{filepath.Clean(f.path)}
	if f.isDir {
		files = fixtureFiles(f.path)
	}
	for file := range edits {
		if !slices.Contains(files, file) {
			files = append(files, file)
		}
	}
	replace := map[string][]byte{}
	for _, file := range files {
		golden := file + goldenSuffix
		if len(edits[file]) == 0 {
			if _, err := os.Stat(golden); err == nil {
				out.problemf("%s: no fix applies to %s, but the golden file is there; remove it", golden, file)
			}
			continue
		}
		data, err := os.ReadFile(file)
		if err != nil {
			out.problemf("%v", err)
			continue
		}
		fixedData, err := applyEdits(data, edits[file])
		if err != nil {
			out.problemf("%s: %v", file, err)
			continue
		}
		replace[file] = fixedData
		if s.update {
			if err := os.WriteFile(golden, fixedData, 0o644); err != nil {
				out.problemf("%v", err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		switch {
		case os.IsNotExist(err):
			out.problemf("%s: the fixes of its findings have no golden file %s; run go test with -update", file, golden)
		case err != nil:
			out.problemf("%v", err)
		case !bytes.Equal(fixedData, want):
			out.problemf("%s: the fixed file differs from %s:\n%s", file, golden, firstDifference(fixedData, want))
		}
	}
	if len(fixed) == 0 {
		if exp.brokenFix != "" {
			out.problemf("%s: no fix applies; remove the broken-fix note", exp.brokenFix)
		}
		return
	}
	again := &staged{origin: f.path, isDir: f.isDir}
	defer again.remove()
	if err := again.copy(replace); err != nil {
		out.problemf("%v", err)
		return
	}
	opts.Paths = []string{again.scanPath}
	res, err := scan.Run(ctx, opts)
	if err != nil {
		out.problemf("%s with its fixes: %v", f.path, err)
		return
	}
	s.reportDiagnostics(out, res.Diagnostics)
	var remaining []string
	for _, fd := range res.Findings {
		if slices.Contains(fixed, keyOf(fd)) {
			remaining = append(remaining, again.results([]rules.Finding{fd})[0].String())
		}
	}
	switch {
	case exp.brokenFix != "" && len(remaining) == 0:
		out.problemf("%s: the fixes now clear every finding; remove the broken-fix note", exp.brokenFix)
	case exp.brokenFix != "":
		out.logs = append(out.logs, "known broken fix: "+exp.brokenFix)
	default:
		for _, r := range remaining {
			out.problemf("the fix did not clear the result: %s", r)
		}
	}
}

// applyEdits applies non-overlapping edits to data. Positions are lines
// and columns counted in characters, as graph.Range holds them.
func applyEdits(data []byte, edits []rules.Edit) ([]byte, error) {
	type span struct {
		start, end int
		text       string
	}
	var spans []span
	for _, e := range edits {
		start, err := offset(data, e.Range.Start)
		if err != nil {
			return nil, err
		}
		end, err := offset(data, e.Range.End)
		if err != nil {
			return nil, err
		}
		if end < start {
			return nil, fmt.Errorf("edit %v ends before it starts", e.Range)
		}
		s := span{start, end, e.Text}
		if !slices.Contains(spans, s) {
			spans = append(spans, s)
		}
	}
	slices.SortFunc(spans, func(a, b span) int { return b.start - a.start })
	out := slices.Clone(data)
	for i, s := range spans {
		if i > 0 && s.end > spans[i-1].start {
			return nil, fmt.Errorf("edits overlap at byte %d", s.end)
		}
		out = slices.Concat(out[:s.start], []byte(s.text), out[s.end:])
	}
	return out, nil
}

// offset is the byte offset of a position.
func offset(data []byte, p graph.Pos) (int, error) {
	off := 0
	for line := 1; line < p.Line; line++ {
		i := bytes.IndexByte(data[off:], '\n')
		if i < 0 {
			return 0, fmt.Errorf("line %d is past the end of the file", p.Line)
		}
		off += i + 1
	}
	for col := 1; col < p.Column; col++ {
		if off >= len(data) || data[off] == '\n' {
			return 0, fmt.Errorf("column %d is past the end of line %d", p.Column, p.Line)
		}
		_, size := utf8.DecodeRune(data[off:])
		off += size
	}
	return off, nil
}

// firstDifference shows the first line where got and want differ.
func firstDifference(got, want []byte) string {
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := 0; i < max(len(g), len(w)); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return fmt.Sprintf("line %d: got  %q\nline %d: want %q", i+1, gl, i+1, wl)
		}
	}
	return "(they differ in line endings)"
}

// remediationTemplate makes a CloudFormation remediation snippet, entries
// of a template's Resources, a template; "" when the snippet is only
// comments (CloudFormation cannot express the fix).
func remediationTemplate(snippet string) string {
	code := false
	for _, line := range strings.Split(snippet, "\n") {
		if l := strings.TrimSpace(line); l != "" && !strings.HasPrefix(l, "#") {
			code = true
		}
	}
	if !code {
		return ""
	}
	lines := strings.Split(snippet, "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = "  " + l
		}
	}
	return "Resources:\n" + strings.Join(lines, "\n") + "\n"
}
