package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/blindspot-iac/blindspot/internal/orgview"
	"github.com/blindspot-iac/blindspot/internal/parallel"
	"github.com/blindspot-iac/blindspot/internal/report"
	"github.com/blindspot-iac/blindspot/internal/safetext"
	"github.com/blindspot-iac/blindspot/internal/scan"
	"github.com/blindspot-iac/blindspot/sarif"
)

// reportFormat is one entry of the table of report formats: a name for
// --format and the writer that produces it.
type reportFormat struct {
	// name is what --format takes (matched case-insensitively).
	name string
	// write writes the report of one scan to w.
	write func(w io.Writer, in reportInput) error
}

// reportInput is what every writer is given: the scan's result and the
// options of the command line that shape a report.
type reportInput struct {
	result *scan.Result
	// base is the directory report paths are relative to (Result.Base).
	base              string
	showUnknown       bool
	includeSuppressed bool
	// color is set for a text report to a terminal that takes colours.
	color bool
	// stats are the scan's figures for the summaries, filtered counts the
	// findings --severity left out.
	stats    *report.Stats
	filtered int
	// compact, quiet and statistics shape the text report (statistics
	// the JSON report too).
	compact, quiet, statistics bool
	// start and end are when the scan ran (reports that must record it).
	start, end time.Time
}

// reportOptions are the options of the writers in internal/report.
func (in reportInput) reportOptions() report.Options {
	return report.Options{
		BaseDir:           in.base,
		ShowUnknown:       in.showUnknown,
		IncludeSuppressed: in.includeSuppressed,
		Color:             in.color,
		FailOn:            in.result.FailOn,
		ReadFile:          in.result.ReadSource,
		HelpURI:           in.helpURIs(),
		Compact:           in.compact,
		Quiet:             in.quiet,
		Statistics:        in.statistics,
		Stats:             in.stats,
		Compliance:        in.result.Compliance,
		Filtered:          in.filtered,
	}
}

// helpURIs returns the documentation page (docURL) of each rule that ran,
// looked up by ID.
func (in reportInput) helpURIs() func(ruleID string) string {
	urls := make(map[string]string, len(in.result.Rules))
	for _, r := range in.result.Rules {
		urls[r.ID] = docURL(r)
	}
	return func(ruleID string) string {
		if u, ok := urls[ruleID]; ok {
			return u
		}
		return helpURI(ruleID)
	}
}

// guarded writes a text report through safetext.Writer, so that no line
// of it can start a CI workflow command.
func guarded(w io.Writer, write func(io.Writer) error) error {
	g := safetext.NewWriter(w)
	if err := write(g); err != nil {
		return err
	}
	return g.Flush()
}

// writeEscaped writes a JSON report given in parts, with the characters a
// terminal or log viewer acts on \u-escaped (safetext.JSON). The parts
// hold whole JSON tokens: escaping them one by one escapes the report.
func writeEscaped(w io.Writer) func(parts [][]byte, err error) error {
	return func(parts [][]byte, err error) error {
		if err != nil {
			return err
		}
		// Escaping looks at every byte of a report: on all cores.
		parallel.For(len(parts), func(i int) { parts[i] = safetext.JSON(parts[i]) })
		for _, part := range parts {
			if _, err := w.Write(part); err != nil {
				return err
			}
		}
		return nil
	}
}

// reportFormats is the table of formats, in the order --help lists them.
// A new format is one more entry.
func reportFormats() []reportFormat {
	return []reportFormat{
		{name: "text", write: func(w io.Writer, in reportInput) error {
			r := in.result
			return guarded(w, func(w io.Writer) error {
				return report.WriteText(w, r.Rules, r.Findings, r.Diagnostics, in.reportOptions())
			})
		}},
		{name: "json", write: func(w io.Writer, in reportInput) error {
			r := in.result
			return writeEscaped(w)(report.MarshalJSON(r.Rules, r.Findings, r.Diagnostics, in.reportOptions()))
		}},
		{name: "sarif", write: writeSARIF},
		{name: "github", write: func(w io.Writer, in reportInput) error {
			r := in.result
			return report.WriteGitHub(w, r.Rules, r.Findings, r.Diagnostics, in.reportOptions())
		}},
		{name: "junit", write: func(w io.Writer, in reportInput) error {
			r := in.result
			return report.WriteJUnit(w, r.Rules, r.Findings, r.Diagnostics, in.reportOptions())
		}},
		{name: "html", write: func(w io.Writer, in reportInput) error {
			r := in.result
			opts := in.reportOptions()
			opts.Organization = orgview.Build(r.Organization)
			return report.WriteHTML(w, r.Rules, r.Findings, r.Diagnostics, opts)
		}},
		{name: "summary", write: func(w io.Writer, in reportInput) error {
			r := in.result
			return report.WriteSummary(w, r.Rules, r.Findings, r.Diagnostics, in.reportOptions(), in.helpURIs())
		}},
		{name: "gitlab", write: func(w io.Writer, in reportInput) error {
			r := in.result
			return report.WriteGitLab(w, r.Rules, r.Findings, r.Diagnostics, in.reportOptions(), report.GitLabScan{
				Version: readVersion().Version, URL: informationURI, HelpURI: in.helpURIs(), Start: in.start, End: in.end,
			})
		}},
	}
}

// writeSARIF writes the SARIF report, escaped as writeEscaped escapes
// it. A report to an empty file is streamed, written as its pieces are
// encoded (sarif.Stream): should it have to be written again with fewer
// results, the file is emptied.
func writeSARIF(w io.Writer, in reportInput) error {
	r := in.result
	opts := sarif.Options{
		ToolVersion:       readVersion().Version,
		InformationURI:    informationURI,
		BaseDir:           in.base,
		ShowUnknown:       in.showUnknown,
		IncludeSuppressed: in.includeSuppressed,
		HelpURI:           helpURI,
	}
	return sarif.Stream(w, restartFile(w), r.Rules, r.Findings, r.Diagnostics, opts, safetext.JSON)
}

// restartFile returns a function that empties w, for an empty regular
// file (what --output creates, or a shell's > redirection), or nil for a
// destination that cannot be emptied: a pipe, a terminal, a writer that
// is not a file, or a file that already holds something (opened to
// append: its offset does not say where the report starts).
func restartFile(w io.Writer) func() error {
	f, ok := w.(*os.File)
	if !ok {
		return nil
	}
	if info, err := f.Stat(); err != nil || !info.Mode().IsRegular() || info.Size() != 0 {
		return nil
	}
	if at, err := f.Seek(0, io.SeekCurrent); err != nil || at != 0 {
		return nil
	}
	return func() error {
		if err := f.Truncate(0); err != nil {
			return err
		}
		_, err := f.Seek(0, io.SeekStart)
		return err
	}
}

// formatNames lists the formats for help and error messages: "a, b or c".
func formatNames() string {
	var names []string
	for _, f := range reportFormats() {
		names = append(names, f.name)
	}
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// output is one report a scan writes: a format and its destination.
type output struct {
	format reportFormat
	// path is the file written; "" is stdout.
	path string
}

// parseOutputs turns the --format values (NAME or NAME=FILE, "-" for
// stdout) and --output into the reports to write. A format without a file
// goes to --output when it is given, otherwise to stdout; no format means
// text. Two reports may not share a destination.
func parseOutputs(formats []string, outputFile string) ([]output, error) {
	if len(formats) == 0 {
		formats = []string{"text"}
	}
	table := reportFormats()
	var outs []output
	taken := map[string]string{} // destination -> format
	for _, spec := range formats {
		name, path, hasPath := strings.Cut(spec, "=")
		name = strings.ToLower(strings.TrimSpace(name))
		var format *reportFormat
		for i := range table {
			if table[i].name == name {
				format = &table[i]
			}
		}
		if format == nil {
			return nil, fmt.Errorf("unknown --format %q (want %s, optionally followed by =FILE)", spec, formatNames())
		}
		switch {
		case hasPath && path == "":
			return nil, fmt.Errorf("--format %s: no file after '='", spec)
		case !hasPath:
			path = outputFile
		}
		if path == "-" {
			path = ""
		}
		dest := "stdout"
		if path != "" {
			dest = path
			if abs, err := filepath.Abs(path); err == nil {
				dest = abs
			}
		}
		if other, ok := taken[dest]; ok {
			where := "stdout"
			if path != "" {
				where = path
			}
			return nil, fmt.Errorf("--format %s and --format %s would both write to %s; give one of them a file (--format %s=FILE)", other, name, where, name)
		}
		taken[dest] = name
		outs = append(outs, output{format: *format, path: path})
	}
	return outs, nil
}

// writeOutputs writes every report, at the same time: each to its own
// destination (parseOutputs sees to that), from the scan's result, which
// none of them changes. A report that cannot be written does not keep the
// others from being written; the errors are returned together, in the
// order of the reports.
func writeOutputs(outs []output, in reportInput, noColor bool, stdout io.Writer) error {
	errs := make([]error, len(outs))
	var wg sync.WaitGroup
	for i, o := range outs {
		in := in
		in.color = false
		write := func() error {
			return writeFile(o.path, func(w io.Writer) error { return o.format.write(w, in) })
		}
		if o.path == "" {
			in.color = o.format.name == "text" && isTerminal(stdout) && !noColor && os.Getenv("NO_COLOR") == ""
			write = func() error { return o.format.write(stdout, in) }
		}
		wg.Go(func() {
			if err := write(); err != nil {
				errs[i] = fmt.Errorf("writing the %s report: %w", o.format.name, err)
			}
		})
	}
	wg.Wait()
	return errors.Join(errs...)
}

// writeFile creates path and writes it with write.
func writeFile(path string, write func(io.Writer) error) (err error) {
	file, err := os.Create(path)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := file.Close(); err == nil && cerr != nil {
			err = cerr
		}
	}()
	return write(file)
}

// now is the time reports record: SOURCE_DATE_EPOCH (seconds since 1970,
// the reproducible-builds convention) when it is set, so that a report
// can be reproduced byte for byte; the clock otherwise.
func now() time.Time {
	if s := os.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		if secs, err := strconv.ParseInt(s, 10, 64); err == nil {
			return time.Unix(secs, 0).UTC()
		}
	}
	return time.Now()
}
