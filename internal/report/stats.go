package report

import (
	"cmp"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/rules"
)

// Stats are what a scan measured besides its findings: what it read, how
// each rule fared, and how long it took. Reports show them in their
// summary; nil Stats leave that part out.
type Stats struct {
	// Units are the units scanned, in unit order.
	Units []UnitStats
	// Rules count each rule's results, by rule ID, in ID order.
	Rules []RuleCounts
	// Elapsed is the scan's wall time. It is shown only when asked for
	// (Options.Statistics), as it differs from run to run.
	Elapsed time.Duration
}

// UnitStats describe one unit scanned.
type UnitStats struct {
	Path string
	// Format is "terraform", "terraform-plan" or "cloudformation".
	Format      string
	Files       int
	Resources   int
	Diagnostics int
	Elapsed     time.Duration
}

// RuleCounts are one rule's results.
type RuleCounts struct {
	RuleID string `json:"ruleId"`
	// Failed counts failed checks that are not suppressed, Passed checks
	// that passed, Undetermined checks that could not be evaluated and
	// Suppressed failed checks an inline suppression silenced.
	Failed       int `json:"failed"`
	Passed       int `json:"passed"`
	Undetermined int `json:"undetermined"`
	Suppressed   int `json:"suppressed"`
}

// CountRules counts the results of each rule of rs: its findings (before
// any report filter) and passed, the checks that passed by rule ID.
func CountRules(rs []*rules.Rule, fs []rules.Finding, passed map[string]int) []RuleCounts {
	out := make([]RuleCounts, 0, len(rs))
	at := map[string]int{}
	for _, r := range rs {
		at[r.ID] = len(out)
		out = append(out, RuleCounts{RuleID: r.ID, Passed: passed[r.ID]})
	}
	for _, f := range fs {
		i, ok := at[f.RuleID]
		if !ok {
			continue
		}
		switch {
		case f.Suppressed != nil:
			out[i].Suppressed++
		case f.Status == rules.Undetermined:
			out[i].Undetermined++
		default:
			out[i].Failed++
		}
	}
	slices.SortFunc(out, func(a, b RuleCounts) int { return strings.Compare(a.RuleID, b.RuleID) })
	return out
}

// FormatTotals are the units, files and resources scanned in one format.
type FormatTotals struct {
	Format    string `json:"format"`
	Units     int    `json:"units"`
	Files     int    `json:"files"`
	Resources int    `json:"resources"`
}

// formatOrder is the order formats are listed in.
var formatOrder = []string{"terraform", "terraform-plan", "cloudformation"}

// totals sums the units by format, in formatOrder.
func (s *Stats) totals() []FormatTotals {
	if s == nil {
		return nil
	}
	by := map[string]*FormatTotals{}
	for _, u := range s.Units {
		t := by[u.Format]
		if t == nil {
			t = &FormatTotals{Format: u.Format}
			by[u.Format] = t
		}
		t.Units++
		t.Files += u.Files
		t.Resources += u.Resources
	}
	var out []FormatTotals
	for _, f := range formatOrder {
		if t := by[f]; t != nil {
			out = append(out, *t)
			delete(by, f)
		}
	}
	for _, f := range slices.Sorted(maps.Keys(by)) {
		out = append(out, *by[f])
	}
	return out
}

// formatNoun names a format's units in prose.
func formatNoun(format string, n int) string {
	switch format {
	case "terraform":
		return plural(n, "Terraform root module")
	case "terraform-plan":
		return plural(n, "Terraform plan")
	case "cloudformation":
		return plural(n, "CloudFormation template")
	}
	return plural(n, format+" unit")
}

// NotScanned is one cause that kept part of the input from being scanned,
// with how often it occurred.
type NotScanned struct {
	// Code is the diagnostic code (parse-error, module-not-found, ...).
	Code  string `json:"code"`
	Count int    `json:"count"`
	// Example is the first diagnostic's message, position included.
	Example string `json:"example"`
}

// notScanned aggregates the diagnostics that mean something was not
// scanned by code, in order of first occurrence.
func notScanned(diags []graph.Diagnostic, base graph.PathBase) []NotScanned {
	var out []NotScanned
	at := map[string]int{}
	for _, d := range sortedDiagnostics(diags) {
		if !d.NotScanned() {
			continue
		}
		i, ok := at[d.Code]
		if !ok {
			i = len(out)
			at[d.Code] = i
			ex := d.Message
			if p := position(d.Range, base); p != "" {
				ex = p + ": " + ex
			}
			out = append(out, NotScanned{Code: d.Code, Example: ex})
		}
		out[i].Count++
	}
	return out
}

// ControlStatus is a compliance control's result.
type ControlStatus string

// Control results, from worst to best.
const (
	ControlFailed       ControlStatus = "failed"
	ControlNotEvaluable ControlStatus = "not evaluable"
	ControlPassed       ControlStatus = "passed"
	// ControlNotChecked is a control none of whose rules found anything to
	// check (no resource of the kind in the scan).
	ControlNotChecked ControlStatus = "not checked"
)

// ControlResult is one control of a compliance framework with the results
// of the rules mapped to it.
type ControlResult struct {
	Control      string        `json:"control"`
	Status       ControlStatus `json:"status"`
	Rules        []string      `json:"rules"`
	Failed       int           `json:"failed"`
	Passed       int           `json:"passed"`
	Undetermined int           `json:"undetermined"`
}

// complianceTable groups the rule counts of rs by the controls of
// framework they map to: a control fails when one of its rules failed a
// check, cannot be evaluated when none failed but one could not tell, and
// passes when its rules passed every check they made. Controls are in
// their natural order (1.2 before 1.10).
func complianceTable(framework string, rs []*rules.Rule, counts []RuleCounts) []ControlResult {
	byRule := map[string]RuleCounts{}
	for _, c := range counts {
		byRule[c.RuleID] = c
	}
	byControl := map[string]*ControlResult{}
	for _, r := range rs {
		for _, id := range r.Controls(framework) {
			c := byControl[id]
			if c == nil {
				c = &ControlResult{Control: id}
				byControl[id] = c
			}
			if !slices.Contains(c.Rules, r.ID) {
				c.Rules = append(c.Rules, r.ID)
			}
			rc := byRule[r.ID]
			c.Failed += rc.Failed
			c.Passed += rc.Passed
			c.Undetermined += rc.Undetermined
		}
	}
	out := make([]ControlResult, 0, len(byControl))
	for _, c := range byControl {
		slices.Sort(c.Rules)
		switch {
		case c.Failed > 0:
			c.Status = ControlFailed
		case c.Undetermined > 0:
			c.Status = ControlNotEvaluable
		case c.Passed > 0:
			c.Status = ControlPassed
		default:
			c.Status = ControlNotChecked
		}
		out = append(out, *c)
	}
	slices.SortFunc(out, func(a, b ControlResult) int { return compareControls(a.Control, b.Control) })
	return out
}

// compareControls orders control IDs by their numeric parts where they
// have them ("1.9" < "1.10", "S3.2" < "S3.14").
func compareControls(a, b string) int {
	as, bs := splitDigits(a), splitDigits(b)
	for i := 0; i < len(as) && i < len(bs); i++ {
		x, errX := strconv.Atoi(as[i])
		y, errY := strconv.Atoi(bs[i])
		if errX == nil && errY == nil {
			if c := cmp.Compare(x, y); c != 0 {
				return c
			}
			continue
		}
		if c := strings.Compare(as[i], bs[i]); c != 0 {
			return c
		}
	}
	if c := cmp.Compare(len(as), len(bs)); c != 0 {
		return c
	}
	return strings.Compare(a, b)
}

// splitDigits splits s into runs of digits and runs of other characters.
func splitDigits(s string) []string {
	var out []string
	start := 0
	for i := 1; i <= len(s); i++ {
		if i == len(s) || isDigit(s[i]) != isDigit(s[i-1]) {
			out = append(out, s[start:i])
			start = i
		}
	}
	return out
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
