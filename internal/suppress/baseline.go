package suppress

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/rules"
)

// Baseline is the set of findings accepted at some point, identified by
// fingerprint so that edits elsewhere in a file do not invalidate it.
type Baseline struct {
	Version  int             `json:"version"`
	Findings []BaselineEntry `json:"findings"`
	// Path is the file the baseline was read from.
	Path string `json:"-"`
}

// BaselineEntry is one accepted finding. File, Line and Message are for
// people reading the file; only RuleID and Fingerprint are matched.
type BaselineEntry struct {
	RuleID      string `json:"ruleId"`
	Fingerprint string `json:"fingerprint"`
	File        string `json:"file"`
	Line        int    `json:"line"`
	Message     string `json:"message"`
}

// NewBaseline records the failed, unsuppressed findings, with paths and
// fingerprints relative to base (the scan's base directory), so that the
// baseline applies whatever directory later scans start from.
func NewBaseline(fs []rules.Finding, base string) *Baseline {
	b := &Baseline{Version: 1, Findings: []BaselineEntry{}}
	paths := graph.NewPathBase(base)
	for i := range fs {
		f := &fs[i]
		if f.Status != rules.Failed || f.Suppressed != nil {
			continue
		}
		b.Findings = append(b.Findings, BaselineEntry{
			RuleID: f.RuleID, Fingerprint: f.FingerprintIn(paths),
			File: paths.Rel(f.Loc.Range.File), Line: f.Loc.Range.Start.Line, Message: f.Message,
		})
	}
	sort.SliceStable(b.Findings, func(i, j int) bool {
		a, c := b.Findings[i], b.Findings[j]
		if a.File != c.File {
			return a.File < c.File
		}
		if a.Line != c.Line {
			return a.Line < c.Line
		}
		return a.RuleID < c.RuleID
	})
	return b
}

// Write writes the baseline as indented JSON.
func (b *Baseline) Write(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(b)
}

// ReadBaseline reads a baseline file.
func ReadBaseline(path string) (*Baseline, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading baseline: %w", err)
	}
	var b Baseline
	if err := json.Unmarshal(data, &b); err != nil {
		return nil, fmt.Errorf("reading baseline %s: %w", path, err)
	}
	if b.Version != 1 {
		return nil, fmt.Errorf("baseline %s: unsupported version %d", path, b.Version)
	}
	b.Path = path
	return &b, nil
}

// Apply drops the findings the baseline holds and marks the rest new. It
// returns the findings kept, those dropped, and the entries no finding
// matched any more (fixed, or moved to another resource). Fingerprints are
// relative to base, as NewBaseline wrote them.
func (b *Baseline) Apply(fs []rules.Finding, base string) (kept, dropped []rules.Finding, unmatched []BaselineEntry) {
	known := map[[2]string]bool{}
	for _, e := range b.Findings {
		known[[2]string{e.RuleID, e.Fingerprint}] = true
	}
	matched := map[[2]string]bool{}
	paths := graph.NewPathBase(base)
	for _, f := range fs {
		key := [2]string{f.RuleID, f.FingerprintIn(paths)}
		if f.Status == rules.Failed && known[key] {
			matched[key] = true
			dropped = append(dropped, f)
			continue
		}
		if f.Status == rules.Failed {
			f.BaselineState = rules.BaselineNew
		}
		kept = append(kept, f)
	}
	for _, e := range b.Findings {
		if !matched[[2]string{e.RuleID, e.Fingerprint}] {
			unmatched = append(unmatched, e)
		}
	}
	return kept, dropped, unmatched
}
