package report

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"maps"
	"slices"
	"strings"
	"sync"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/rules"
)

// The HTML report is one file with its style sheet and script inline, so
// that it opens offline, from a CI artefact or an e-mail, and loads
// nothing (its Content-Security-Policy forbids it). html/template escapes
// every string that came from the scanned files.
var (
	//go:embed html/report.html.tmpl
	htmlTemplate string
	//go:embed html/style.css
	htmlCSS string
	//go:embed html/script.js
	htmlJS string

	// htmlPage is parsed on first use, not when the program starts:
	// most runs write no HTML.
	htmlPage = sync.OnceValue(func() *template.Template {
		return template.Must(template.New("report").Parse(htmlTemplate))
	})
)

// WriteHTML writes the HTML report: a summary by severity and rule, the
// organisation drawn (Options.Organization: its tree, the policies
// attached where and a matrix of the guardrails that hold at each place),
// and the findings with their excerpts, fixes and links, which the reader
// filters by severity, rule, file and text. It is printable.
func WriteHTML(w io.Writer, rs []*rules.Rule, fs []rules.Finding, diags []graph.Diagnostic, opts Options) error {
	v := buildHTMLView(rs, fs, diags, opts)
	if err := htmlPage().Execute(w, v); err != nil {
		return fmt.Errorf("writing HTML report: %w", err)
	}
	return nil
}

// htmlView is what the template shows.
type htmlView struct {
	CSS             template.CSS
	JS              template.JS
	Scanned         string
	Summary         string
	Severities      []htmlCount
	SeverityFilters []htmlOption
	Rules           []htmlRule
	Incomplete      []NotScanned
	Guardrails      []GuardrailColumn
	Org             *htmlOrgSection
	Findings        []htmlFinding
	RuleIDs         []string
	Files           []string
	Diagnostics     []htmlDiagnostic
}

type htmlCount struct {
	Name, Class string
	Count       int
}

type htmlOption struct{ Name, Value string }

type htmlRule struct {
	ID, Title, Severity, Class, Doc  string
	Failed, Undetermined, Suppressed int
	Passed                           string
}

type htmlOrgSection struct {
	Orgs               []htmlOrg
	ManagementAccounts []string
	Workloads          []htmlResource
}

type htmlOrg struct {
	Address, Loc, FeatureSet string
	Held                     []htmlCell
	Rows                     []htmlOrgRow
	Policies                 []htmlPolicy
	Trails                   []htmlTrail
	Delegated                []htmlDelegation
	Services                 []htmlResource
}

type htmlOrgRow struct {
	Kind, KindLabel, Name, Detail, Address, Loc, Note string
	Indent                                            int
	Policies                                          []string
	Cells                                             []htmlCell
}

type htmlCell struct{ Class, Symbol, Title string }

type htmlPolicy struct {
	Name, Type, Address, Loc string
	AttachedTo               []string
}

type htmlTrail struct{ Address, Loc, Class, Text string }

type htmlDelegation struct{ Service, Account, Address, Loc string }

type htmlResource struct{ Address, Type, Loc, Note string }

type htmlFinding struct {
	Severity, Class, Label, RuleID, Title, Message string
	File, Loc, Resource, Instances                 string
	Excerpt                                        []htmlLine
	Related                                        []htmlRelated
	Fix, Doc, Suppressed                           string
}

type htmlLine struct {
	N                  int
	Before, Hit, After string
}

type htmlRelated struct{ Label, Loc string }

type htmlDiagnostic struct{ Severity, Code, Loc, Message string }

func buildHTMLView(rs []*rules.Rule, fs []rules.Finding, diags []graph.Diagnostic, opts Options) *htmlView {
	paths := opts.pathBase()
	v := &htmlView{CSS: template.CSS(htmlCSS), JS: template.JS(htmlJS)}
	plain := func(_, s string) string { return s }
	s := Summarize(fs, diags)
	v.Summary = clean(summaryLine(s, opts, plain))
	if opts.Stats != nil {
		v.Scanned = scannedLine(opts.Stats.totals())
	}
	for _, sev := range []rules.Severity{rules.Critical, rules.High, rules.Medium, rules.Low} {
		v.Severities = append(v.Severities, htmlCount{Name: sev.String(), Class: "sev-" + sev.String(), Count: s.BySeverity[sev.String()]})
		v.SeverityFilters = append(v.SeverityFilters, htmlOption{Name: sev.String(), Value: sev.String()})
	}
	if opts.ShowUnknown {
		v.Severities = append(v.Severities, htmlCount{Name: "could not be evaluated", Class: "sev-unknown", Count: s.Undetermined})
		v.SeverityFilters = append(v.SeverityFilters, htmlOption{Name: "unknown", Value: "unknown"})
	}
	byID := map[string]*rules.Rule{}
	for _, r := range rs {
		byID[r.ID] = r
	}
	if opts.Stats != nil {
		for _, c := range opts.Stats.Rules {
			r := byID[c.RuleID]
			if r == nil || c.Failed+c.Undetermined+c.Suppressed == 0 {
				continue
			}
			hr := htmlRule{ID: c.RuleID, Title: r.Title, Severity: r.Severity.String(), Class: "sev-" + r.Severity.String(),
				Failed: c.Failed, Undetermined: c.Undetermined, Suppressed: c.Suppressed, Passed: fmt.Sprint(c.Passed)}
			if opts.HelpURI != nil {
				hr.Doc = opts.HelpURI(c.RuleID)
			}
			v.Rules = append(v.Rules, hr)
		}
	}
	v.Incomplete = notScanned(diags, paths)
	for i := range v.Incomplete {
		v.Incomplete[i].Example = clean(v.Incomplete[i].Example)
	}
	if o := opts.Organization; o != nil {
		v.Guardrails = o.Guardrails
		v.Org = buildHTMLOrg(o, paths)
	}

	src := &sourceLines{files: map[string][]string{}}
	files, ruleIDs := map[string]bool{}, map[string]bool{}
	sortedFs := sorted(fs)
	var visible []*rules.Finding
	for i := range sortedFs {
		if shown(&sortedFs[i], opts) {
			visible = append(visible, &sortedFs[i])
		}
	}
	for _, g := range groupFindings(visible) {
		f := g.findings[0]
		hf := htmlFinding{
			Severity: f.Severity.String(), Class: "sev-" + f.Severity.String(), Label: f.Severity.String(),
			RuleID: f.RuleID, Message: clean(g.message), File: displayPath(f.Loc.Range.File, paths),
			Loc: clean(position(f.Loc.Range, paths)),
		}
		if f.Status == rules.Undetermined {
			hf.Severity, hf.Class, hf.Label = "unknown", "sev-unknown", "unknown"
		}
		if len(g.instances) > 0 {
			hf.Instances = clean(listInstances(g.instances))
		} else if r := f.Loc.Resource; r != nil {
			hf.Resource = clean(r.Address)
		}
		if r := byID[f.RuleID]; r != nil {
			hf.Title = r.Title
			if f.Status == rules.Failed {
				hf.Fix = FixSummary(r)
			}
		}
		if opts.HelpURI != nil {
			hf.Doc = opts.HelpURI(f.RuleID)
		}
		if sp := f.Suppressed; sp != nil {
			hf.Suppressed = clean(sp.Justification)
			if sp.Until != "" {
				hf.Suppressed += " (until " + sp.Until + ")"
			}
		}
		lines, more := g.related()
		for _, r := range lines {
			hf.Related = append(hf.Related, htmlRelated{Label: clean(r.label), Loc: clean(position(r.loc, paths))})
		}
		if more > 0 {
			hf.Related = append(hf.Related, htmlRelated{Label: "and", Loc: fmt.Sprintf("%d more", more)})
		}
		hf.Excerpt = htmlExcerpt(src, f.Loc.Range)
		files[hf.File] = true
		ruleIDs[f.RuleID] = true
		v.Findings = append(v.Findings, hf)
	}
	v.Files = slices.Sorted(maps.Keys(files))
	v.RuleIDs = slices.Sorted(maps.Keys(ruleIDs))
	for _, d := range sortedDiagnostics(diags) {
		if d.Severity == graph.Debug {
			continue
		}
		v.Diagnostics = append(v.Diagnostics, htmlDiagnostic{Severity: d.Severity.String(), Code: d.Code,
			Loc: clean(position(d.Range, paths)), Message: clean(d.Message)})
	}
	return v
}

// htmlExcerpt is the line of r with one line of context on either side,
// the range marked.
func htmlExcerpt(src *sourceLines, r graph.Range) []htmlLine {
	if r.Start.Line <= 0 {
		return nil
	}
	var out []htmlLine
	for n := r.Start.Line - 1; n <= r.Start.Line+1; n++ {
		line, ok := src.line(r.File, n)
		if !ok {
			continue
		}
		runes := []rune(strings.Map(printable, line))
		if len(runes) > maxExcerpt {
			runes = append(runes[:maxExcerpt], '…')
		}
		l := htmlLine{N: n, Before: string(runes)}
		if n == r.Start.Line {
			start := min(max(r.Start.Column-1, 0), len(runes))
			end := len(runes)
			if r.End.Line == r.Start.Line && r.End.Column > r.Start.Column {
				end = min(r.End.Column-1, len(runes))
			}
			l.Before, l.Hit, l.After = string(runes[:start]), string(runes[start:end]), string(runes[end:])
		}
		out = append(out, l)
	}
	return out
}

// buildHTMLOrg lays the organisation out for the template: the tree as
// matrix rows in depth-first order.
func buildHTMLOrg(o *Organization, base graph.PathBase) *htmlOrgSection {
	sec := &htmlOrgSection{ManagementAccounts: o.ManagementAccounts}
	for _, w := range o.ManagementWorkloads {
		sec.Workloads = append(sec.Workloads, htmlResourceOf(w, base))
	}
	for _, org := range o.Orgs {
		h := htmlOrg{Address: clean(org.Resource.Address), Loc: clean(position(org.Resource.Range, base)), FeatureSet: org.FeatureSet}
		h.Held = htmlCells(org.Held)
		var walk func(n OrgNode, depth int)
		walk = func(n OrgNode, depth int) {
			row := htmlOrgRow{Kind: n.Kind, Name: clean(n.Name), Detail: clean(n.Detail), Indent: depth * 2,
				Address: clean(n.Resource.Address), Loc: clean(position(n.Resource.Range, base)), Note: clean(n.Resource.Note),
				Cells: htmlCells(n.Guardrails)}
			for _, p := range n.Policies {
				row.Policies = append(row.Policies, clean(p))
			}
			switch n.Kind {
			case "root":
				row.KindLabel = "root"
			case "ou":
				row.KindLabel = "OU"
			default:
				row.KindLabel = "account"
			}
			h.Rows = append(h.Rows, row)
			for _, c := range n.Children {
				walk(c, depth+1)
			}
		}
		walk(org.Root, 0)
		for _, n := range org.Unplaced {
			walk(n, 1)
		}
		for _, p := range org.Policies {
			hp := htmlPolicy{Name: clean(p.Name), Type: p.Type, Address: clean(p.Resource.Address), Loc: clean(position(p.Resource.Range, base))}
			for _, t := range p.AttachedTo {
				hp.AttachedTo = append(hp.AttachedTo, clean(t))
			}
			h.Policies = append(h.Policies, hp)
		}
		for _, t := range org.Trails {
			ht := htmlTrail{Address: clean(t.Resource.Address), Loc: clean(position(t.Resource.Range, base))}
			switch t.Organization.Status {
			case Held:
				ht.Class, ht.Text = "", "records every account of the organisation"
			case NotHeld:
				ht.Class, ht.Text = "sev-high", "records this account only (not an organisation trail)"
			default:
				ht.Class, ht.Text = "sev-medium", "may record the organisation: "+clean(t.Organization.Why)
			}
			h.Trails = append(h.Trails, ht)
		}
		for _, d := range org.DelegatedAdmins {
			h.Delegated = append(h.Delegated, htmlDelegation{Service: d.Service, Account: clean(d.Account),
				Address: clean(d.Resource.Address), Loc: clean(position(d.Resource.Range, base))})
		}
		for _, s := range org.Services {
			h.Services = append(h.Services, htmlResourceOf(s, base))
		}
		sec.Orgs = append(sec.Orgs, h)
	}
	return sec
}

func htmlResourceOf(r OrgResource, base graph.PathBase) htmlResource {
	return htmlResource{Address: clean(r.Address), Type: r.Type, Loc: clean(position(r.Range, base)), Note: clean(r.Note)}
}

// htmlCells renders guardrail cells: a symbol, a class for the colour and
// a title saying which policy holds it or why it is not known.
func htmlCells(cs []Cell) []htmlCell {
	var out []htmlCell
	for _, c := range cs {
		h := htmlCell{Class: c.Status}
		switch c.Status {
		case Held:
			h.Symbol, h.Title = "✓", "held"
			if len(c.By) > 0 {
				h.Title = "held by " + strings.Join(slices.Clone(c.By), ", ")
			}
		case NotHeld:
			h.Symbol, h.Title = "✗", "not held: no service control policy attached here or above gives it"
		default:
			h.Symbol, h.Title = "?", "not known: "+c.Why
		}
		h.Title = clean(h.Title)
		out = append(out, h)
	}
	return out
}
