//go:build !(linux && (amd64 || arm64))

package sandbox

import (
	"io"
	"io/fs"
)

// beneath is Linux's openat2 fast path (beneath_linux.go); elsewhere
// os.Root does all the work.
type beneath struct{}

func openBeneath(string) beneath { return beneath{} }

func (beneath) close() {}

func (beneath) openRegular(string) (io.ReadCloser, int64, bool) { return nil, 0, false }

func (beneath) readDir(string, string) ([]fs.DirEntry, bool) { return nil, false }
