// Package sarif writes blindspot's results as SARIF 2.1.0, in the profile
// GitHub code scanning and IDE SARIF viewers accept: every rule with full
// metadata and a security-severity, results with exact regions relative to
// %SRCROOT%, stable partial fingerprints, related locations for module call
// chains and evidence, quick fixes, suppressions and baseline states, and
// diagnostics as tool execution notifications.
package sarif

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"

	gosarif "github.com/owenrumney/go-sarif/v2/sarif"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/internal/jsonfmt"
	"github.com/blindspot-iac/blindspot/internal/parallel"
	"github.com/blindspot-iac/blindspot/rules"
)

// GitHubMaxResults is the number of results per run GitHub code scanning
// accepts; beyond it uploads are rejected.
const GitHubMaxResults = 25000

// FingerprintKey is the partialFingerprints key of rules.Finding.Fingerprint.
const FingerprintKey = "blindspotFingerprint/v1"

// PoliciesComponent names the tool extension that holds custom policies.
const PoliciesComponent = "blindspot-custom-policies"

// srcRoot is the uriBaseId every artifact location is relative to.
const srcRoot = "%SRCROOT%"

// Options shape the report.
type Options struct {
	ToolVersion    string
	InformationURI string
	// BaseDir is the directory artifact URIs are made relative to (the
	// repository root); absolute paths are used for files outside it.
	BaseDir string
	// ShowUnknown adds results that could not be evaluated, as kind "open".
	ShowUnknown bool
	// IncludeSuppressed adds suppressed results with their suppression.
	IncludeSuppressed bool
	// HelpURI gives a rule's documentation page; nil for none.
	HelpURI func(ruleID string) string
	// MaxResults truncates the results (0 means GitHubMaxResults; a
	// negative value keeps none).
	MaxResults int
	// MaxGzipBytes caps the gzip-compressed size of the log by leaving out
	// results, the least severe first (0 means GitHubMaxGzipBytes).
	MaxGzipBytes int
}

// GitHubMaxGzipBytes is the largest gzip-compressed SARIF file GitHub code
// scanning accepts.
const GitHubMaxGzipBytes = 10 << 20

// Write writes one SARIF run for rs, fs and diags to w. A report that would
// exceed GitHub's upload size once compressed is written with fewer
// results and a notification saying how many were left out.
func Write(w io.Writer, rs []*rules.Rule, fs []rules.Finding, diags []graph.Diagnostic, opts Options) error {
	limit := opts.MaxGzipBytes
	if limit <= 0 {
		limit = GitHubMaxGzipBytes
	}
	return write(w, rs, fs, diags, opts, limit)
}

func write(w io.Writer, rs []*rules.Rule, fs []rules.Finding, diags []graph.Diagnostic, opts Options, maxGzip int) error {
	parts, err := marshalParts(rs, fs, diags, opts, maxGzip, resultsPerPart)
	if err != nil {
		return err
	}
	for _, p := range parts {
		if _, err := w.Write(p); err != nil {
			return fmt.Errorf("writing SARIF: %w", err)
		}
	}
	return nil
}

// resultsPerPart is how many results are encoded together, on one core:
// a few hundred kilobytes of log, enough that handing the parts out costs
// nothing next to encoding them.
const resultsPerPart = 256

// marshalParts returns the log in pieces, with perPart results in each
// piece of results.
func marshalParts(rs []*rules.Rule, fs []rules.Finding, diags []graph.Diagnostic, opts Options, maxGzip, perPart int) ([][]byte, error) {
	d, err := newDraft(rs, fs, diags, opts)
	if err != nil {
		return nil, err
	}
	maxResults := opts.MaxResults
	for {
		parts, results, err := d.encode(maxResults, perPart)
		if err != nil {
			return nil, err
		}
		// Compression never makes JSON larger, so a log within the limit
		// uncompressed needs no measuring.
		if results > 0 && partsLen(parts) > maxGzip && !fastWithin(parts, maxGzip) {
			if size := gzipSize(parts, gzip.DefaultCompression); size > maxGzip {
				// Keep a share of the results proportional to the budget,
				// with a margin for the rules and notifications that do not
				// shrink.
				maxResults = max(results*maxGzip/size*9/10, 0)
				if maxResults == 0 {
					maxResults = -1
				}
				continue
			}
		}
		return parts, nil
	}
}

func partsLen(parts [][]byte) int {
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	return n
}

// gzipSize is the size of the parts, one after the other, compressed
// with gzip at level.
func gzipSize(parts [][]byte, level int) int {
	var n countingWriter
	zw, err := gzip.NewWriterLevel(&n, level)
	if err != nil {
		// Only an invalid level fails; data stored uncompressed is no
		// smaller.
		return partsLen(parts)
	}
	for _, p := range parts {
		_, _ = zw.Write(p)
	}
	_ = zw.Close()
	return int(n)
}

// fastWithin reports whether the log compressed with gzip's fastest level
// fits in nine tenths of limit. The limit is measured at the default
// level, which takes twice as long and compresses a log a third better
// (1.1 MB against 1.6 MB for the perf corpus's 27 MB log with unknowns;
// on text that hardly compresses, at most a few bytes per thousand
// worse): a log this check passes is within the limit, with a tenth to
// spare, and a log it fails is measured at the default level.
//
// The log is cut in as many runs of parts as there are cores, compressed
// apart: each run starts with no earlier text to refer back to, so their
// sizes add up to a little more than the log's compressed whole (the check
// errs on the safe side), and a header each.
func fastWithin(parts [][]byte, limit int) bool {
	runs := min(runtime.GOMAXPROCS(0), len(parts))
	sizes := make([]int, runs)
	parallel.For(runs, func(i int) {
		sizes[i] = gzipSize(parts[len(parts)*i/runs:len(parts)*(i+1)/runs], gzip.BestSpeed)
	})
	total := 0
	for _, n := range sizes {
		total += n
	}
	return total <= limit-limit/10
}

type countingWriter int

func (c *countingWriter) Write(p []byte) (int, error) {
	*c += countingWriter(len(p))
	return len(p), nil
}

// draft is a log before its results are encoded: what every attempt at
// writing it within the size limit shares.
type draft struct {
	b *builder
	// schema is the $schema of SARIF 2.1.0 and root the file URI of
	// %SRCROOT%.
	schema, root string
	// builtin are the built-in rules sorted by ID, custom the custom
	// policies.
	builtin, custom []*rules.Rule
	// selected are the findings the report shows, in report order; shown
	// the severity each rule shows (ruleSeverities).
	// They point into the findings given: a finding is some 250 bytes,
	// a copy of thousands a megabyte.
	selected []*rules.Finding
	shown    map[string]rules.Severity
	// diags are the diagnostics in report order.
	diags []graph.Diagnostic
}

func newDraft(rs []*rules.Rule, fs []rules.Finding, diags []graph.Diagnostic, opts Options) (*draft, error) {
	report, err := gosarif.New(gosarif.Version210)
	if err != nil {
		return nil, fmt.Errorf("building SARIF: %w", err)
	}
	b := &builder{opts: opts, titles: map[string]string{}, base: absDir(opts.BaseDir)}
	b.paths = graph.NewPathBase(b.base)
	for _, r := range rs {
		b.titles[r.ID] = r.Title
	}
	root := "file://" + filepath.ToSlash(ensureSlash(b.base))
	if !strings.HasPrefix(root, "file:///") {
		root = "file:///" + strings.TrimPrefix(root, "file://")
	}

	sorted := append([]*rules.Rule(nil), rs...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].ID < sorted[j].ID })
	// Custom policies are the user's, not blindspot's: they are listed in
	// a tool extension of their own, and their results name it. index is
	// a rule's position in its component.
	b.index = map[string]uint{}
	b.custom = map[string]bool{}
	var builtin, custom []*rules.Rule
	for _, r := range sorted {
		if r.Custom() {
			b.custom[r.ID] = true
			b.index[r.ID] = uint(len(custom))
			custom = append(custom, r)
			continue
		}
		b.index[r.ID] = uint(len(builtin))
		builtin = append(builtin, r)
	}
	if len(custom) > 0 {
		b.policiesGUID = guidOf(PoliciesComponent)
	}

	selected := make([]*rules.Finding, 0, len(fs))
	for i := range fs {
		f := &fs[i]
		if f.Status == rules.Undetermined && !opts.ShowUnknown {
			continue
		}
		if f.Suppressed != nil && !opts.IncludeSuppressed {
			continue
		}
		if _, ok := b.index[f.RuleID]; !ok {
			continue
		}
		selected = append(selected, f)
	}
	shown := ruleSeverities(sorted, selected)
	// Sorting here, not only in the caller, makes the log depend on the
	// findings and not on their order.
	slices.SortStableFunc(selected, rules.CompareFindings)
	sortedDiags := append([]graph.Diagnostic(nil), diags...)
	graph.SortDiagnostics(sortedDiags)
	return &draft{b: b, schema: report.Schema, root: root, builtin: builtin, custom: custom,
		selected: selected, shown: shown, diags: sortedDiags}, nil
}

// Indentation depths in the log: the run's members (tool, invocations,
// results) are at runDepth, each result at resultDepth, each of the
// driver's rules at ruleDepth (run, tool, driver, rules).
const (
	runDepth    = 3
	resultDepth = runDepth + 1
	ruleDepth   = runDepth + 3
	indent      = "  "
)

// rulesPerPiece is how many of the driver's rules a piece of the log
// holds: some 80 KB.
const rulesPerPiece = 16

// encode encodes the log, indented, with at most maxResults results (0
// means GitHubMaxResults; a negative value keeps none), in pieces with
// perPart results each, and says how many results it holds. The pieces
// are encoded on all cores (plan.piece).
func (d *draft) encode(maxResults, perPart int) ([][]byte, int, error) {
	p, err := d.plan(maxResults, perPart)
	if err != nil {
		return nil, 0, err
	}
	pieces := make([][]byte, p.pieces())
	parallel.For(len(pieces), func(i int) {
		var e pieceEncoder
		pieces[i] = p.piece(&e, i, nil)
	})
	return pieces, len(p.selected), nil
}

// plan is a log with its results chosen and their fingerprints worked
// out: what remains is encoding its pieces, each on its own — the head up
// to the driver's rules, the rules in runs of rulesPerPiece, the rest of
// the head up to the results' opening bracket, the results in runs of
// perPart, and the tail.
type plan struct {
	d *draft
	// selected are the results, fps their fingerprints and occurrence
	// how many results up to each have its fingerprint.
	selected   []*rules.Finding
	fps        []string
	occurrence []int
	// invocations is the invocations array, compact.
	invocations []byte
	perPart     int
	// ruleParts is the number of pieces of rules.
	ruleParts int
}

// plan chooses the log's results, at most maxResults of them (0 means
// GitHubMaxResults; a negative value keeps none), and works out what
// encoding them needs from all of them.
func (d *draft) plan(maxResults, perPart int) (*plan, error) {
	switch {
	case maxResults == 0:
		maxResults = GitHubMaxResults
	case maxResults < 0:
		maxResults = 0
	}
	selected, dropped := d.selected, 0
	if len(selected) > maxResults {
		dropped = len(selected) - maxResults
		selected = mostSevere(selected, maxResults)
	}
	invocations, err := encodeJSON(nil, []*gosarif.Invocation{d.invocation(dropped)})
	if err != nil {
		return nil, err
	}

	// The results' fingerprints first: a result's
	// primaryLocationLineHash counts the results of its fingerprint
	// before it.
	parts := (len(selected) + perPart - 1) / perPart
	fps := make([]string, len(selected))
	parallel.For(parts, func(i int) {
		for j := i * perPart; j < min((i+1)*perPart, len(selected)); j++ {
			fps[j] = selected[j].FingerprintIn(d.b.paths)
		}
	})
	occurrence := make([]int, len(selected))
	seen := make(map[string]int, len(selected))
	for i, fp := range fps {
		seen[fp]++
		occurrence[i] = seen[fp]
	}
	return &plan{d: d, selected: selected, fps: fps, occurrence: occurrence, invocations: invocations, perPart: perPart,
		ruleParts: (len(d.builtin) + rulesPerPiece - 1) / rulesPerPiece}, nil
}

// pieces is the number of pieces of the log: the head's two and the runs
// of rules between them, the runs of results and the tail.
func (p *plan) pieces() int {
	return 3 + p.ruleParts + (len(p.selected)+p.perPart-1)/p.perPart
}

// pieceEncoder is what encoding a piece needs besides the plan, kept by
// a core for the pieces it encodes one after the other.
type pieceEncoder struct {
	// b is a builder of its own: it remembers the files' URIs.
	b *builder
	// compact holds a rule, a result or a run of the head before it is
	// indented.
	compact []byte
}

// piece appends the log's piece i to dst. The layout is go-sarif's, the
// bytes encoding/json would write for its object model indented by
// json.Indent (TestWriterIsObjectModel): the rules' metadata and the
// results, most of a log, are appended directly instead of built as
// objects first, and each piece indented on its own
// (jsonfmt.AppendIndentedAt).
func (p *plan) piece(e *pieceEncoder, i int, dst []byte) []byte {
	d := p.d
	if e.b == nil {
		b := *d.b
		b.uris = nil
		e.b = &b
	}
	switch last := p.pieces() - 1; {
	case i == 0:
		// The head, up to the driver's rules.
		head := append(e.compact[:0], `{"version":"2.1.0","$schema":`...)
		head = jsonfmt.AppendString(head, d.schema)
		head = append(head, `,"runs":[{"tool":`...)
		head = d.appendDriverStart(head)
		dst = jsonfmt.AppendIndented(dst, head, indent)
		e.compact = head
		if len(d.builtin) > 0 {
			dst = jsonfmt.AppendLineBreak(dst, indent, ruleDepth)
		}
		return dst
	case i <= p.ruleParts:
		// A run of the driver's rules, each written compact in a buffer
		// used again for the next and indented at once, as results are.
		from, to := (i-1)*rulesPerPiece, min(i*rulesPerPiece, len(d.builtin))
		for j := from; j < to; j++ {
			compact := e.compact[:0]
			if j > 0 {
				compact = append(compact, ',')
			}
			r := d.builtin[j]
			compact = e.b.appendRule(compact, r, d.shown[r.ID])
			dst = jsonfmt.AppendIndentedAt(dst, compact, indent, ruleDepth)
			e.compact = compact
		}
		return dst
	case i == p.ruleParts+1:
		// The rest of the head, from the end of the driver's rules to the
		// results' opening bracket.
		if len(d.builtin) > 0 {
			dst = jsonfmt.AppendLineBreak(dst, indent, ruleDepth-1)
		}
		dst = append(dst, ']')
		rest := d.appendToolEnd(e.compact[:0])
		rest = append(rest, `,"invocations":`...)
		rest = append(rest, p.invocations...)
		rest = append(rest, `,"results":`...)
		dst = jsonfmt.AppendIndentedAt(dst, rest, indent, ruleDepth-1)
		e.compact = rest
		dst = append(dst, '[')
		if len(p.selected) > 0 {
			dst = jsonfmt.AppendLineBreak(dst, indent, resultDepth)
		}
		return dst
	case i == last:
		tail := []byte(`,"columnKind":"unicodeCodePoints","originalUriBaseIds":{`)
		tail = jsonfmt.AppendString(tail, srcRoot)
		tail = append(tail, `:{"uri":`...)
		tail = jsonfmt.AppendString(tail, d.root)
		tail = append(tail, "}}}]}\n"...)
		if len(p.selected) > 0 {
			dst = jsonfmt.AppendLineBreak(dst, indent, runDepth)
		}
		dst = append(dst, ']')
		return jsonfmt.AppendIndentedAt(dst, tail, indent, runDepth)
	}
	// A result takes some 600 bytes compact, indentation makes it some
	// 1.75 times as large. Each is written compact in a buffer used
	// again for the next, and indented at once (a run of elements, its
	// comma included, indents apart): a compact copy of the whole piece
	// would be fresh memory written and read once.
	i -= p.ruleParts + 2
	from, to := i*p.perPart, min((i+1)*p.perPart, len(p.selected))
	dst = grow(dst, (to-from)*1536)
	for j := from; j < to; j++ {
		compact := e.compact[:0]
		if j > 0 {
			compact = append(compact, ',')
		}
		f := p.selected[j]
		compact = e.b.appendResult(compact, f, d.shown[f.RuleID], p.fps[j], p.occurrence[j])
		dst = jsonfmt.AppendIndentedAt(dst, compact, indent, resultDepth)
		e.compact = compact
	}
	return dst
}

// grow returns b with room for n more bytes. Unlike slices.Grow it does
// not clear the room: a fresh buffer of a megabyte cleared is a megabyte
// of memory touched, and faulted in, before a byte of it is written.
func grow(b []byte, n int) []byte {
	if cap(b)-len(b) >= n {
		return b
	}
	return append(make([]byte, 0, len(b)+n), b...)
}

// invocation is the log's invocation: the diagnostics as notifications,
// and one saying how many results were dropped, if any were.
func (d *draft) invocation(dropped int) *gosarif.Invocation {
	inv := &gosarif.Invocation{}
	success := true
	inv.ExecutionSuccessful = &success
	for _, diag := range d.diags {
		if diag.Severity == graph.Debug {
			continue
		}
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, d.b.notification(diag))
	}
	if dropped > 0 {
		text := fmt.Sprintf("%d results were left out, the least severe first, to keep the report within GitHub code scanning's limits (%d results per run, 10 MB compressed). Fix or suppress findings, or scan fewer paths at once.", dropped, GitHubMaxResults)
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, &gosarif.Notification{
			Level:      "warning",
			Message:    &gosarif.Message{Text: &text},
			Descriptor: &gosarif.ReportingDescriptorReference{Id: strPtr("results-truncated")},
		})
	}
	return inv
}

// encodeJSON appends v to dst as encoding/json encodes it compactly,
// without HTML escaping.
func encodeJSON(dst []byte, v any) ([]byte, error) {
	buf := bytes.NewBuffer(dst)
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("writing SARIF: %w", err)
	}
	// Encode ends the value with a newline.
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// mostSevere keeps max of the sorted findings fs: failed checks before
// undetermined ones, more severe before less, then in report order; the
// result stays in report order.
func mostSevere(fs []*rules.Finding, max int) []*rules.Finding {
	rank := func(f *rules.Finding) int {
		r := int(f.Severity)
		if f.Status == rules.Undetermined {
			r -= int(rules.Critical) + 1
		}
		return r
	}
	idx := make([]int, len(fs))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return rank(fs[idx[a]]) > rank(fs[idx[b]]) })
	idx = idx[:max]
	sort.Ints(idx)
	out := make([]*rules.Finding, len(idx))
	for i, j := range idx {
		out[i] = fs[j]
	}
	return out
}

type builder struct {
	// base is Options.BaseDir as an absolute path and paths shows files
	// relative to it, both worked out once: every location of the log
	// needs them, and finding the working directory takes system calls.
	base   string
	paths  graph.PathBase
	opts   Options
	titles map[string]string
	// index is each rule's position in its tool component, custom the
	// custom policies, listed in the extension whose GUID is
	// policiesGUID.
	index        map[string]uint
	custom       map[string]bool
	policiesGUID string
	// uris caches artifactURI.
	uris map[string]artifactURI
}

// ruleSeverities gives the severity each rule shows: GitHub code scanning
// reads security-severity from the rule, not from its results, so a
// rule's is the severity of most of its failed results in this report
// (the more severe on a tie) — with a configuration override, the
// override — and the rule's own when it has none. Results of another
// severity carry their own security-severity too.
func ruleSeverities(rs []*rules.Rule, fs []*rules.Finding) map[string]rules.Severity {
	counts := map[string]map[rules.Severity]int{}
	for _, f := range fs {
		if f.Status != rules.Failed || f.Severity == 0 {
			continue
		}
		if counts[f.RuleID] == nil {
			counts[f.RuleID] = map[rules.Severity]int{}
		}
		counts[f.RuleID][f.Severity]++
	}
	out := map[string]rules.Severity{}
	for _, r := range rs {
		out[r.ID] = r.Severity
		best := 0
		for _, sev := range []rules.Severity{rules.Critical, rules.High, rules.Medium, rules.Low} {
			if n := counts[r.ID][sev]; n > best {
				out[r.ID], best = sev, n
			}
		}
	}
	return out
}

// problemSeverity is the CodeQL-style problem.severity GitHub shows.
func problemSeverity(s rules.Severity) string {
	switch s {
	case rules.Critical, rules.High:
		return "error"
	case rules.Medium:
		return "warning"
	}
	return "recommendation"
}

// help renders a rule's help in text and Markdown.
func help(r *rules.Rule) (text, markdown string) {
	var t, m strings.Builder
	fmt.Fprintf(&t, "%s\n\n%s\n", r.Title, r.Description)
	fmt.Fprintf(&m, "**%s**\n\n%s\n", r.Title, r.Description)
	if r.Remediation.Text != "" {
		fmt.Fprintf(&t, "\nRemediation: %s\n", r.Remediation.Text)
		fmt.Fprintf(&m, "\n### Remediation\n\n%s\n", r.Remediation.Text)
	}
	if r.Remediation.Terraform != "" {
		fmt.Fprintf(&t, "\nTerraform:\n%s\n", r.Remediation.Terraform)
		fmt.Fprintf(&m, "\nTerraform:\n\n```hcl\n%s\n```\n", strings.TrimRight(r.Remediation.Terraform, "\n"))
	}
	if r.Remediation.CloudFormation != "" {
		fmt.Fprintf(&t, "\nCloudFormation:\n%s\n", r.Remediation.CloudFormation)
		fmt.Fprintf(&m, "\nCloudFormation:\n\n```yaml\n%s\n```\n", strings.TrimRight(r.Remediation.CloudFormation, "\n"))
	}
	if len(r.References) > 0 {
		t.WriteString("\nReferences:\n")
		m.WriteString("\n### References\n\n")
		for _, ref := range r.References {
			fmt.Fprintf(&t, "- %s\n", ref)
			fmt.Fprintf(&m, "- <%s>\n", ref)
		}
	}
	return t.String(), m.String()
}

func (b *builder) notification(d graph.Diagnostic) *gosarif.Notification {
	level := "note"
	switch d.Severity {
	case graph.Error:
		level = "error"
	case graph.Warning:
		level = "warning"
	}
	msg := d.Message
	n := &gosarif.Notification{Level: level, Message: &gosarif.Message{Text: &msg},
		Descriptor: &gosarif.ReportingDescriptorReference{Id: strPtr(d.Code)}}
	if d.Incomplete {
		// Part of the input was not scanned: the results may miss
		// problems there.
		n.Properties = gosarif.Properties{"incomplete": true}
	}
	if d.Range.File != "" {
		n.Locations = []*gosarif.Location{b.location(d.Range, "")}
	}
	return n
}

// location is a physical location; message is optional.
func (b *builder) location(r graph.Range, message string) *gosarif.Location {
	loc := &gosarif.Location{PhysicalLocation: &gosarif.PhysicalLocation{ArtifactLocation: b.artifact(r.File)}}
	if r.Start.Line > 0 {
		loc.PhysicalLocation.Region = region(r)
	}
	if message != "" {
		loc.Message = &gosarif.Message{Text: strPtr(message)}
	}
	return loc
}

// artifact makes a file's URI relative to BaseDir under %SRCROOT%
// (graph.RelPath); files outside it keep an absolute file URI.
func (b *builder) artifact(file string) *gosarif.ArtifactLocation {
	uri, relative := b.artifactURI(file)
	if relative {
		base := srcRoot
		return &gosarif.ArtifactLocation{URI: &uri, URIBaseId: &base}
	}
	return &gosarif.ArtifactLocation{URI: &uri}
}

// artifactURI is a file's URI and whether it is relative to %SRCROOT%
// (artifact). It is worked out once per file: a log names the same files
// over and over.
func (b *builder) artifactURI(file string) (uri string, relative bool) {
	if u, ok := b.uris[file]; ok {
		return u.uri, u.relative
	}
	uri, relative = b.newArtifactURI(file)
	if b.uris == nil {
		b.uris = map[string]artifactURI{}
	}
	b.uris[file] = artifactURI{uri, relative}
	return uri, relative
}

type artifactURI struct {
	uri      string
	relative bool
}

func (b *builder) newArtifactURI(file string) (uri string, relative bool) {
	if file == "" {
		file = "."
	}
	rel := b.paths.Rel(file)
	if rel != ".." && !strings.HasPrefix(rel, "../") && !filepath.IsAbs(filepath.FromSlash(rel)) {
		uri := escapeURI(rel)
		// A colon in the first segment would read as a URI scheme
		// ("a:b.tf"); RFC 3986 section 4.2 has it percent-encoded.
		if first, rest, more := strings.Cut(uri, "/"); strings.Contains(first, ":") {
			uri = strings.ReplaceAll(first, ":", "%3A")
			if more {
				uri += "/" + rest
			}
		}
		return uri, true
	}
	abs, err := filepath.Abs(file)
	if err != nil {
		abs = file
	}
	uri = "file://" + escapeURI(filepath.ToSlash(abs))
	if !strings.HasPrefix(uri, "file:///") {
		uri = "file:///" + strings.TrimPrefix(uri, "file://")
	}
	return uri, false
}

// position is r as file:line:column with the file relative to BaseDir, so
// that what is derived from it does not depend on where the scan ran.
func (b *builder) position(r graph.Range) string {
	if r.IsZero() {
		return r.String()
	}
	r.File = b.paths.Rel(r.File)
	return r.String()
}

// bounds are a SARIF region's lines and columns; end is false for a
// region with only a start.
type bounds struct {
	startLine, startColumn, endLine, endColumn int
	end                                        bool
}

// regionBounds converts a range; SARIF columns are 1-based like ours, and
// the end column is exclusive like ours.
func regionBounds(r graph.Range) bounds {
	reg := bounds{startLine: max(r.Start.Line, 1), startColumn: max(r.Start.Column, 1)}
	if r.End.Line >= reg.startLine && r.End.Line > 0 {
		reg.end = true
		reg.endLine, reg.endColumn = r.End.Line, max(r.End.Column, 1)
		if reg.endLine == reg.startLine && reg.endColumn <= reg.startColumn {
			reg.endColumn = reg.startColumn + 1
		}
	}
	return reg
}

// region is regionBounds in go-sarif's model.
func region(r graph.Range) *gosarif.Region {
	b := regionBounds(r)
	reg := &gosarif.Region{StartLine: &b.startLine, StartColumn: &b.startColumn}
	if b.end {
		reg.EndLine, reg.EndColumn = &b.endLine, &b.endColumn
	}
	return reg
}

// deletedBounds is the region an edit replaces. Unlike a result's region,
// an empty range stays empty: the edit inserts and deletes nothing.
func deletedBounds(r graph.Range) bounds {
	if r.End.Line < r.Start.Line || r.End.Line <= 0 || r.End.Column <= 0 ||
		(r.End.Line == r.Start.Line && r.End.Column < r.Start.Column) {
		r.End = r.Start
	}
	return bounds{startLine: max(r.Start.Line, 1), startColumn: max(r.Start.Column, 1),
		endLine: max(r.End.Line, 1), endColumn: max(r.End.Column, 1), end: true}
}

// escapeURI percent-encodes what a relative URI reference cannot hold.
func escapeURI(p string) string {
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9',
			strings.IndexByte("-._~/!$&'()*+,;=:@", c) >= 0:
			b.WriteByte(c)
		default:
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

func absDir(dir string) string {
	if dir == "" {
		dir = "."
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return dir
	}
	return abs
}

func ensureSlash(p string) string {
	if strings.HasSuffix(p, "/") {
		return p
	}
	return p + "/"
}

// guidOf derives a stable GUID (version 5 layout) from s.
func guidOf(s string) string {
	h := sha256.Sum256([]byte(s))
	h[6] = h[6]&0x0f | 0x50
	h[8] = h[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", h[0:4], h[4:6], h[6:8], h[8:10], h[10:16])
}

// pascal turns aws-s3-versioning-disabled into AwsS3VersioningDisabled, the
// form SARIF's rule name takes.
func pascal(id string) string {
	var b strings.Builder
	for _, part := range strings.Split(id, "-") {
		if part == "" {
			continue
		}
		b.WriteString(strings.ToUpper(part[:1]) + part[1:])
	}
	return b.String()
}

func isSemver(v string) bool {
	parts := strings.SplitN(strings.SplitN(v, "-", 2)[0], ".", 3)
	if len(parts) != 3 {
		return false
	}
	for _, p := range parts {
		if p == "" || strings.Trim(p, "0123456789") != "" {
			return false
		}
	}
	return true
}

func strPtr(s string) *string { return &s }
