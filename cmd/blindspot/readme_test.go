package main

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestReadmeReport runs every console example of README.md (a block whose
// first line is "$ blindspot ...") and compares what blindspot prints with
// what the README shows, so the documented report is a real one.
func TestReadmeReport(t *testing.T) {
	inRepoRoot(t)
	data, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks := regexp.MustCompile("(?s)```console\n\\$ blindspot ([^\n]*)\n(.*?)```").FindAllStringSubmatch(string(data), -1)
	if len(blocks) == 0 {
		t.Fatal("README.md has no console example")
	}
	for _, b := range blocks {
		args := strings.Fields(b[1])
		_, out, stderr := runCLI(t, args...)
		if out != b[2] {
			t.Errorf("README.md shows for `blindspot %s`:\n%s\nblindspot prints:\n%s\n%s", b[1], b[2], out, stderr)
		}
	}
}
