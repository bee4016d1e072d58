package config

import (
	"testing"
	"time"
)

// FuzzParse feeds arbitrary bytes to the configuration reader: it must
// never panic or hang, and reject what it does not understand with an
// error.
func FuzzParse(f *testing.F) {
	f.Add([]byte("exclude: [\"examples/**\"]\nrules:\n  disable: [aws-s3-versioning-disabled]\nfail_on: medium\n"))
	f.Add([]byte("accounts:\n  - id: \"111111111111\"\n    role: management\n    paths: [\"org/**\"]\nterraform:\n  vars:\n    env: prod\n"))
	f.Add([]byte("a: &a [*a]\n"))
	f.Add([]byte("[[[[[[[[[["))
	f.Fuzz(func(t *testing.T, data []byte) {
		done := make(chan struct{})
		go func() {
			defer close(done)
			_, _ = Parse(".blindspot.yaml", data)
		}()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("Parse did not finish on %q", data)
		}
	})
}
