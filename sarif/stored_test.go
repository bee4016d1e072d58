package sarif

import (
	"compress/gzip"
	"math/rand"
	"testing"
)

// TestStoredBound: what gzip makes of data that does not compress, at
// the fastest level and the default, is never larger than storedBound.
func TestStoredBound(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	for _, n := range []int{0, 1, 100, 65534, 65535, 65536, 200_000, 1 << 20} {
		data := make([]byte, n)
		r.Read(data)
		for _, level := range []int{gzip.BestSpeed, gzip.DefaultCompression} {
			if got := gzipSize([][]byte{data}, level); got > storedBound(n) {
				t.Errorf("%d random bytes at level %d: %d compressed, bound %d", n, level, got, storedBound(n))
			}
		}
	}
}
