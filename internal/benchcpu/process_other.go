//go:build !unix

package benchcpu

import "time"

// processTime is not measured here.
func processTime() (time.Duration, bool) { return 0, false }
