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
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/internal/spelling"
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
	// Foreign is set for another scanner's suppression: what it says
	// ("tfsec:ignore:aws-s3-enable-versioning", "checkov:skip=CKV_AWS_21",
	// "cfn_nag W35"). Its rule IDs are the blindspot rules it corresponds
	// to (see Equivalents).
	Foreign string
	// Enclosing marks a directive that applies to the resource block it
	// is written in (checkov:skip in Terraform), wherever in the block.
	Enclosing bool
}

// ruleIDRE matches the IDs of built-in rules (aws-...) and of custom
// policies (namespaced kebab case).
var ruleIDRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)+$`)

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
	// enclosing are directives that apply to the block they are in.
	enclosing []*Directive
}

// ParseFile finds the suppression comments of a source file, blindspot's
// own only.
func ParseFile(file string, data []byte) ([]*Directive, []graph.Diagnostic) {
	fd, diags := parseFile(file, data, parseOptions{})
	var out []*Directive
	for _, ds := range fd.byLine {
		out = append(out, ds...)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Range.Start.Line < out[j].Range.Start.Line })
	return out, diags
}

// parseOptions say what parseFile looks for besides blindspot:ignore.
type parseOptions struct {
	// foreign, when set, maps other scanners' suppressions to rules.
	foreign *Equivalents
	// known lists the rule IDs that exist, for "did you mean"; nil skips
	// the check.
	known []string
}

// markers are the texts a file must contain to hold a suppression.
var markers = [][]byte{[]byte("blindspot:ignore"), []byte("tfsec:ignore"), []byte("trivy:ignore"), []byte("checkov:skip")}

// comment is the text of one line of a comment, at its position.
type comment struct {
	line, column int
	text         string
	// end is the column after the line's text.
	end int
}

// mayHold reports whether data holds a marker of a suppression parseFile
// looks for: a file without one has none.
func mayHold(data []byte, opts parseOptions) bool {
	for i, m := range markers {
		if (i == 0 || opts.foreign != nil) && bytes.Contains(data, m) {
			return true
		}
	}
	return false
}

func parseFile(file string, data []byte, opts parseOptions) (*fileDirectives, []graph.Diagnostic) {
	fd := &fileDirectives{byLine: map[int][]*Directive{}, commentLine: map[int]bool{}}
	if !mayHold(data, opts) {
		return fd, nil
	}
	var comments []comment
	if isHCL(file) {
		comments = hclComments(file, data, fd.commentLine)
	} else {
		comments = hashComments(data, fd.commentLine)
	}
	var diags []graph.Diagnostic
	for _, c := range comments {
		rng := graph.Range{File: file, Start: graph.Pos{Line: c.line, Column: c.column, Byte: -1}, End: graph.Pos{Line: c.line, Column: c.end, Byte: -1}}
		if m := ownDirectiveRE.FindStringSubmatchIndex(c.text); m != nil {
			ids, until, reason, err := parseDirective(c.text[m[2]:m[3]])
			if err != nil {
				diags = append(diags, graph.Warningf(rng, "invalid-suppression", "suppression not understood: %v (write: blindspot:ignore <rule-id> [until=YYYY-MM-DD] -- <reason>)", err))
			} else if ids, d := knownIDs(ids, opts.known, rng); len(ids) > 0 || len(d) == 0 {
				diags = append(diags, d...)
				fd.byLine[c.line] = append(fd.byLine[c.line], &Directive{RuleIDs: ids, Until: until, Reason: reason, Range: rng})
			} else {
				diags = append(diags, d...)
			}
		}
		if opts.foreign == nil {
			continue
		}
		for _, d := range opts.foreign.commentDirectives(c.text, rng) {
			if d.Enclosing {
				fd.enclosing = append(fd.enclosing, d)
			} else {
				fd.byLine[c.line] = append(fd.byLine[c.line], d)
			}
		}
	}
	return fd, diags
}

// ownDirectiveRE finds blindspot's directive in a comment's text.
var ownDirectiveRE = regexp.MustCompile(`blindspot:ignore\b(.*)$`)

// knownIDs keeps the rule IDs that exist and warns about the others, with
// the closest existing ID.
func knownIDs(ids, known []string, rng graph.Range) ([]string, []graph.Diagnostic) {
	if known == nil {
		return ids, nil
	}
	var out []string
	var diags []graph.Diagnostic
	for _, id := range ids {
		if slices.Contains(known, id) {
			out = append(out, id)
			continue
		}
		hint := ""
		if best, ok := spelling.Closest(id, known, func(d int) bool { return d <= max(3, len(id)/5) }); ok {
			hint = fmt.Sprintf(" (did you mean %s?)", best)
		}
		diags = append(diags, graph.Warningf(rng, "unknown-rule", "suppression names %s, which is not a blindspot rule%s", id, hint))
	}
	return out, diags
}

// isHCL reports whether file is read as HCL, whose comments are found
// with its lexer: # and // line comments and /* block */ comments.
func isHCL(file string) bool {
	switch strings.ToLower(filepath.Ext(file)) {
	case ".tf", ".hcl", ".tfvars":
		return true
	}
	return false
}

// hclComments lexes HCL source and returns the lines of its comments,
// marking the lines that hold only comments. The lexer knows strings and
// heredocs, so "arn:aws:s3:::b/*" in a policy is not a comment.
func hclComments(file string, data []byte, commentLine map[int]bool) []comment {
	tokens, _ := hclsyntax.LexConfig(data, file, hcl.Pos{Line: 1, Column: 1, Byte: 0})
	var out []comment
	lastLine := 0
	for _, tok := range tokens {
		if tok.Type == hclsyntax.TokenNewline || tok.Type == hclsyntax.TokenEOF {
			continue
		}
		first := tok.Range.Start.Line != lastLine
		lastLine = tok.Range.End.Line
		if tok.Type != hclsyntax.TokenComment {
			continue
		}
		text := string(tok.Bytes)
		if strings.HasSuffix(text, "\n") {
			// A line comment takes its newline: it ends on its own line.
			lastLine = tok.Range.Start.Line
		}
		line, col := tok.Range.Start.Line, tok.Range.Start.Column
		switch {
		case strings.HasPrefix(text, "/*"):
			body := strings.TrimSuffix(strings.TrimPrefix(text, "/*"), "*/")
			col += 2
			for i, part := range strings.Split(body, "\n") {
				if i > 0 {
					col = 1
				}
				if i > 0 || first {
					commentLine[line+i] = true
				}
				out = append(out, comment{line: line + i, column: col, text: strings.TrimRight(part, "\r"), end: col + utf8.RuneCountInString(part)})
			}
			continue
		case strings.HasPrefix(text, "#"):
			text, col = text[1:], col+1
		case strings.HasPrefix(text, "//"):
			text, col = text[2:], col+2
		}
		text = strings.TrimRight(text, "\r\n")
		if first {
			commentLine[line] = true
		}
		out = append(out, comment{line: line, column: tok.Range.Start.Column, text: text, end: col + utf8.RuneCountInString(text)})
	}
	return out
}

// hashComments finds # and // comments line by line (YAML, JSON and other
// files), marking the lines that hold only a comment.
func hashComments(data []byte, commentLine map[int]bool) []comment {
	var out []comment
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64*1024), 16<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		trimmed := strings.TrimSpace(line)
		if strings.HasPrefix(trimmed, "#") || strings.HasPrefix(trimmed, "//") {
			commentLine[n] = true
		}
		m := commentStartRE.FindStringSubmatchIndex(line)
		if m == nil {
			continue
		}
		out = append(out, comment{line: n, column: m[0] + 1, text: line[m[2]:], end: len(line) + 1})
	}
	return out
}

// commentStartRE finds where a comment that holds a suppression starts on
// a line.
var commentStartRE = regexp.MustCompile(`(?:#|//)\s*((?:blindspot:ignore|tfsec:ignore|trivy:ignore|checkov:skip))`)

// candidates returns the directives that apply at line: on the line
// itself and in the contiguous comment lines directly above it.
func (fd *fileDirectives) candidates(line int) []*Directive {
	out := append([]*Directive(nil), fd.byLine[line]...)
	for l := line - 1; l > 0 && fd.commentLine[l]; l-- {
		out = append(out, fd.byLine[l]...)
	}
	return out
}

// below returns the directives in the contiguous comment lines directly
// below line: a comment at the top of a resource's body (above Type: in a
// CloudFormation resource) is about the resource.
func (fd *fileDirectives) below(line int) []*Directive {
	var out []*Directive
	for l := line + 1; fd.commentLine[l]; l++ {
		out = append(out, fd.byLine[l]...)
	}
	return out
}

// Options control Apply.
type Options struct {
	// ReadFile reads a source file.
	ReadFile func(string) ([]byte, error)
	// Scanned, when set, gives what Scan found in a source file the scan
	// already read, nil for one it did not: Apply reads only the others.
	Scanned func(name string) *Scanned
	// Today decides whether an until= date has passed.
	Today time.Time
	// KnownRules are the IDs of every rule (run or not); a suppression
	// naming another is reported with the closest. Nil skips the check.
	KnownRules []string
	// Foreign, when set, honours other scanners' suppressions (tfsec,
	// Trivy, Checkov, cfn_nag) for the blindspot rules it maps them to.
	Foreign *Equivalents
}

// Scanned is what one source file says about suppressions.
type Scanned struct {
	fd    *fileDirectives
	diags []graph.Diagnostic
}

// Scan reads the suppression comments of the source file name, whose
// content is data, as Apply would read them: a scan does it where it
// holds the content anyway, on every core, and gives the result to Apply
// (Options.Scanned) instead of having it read every file again. What it
// returns holds the directives, not data.
func (o Options) Scan(name string, data []byte) *Scanned {
	opts := parseOptions{foreign: o.Foreign, known: o.KnownRules}
	if !mayHold(data, opts) {
		// Most files: one result for all, which Apply only reads.
		return noSuppressions
	}
	fd, diags := parseFile(name, data, opts)
	return &Scanned{fd: fd, diags: diags}
}

// noSuppressions is what Scan finds in a file without a suppression.
var noSuppressions = &Scanned{fd: &fileDirectives{byLine: map[int][]*Directive{}, commentLine: map[int]bool{}}}

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
		if sc := scanned(opts, name); sc != nil {
			fd = sc.fd
			diags = append(diags, sc.diags...)
		} else if data, err := opts.ReadFile(name); err == nil {
			var d []graph.Diagnostic
			fd, d = parseFile(name, data, parseOptions{foreign: opts.Foreign, known: opts.KnownRules})
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
		ds, d := metadataDirectives(r, opts.KnownRules)
		diags = append(diags, d...)
		if opts.Foreign != nil {
			ds = append(ds, opts.Foreign.metadataDirectives(r)...)
		}
		byResource[r] = ds
		metaDirectives = append(metaDirectives, ds...)
	}

	used := map[*Directive]bool{}
	reported := map[*Directive]bool{}
	suggested := map[*Directive]bool{}
	// suggest notes, once per foreign directive, the blindspot form of the
	// suppression it stands for.
	suggest := func(d *Directive, ruleID string) {
		if suggested[d] {
			return
		}
		suggested[d] = true
		reason := d.Reason
		if reason == "" {
			reason = "<reason>"
		}
		form := "# blindspot:ignore " + ruleID + " -- " + reason
		if d.Resource != nil {
			form = fmt.Sprintf("Metadata: {blindspot: {ignore: [{rule: %s, reason: %q}]}}", ruleID, reason)
		}
		diags = append(diags, graph.Notef(d.Range, "foreign-suppression",
			"%s suppresses %s; blindspot's own form is %s (--no-foreign-suppressions ignores the other scanners' forms)", d.Foreign, ruleID, form))
	}
	today := opts.Today.Format("2006-01-02")
	valid := func(d *Directive) bool {
		switch {
		case d.Reason == "" && d.Foreign == "":
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
				cands = append(cands, fd.below(r.NameRange.Start.Line)...)
			}
		}
		if r := f.Loc.Resource; r != nil && r.Range.File != "" {
			for _, d := range load(r.Range.File).enclosing {
				if inside(r.Range, d.Range.Start.Line) {
					cands = append(cands, d)
				}
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
				f.Suppressed = &rules.Suppression{Justification: justification(d), Range: d.Range, Until: d.Until}
				if d.Foreign != "" {
					suggest(d, f.RuleID)
				}
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
		if used[d] || d.Foreign != "" {
			// Another scanner's suppression that matches nothing may be
			// about a check blindspot does not make the same way.
			continue
		}
		valid(d) // reasonless and expired suppressions are reported even when unused
		diags = append(diags, graph.Notef(d.Range, "unused-suppression",
			"suppression of %s matches no finding; remove it", strings.Join(d.RuleIDs, ", ")))
	}
	graph.SortDiagnostics(diags)
	return diags
}

// justification is what a suppressed finding says about why: the
// directive's reason, and for another scanner's directive, which one.
func justification(d *Directive) string {
	switch {
	case d.Foreign == "":
		return d.Reason
	case d.Reason == "":
		return "suppressed by " + d.Foreign
	}
	return d.Reason + " (" + d.Foreign + ")"
}

// inside reports whether line lies in r.
func inside(r graph.Range, line int) bool {
	return line >= r.Start.Line && line <= r.End.Line
}

// scanned is what Options.Scanned says of name, nil when it says nothing.
func scanned(opts Options, name string) *Scanned {
	if opts.Scanned == nil {
		return nil
	}
	return opts.Scanned(name)
}

func (d *Directive) matches(ruleID string) bool { return slices.Contains(d.RuleIDs, ruleID) }

// metadataDirectives reads Metadata.blindspot.ignore of a CloudFormation
// resource: a list of {rule, reason, until} objects or of strings in the
// comment syntax ("aws-... until=... -- reason").
func metadataDirectives(r *graph.Resource, known []string) ([]*Directive, []graph.Diagnostic) {
	bs, ok := r.MetadataEntry("blindspot")
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
			ids, d := knownIDs(ids, known, rng)
			diags = append(diags, d...)
			if len(ids) > 0 {
				out = append(out, &Directive{RuleIDs: ids, Until: until, Reason: reason, Range: rng, Resource: r})
			}
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
		var unknown []graph.Diagnostic
		if d.RuleIDs, unknown = knownIDs(d.RuleIDs, known, rng); len(unknown) > 0 {
			diags = append(diags, unknown...)
			continue
		}
		out = append(out, d)
	}
	return out, diags
}
