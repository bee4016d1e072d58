package rules

import (
	"fmt"
	"strings"
)

// Severity grades a finding.
type Severity uint8

// Severities, least severe first, so that comparisons read naturally
// (f.Severity >= failOn).
const (
	Low Severity = iota + 1
	Medium
	High
	Critical
)

// String returns the lower-case name used on the command line and in
// reports.
func (s Severity) String() string {
	switch s {
	case Low:
		return "low"
	case Medium:
		return "medium"
	case High:
		return "high"
	case Critical:
		return "critical"
	}
	return "none"
}

// ParseSeverity parses a severity name, case-insensitively.
func ParseSeverity(name string) (Severity, error) {
	switch strings.ToLower(strings.TrimSpace(name)) {
	case "low":
		return Low, nil
	case "medium":
		return Medium, nil
	case "high":
		return High, nil
	case "critical":
		return Critical, nil
	}
	return 0, fmt.Errorf("unknown severity %q (want low, medium, high or critical)", name)
}

// Never is a threshold above every severity: a fail-on of "none", which
// never fails a scan on findings.
const Never = Critical + 1

// ParseThreshold parses a fail-on threshold: a severity name or "none"
// (Never), case-insensitively.
func ParseThreshold(name string) (Severity, error) {
	if strings.EqualFold(strings.TrimSpace(name), "none") {
		return Never, nil
	}
	s, err := ParseSeverity(name)
	if err != nil {
		return 0, fmt.Errorf("unknown threshold %q (want low, medium, high, critical or none)", name)
	}
	return s, nil
}

// Level is the SARIF result level: critical and high are errors, medium is
// a warning, low is a note.
func (s Severity) Level() string {
	switch s {
	case Critical, High:
		return "error"
	case Medium:
		return "warning"
	}
	return "note"
}

// Score is the CVSS-like number GitHub code scanning reads from
// properties.security-severity to rank alerts (critical > 9.0, high 7.0 to
// 8.9, medium 4.0 to 6.9, low 0.1 to 3.9).
func (s Severity) Score() string {
	switch s {
	case Critical:
		return "9.5"
	case High:
		return "8.0"
	case Medium:
		return "5.5"
	}
	return "3.0"
}
