package sarif_test

import (
	"bytes"
	"fmt"
	"math/rand"
	"testing"

	"github.com/blindspot-iac/blindspot/internal/findingtest"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/rules"
	"github.com/blindspot-iac/blindspot/rules/builtin"
	"github.com/blindspot-iac/blindspot/sarif"
	"github.com/blindspot-iac/blindspot/sarif/sariftest"
)

// randomText mixes the characters that trip writers up: quotes, escapes,
// control characters, invalid UTF-8, HTML, percent signs.
func randomText(r *rand.Rand) string {
	pieces := []string{"", "a", "é", "\"", "\\", "\n", "\r", "\t", "\x00", "\x1b[31m", "\xff\xfe", "<b>", "&", "%0A", "::", ",", "💥", " "}
	var s string
	for i := r.Intn(8); i > 0; i-- {
		s += pieces[r.Intn(len(pieces))]
	}
	return s
}

func randomRange(r *rand.Rand, dir string) graph.Range {
	files := []string{"", dir + "/main.tf", "main.tf", "/elsewhere/x.tf", dir + "/a b/ü.yaml", dir + "/c:d.json"}
	n := func() int { return r.Intn(6) - 1 }
	return graph.Range{
		File:  files[r.Intn(len(files))],
		Start: graph.Pos{Line: n(), Column: n(), Byte: -1},
		End:   graph.Pos{Line: n(), Column: n(), Byte: -1},
	}
}

// randomFindings are findings with every field drawn at random, including
// values no front end should produce (negative lines, ends before starts).
func randomFindings(r *rand.Rand, dir string, n int) []rules.Finding {
	ids := []string{"aws-s3-versioning-disabled", "aws-kms-rotation-disabled", "aws-ec2-open-ingress", "aws-iam-password-policy-weak", "aws-unknown-rule"}
	var fs []rules.Finding
	for i := 0; i < n; i++ {
		f := rules.Finding{
			RuleID:   ids[r.Intn(len(ids))],
			Severity: rules.Severity(r.Intn(5)),
			Status:   rules.Status(1 + r.Intn(2)),
			Message:  randomText(r),
			Loc:      graph.Loc{Path: randomText(r), Range: randomRange(r, dir)},
		}
		if r.Intn(2) == 0 {
			f.Loc.Resource = &graph.Resource{Unit: dir, Address: randomText(r)}
		}
		for j := r.Intn(3); j > 0; j-- {
			f.Related = append(f.Related, rules.Related{Loc: graph.Loc{Range: randomRange(r, dir)}, Message: randomText(r)})
		}
		if r.Intn(3) == 0 {
			f.Fix = &rules.Fix{Description: randomText(r)}
			for j := r.Intn(3); j > 0; j-- {
				f.Fix.Edits = append(f.Fix.Edits, rules.Edit{Range: randomRange(r, dir), Text: randomText(r)})
			}
		}
		if r.Intn(3) == 0 {
			f.Suppressed = &rules.Suppression{Justification: randomText(r), Range: randomRange(r, dir), Until: randomText(r)}
		}
		f.BaselineState = []string{"", rules.BaselineNew, rules.BaselineUnchanged}[r.Intn(3)]
		fs = append(fs, f)
	}
	return fs
}

func randomDiagnostics(r *rand.Rand, dir string, n int) []graph.Diagnostic {
	var ds []graph.Diagnostic
	for i := 0; i < n; i++ {
		ds = append(ds, graph.Diagnostic{Severity: graph.DiagSeverity(r.Intn(5)), Code: randomText(r), Message: randomText(r), Range: randomRange(r, dir)})
	}
	return ds
}

// TestRandomFindingsGiveValidSARIF: whatever the findings hold, the log is
// valid SARIF.
func TestRandomFindingsGiveValidSARIF(t *testing.T) {
	dir := project(t)
	r := rand.New(rand.NewSource(3))
	for i := 0; i < 200; i++ {
		fs := randomFindings(r, dir, r.Intn(6))
		ds := randomDiagnostics(r, dir, r.Intn(4))
		opts := baseOptions(dir)
		opts.ShowUnknown, opts.IncludeSuppressed = r.Intn(2) == 0, r.Intn(2) == 0
		opts.MaxResults = r.Intn(4) - 1
		data := write(t, findingtest.Rules(), fs, ds, opts)
		if err := sariftest.Check(data); err != nil {
			t.Fatalf("iteration %d: %v\n%s", i, err, data)
		}
	}
}

// TestWriterIsObjectModel: the writer appends the rules and the results
// directly, in parts; the log it writes is byte for byte the one
// encoding/json gives for go-sarif's object model of the same log, on
// logs of every shape and on random findings, however many results a
// part holds.
func TestWriterIsObjectModel(t *testing.T) {
	dir := project(t)
	check := func(t *testing.T, rs []*rules.Rule, fs []rules.Finding, ds []graph.Diagnostic, opts sarif.Options) {
		t.Helper()
		want, err := sarif.ModelLog(rs, fs, ds, opts)
		if err != nil {
			t.Fatal(err)
		}
		if got := write(t, rs, fs, ds, opts); !bytes.Equal(got, want) {
			t.Errorf("the log differs from the object model's:\n%s", firstDifference(got, want))
		}
		// The results are encoded in parts, on all cores: cut anywhere,
		// the log is the same.
		for perPart := 1; perPart <= 3; perPart++ {
			got, parts, err := sarif.MarshalInParts(rs, fs, ds, opts, perPart)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%d results a part: the log differs from the object model's:\n%s", perPart, firstDifference(got, want))
			}
			run := decode(t, got).Runs[0]
			rulesParts := (len(run.Tool.Driver.Rules) + sarif.RulesPerPiece - 1) / sarif.RulesPerPiece
			if results := len(run.Results); len(parts) != 3+rulesParts+(results+perPart-1)/perPart {
				t.Errorf("%d results in %d parts of %d, %d parts of rules", results, len(parts), perPart, rulesParts)
			}
		}
		// Streamed, each piece written once it and those before it are
		// encoded, by any number of cores: the same log.
		for perPart := 1; perPart <= 3; perPart++ {
			for workers := 1; workers <= 3; workers++ {
				if got := stream(t, rs, fs, ds, opts, perPart, workers); !bytes.Equal(got, want) {
					t.Errorf("streamed with %d results a piece, %d workers: the log differs from the object model's:\n%s", perPart, workers, firstDifference(got, want))
				}
			}
		}
	}
	for _, s := range shapes(dir) {
		t.Run(s.name, func(t *testing.T) {
			opts := baseOptions(dir)
			if s.edit != nil {
				s.edit(&opts)
			}
			check(t, append(findingtest.Rules(), s.policies...), s.fs, s.diags, opts)
		})
	}
	// The rules are encoded in pieces too: none, some built-in and only
	// custom ones, and every built-in rule.
	t.Run("no rules", func(t *testing.T) { check(t, nil, nil, nil, baseOptions(dir)) })
	t.Run("only custom policies", func(t *testing.T) {
		check(t, []*rules.Rule{customPolicy}, policyFindings(dir), nil, baseOptions(dir))
	})
	t.Run("built-in rules", func(t *testing.T) {
		check(t, append(builtin.Rules(), customPolicy), append(findingtest.Findings(dir), policyFindings(dir)...), nil, baseOptions(dir))
	})
	t.Run("random", func(t *testing.T) {
		r := rand.New(rand.NewSource(6))
		for range 200 {
			opts := baseOptions(dir)
			opts.ShowUnknown, opts.IncludeSuppressed = r.Intn(2) == 0, r.Intn(2) == 0
			opts.MaxResults = r.Intn(8) - 1
			rs := findingtest.Rules()
			fs := randomFindings(r, dir, r.Intn(10))
			if r.Intn(2) == 0 {
				rs = append(rs, customPolicy)
				fs = append(fs, policyFindings(dir)...)
			}
			check(t, rs, fs, randomDiagnostics(r, dir, r.Intn(4)), opts)
		}
	})
}

// firstDifference shows where two logs part.
func firstDifference(got, want []byte) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	from := max(i-300, 0)
	return fmt.Sprintf("at byte %d:\ngot:  ...%s\nwant: ...%s", i, got[from:min(i+200, len(got))], want[from:min(i+200, len(want))])
}
