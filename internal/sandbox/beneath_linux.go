//go:build linux && (amd64 || arm64)

package sandbox

import (
	"io"
	"io/fs"
	"os"
	"slices"
	"strings"
	"syscall"
	"unsafe"
)

// beneath opens files under a directory in one system call each, with
// Linux's openat2 and RESOLVE_BENEATH: the kernel resolves the whole
// name and refuses whatever leads outside the directory (by "..", an
// absolute name or an absolute symbolic link) and /proc's magic links.
// os.Root, which does the same portably, opens every directory of a name
// in turn, and a scan opens each file two or three times (classification,
// evaluation, suppressions): that was most of its system calls.
//
// It only accelerates: whatever it refuses or fails at goes to os.Root,
// which decides, so errors and their messages are os.Root's. What it
// opens lies inside the directory, as os.Root would have it.
type beneath struct {
	fd int // -1: not available (an older kernel, or a filter refusing openat2)
}

// sysOpenat2 is openat2's number on amd64 and arm64.
const sysOpenat2 = 437

// openHow is struct open_how.
type openHow struct {
	flags   uint64
	mode    uint64
	resolve uint64
}

const (
	// oPath is O_PATH, which package syscall lacks: a descriptor that
	// names a file without opening it.
	oPath               = 0x200000
	resolveNoMagiclinks = 0x02
	resolveBeneath      = 0x08
)

// openBeneath opens the directory abs for openat2, checking that the
// kernel has it.
func openBeneath(abs string) beneath {
	fd, err := syscall.Open(abs, oPath|syscall.O_DIRECTORY|syscall.O_CLOEXEC, 0)
	if err != nil {
		return beneath{fd: -1}
	}
	b := beneath{fd: fd}
	probe, err := b.open(".", oPath)
	if err != nil {
		syscall.Close(fd)
		return beneath{fd: -1}
	}
	syscall.Close(probe)
	return b
}

func (b beneath) close() {
	if b.fd >= 0 {
		syscall.Close(b.fd)
	}
}

// open opens rel (slash-separated, relative to the directory) with flags.
func (b beneath) open(rel string, flags int) (int, error) {
	p, err := syscall.BytePtrFromString(rel)
	if err != nil {
		return -1, err
	}
	how := openHow{flags: uint64(flags | syscall.O_CLOEXEC), resolve: resolveBeneath | resolveNoMagiclinks}
	for {
		fd, _, errno := syscall.Syscall6(sysOpenat2, uintptr(b.fd), uintptr(unsafe.Pointer(p)), uintptr(unsafe.Pointer(&how)), unsafe.Sizeof(how), 0, 0)
		switch errno {
		case 0:
			return int(fd), nil
		case syscall.EINTR, syscall.EAGAIN:
			continue
		}
		return -1, errno
	}
}

// mode is the type of the file open at fd, and its size.
func mode(fd int) (fs.FileMode, int64, bool) {
	var st syscall.Stat_t
	for {
		err := syscall.Fstat(fd, &st)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return 0, 0, false
		}
		break
	}
	switch st.Mode & syscall.S_IFMT {
	case syscall.S_IFREG:
		return 0, st.Size, true
	case syscall.S_IFDIR:
		return fs.ModeDir, st.Size, true
	}
	return fs.ModeIrregular, st.Size, true
}

// openRegular opens rel for reading when it is a regular file inside the
// directory, and says how large it is; ok is false when os.Root must
// decide. Like os.Root's path, the file's type is checked before it is
// opened (a FIFO would wait for a writer, a device may act on being
// opened) and again on what was opened.
func (b beneath) openRegular(rel string) (f io.ReadCloser, size int64, ok bool) {
	if b.fd < 0 {
		return nil, 0, false
	}
	path, err := b.open(rel, oPath)
	if err != nil {
		return nil, 0, false
	}
	m, _, known := mode(path)
	syscall.Close(path)
	if !known || m != 0 {
		return nil, 0, false
	}
	fd, err := b.open(rel, syscall.O_RDONLY|syscall.O_NONBLOCK|syscall.O_NOCTTY)
	if err != nil {
		return nil, 0, false
	}
	m, size, known = mode(fd)
	if !known || m != 0 {
		syscall.Close(fd)
		return nil, 0, false
	}
	return fdFile(fd), size, true
}

// readDir lists the directory rel (shown as name), sorted by file name,
// or says os.Root must (ok false).
func (b beneath) readDir(rel, name string) (entries []fs.DirEntry, ok bool) {
	if b.fd < 0 {
		return nil, false
	}
	fd, err := b.open(rel, syscall.O_RDONLY|syscall.O_DIRECTORY)
	if err != nil {
		return nil, false
	}
	f := os.NewFile(uintptr(fd), name)
	defer f.Close()
	entries, err = f.ReadDir(-1)
	if err != nil {
		return nil, false
	}
	slices.SortFunc(entries, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return entries, true
}

// fdFile reads an open file descriptor with plain system calls: a
// regular file needs neither os.File's poller registration nor its
// bookkeeping.
type fdFile int

func (f fdFile) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	for {
		n, err := syscall.Read(int(f), p)
		switch {
		case err == syscall.EINTR:
			continue
		case err != nil:
			return 0, err
		case n == 0:
			return 0, io.EOF
		}
		return n, nil
	}
}

func (f fdFile) Close() error { return syscall.Close(int(f)) }
