package scan

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/blindspot-iac/blindspot/graph"
)

// ModuleCount counts module calls whose code was not read, and the distinct
// sources they name.
type ModuleCount struct {
	Calls   int
	Sources int
}

// moduleSource is one source of unread module calls: every call site that
// names it.
type moduleSource struct {
	reason  graph.UnreadReason
	source  string
	failure string
	// sites are the distinct calls (by module block), each with its source
	// argument.
	sites map[graph.Range]site
}

type site struct {
	source string
	at     graph.Range
}

// unreadModuleDiagnostics aggregates the module calls whose code was not
// read into one warning per source, each marked Incomplete: a repository
// that calls one registry module 400 times says so once, with the count and
// the first call. A call is counted once however many instances and units
// evaluate it. The counts of calls and sources are returned too, for
// remote modules not downloaded and for local sources that do not exist.
func unreadModuleDiagnostics(ms []*graph.UnreadModule) (diags []graph.Diagnostic, notDownloaded, missing ModuleCount) {
	bySource := map[string]*moduleSource{}
	for _, m := range ms {
		key := m.Reason.String() + "\x00" + m.Source
		if m.Reason == graph.SourceMissing || m.Reason == graph.SourceOutsidePackage {
			key = m.Reason.String() + "\x00" + filepath.Clean(m.Dir)
		}
		src := bySource[key]
		if src == nil {
			src = &moduleSource{reason: m.Reason, source: m.Source, sites: map[graph.Range]site{}}
			bySource[key] = src
		}
		if src.failure == "" {
			src.failure = m.Failure
		}
		block := m.Range
		if len(m.Calls) > 0 {
			block = m.Calls[len(m.Calls)-1].Range
		}
		src.sites[block] = site{source: m.Source, at: m.Range}
	}
	keys := make([]string, 0, len(bySource))
	for k := range bySource {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		src := bySource[k]
		var first site
		for _, st := range src.sites {
			if first.at.IsZero() || graph.CompareRange(st.at, first.at) < 0 {
				first = st
			}
		}
		calls := len(src.sites)
		d := graph.Diagnostic{Severity: graph.Warning, Range: first.at, Incomplete: true, Count: calls}
		where := "called here"
		if calls > 1 {
			where = fmt.Sprintf("%d calls, the first here", calls)
		}
		switch src.reason {
		case graph.SourceOutsidePackage:
			d.Code = graph.CodeModuleOutsidePackage
			d.Message = fmt.Sprintf("module source %s leaves the downloaded package it is in (%s): it is not read, as Terraform would refuse it; its resources are not scanned and its outputs are unknown", first.source, where)
		case graph.SourceMissing:
			missing.Calls += calls
			missing.Sources++
			d.Code = graph.CodeModuleMissing
			d.Message = fmt.Sprintf("module source %s does not exist (%s): its resources are not scanned and its outputs are unknown", first.source, where)
		default:
			notDownloaded.Calls += calls
			notDownloaded.Sources++
			d.Code = graph.CodeModuleNotDownloaded
			if src.failure != "" {
				d.Message = fmt.Sprintf("module %s could not be downloaded (%s): %s; its resources are not scanned and its outputs are unknown", src.source, where, strings.TrimSpace(src.failure))
			} else {
				d.Message = fmt.Sprintf("module %s has not been downloaded (%s): its resources are not scanned and its outputs are unknown; run terraform init, or scan with --download-modules", src.source, where)
			}
		}
		diags = append(diags, d)
	}
	return diags, notDownloaded, missing
}
