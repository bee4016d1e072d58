// Package benchcpu adds the process's processor time per iteration to a
// benchmark's figures. User and system time, the collector's included,
// measure a benchmark's work better than wall time on a shared machine.
package benchcpu

import (
	"testing"
	"time"
)

// Report starts measuring; the function it returns, called at the
// benchmark's end, reports the processor time per iteration as
// "cpu-ms/op". Where processor time cannot be read, it reports nothing.
func Report(b *testing.B) func() {
	start, ok := processTime()
	return func() {
		if end, ok2 := processTime(); ok && ok2 && b.N > 0 {
			b.ReportMetric(float64(end-start)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
		}
	}
}
