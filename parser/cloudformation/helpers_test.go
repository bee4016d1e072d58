package cloudformation

import (
	"os"
	"testing"

	"github.com/blindspot-iac/blindspot/internal/sandbox"
)

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// mustRoot opens dir as a scan root for the test.
func mustRoot(t *testing.T, dir string) *sandbox.Root {
	t.Helper()
	r, err := sandbox.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	return r
}
