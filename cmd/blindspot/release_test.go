//go:build release

// The tests of this file build blindspot as a release does; .ci/run runs
// them with -tags release.

package main

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestReleaseBuildVersion builds blindspot as the release does, with the
// version set at link time, and checks what it prints and writes in SARIF.
func TestReleaseBuildVersion(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "blindspot")
	ldflags := "-X main.version=v9.8.7 -X main.commit=0123456789abcdef0123456789abcdef01234567 -X main.date=2026-12-01T10:00:00Z"
	build := exec.Command("go", "build", "-ldflags", ldflags, "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	for _, args := range [][]string{{"--version"}, {"version"}} {
		out, err := exec.Command(bin, args...).Output()
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(string(out), "blindspot v9.8.7 (commit 0123456789ab, 2026-12-01T10:00:00Z, go") {
			t.Errorf("%v: %q", args, out)
		}
	}
	out, err := exec.Command(bin, "scan", "--format", "sarif", "--fail-on", "none", filepath.Join("..", "..", "examples", "cloudformation", "storage.yaml")).Output()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), `"semanticVersion": "9.8.7"`) || !strings.Contains(string(out), `"version": "v9.8.7"`) {
		t.Errorf("SARIF does not carry the release version")
	}
}
