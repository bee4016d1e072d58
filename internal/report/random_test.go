package report

import (
	"bytes"
	"encoding/json"
	"math/rand"
	"strings"
	"testing"
	"unicode"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/internal/findingtest"
	"github.com/blindspot-iac/blindspot/rules"
)

// hostile mixes what a scanned file can put into a message through a
// resource name or a for_each key: terminal escapes, line breaks, carriage
// returns, NUL, invalid UTF-8, workflow-command syntax.
func hostile(r *rand.Rand) string {
	pieces := []string{"", "a", "é", "\"", "\\", "\n", "\r", "\t", "\x00", "\x1b[2J", "\x1b]0;pwned\x07", "\xff", "%0A", "::error::x", ",", "💥", "\u0085"}
	var s string
	for i := r.Intn(8); i > 0; i-- {
		s += pieces[r.Intn(len(pieces))]
	}
	return s
}

func hostileRange(r *rand.Rand, dir string) graph.Range {
	files := []string{"", dir + "/main.tf", dir + "/tabs.tf", "main.tf", "/elsewhere/x.tf", dir + "/a\x1b[31m.tf"}
	n := func() int { return r.Intn(6) - 1 }
	return graph.Range{File: files[r.Intn(len(files))], Start: graph.Pos{Line: n(), Column: n()}, End: graph.Pos{Line: n(), Column: n()}}
}

// hostileFindings are n findings with hostile text and positions.
func hostileFindings(r *rand.Rand, dir string, n int) []rules.Finding {
	ids := []string{"aws-s3-versioning-disabled", "aws-kms-rotation-disabled", "aws-ec2-open-ingress"}
	var fs []rules.Finding
	for range n {
		f := rules.Finding{
			RuleID: ids[r.Intn(len(ids))], Severity: rules.Severity(1 + r.Intn(4)), Status: rules.Status(1 + r.Intn(2)),
			Message: hostile(r), Loc: graph.Loc{Path: hostile(r), Range: hostileRange(r, dir)},
			Related: []rules.Related{{Loc: graph.Loc{Range: hostileRange(r, dir)}, Message: hostile(r)}},
		}
		if r.Intn(3) == 0 {
			f.Suppressed = &rules.Suppression{Justification: hostile(r), Until: "2030-01-01"}
		}
		if r.Intn(3) == 0 {
			f.Fix = &rules.Fix{Description: hostile(r), Edits: []rules.Edit{{Range: hostileRange(r, dir), Text: hostile(r)}}}
		}
		fs = append(fs, f)
	}
	return fs
}

// TestJSONReportIsEncodingJSON: the JSON report, its findings encoded
// and indented in parts on all cores, is byte for byte what encoding/json
// writes for the whole JSONReport, indented, however many findings a part
// holds: on hostile findings of random number and shape, with and without
// unknowns, suppressed findings, statistics and a compliance table.
func TestJSONReportIsEncodingJSON(t *testing.T) {
	dir := project(t)
	r := rand.New(rand.NewSource(8))
	for i := range 200 {
		fs := hostileFindings(r, dir, r.Intn(12))
		if i%10 == 0 {
			fs = append(fs, findingtest.Findings(dir)...)
		}
		ds := []graph.Diagnostic{{Severity: graph.DiagSeverity(1 + r.Intn(4)), Code: "parse-error", Message: hostile(r), Range: hostileRange(r, dir)}}
		opts := Options{BaseDir: dir, ShowUnknown: r.Intn(2) == 0, IncludeSuppressed: r.Intn(2) == 0, Statistics: r.Intn(2) == 0}
		if r.Intn(2) == 0 {
			opts.Stats = &Stats{Rules: CountRules(findingtest.Rules(), fs, nil)}
			if r.Intn(2) == 0 {
				opts.Compliance = rules.FrameworkNames()[0]
			}
		}
		out := buildJSONReport(findingtest.Rules(), fs, ds, opts)
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			t.Fatal(err)
		}
		for _, perPart := range []int{1, 2, 3, findingsPerPart} {
			parts, err := encodeJSONReport(out, perPart)
			if err != nil {
				t.Fatal(err)
			}
			if got := bytes.Join(parts, nil); !bytes.Equal(got, want.Bytes()) {
				t.Fatalf("%d findings a part:\n%s\nwant\n%s", perPart, got, want.Bytes())
			}
		}
	}
}

// TestHostileInput: whatever the findings and diagnostics hold, no writer
// panics, the text report carries no control character but newline and
// tab, every GitHub line is one workflow command (or the summary), and
// the JSON report matches its schema.
func TestHostileInput(t *testing.T) {
	dir := project(t)
	schema := compileReportSchema(t)
	r := rand.New(rand.NewSource(7))
	for i := 0; i < 200; i++ {
		fs := hostileFindings(r, dir, r.Intn(6))
		ds := []graph.Diagnostic{{Severity: graph.DiagSeverity(1 + r.Intn(4)), Code: "parse-error", Message: hostile(r), Range: hostileRange(r, dir)}}
		opts := Options{BaseDir: dir, ShowUnknown: r.Intn(2) == 0, IncludeSuppressed: r.Intn(2) == 0, FailOn: rules.Severity(r.Intn(5))}

		text := render(t, WriteText, fs, ds, opts)
		for _, c := range text {
			if unicode.IsControl(c) && c != '\n' && c != '\t' {
				t.Fatalf("text report carries control character %U:\n%q", c, text)
			}
		}

		gh := render(t, WriteGitHub, fs, ds, opts)
		for _, line := range strings.Split(strings.TrimSuffix(gh, "\n"), "\n") {
			ok := strings.HasPrefix(line, "::error ") || strings.HasPrefix(line, "::warning ") ||
				strings.HasPrefix(line, "::notice ") || strings.HasPrefix(line, "blindspot: ")
			if !ok || strings.ContainsAny(line, "\r\x1b\x00") {
				t.Fatalf("GitHub output line is not one clean command: %q\nin\n%s", line, gh)
			}
		}

		js := render(t, WriteJSON, fs, ds, opts)
		if !json.Valid([]byte(js)) {
			t.Fatalf("JSON report is not JSON:\n%s", js)
		}
		validateReport(t, schema, "hostile report", bytes.Clone([]byte(js)))
	}
}
