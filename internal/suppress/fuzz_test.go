package suppress

import (
	"testing"
	"time"
)

// FuzzParseFile feeds arbitrary bytes to the suppression comment reader:
// it must never panic or hang.
func FuzzParseFile(f *testing.F) {
	f.Add([]byte("# blindspot:ignore aws-s3-versioning-disabled until=2027-06-30 -- replicated\nresource \"a\" \"b\" {}\n"))
	f.Add([]byte("// blindspot:ignore aws-a,aws-b -- x\n  # blindspot:ignore\n"))
	f.Add([]byte("# blindspot:ignore until=2027-13-45 aws-x --\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		done := make(chan struct{})
		go func() {
			defer close(done)
			ds, _ := ParseFile("main.tf", data)
			for _, d := range ds {
				if d.Range.Start.Line <= 0 {
					t.Errorf("directive without a line: %+v", d)
				}
			}
		}()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("ParseFile did not finish on %q", data)
		}
	})
}
