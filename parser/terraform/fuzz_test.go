package terraform

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/blindspot-iac/blindspot/internal/budget"
)

// FuzzLoadModule feeds arbitrary bytes to the Terraform front end as a
// module's only file: it must never panic or hang, whatever the input.
func FuzzLoadModule(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("testdata", "*", "*.tf"))
	for _, s := range seeds {
		if data, err := os.ReadFile(s); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte("resource \"a\" \"b\" { for_each = { for i in range(100000) : i => i } }"))
	f.Fuzz(func(t *testing.T, data []byte) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "main.tf"), data, 0o644); err != nil {
			t.Fatal(err)
		}
		done := make(chan struct{})
		go func() {
			defer close(done)
			// A small budget keeps the fuzzer fast; what it bounds is
			// the same whatever its size.
			LoadModule(dir, Options{Limits: budget.Limits{Values: 50_000, Bytes: 4 << 20, Timeout: 2 * time.Second}})
		}()
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			t.Fatalf("LoadModule did not finish on %q", data)
		}
	})
}
