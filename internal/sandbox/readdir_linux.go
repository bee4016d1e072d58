package sandbox

import (
	"encoding/binary"
	"io/fs"
	"os"
	"path"
	"runtime"
	"slices"
	"strings"
	"syscall"
)

// readDirIn lists the directory dir is opened on, sorted by name, with
// each entry's type from the directory itself (d_type): os.Root's
// ReadDir looks up every entry with a system call of its own, since a
// lazy look-up by path could leave the root. Names are looked up
// through root (under rel) only when the file system does not say
// their type, or when Info is asked for.
func readDirIn(dir *os.Root, root *os.Root, rel string) ([]fs.DirEntry, error) {
	f, err := dir.OpenFile(".", os.O_RDONLY|syscall.O_NONBLOCK|syscall.O_DIRECTORY, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fd := int(f.Fd())
	buf := make([]byte, 4096)
	var entries []fs.DirEntry
	for {
		n, err := syscall.ReadDirent(fd, buf)
		if err != nil {
			return nil, &fs.PathError{Op: "readdirent", Path: rel, Err: err}
		}
		if n <= 0 {
			break
		}
		for b := buf[:n]; len(b) > 0; {
			// struct linux_dirent64: ino (8), off (8), reclen (2),
			// type (1), name (NUL-terminated).
			if len(b) < 19 {
				break
			}
			reclen := int(binary.NativeEndian.Uint16(b[16:18]))
			if reclen < 19 || reclen > len(b) {
				break
			}
			typ, name := b[18], b[19:reclen]
			if i := slices.Index(name, 0); i >= 0 {
				name = name[:i]
			}
			b = b[reclen:]
			if s := string(name); s != "." && s != ".." {
				e := &dirent{root: root, rel: rel, name: s}
				if e.typ, err = e.mode(typ); err != nil {
					return nil, err
				}
				entries = append(entries, e)
			}
		}
	}
	runtime.KeepAlive(f)
	slices.SortFunc(entries, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return entries, nil
}

// dirent is one entry of a directory listed by readDirIn.
type dirent struct {
	root *os.Root
	rel  string
	name string
	typ  fs.FileMode
}

// mode is the type d_type says, or, when it does not know, the one the
// entry's Lstat says.
func (e *dirent) mode(t byte) (fs.FileMode, error) {
	switch t {
	case syscall.DT_REG:
		return 0, nil
	case syscall.DT_DIR:
		return fs.ModeDir, nil
	case syscall.DT_LNK:
		return fs.ModeSymlink, nil
	case syscall.DT_FIFO:
		return fs.ModeNamedPipe, nil
	case syscall.DT_SOCK:
		return fs.ModeSocket, nil
	case syscall.DT_CHR:
		return fs.ModeDevice | fs.ModeCharDevice, nil
	case syscall.DT_BLK:
		return fs.ModeDevice, nil
	}
	info, err := e.Info()
	if err != nil {
		return 0, err
	}
	return info.Mode().Type(), nil
}

func (e *dirent) Name() string      { return e.name }
func (e *dirent) IsDir() bool       { return e.typ.IsDir() }
func (e *dirent) Type() fs.FileMode { return e.typ }

// Info looks the entry up through the root.
func (e *dirent) Info() (fs.FileInfo, error) {
	return e.root.Lstat(path.Join(e.rel, e.name))
}
