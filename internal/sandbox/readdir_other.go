//go:build !linux

package sandbox

import (
	"io/fs"
	"os"
)

// readDirIn lists the directory dir is opened on, sorted by name.
func readDirIn(dir *os.Root, _ *os.Root, _ string) ([]fs.DirEntry, error) {
	return fs.ReadDir(dir.FS(), ".")
}
