//go:build !unix

package sandbox

// nonBlocking is needed only where a FIFO can block an open.
const nonBlocking = 0
