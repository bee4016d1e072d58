package main

import (
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
)

// Set at link time by release builds (.goreleaser.yaml):
//
//	-ldflags "-X main.version=v1.2.3 -X main.commit=<sha> -X main.date=<RFC 3339>"
//
// They are never written at run time.
var (
	version string
	commit  string
	date    string
)

// versionInfo is what blindspot knows of the build it is.
type versionInfo struct {
	// Version is the release (v1.2.3), the module version Go recorded
	// (go install ...@v1.2.3, or the pseudo-version of a build from a
	// checkout), or "devel" when there is neither.
	Version string `json:"version"`
	// Commit is the VCS revision, Dirty whether the work tree had
	// uncommitted changes, Date the commit's time; empty when unknown.
	Commit string `json:"commit,omitempty"`
	Dirty  bool   `json:"dirty"`
	Date   string `json:"date,omitempty"`
	// GoVersion and Platform are the toolchain and the target.
	GoVersion string `json:"goVersion"`
	Platform  string `json:"platform"`
}

// readVersion reads the link-time variables, then the build information
// Go records in every binary.
func readVersion() versionInfo {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		info = nil
	}
	return versionFrom(version, commit, date, info)
}

// devel is the version of a build that records none.
const devel = "devel"

// versionFrom works out the version: link-time values win; otherwise the
// module version and VCS settings Go recorded.
func versionFrom(ldVersion, ldCommit, ldDate string, info *debug.BuildInfo) versionInfo {
	v := versionInfo{Version: ldVersion, Commit: ldCommit, Date: ldDate, GoVersion: runtime.Version(), Platform: runtime.GOOS + "/" + runtime.GOARCH}
	if info != nil {
		v.GoVersion = info.GoVersion
		settings := map[string]string{}
		for _, s := range info.Settings {
			settings[s.Key] = s.Value
		}
		if p := settings["GOOS"] + "/" + settings["GOARCH"]; p != "/" {
			v.Platform = p
		}
		if v.Version == "" {
			if mv := info.Main.Version; mv != "" && mv != "(devel)" {
				v.Version = mv
			}
		}
		if v.Commit == "" {
			v.Commit = settings["vcs.revision"]
			v.Dirty = settings["vcs.modified"] == "true"
		}
		if v.Date == "" {
			v.Date = settings["vcs.time"]
		}
	}
	if strings.HasSuffix(v.Version, "+dirty") {
		v.Dirty = true
	}
	if v.Version == "" {
		v.Version = devel
	}
	return v
}

// String is the version line: the version, then what else is known.
func (v versionInfo) String() string {
	var details []string
	if v.Commit != "" {
		c := "commit " + shortCommit(v.Commit)
		if v.Dirty {
			c += " with uncommitted changes"
		}
		details = append(details, c)
	}
	if v.Date != "" {
		details = append(details, v.Date)
	}
	details = append(details, v.GoVersion, v.Platform)
	return v.Version + " (" + strings.Join(details, ", ") + ")"
}

func newVersionCmd(stdout io.Writer) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "version",
		Short: "Print the version",
		Long:  "Print blindspot's version, the commit it was built from and the Go toolchain; --version prints the same.",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			v := readVersion()
			switch strings.ToLower(format) {
			case "text":
				fmt.Fprintf(stdout, "blindspot %s\n", v)
			case "json":
				enc := json.NewEncoder(stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(v)
			default:
				return usageErr("unknown --format %q (want text or json)", format)
			}
			return nil
		},
	}
	cmd.Flags().StringVarP(&format, "format", "f", "text", "output `FORMAT`: text or json")
	return cmd
}

// shortCommit abbreviates a git revision as git does in one-line logs.
func shortCommit(c string) string {
	if len(c) > 12 {
		return c[:12]
	}
	return c
}
