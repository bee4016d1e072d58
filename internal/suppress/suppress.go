// Package suppress applies inline suppressions and baselines to findings.
//
// An inline suppression is a comment on the line of a finding, on the line
// of its resource's header, or in the block of comment lines directly above
// either:
//
//	# blindspot:ignore aws-s3-versioning-disabled until=2027-01-31 -- replicated elsewhere
//
// "//" comments work in HCL too. Several rule IDs may be listed, separated
// by commas or spaces. JSON has no comments, so CloudFormation templates
// (JSON or YAML) may also list suppressions in the resource's Metadata:
//
//	"Metadata": {"blindspot": {"ignore": [{"rule": "aws-...", "reason": "...", "until": "2027-01-31"}]}}
//
// A reason is required. A suppression without one, or past its date, does
// not suppress and is reported; one that matches nothing is reported as a
// note.
package suppress

import (
	"bufio"
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/rules"
)

// Directive is one parsed suppression.
type Directive struct {
	RuleIDs []string
	Until   string
	Reason  string
	Range   graph.Range
	// Resource is set for Metadata suppressions, which apply to the whole
	// resource.
	Resource *graph.Resource
}

var directiveRE = regexp.MustCompile(`(?:#|//)\s*blindspot:ignore\b(.*)$`)
var ruleIDRE = regexp.MustCompile(`^aws-[a-z0-9-]+$`)

// parseDirective reads the text after "blindspot:ignore".
func parseDirective(text string) (ids []string, until, reason string, err error) {
	spec, reason, _ := strings.Cut(text, "--")
	reason = strings.TrimSpace(reason)
	for _, f := range strings.FieldsFunc(spec, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' }) {
		switch {
		case strings.HasPrefix(f, "until="):
			until = strings.TrimPrefix(f, "until=")
			if _, perr := time.Parse("2006-01-02", until); perr != nil {
				return nil, "", "", fmt.Errorf("until=%s is not a date (YYYY-MM-DD)", until)
			}
		case ruleIDRE.MatchString(f):
			ids = append(ids, f)
		default:
			return nil, "", "", fmt.Errorf("%q is not a rule ID", f)
		}
	}
	if len(ids) == 0 {
		return nil, "", "", fmt.Errorf("no rule ID given")
	}
	return ids, until, reason, nil
}

// fileDirectives holds the suppressions of one file by line, and which
// lines are comment-only, to find comment blocks above a line.
type fileDirectives struct {
	byLine      map[int][]*Directive
	commentLine map[int]bool
}

func parseFile(file string, data []byte) (*fileDirectives, []graph.Diagnostic) {
	fd := &fileDirectives{byLine: map[int][]*Directive{}, commentLine: map[int]bool{}}
	var diags []graph.Diagnostic
	if !bytes.Contains(data, []byte("blindspot:ignore")) {
		return fd, nil
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64*1024), 16<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		trimmed := strings.TrimSpace(line)
		if strings.HasPrefix(trimmed, "#") || strings.HasPrefix(trimmed, "//") {
			fd.commentLine[n] = true
		}
		m := directiveRE.FindStringSubmatchIndex(line)
		if m == nil {
			continue
		}
		col := m[0] + 1
		rng := graph.Range{File: file, Start: graph.Pos{Line: n, Column: col, Byte: -1}, End: graph.Pos{Line: n, Column: len(line) + 1, Byte: -1}}
		ids, until, reason, err := parseDirective(line[m[2]:m[3]])
		if err != nil {
			diags = append(diags, graph.Warningf(rng, "invalid-suppression", "suppression not understood: %v (write: blindspot:ignore <rule-id> [until=YYYY-MM-DD] -- <reason>)", err))
			continue
		}
		fd.byLine[n] = append(fd.byLine[n], &Directive{RuleIDs: ids, Until: until, Reason: reason, Range: rng})
	}
	return fd, diags
}

// candidates returns the directives that apply at line: on the line
// itself and in the contiguous comment lines directly above it.
func (fd *fileDirectives) candidates(line int) []*Directive {
	out := append([]*Directive(nil), fd.byLine[line]...)
	for l := line - 1; l > 0 && fd.commentLine[l]; l-- {
		out = append(out, fd.byLine[l]...)
	}
	return out
}

// Options control Apply.
type Options struct {
	// ReadFile reads a source file.
	ReadFile func(string) ([]byte, error)
	// Today decides whether an until= date has passed.
	Today time.Time
}

// Apply marks the findings that a valid suppression matches (setting
// Finding.Suppressed) and returns diagnostics for invalid, expired and
// unused suppressions in the scanned files.
func Apply(fs []rules.Finding, g *graph.Graph, opts Options) []graph.Diagnostic {
	var diags []graph.Diagnostic
	files := map[string]*fileDirectives{}
	var fileOrder []string
	load := func(name string) *fileDirectives {
		if fd, ok := files[name]; ok {
			return fd
		}
		fd := &fileDirectives{byLine: map[int][]*Directive{}, commentLine: map[int]bool{}}
		if data, err := opts.ReadFile(name); err == nil {
			var d []graph.Diagnostic
			fd, d = parseFile(name, data)
			diags = append(diags, d...)
		}
		files[name] = fd
		fileOrder = append(fileOrder, name)
		return fd
	}
	for _, u := range g.Units {
		for _, f := range u.Files {
			load(f)
		}
	}
	byResource := map[*graph.Resource][]*Directive{}
	var metaDirectives []*Directive
	for _, r := range g.Resources {
		ds, d := metadataDirectives(r)
		diags = append(diags, d...)
		byResource[r] = ds
		metaDirectives = append(metaDirectives, ds...)
	}

	used := map[*Directive]bool{}
	reported := map[*Directive]bool{}
	today := opts.Today.Format("2006-01-02")
	valid := func(d *Directive) bool {
		switch {
		case d.Reason == "":
			if !reported[d] {
				reported[d] = true
				diags = append(diags, graph.Warningf(d.Range, "suppression-without-reason",
					"suppression of %s has no reason, so it does not suppress (add: -- <why this is acceptable>)", strings.Join(d.RuleIDs, ", ")))
			}
			return false
		case d.Until != "" && d.Until < today:
			if !reported[d] {
				reported[d] = true
				diags = append(diags, graph.Warningf(d.Range, "suppression-expired",
					"suppression of %s expired on %s, so it no longer suppresses", strings.Join(d.RuleIDs, ", "), d.Until))
			}
			return false
		}
		return true
	}
	for i := range fs {
		f := &fs[i]
		var cands []*Directive
		if file := f.Loc.Range.File; file != "" {
			fd := load(file)
			cands = append(cands, fd.candidates(f.Loc.Range.Start.Line)...)
			if r := f.Loc.Resource; r != nil && r.NameRange.File == file {
				cands = append(cands, fd.candidates(r.NameRange.Start.Line)...)
			}
		}
		if r := f.Loc.Resource; r != nil {
			cands = append(cands, byResource[r]...)
		}
		for _, d := range cands {
			if !d.matches(f.RuleID) {
				continue
			}
			used[d] = true
			if valid(d) {
				f.Suppressed = &rules.Suppression{Justification: d.Reason, Range: d.Range, Until: d.Until}
				break
			}
		}
	}
	var all []*Directive
	for _, name := range fileOrder {
		for _, ds := range files[name].byLine {
			all = append(all, ds...)
		}
	}
	all = append(all, metaDirectives...)
	for _, d := range all {
		if used[d] {
			continue
		}
		valid(d) // reasonless and expired suppressions are reported even when unused
		diags = append(diags, graph.Notef(d.Range, "unused-suppression",
			"suppression of %s matches no finding; remove it", strings.Join(d.RuleIDs, ", ")))
	}
	graph.SortDiagnostics(diags)
	return diags
}

func (d *Directive) matches(ruleID string) bool { return slices.Contains(d.RuleIDs, ruleID) }

// metadataDirectives reads Metadata.blindspot.ignore of a CloudFormation
// resource: a list of {rule, reason, until} objects or of strings in the
// comment syntax ("aws-... until=... -- reason").
func metadataDirectives(r *graph.Resource) ([]*Directive, []graph.Diagnostic) {
	bs, ok := r.Metadata.Get("blindspot")
	if !ok {
		return nil, nil
	}
	ignore, ok := bs.Get("ignore")
	if !ok {
		return nil, nil
	}
	items := ignore.Elems()
	if ignore.Kind() == graph.KindObject || ignore.Kind() == graph.KindString {
		items = []graph.Value{ignore}
	}
	var out []*Directive
	var diags []graph.Diagnostic
	for _, it := range items {
		rng := it.Range
		if rng.IsZero() {
			rng = r.NameRange
		}
		if s, ok := it.AsString(); ok {
			ids, until, reason, err := parseDirective(s)
			if err != nil {
				diags = append(diags, graph.Warningf(rng, "invalid-suppression", "suppression not understood: %v", err))
				continue
			}
			out = append(out, &Directive{RuleIDs: ids, Until: until, Reason: reason, Range: rng, Resource: r})
			continue
		}
		d := &Directive{Range: rng, Resource: r}
		if v, ok := it.Get("rule"); ok {
			if s, ok := v.AsString(); ok && ruleIDRE.MatchString(s) {
				d.RuleIDs = []string{s}
			}
		}
		if v, ok := it.Get("reason"); ok {
			d.Reason, _ = v.AsString()
			d.Reason = strings.TrimSpace(d.Reason)
		}
		if v, ok := it.Get("until"); ok {
			d.Until, _ = v.AsString()
			if _, err := time.Parse("2006-01-02", d.Until); err != nil {
				diags = append(diags, graph.Warningf(rng, "invalid-suppression", "until=%s is not a date (YYYY-MM-DD)", d.Until))
				continue
			}
		}
		if len(d.RuleIDs) == 0 {
			diags = append(diags, graph.Warningf(rng, "invalid-suppression", "Metadata suppression needs a rule: {rule: aws-..., reason: ...}"))
			continue
		}
		out = append(out, d)
	}
	return out, diags
}
