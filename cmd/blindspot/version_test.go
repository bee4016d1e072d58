package main

import (
	"encoding/json"
	"runtime/debug"
	"strings"
	"testing"
)

func TestVersionFrom(t *testing.T) {
	vcs := func(rev, modified, when string) []debug.BuildSetting {
		return []debug.BuildSetting{
			{Key: "GOOS", Value: "linux"}, {Key: "GOARCH", Value: "arm64"},
			{Key: "vcs.revision", Value: rev}, {Key: "vcs.modified", Value: modified}, {Key: "vcs.time", Value: when},
		}
	}
	build := func(version string, settings []debug.BuildSetting) *debug.BuildInfo {
		return &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Path: "github.com/blindspot-iac/blindspot", Version: version}, Settings: settings}
	}
	const rev = "0123456789abcdef0123456789abcdef01234567"
	tests := []struct {
		name                    string
		ldVersion, ldCommit, ld string
		info                    *debug.BuildInfo
		want                    string
		dirty                   bool
	}{
		{"release build", "v0.2.0", rev, "2026-12-01T10:00:00Z", build("(devel)", nil),
			"v0.2.0 (commit 0123456789ab, 2026-12-01T10:00:00Z, go1.26.8, linux/amd64)", false},
		{"go install from a tag", "", "", "", build("v0.2.0", nil),
			"v0.2.0 (go1.26.8, linux/amd64)", false},
		{"checkout at a tagged commit", "", "", "", build("v0.2.0", vcs(rev, "false", "2026-12-01T10:00:00Z")),
			"v0.2.0 (commit 0123456789ab, 2026-12-01T10:00:00Z, go1.26.8, linux/arm64)", false},
		{"checkout with changes", "", "", "", build("v0.2.1-0.20261201100000-0123456789ab+dirty", vcs(rev, "true", "2026-12-01T10:00:00Z")),
			"v0.2.1-0.20261201100000-0123456789ab+dirty (commit 0123456789ab with uncommitted changes, 2026-12-01T10:00:00Z, go1.26.8, linux/arm64)", true},
		{"no build information", "", "", "", nil, "devel (", false},
		{"no VCS information", "", "", "", build("(devel)", nil), "devel (go1.26.8, linux/amd64)", false},
	}
	for _, tt := range tests {
		v := versionFrom(tt.ldVersion, tt.ldCommit, tt.ld, tt.info)
		if tt.info == nil {
			v.GoVersion, v.Platform = "go", "os/arch"
		}
		if tt.name == "release build" || tt.name == "go install from a tag" || tt.name == "no VCS information" {
			v.Platform = "linux/amd64"
		}
		if got := v.String(); !strings.HasPrefix(got, tt.want) || v.Dirty != tt.dirty {
			t.Errorf("%s: %q (dirty %v), want %q (dirty %v)", tt.name, got, v.Dirty, tt.want, tt.dirty)
		}
	}
}

// TestVersionFlagAndCommand checks that --version and the version command
// print the same, and that version --format json is the same information.
func TestVersionFlagAndCommand(t *testing.T) {
	_, cmdOut, _ := runCLI(t, "version")
	_, flagOut, _ := runCLI(t, "--version")
	if cmdOut == "" || cmdOut != flagOut {
		t.Errorf("version prints %q, --version %q", cmdOut, flagOut)
	}
	code, js, _ := runCLI(t, "version", "--format", "json")
	var v versionInfo
	if err := json.Unmarshal([]byte(js), &v); err != nil || code != exitClean {
		t.Fatalf("version --format json: exit %d, %v\n%s", code, err, js)
	}
	if want := "blindspot " + v.String() + "\n"; cmdOut != want {
		t.Errorf("version prints %q; its JSON says %q", cmdOut, want)
	}
	if code, _, _ := runCLI(t, "version", "--format", "xml"); code != exitError {
		t.Errorf("version --format xml: exit %d, want 2", code)
	}
}
