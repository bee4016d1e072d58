package cloudformation

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/blindspot-iac/blindspot/internal/budget"
)

// FuzzLoadTemplate feeds arbitrary bytes to the CloudFormation front end:
// it must never panic or hang, whatever the input.
func FuzzLoadTemplate(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("testdata", "*.*"))
	nested, _ := filepath.Glob(filepath.Join("testdata", "*", "*.yaml"))
	for _, s := range append(seeds, nested...) {
		if data, err := os.ReadFile(s); err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), "template.yaml")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		done := make(chan struct{})
		go func() {
			defer close(done)
			LoadTemplate(path, Options{Limits: budget.Limits{Values: 50_000, Bytes: 4 << 20, Timeout: 2 * time.Second}})
		}()
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			t.Fatalf("LoadTemplate did not finish on %q", data)
		}
	})
}
