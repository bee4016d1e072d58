//go:build !unix

package main

import "time"

// processCPUTime is not measured here.
func processCPUTime() (time.Duration, bool) { return 0, false }
