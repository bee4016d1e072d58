//go:build unix

package parser

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf16"
)

// Discovery never reads what is not a regular file inside the path given,
// and says what it skipped.
func TestDiscoverHostile(t *testing.T) {
	outside := tree(t, map[string]string{"secret.yaml": cfnYAML})
	root := tree(t, map[string]string{"ok.yaml": cfnYAML})
	mustSymlink(t, "/dev/zero", filepath.Join(root, "zero.yaml"))
	mustSymlink(t, filepath.Join(outside, "secret.yaml"), filepath.Join(root, "leak.yaml"))
	mustSymlink(t, "../"+filepath.Base(outside), filepath.Join(root, "parent"))
	if err := syscall.Mkfifo(filepath.Join(root, "fifo.yaml"), 0o644); err != nil {
		t.Skipf("no FIFOs: %v", err)
	}
	mustSymlink(t, "fifo.yaml", filepath.Join(root, "to-fifo.json"))
	var utf16le []byte
	utf16le = append(utf16le, 0xff, 0xfe)
	for _, r := range utf16.Encode([]rune(cfnYAML)) {
		utf16le = append(utf16le, byte(r), byte(r>>8))
	}
	if err := os.WriteFile(filepath.Join(root, "wide.yaml"), utf16le, 0o644); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	var units []Unit
	var codes = map[string]int{}
	go func() {
		defer close(done)
		var diags = []string{}
		u, ds := Discover([]string{root}, Options{})
		units = u
		for _, d := range ds {
			codes[d.Code]++
			diags = append(diags, d.String())
		}
		t.Log(strings.Join(diags, "\n"))
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("Discover hangs on a FIFO or a device")
	}
	if len(units) != 1 || filepath.Base(units[0].Path) != "ok.yaml" {
		t.Errorf("units = %v; want only ok.yaml", units)
	}
	want := map[string]int{"symlink-outside-root": 3, "not-regular-file": 2, "not-utf8": 1}
	for code, n := range want {
		if codes[code] != n {
			t.Errorf("%d %s diagnostics, want %d (all: %v)", codes[code], code, n, codes)
		}
	}
}

// Exclude patterns with many ** match in linear time.
func TestMatchGlobRepeatedStars(t *testing.T) {
	pattern := strings.Repeat("**/", 30) + "x"
	name := strings.Repeat("a/", 60) + "b"
	start := time.Now()
	if MatchGlob(pattern, name) {
		t.Error("matched")
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("took %v", d)
	}
}
