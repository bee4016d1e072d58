package report

import (
	"cmp"
	"encoding/xml"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/rules"
)

// The JUnit XML report, in the shape of the JUnit schema Jenkins, GitLab
// and Azure DevOps read (testsuites > testsuite > testcase with failure,
// error and skipped).
type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name       string           `xml:"name,attr"`
	Tests      int              `xml:"tests,attr"`
	Failures   int              `xml:"failures,attr"`
	Errors     int              `xml:"errors,attr"`
	Skipped    int              `xml:"skipped,attr"`
	Properties *junitProperties `xml:"properties,omitempty"`
	Cases      []junitCase      `xml:"testcase"`
	SystemErr  string           `xml:"system-err,omitempty"`
}

type junitProperties struct {
	Property []junitProperty `xml:"property"`
}

type junitProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type junitCase struct {
	Name      string         `xml:"name,attr"`
	Classname string         `xml:"classname,attr"`
	Failures  []junitProblem `xml:"failure"`
	Errors    []junitProblem `xml:"error"`
	Skipped   *junitProblem  `xml:"skipped"`
}

// junitProblem is a failure, an error or a skip: a one-line message, its
// kind, and the details as text.
type junitProblem struct {
	Message string `xml:"message,attr,omitempty"`
	Type    string `xml:"type,attr,omitempty"`
	Text    string `xml:",chardata"`
}

// diagnosticsSuite names the suite that holds the problems met reading the
// input.
const diagnosticsSuite = "blindspot: input"

// WriteJUnit writes the JUnit XML report CI systems show as test results:
// one test suite per rule that ran, one test case per rule and resource
// (or file, for findings about no resource) with a failure for each of its
// findings, and a passing case for a rule without findings. Undetermined
// checks (with ShowUnknown) and suppressed findings (with
// IncludeSuppressed) are skipped cases. Error diagnostics (files that
// could not be read) are errors in a suite of their own; warnings are its
// system-err. Paths are relative to BaseDir; there are no times, so the
// report is the same for the same input.
func WriteJUnit(w io.Writer, rs []*rules.Rule, fs []rules.Finding, diags []graph.Diagnostic, opts Options) error {
	paths := opts.pathBase()
	sortedRules := append([]*rules.Rule(nil), rs...)
	sort.Slice(sortedRules, func(i, j int) bool { return sortedRules[i].ID < sortedRules[j].ID })
	type caseKey struct{ rule, unit, subject string }
	cases := map[caseKey]*junitCase{}
	byRule := map[string][]caseKey{}
	for _, f := range sorted(fs) {
		if !shown(&f, opts) {
			continue
		}
		file := displayPath(f.Loc.Range.File, paths)
		key := caseKey{rule: f.RuleID, subject: file}
		name := file
		if r := f.Loc.Resource; r != nil {
			key.unit, key.subject = displayPath(r.Unit, paths), r.Address
			name = r.Address + " (" + file + ")"
		}
		c := cases[key]
		if c == nil {
			c = &junitCase{Name: name, Classname: f.RuleID}
			cases[key] = c
			byRule[f.RuleID] = append(byRule[f.RuleID], key)
		}
		p := junitProblem{Message: f.Message, Type: f.Severity.String(), Text: junitDetails(&f, paths)}
		switch {
		case f.Suppressed != nil:
			p.Message = "suppressed: " + f.Suppressed.Justification
			p.Type = ""
			c.Skipped = &p
		case f.Status == rules.Undetermined:
			p.Type = ""
			c.Skipped = &p
		default:
			c.Failures = append(c.Failures, p)
		}
	}

	out := junitSuites{Name: "blindspot"}
	for _, r := range sortedRules {
		s := junitSuite{Name: r.ID, Properties: &junitProperties{Property: []junitProperty{
			{Name: "title", Value: r.Title},
			{Name: "severity", Value: r.Severity.String()},
		}}}
		for _, key := range byRule[r.ID] {
			c := cases[key]
			// A case with failures is a failure, whatever else it holds.
			if len(c.Failures) > 0 {
				c.Skipped = nil
				s.Failures++
			} else if c.Skipped != nil {
				s.Skipped++
			}
			s.Cases = append(s.Cases, *c)
		}
		if len(s.Cases) == 0 {
			s.Cases = append(s.Cases, junitCase{Name: "no findings", Classname: r.ID})
		}
		s.Tests = len(s.Cases)
		out.Tests += s.Tests
		out.Failures += s.Failures
		out.Suites = append(out.Suites, s)
	}

	input := junitSuite{Name: diagnosticsSuite}
	var warnings []string
	errorCases := map[string]*junitCase{}
	var errorOrder []string
	for _, d := range sortedDiagnostics(diags) {
		where := position(d.Range, paths)
		switch d.Severity {
		case graph.Error:
			file := displayPath(d.Range.File, paths)
			c := errorCases[file]
			if c == nil {
				c = &junitCase{Name: cmp.Or(file, "(no file)"), Classname: diagnosticsSuite}
				errorCases[file] = c
				errorOrder = append(errorOrder, file)
			}
			c.Errors = append(c.Errors, junitProblem{Message: d.Message, Type: d.Code, Text: located(where, d.Message)})
		case graph.Warning:
			warnings = append(warnings, located(where, fmt.Sprintf("warning: %s [%s]", d.Message, d.Code)))
		}
	}
	for _, file := range errorOrder {
		input.Cases = append(input.Cases, *errorCases[file])
	}
	input.Tests, input.Errors = len(input.Cases), len(input.Cases)
	input.SystemErr = strings.Join(warnings, "\n")
	if input.Tests > 0 || input.SystemErr != "" {
		out.Tests += input.Tests
		out.Errors += input.Errors
		out.Suites = append(out.Suites, input)
	}

	if _, err := io.WriteString(w, xml.Header); err != nil {
		return fmt.Errorf("writing JUnit report: %w", err)
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(junitXML(out)); err != nil {
		return fmt.Errorf("writing JUnit report: %w", err)
	}
	if _, err := io.WriteString(w, "\n"); err != nil {
		return fmt.Errorf("writing JUnit report: %w", err)
	}
	return nil
}

// junitXML makes every string of the report valid XML character data:
// encoding/xml escapes markup but writes characters XML 1.0 forbids
// (most control characters) as they are, which parsers reject.
func junitXML(s junitSuites) junitSuites {
	s.Name = xmlText(s.Name)
	for i := range s.Suites {
		su := &s.Suites[i]
		su.Name, su.SystemErr = xmlText(su.Name), xmlText(su.SystemErr)
		if su.Properties != nil {
			for j := range su.Properties.Property {
				p := &su.Properties.Property[j]
				p.Name, p.Value = xmlText(p.Name), xmlText(p.Value)
			}
		}
		for j := range su.Cases {
			c := &su.Cases[j]
			c.Name, c.Classname = xmlText(c.Name), xmlText(c.Classname)
			for _, ps := range [][]junitProblem{c.Failures, c.Errors} {
				for k := range ps {
					ps[k] = xmlProblem(ps[k])
				}
			}
			if c.Skipped != nil {
				p := xmlProblem(*c.Skipped)
				c.Skipped = &p
			}
		}
	}
	return s
}

func xmlProblem(p junitProblem) junitProblem {
	return junitProblem{Message: xmlText(p.Message), Type: xmlText(p.Type), Text: xmlText(p.Text)}
}

// xmlText replaces the characters XML 1.0 cannot hold with U+FFFD.
func xmlText(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r',
			r >= 0x20 && r <= 0xD7FF,
			r >= 0xE000 && r <= 0xFFFD,
			r >= 0x10000 && r <= 0x10FFFF:
			return r
		}
		return '\uFFFD'
	}, s)
}

// junitDetails is the text of a failure: where, what, and the related
// locations.
func junitDetails(f *rules.Finding, base graph.PathBase) string {
	var b strings.Builder
	b.WriteString(located(position(f.Loc.Range, base), f.Message))
	for _, r := range f.Related {
		if r.Loc.Range.IsZero() {
			continue
		}
		fmt.Fprintf(&b, "\n  %s: %s", r.Message, position(r.Loc.Range, base))
	}
	return b.String()
}
