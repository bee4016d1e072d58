package graph

import (
	"fmt"
	"sort"
)

// DiagSeverity grades a diagnostic.
type DiagSeverity uint8

// Diagnostic severities, most severe first.
const (
	// Error: a file or construct could not be read; results for it are
	// missing. The scan exits 2.
	Error DiagSeverity = iota + 1
	// Warning: the input is probably wrong (an unknown resource type, a
	// misspelled property) or a limit was hit.
	Warning
	// Note: something the user should know about the evaluation (a remote
	// module not downloaded, a macro whose output is not seen).
	Note
	// Debug: detail for troubleshooting (an unsupported function).
	Debug
)

// String names the severity.
func (s DiagSeverity) String() string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	case Note:
		return "note"
	case Debug:
		return "debug"
	}
	return "unknown"
}

// Diagnostic is a problem met while reading or evaluating input. Code is a
// stable kebab-case identifier ("parse-error", "unknown-resource-type",
// "alias-budget-exceeded") for counting and filtering.
type Diagnostic struct {
	Severity DiagSeverity
	Code     string
	Message  string
	Range    Range
	// Incomplete marks a warning or note that means something was not
	// scanned (a file skipped, an evaluation cut short, a module not
	// read). Errors always mean that (see NotScanned).
	Incomplete bool
	// Count is how many occurrences a diagnostic aggregated over several
	// places stands for (the calls to one module source); 0 means one.
	Count int
}

// Diagnostic codes that reports count or show apart from the others.
const (
	// CodeModuleNotDownloaded and CodeModuleMissing are said once per
	// module source, with the number of calls in Count: remote modules
	// not downloaded, local module directories that do not exist.
	CodeModuleNotDownloaded = "remote-module-not-downloaded"
	CodeModuleMissing       = "module-source-missing"
	// CodeModuleOutsidePackage is said of a local source in a downloaded
	// module that leaves its package (not read, as Terraform refuses it).
	CodeModuleOutsidePackage = "module-source-outside-package"
	// CodeNothingToScan says that no Terraform or CloudFormation was found.
	CodeNothingToScan = "nothing-to-scan"
)

// NotScanned reports whether d means that part of the input was not
// scanned, so the scan is incomplete: every error, and the other
// diagnostics marked Incomplete.
func (d Diagnostic) NotScanned() bool { return d.Severity == Error || d.Incomplete }

// String formats the diagnostic like a compiler message.
func (d Diagnostic) String() string {
	where := d.Range.File
	if d.Range.Start.Line > 0 {
		where = d.Range.String()
	}
	if where == "" {
		return fmt.Sprintf("%s: %s [%s]", d.Severity, d.Message, d.Code)
	}
	return fmt.Sprintf("%s: %s: %s [%s]", where, d.Severity, d.Message, d.Code)
}

// Errorf returns an error diagnostic.
func Errorf(r Range, code, format string, args ...any) Diagnostic {
	return Diagnostic{Severity: Error, Code: code, Message: fmt.Sprintf(format, args...), Range: r}
}

// Warningf returns a warning diagnostic.
func Warningf(r Range, code, format string, args ...any) Diagnostic {
	return Diagnostic{Severity: Warning, Code: code, Message: fmt.Sprintf(format, args...), Range: r}
}

// Notef returns a note diagnostic.
func Notef(r Range, code, format string, args ...any) Diagnostic {
	return Diagnostic{Severity: Note, Code: code, Message: fmt.Sprintf(format, args...), Range: r}
}

// Debugf returns a debug diagnostic.
func Debugf(r Range, code, format string, args ...any) Diagnostic {
	return Diagnostic{Severity: Debug, Code: code, Message: fmt.Sprintf(format, args...), Range: r}
}

// SortDiagnostics orders diagnostics by position, then severity, code and
// message, and is stable.
func SortDiagnostics(ds []Diagnostic) {
	sort.SliceStable(ds, func(i, j int) bool {
		a, b := ds[i], ds[j]
		if c := compareRange(a.Range, b.Range); c != 0 {
			return c < 0
		}
		if a.Severity != b.Severity {
			return a.Severity < b.Severity
		}
		if a.Code != b.Code {
			return a.Code < b.Code
		}
		return a.Message < b.Message
	})
}
