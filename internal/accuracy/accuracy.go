// Package accuracy measures how often blindspot's rules agree with
// independent corpora: the KICS query fixtures (expected lines) and the
// Checkov check fixtures (expected passing and failing resources) under
// ../shared/corpus. A mapping file says which blindspot rules answer each
// query or check, and records the cases where the corpus's expectation
// contradicts AWS's documented behaviour, with the reason.
package accuracy

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/internal/scan"
	"github.com/blindspot-iac/blindspot/rules"
)

// Mapping ties corpus entries to blindspot rules. Keys are the entry's
// directory relative to its corpus ("terraform/cmk_rotation_disabled").
type Mapping struct {
	// Pending lists rules that are planned but not built; entries mapped to
	// them are scored as failed with the reason.
	Pending []string         `yaml:"pending"`
	KICS    map[string]Entry `yaml:"kics"`
	Checkov map[string]Entry `yaml:"checkov"`
}

// Entry maps one KICS query or Checkov check.
type Entry struct {
	// Rules answer the entry; empty means no rule does (Note says why) and
	// the entry is not scored.
	Rules []string `yaml:"rules"`
	Note  string   `yaml:"note"`
	// Disagreements are expectations of the corpus that blindspot does not
	// follow on purpose.
	Disagreements []Disagreement `yaml:"disagreements"`
}

// Disagreement is one expectation blindspot departs from, and why.
type Disagreement struct {
	// File is the fixture file relative to the entry's directory.
	File string `yaml:"file"`
	// Line is a KICS expected line (0: every result in File).
	Line int `yaml:"line"`
	// Resource is a Checkov resource address (AWS::S3::Bucket.B, aws_s3_bucket.b).
	Resource string `yaml:"resource"`
	Reason   string `yaml:"reason"`
}

// ReadMapping reads a mapping file, rejecting unknown keys.
func ReadMapping(path string) (*Mapping, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading mapping: %w", err)
	}
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	dec.KnownFields(true)
	var m Mapping
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	for key, e := range m.KICS {
		for _, d := range e.Disagreements {
			if d.Reason == "" {
				return nil, fmt.Errorf("%s: kics %s: disagreement on %s:%d has no reason", path, key, d.File, d.Line)
			}
		}
	}
	for key, e := range m.Checkov {
		for _, d := range e.Disagreements {
			if d.Reason == "" {
				return nil, fmt.Errorf("%s: checkov %s: disagreement on %s has no reason", path, key, d.Resource)
			}
		}
	}
	return &m, nil
}

// Score counts one entry's agreement with its corpus.
type Score struct {
	Corpus string
	Entry  string
	Rules  []string
	// TruePositives are expected findings blindspot reports; FalseNegatives
	// expected findings it misses (Undetermined of them because the rule
	// could not evaluate); FalsePositives findings where the corpus expects
	// none; Disagreed expectations recorded in the mapping; Extra findings
	// in positive fixtures on resources the corpus says nothing about.
	TruePositives, FalseNegatives, Undetermined, FalsePositives, Disagreed, Extra int
	// Misses describe each false negative and false positive.
	Misses []string
	// Missing lists mapped rules that are not built yet.
	Missing []string
}

// Recall is TP / (TP + FN), 1 when nothing was expected.
func (s Score) Recall() float64 {
	if s.TruePositives+s.FalseNegatives == 0 {
		return 1
	}
	return float64(s.TruePositives) / float64(s.TruePositives+s.FalseNegatives)
}

// Passed reports whether the entry meets the goal: recall of at least 95%
// and no false positive.
func (s Score) Passed() bool {
	return len(s.Missing) == 0 && s.Recall() >= 0.95 && s.FalsePositives == 0
}

// Harness scans corpus fixtures with a set of rules.
type Harness struct {
	// CorpusDir is ../shared/corpus.
	CorpusDir string
	Mapping   *Mapping
	Rules     []*rules.Rule
}

// Run scores every mapped entry of both corpora, sorted by corpus and entry.
func (h *Harness) Run(ctx context.Context) ([]Score, error) {
	var scores []Score
	for _, key := range slices.Sorted(maps.Keys(h.Mapping.KICS)) {
		e := h.Mapping.KICS[key]
		if len(e.Rules) == 0 {
			continue
		}
		s, err := h.scoreKICS(ctx, key, e)
		if err != nil {
			return nil, err
		}
		scores = append(scores, h.missing(s))
	}
	for _, key := range slices.Sorted(maps.Keys(h.Mapping.Checkov)) {
		e := h.Mapping.Checkov[key]
		if len(e.Rules) == 0 {
			continue
		}
		s, err := h.scoreCheckov(ctx, key, e)
		if err != nil {
			return nil, err
		}
		scores = append(scores, h.missing(s))
	}
	return scores, nil
}

// missing records the entry's rules that are not among the harness's rules.
func (h *Harness) missing(s Score) Score {
	for _, id := range s.Rules {
		found := false
		for _, r := range h.Rules {
			found = found || r.ID == id
		}
		if !found {
			s.Missing = append(s.Missing, id)
		}
	}
	return s
}

// kicsQuery is the part of a KICS MANIFEST.json entry the harness reads.
type kicsQuery struct {
	Dir       string `json:"dir"`
	Positives []struct {
		File  string `json:"file"`
		Lines []int  `json:"lines"`
	} `json:"positives"`
	Negatives []string `json:"negatives"`
}

func (h *Harness) scoreKICS(ctx context.Context, key string, e Entry) (Score, error) {
	s := Score{Corpus: "kics", Entry: key, Rules: e.Rules}
	var manifest []kicsQuery
	if err := readJSON(filepath.Join(h.CorpusDir, "kics", "MANIFEST.json"), &manifest); err != nil {
		return s, err
	}
	var q *kicsQuery
	for i := range manifest {
		if manifest[i].Dir == key {
			q = &manifest[i]
		}
	}
	if q == nil {
		return s, fmt.Errorf("kics: no query %s in MANIFEST.json", key)
	}
	dir := filepath.Join(h.CorpusDir, "kics", key)
	for _, pos := range q.Positives {
		res, err := h.scanAlone(ctx, filepath.Join(dir, pos.File))
		if err != nil {
			return s, err
		}
		matched := map[*rules.Finding]bool{}
		for _, line := range pos.Lines {
			if disagrees(e, pos.File, line) {
				s.Disagreed++
				continue
			}
			hit, undetermined := findAt(res, e.Rules, line)
			switch {
			case hit != nil:
				s.TruePositives++
				matched[hit] = true
			case undetermined:
				s.FalseNegatives++
				s.Undetermined++
				s.Misses = append(s.Misses, fmt.Sprintf("FN %s:%d (could not evaluate)", pos.File, line))
			default:
				s.FalseNegatives++
				s.Misses = append(s.Misses, fmt.Sprintf("FN %s:%d", pos.File, line))
			}
		}
		for i := range res.findings {
			f := &res.findings[i]
			if f.Status == rules.Failed && slices.Contains(e.Rules, f.RuleID) && !matched[f] && !sameResourceMatched(f, matched) {
				s.Extra++
			}
		}
	}
	for _, neg := range q.Negatives {
		res, err := h.scanAlone(ctx, filepath.Join(dir, neg))
		if err != nil {
			return s, err
		}
		for _, f := range res.findings {
			if f.Status != rules.Failed || !slices.Contains(e.Rules, f.RuleID) {
				continue
			}
			if disagrees(e, neg, f.Loc.Range.Start.Line) {
				s.Disagreed++
				continue
			}
			s.FalsePositives++
			s.Misses = append(s.Misses, fmt.Sprintf("FP %s:%d %s: %s", neg, f.Loc.Range.Start.Line, f.RuleID, f.Message))
		}
	}
	return s, nil
}

// checkovCheck is the part of a Checkov expect.json the harness reads.
type checkovCheck struct {
	Passing []string `json:"passing"`
	Failing []string `json:"failing"`
	ByFile  map[string]struct {
		Passing []string `json:"passing"`
		Failing []string `json:"failing"`
	} `json:"by_file"`
}

func (h *Harness) scoreCheckov(ctx context.Context, key string, e Entry) (Score, error) {
	s := Score{Corpus: "checkov", Entry: key, Rules: e.Rules}
	dir := filepath.Join(h.CorpusDir, "checkov", key)
	var c checkovCheck
	if err := readJSON(filepath.Join(dir, "expect.json"), &c); err != nil {
		return s, err
	}
	res, err := h.scan(ctx, dir)
	if err != nil {
		return s, err
	}
	// flagged maps "file\x00address" and "\x00address" to the outcome of
	// the mapped rules on that resource.
	type outcome struct{ failed, undetermined bool }
	flagged := map[string]*outcome{}
	for _, f := range res.findings {
		r := f.Loc.Resource
		if r == nil || !slices.Contains(e.Rules, f.RuleID) {
			continue
		}
		// The finding counts for its own resource and for any resource of
		// the same file its message is about.
		var keys []string
		for _, other := range res.graph.Resources {
			if other == r || other.Range.File == r.Range.File && mentions(f.Message, other.Address) {
				addr := checkovAddress(other)
				keys = append(keys, filepath.Base(other.Range.File)+"\x00"+addr, "\x00"+addr)
			}
		}
		for _, k := range keys {
			o := flagged[k]
			if o == nil {
				o = &outcome{}
				flagged[k] = o
			}
			if f.Status == rules.Failed {
				o.failed = true
			} else {
				o.undetermined = true
			}
		}
	}
	judge := func(file string, failing, passing []string) {
		for _, addr := range failing {
			if disagreesResource(e, file, addr) {
				s.Disagreed++
				continue
			}
			o := flagged[file+"\x00"+addr]
			switch {
			case o != nil && o.failed:
				s.TruePositives++
			case o != nil && o.undetermined:
				s.FalseNegatives++
				s.Undetermined++
				s.Misses = append(s.Misses, fmt.Sprintf("FN %s (could not evaluate)", joinFile(file, addr)))
			default:
				s.FalseNegatives++
				s.Misses = append(s.Misses, "FN "+joinFile(file, addr))
			}
		}
		for _, addr := range passing {
			o := flagged[file+"\x00"+addr]
			if o == nil || !o.failed {
				continue
			}
			if disagreesResource(e, file, addr) {
				s.Disagreed++
				continue
			}
			s.FalsePositives++
			s.Misses = append(s.Misses, "FP "+joinFile(file, addr))
		}
	}
	if len(c.ByFile) > 0 {
		for _, file := range slices.Sorted(maps.Keys(c.ByFile)) {
			judge(file, c.ByFile[file].Failing, c.ByFile[file].Passing)
		}
	} else {
		judge("", c.Failing, c.Passing)
	}
	return s, nil
}

// checkovAddress names a resource as Checkov does: the Terraform address
// without instance keys, or the CloudFormation type and logical ID.
func checkovAddress(r *graph.Resource) string {
	if r.Format == graph.CloudFormation {
		return r.Type + "." + r.Address
	}
	addr := r.Address
	if i := strings.IndexByte(addr, '['); i >= 0 && strings.HasSuffix(addr, "]") && !strings.Contains(addr[i:], ".") {
		addr = addr[:i]
	}
	return addr
}

// mentions reports whether a message names a resource address as a word.
func mentions(msg, addr string) bool {
	for i := strings.Index(msg, addr); i >= 0; {
		end := i + len(addr)
		before := i == 0 || !isAddrChar(msg[i-1])
		after := end == len(msg) || !isAddrChar(msg[end])
		if before && after {
			return true
		}
		next := strings.Index(msg[i+1:], addr)
		if next < 0 {
			break
		}
		i += next + 1
	}
	return false
}

func isAddrChar(c byte) bool {
	return c == '_' || c == '-' || c == '.' || c == '[' || c == ']' || c == '"' ||
		c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func joinFile(file, addr string) string {
	if file == "" {
		return addr
	}
	return file + ": " + addr
}

// result is what the harness keeps of a scan.
type result struct {
	graph    *graph.Graph
	findings []rules.Finding
}

// scanAlone scans one fixture file on its own: KICS keeps positive and
// negative Terraform files in one directory, which Terraform would read as
// a single module.
func (h *Harness) scanAlone(ctx context.Context, file string) (*result, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("reading fixture: %w", err)
	}
	tmp, err := os.MkdirTemp("", "blindspot-accuracy-")
	if err != nil {
		return nil, fmt.Errorf("scanning %s: %w", file, err)
	}
	defer os.RemoveAll(tmp)
	if err := os.WriteFile(filepath.Join(tmp, filepath.Base(file)), data, 0o644); err != nil {
		return nil, fmt.Errorf("scanning %s: %w", file, err)
	}
	return h.scan(ctx, tmp)
}

func (h *Harness) scan(ctx context.Context, path string) (*result, error) {
	res, err := scan.Run(ctx, scan.Options{Paths: []string{path}, Rules: h.Rules, Jobs: 1, KeepResources: true})
	if err != nil {
		return nil, fmt.Errorf("scanning %s: %w", path, err)
	}
	return &result{graph: res.Graph, findings: res.Findings}, nil
}

// findAt returns a finding of the rules for an expected line: one in the
// innermost resource containing the line, or, for a line outside every
// resource (a variable, a provider block), one starting on that line.
// KICS points at the attribute its query reads, where blindspot may point
// at another attribute or the header of the same resource.
func findAt(res *result, ruleIDs []string, line int) (hit *rules.Finding, undetermined bool) {
	var inner *graph.Resource
	for _, r := range res.graph.Resources {
		if r.Range.Start.Line <= line && line <= r.Range.End.Line {
			if inner == nil || r.Range.End.Line-r.Range.Start.Line < inner.Range.End.Line-inner.Range.Start.Line {
				inner = r
			}
		}
	}
	for i := range res.findings {
		f := &res.findings[i]
		if !slices.Contains(ruleIDs, f.RuleID) {
			continue
		}
		var match bool
		if inner != nil {
			// A finding belongs to the resource it is located in, to the
			// resource its message is about (a bucket reported at its split
			// policy or access block), or, for findings on a value (a
			// secret), to the resource whose text holds it.
			match = f.Loc.Resource != nil && f.Loc.Resource.Address == inner.Address && f.Loc.Resource.Unit == inner.Unit ||
				mentions(f.Message, inner.Address) ||
				f.Loc.Resource == nil && f.Loc.Range.File == inner.Range.File &&
					inner.Range.Start.Line <= f.Loc.Range.Start.Line && f.Loc.Range.Start.Line <= inner.Range.End.Line
		} else {
			match = f.Loc.Range.Start.Line == line
		}
		if !match {
			continue
		}
		if f.Status == rules.Failed {
			return f, false
		}
		undetermined = true
	}
	return nil, undetermined
}

func sameResourceMatched(f *rules.Finding, matched map[*rules.Finding]bool) bool {
	for m := range matched {
		if f.Loc.Resource != nil && m.Loc.Resource == f.Loc.Resource {
			return true
		}
	}
	return false
}

func disagrees(e Entry, file string, line int) bool {
	for _, d := range e.Disagreements {
		if d.File == file && (d.Line == 0 || d.Line == line) {
			return true
		}
	}
	return false
}

func disagreesResource(e Entry, file, addr string) bool {
	for _, d := range e.Disagreements {
		if d.Resource == addr && (d.File == "" || d.File == file) {
			return true
		}
	}
	return false
}

// WriteTable prints the scores: one line per entry, totals per rule and in
// all, and a last line "N passed, N failed" counting entries that meet the
// goal.
func WriteTable(w io.Writer, scores []Score) error {
	ew := &errWriter{w: w}
	ew.printf("%-8s %-62s %4s %4s %4s %4s %4s %7s  %s\n", "corpus", "entry", "TP", "FN", "FP", "unk", "dis", "recall", "result")
	type total struct{ tp, fn, fp, dis int }
	byRule := map[string]*total{}
	var all total
	passed, failed := 0, 0
	for _, s := range scores {
		verdict := "ok"
		if s.Passed() {
			passed++
		} else {
			failed++
			verdict = "FAIL"
		}
		ew.printf("%-8s %-62s %4d %4d %4d %4d %4d %6.1f%%  %s\n", s.Corpus, s.Entry, s.TruePositives, s.FalseNegatives, s.FalsePositives, s.Undetermined, s.Disagreed, 100*s.Recall(), verdict)
		if len(s.Missing) > 0 {
			ew.printf("         rule not built: %s\n", strings.Join(s.Missing, ", "))
		} else {
			for _, m := range s.Misses {
				ew.printf("         %s\n", m)
			}
		}
		for _, id := range s.Rules {
			t := byRule[id]
			if t == nil {
				t = &total{}
				byRule[id] = t
			}
			t.tp += s.TruePositives
			t.fn += s.FalseNegatives
			t.fp += s.FalsePositives
			t.dis += s.Disagreed
		}
		all.tp += s.TruePositives
		all.fn += s.FalseNegatives
		all.fp += s.FalsePositives
		all.dis += s.Disagreed
	}
	recall := func(t total) float64 {
		if t.tp+t.fn == 0 {
			return 100
		}
		return 100 * float64(t.tp) / float64(t.tp+t.fn)
	}
	ew.printf("\nper rule (entries mapped to several rules count for each)\n")
	ew.printf("%-45s %5s %5s %5s %5s %7s\n", "rule", "TP", "FN", "FP", "dis", "recall")
	for _, id := range slices.Sorted(maps.Keys(byRule)) {
		t := *byRule[id]
		ew.printf("%-45s %5d %5d %5d %5d %6.1f%%\n", id, t.tp, t.fn, t.fp, t.dis, recall(t))
	}
	ew.printf("%-45s %5d %5d %5d %5d %6.1f%%\n", "total", all.tp, all.fn, all.fp, all.dis, recall(all))
	ew.printf("(dis: expectations of the corpus blindspot departs from, each with its reason in mapping.yaml)\n")
	ew.printf("%d passed, %d failed\n", passed, failed)
	return ew.err
}

type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, args...)
	}
}

func readJSON(path string, v any) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("reading corpus: %w", err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}
