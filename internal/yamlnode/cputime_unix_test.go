//go:build unix

package yamlnode

import (
	"syscall"
	"testing"
	"time"
)

// reportCPUTime adds the process's CPU time per iteration (user and
// system, the collector's included), which a loaded machine distorts less
// than wall time, to a benchmark's figures when the function it returns
// is called at its end.
func reportCPUTime(b *testing.B) func() {
	start, ok := processCPUTime()
	return func() {
		if end, _ := processCPUTime(); ok && b.N > 0 {
			b.ReportMetric(float64(end-start)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
		}
	}
}

func processCPUTime() (time.Duration, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}
