// Package rulesref holds the data of the rule reference that blindspot
// reads at run time: the table of equivalent checks in other scanners
// (equivalents.tsv, documented in README.md beside it). The table lives
// with the documentation, where people look for it and other rules' authors
// add rows, and is embedded in the binary.
package rulesref

import (
	_ "embed"
	"fmt"
	"strings"
)

//go:embed equivalents.tsv
var equivalentsTSV string

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
