//go:build unix

package sandbox

import "syscall"

// nonBlocking opens a FIFO that slipped past the check before opening
// without waiting for a writer, so that it can be refused.
const nonBlocking = syscall.O_NONBLOCK
