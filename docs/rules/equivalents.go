// Package rulesref holds the data of the rule reference that blindspot
// reads at run time: the table of equivalent checks in other scanners
// (equivalents.tsv, documented in README.md beside it) and the controls of
// the reference list that are out of scope (out-of-scope.tsv). The tables
// live with the documentation, where people look for them and other rules'
// authors add rows, and are embedded in the binary.
package rulesref

import (
	_ "embed"
	"fmt"
	"strings"
)

//go:embed equivalents.tsv
var equivalentsTSV string

//go:embed out-of-scope.tsv
var outOfScopeTSV string

// Equivalent lists the checks of other scanners one blindspot rule
// corresponds to.
type Equivalent struct {
	Rule string
	// AVD are Trivy's (and tfsec's) AVD IDs (AVD-AWS-0090), LongIDs their
	// long identifiers (aws-s3-enable-versioning), TfsecLegacy tfsec's
	// identifiers before AVD (AWS077).
	AVD, LongIDs, TfsecLegacy []string
	// Checkov are Checkov check IDs (CKV_AWS_21).
	Checkov []string
	// KICS are KICS query names, for reference (KICS suppressions name
	// query UUIDs).
	KICS []string
	// CfnNag are cfn_nag rule IDs (W35, F16).
	CfnNag []string
}

// columns are the table's header, in order.
var columns = []string{"rule", "avd", "long_id", "tfsec_legacy", "checkov", "kics", "cfn_nag"}

// Equivalents returns the rows of the embedded table, in table order.
func Equivalents() ([]Equivalent, error) {
	return ParseEquivalents(equivalentsTSV)
}

// ParseEquivalents reads a table in the format of equivalents.tsv.
func ParseEquivalents(text string) ([]Equivalent, error) {
	var out []Equivalent
	header := false
	for n, line := range strings.Split(text, "\n") {
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cells := strings.Split(line, "\t")
		if !header {
			if strings.Join(cells, "\t") != strings.Join(columns, "\t") {
				return nil, fmt.Errorf("equivalents.tsv:%d: header must be %q", n+1, strings.Join(columns, "\\t"))
			}
			header = true
			continue
		}
		if len(cells) != len(columns) {
			return nil, fmt.Errorf("equivalents.tsv:%d: %d cells, want %d (tab-separated, empty cells kept)", n+1, len(cells), len(columns))
		}
		if cells[0] == "" {
			return nil, fmt.Errorf("equivalents.tsv:%d: no rule ID", n+1)
		}
		out = append(out, Equivalent{
			Rule: cells[0], AVD: list(cells[1]), LongIDs: list(cells[2]), TfsecLegacy: list(cells[3]),
			Checkov: list(cells[4]), KICS: list(cells[5]), CfnNag: list(cells[6]),
		})
	}
	if !header {
		return nil, fmt.Errorf("equivalents.tsv: no header")
	}
	return out, nil
}

// list splits a cell at ", ".
func list(cell string) []string {
	var out []string
	for _, v := range strings.Split(cell, ",") {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// OutOfScope is a control of the reference list (Trivy's AWS checks, by
// long ID) that no rule covers because only a live account can show it.
type OutOfScope struct {
	Reference string
	// Reason says what the account holds that the code cannot.
	Reason string
}

// outOfScopeColumns are the header of out-of-scope.tsv.
var outOfScopeColumns = []string{"reference", "reason"}

// OutOfScopeControls returns the rows of the embedded out-of-scope.tsv, in
// table order.
func OutOfScopeControls() ([]OutOfScope, error) {
	return ParseOutOfScope(outOfScopeTSV)
}

// ParseOutOfScope reads a table in the format of out-of-scope.tsv: a
// reference ID and a reason on each row, both required, IDs unique and in
// order.
func ParseOutOfScope(text string) ([]OutOfScope, error) {
	var out []OutOfScope
	header := false
	for n, line := range strings.Split(text, "\n") {
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cells := strings.Split(line, "\t")
		if !header {
			if strings.Join(cells, "\t") != strings.Join(outOfScopeColumns, "\t") {
				return nil, fmt.Errorf("out-of-scope.tsv:%d: header must be %q", n+1, strings.Join(outOfScopeColumns, "\\t"))
			}
			header = true
			continue
		}
		if len(cells) != len(outOfScopeColumns) {
			return nil, fmt.Errorf("out-of-scope.tsv:%d: %d cells, want %d (tab-separated)", n+1, len(cells), len(outOfScopeColumns))
		}
		ref, reason := strings.TrimSpace(cells[0]), strings.TrimSpace(cells[1])
		switch {
		case ref == "" || reason == "":
			return nil, fmt.Errorf("out-of-scope.tsv:%d: a reference ID and a reason are required", n+1)
		case len(out) > 0 && ref <= out[len(out)-1].Reference:
			return nil, fmt.Errorf("out-of-scope.tsv:%d: %s is out of order or repeated (rows are sorted by reference ID)", n+1, ref)
		}
		out = append(out, OutOfScope{Reference: ref, Reason: reason})
	}
	if !header {
		return nil, fmt.Errorf("out-of-scope.tsv: no header")
	}
	return out, nil
}
