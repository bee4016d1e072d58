//go:build unix

package benchcpu

import (
	"syscall"
	"time"
)

// processTime is the processor time the process has used so far, user
// and system.
func processTime() (time.Duration, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}
