// Package sandbox is the one place a scan reads files through. A Root
// confines reads to the scanned directory tree with the standard library's
// os.Root, which resolves symbolic links and ".." itself and refuses
// whatever leads outside; only regular files are read, never devices,
// FIFOs or sockets (not even behind a symbolic link), and every read is
// bounded by a size limit enforced while reading. Files the user names on
// the command line may lie anywhere: ReadUserFile reads them with the same
// checks but without the confinement.
package sandbox

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
)

// Errors a read can fail with, besides the file system's own; test them
// with errors.Is.
var (
	// ErrOutside: the name leads outside the root (by "..", an absolute
	// path, or a symbolic link).
	ErrOutside = errors.New("outside the scanned directory")
	// ErrNotRegular: the name is a device, FIFO, socket or directory.
	ErrNotRegular = errors.New("not a regular file")
	// ErrTooLarge: the file holds more bytes than the limit of the read.
	ErrTooLarge = errors.New("file too large")
)

// TooLargeError is the error of a read that met more bytes than its limit.
type TooLargeError struct {
	Limit int64
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("larger than %d bytes", e.Limit)
}

// Is makes errors.Is(err, ErrTooLarge) true.
func (e *TooLargeError) Is(target error) bool { return target == ErrTooLarge }

// Root confines reads to one directory tree. Names given to its methods are
// paths as the scan shows them (relative to the working directory, or
// absolute); they are read only when they lie inside the root. A Root is
// safe for concurrent use.
type Root struct {
	dir  string
	abs  string
	wd   string
	root *os.Root

	realOnce sync.Once
	real     string

	// resolved remembers what each absolute name resolves to (or the
	// error), so that a directory named again and again (every call of a
	// module) is not resolved again component by component. Reads do not
	// depend on it: os.Root confines them however the tree changes.
	resolvedMu sync.Mutex
	resolved   map[string]resolution

	// dirs holds the directories read from most recently open (see
	// dirCache).
	dirs dirCache
}

// resolution is what filepath.EvalSymlinks said of a name.
type resolution struct {
	real string
	err  error
}

// Open opens the directory dir as a root.
func Open(dir string) (*Root, error) {
	wd, err := os.Getwd()
	if err != nil {
		return nil, fmt.Errorf("opening %s: %w", dir, err)
	}
	abs := dir
	if !filepath.IsAbs(abs) {
		abs = filepath.Join(wd, abs)
	}
	abs = filepath.Clean(abs)
	root, err := os.OpenRoot(abs)
	if err != nil {
		return nil, fmt.Errorf("opening %s: %w", dir, unwrapPath(err))
	}
	return &Root{dir: dir, abs: abs, wd: wd, root: root}, nil
}

// Close releases the root.
func (r *Root) Close() error {
	r.dirs.close()
	return r.root.Close()
}

// Dir returns the root's directory, absolute and cleaned: two roots with
// the same Dir read the same files.
func (r *Root) Dir() string { return r.abs }

// Abs returns name as an absolute, cleaned path (resolved against the
// working directory the root was opened in, not the root).
func (r *Root) Abs(name string) string {
	if filepath.IsAbs(name) {
		return filepath.Clean(name)
	}
	return filepath.Join(r.wd, name)
}

// Rel returns name relative to the root, slash-separated ("." for the root
// itself), or ErrOutside when it does not lie inside it. The check is
// lexical; symbolic links are checked when the name is opened.
func (r *Root) Rel(name string) (string, error) {
	rel, err := filepath.Rel(r.abs, r.Abs(name))
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", &fs.PathError{Op: "open", Path: name, Err: ErrOutside}
	}
	return filepath.ToSlash(rel), nil
}

// Contains reports whether name lies inside the root, symbolic links
// resolved.
func (r *Root) Contains(name string) bool {
	_, err := r.RealPath(name)
	return err == nil
}

// RealPath returns the absolute path name resolves to, symbolic links
// followed, or ErrOutside when that lies outside the root. Two names with
// the same real path are the same file: cycle detection compares them.
func (r *Root) RealPath(name string) (string, error) {
	if _, err := r.Rel(name); err != nil {
		return "", err
	}
	r.realOnce.Do(func() {
		r.real = r.abs
		if real, err := filepath.EvalSymlinks(r.abs); err == nil {
			r.real = real
		}
	})
	real, err := r.evalSymlinks(r.Abs(name))
	if err != nil {
		return "", unwrapPath(err)
	}
	if rel, err := filepath.Rel(r.real, real); err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", &fs.PathError{Op: "open", Path: name, Err: ErrOutside}
	}
	return real, nil
}

// Stat describes the file name leads to (symbolic links followed inside
// the root).
func (r *Root) Stat(name string) (fs.FileInfo, error) {
	rel, err := r.Rel(name)
	if err != nil {
		return nil, err
	}
	dir, base := splitRel(rel)
	if h := r.dirs.acquire(r.root, dir); h != nil {
		info, err := h.root.Stat(base)
		r.dirs.release(h)
		if err == nil {
			return info, nil
		}
	}
	info, err := r.root.Stat(rel)
	return info, r.wrap(name, err)
}

// ReadDir lists the directory name, sorted by file name.
func (r *Root) ReadDir(name string) ([]fs.DirEntry, error) {
	rel, err := r.Rel(name)
	if err != nil {
		return nil, err
	}
	if h := r.dirs.acquire(r.root, rel); h != nil {
		entries, err := readDirIn(h.root, r.root, rel)
		r.dirs.release(h)
		if err == nil {
			return entries, nil
		}
	}
	entries, err := fs.ReadDir(r.root.FS(), rel)
	return entries, r.wrap(name, err)
}

// Open opens the regular file name for reading and says how large it
// was when opened, for the caller's buffer; the caller bounds what it
// reads. A FIFO is opened without blocking and refused before any read.
func (r *Root) Open(name string) (f *os.File, size int64, err error) {
	return r.openRegular(name)
}

// openRegular opens the regular file name and says how large it is.
func (r *Root) openRegular(name string) (*os.File, int64, error) {
	rel, err := r.Rel(name)
	if err != nil {
		return nil, 0, err
	}
	f, err := (*os.File)(nil), errNotTried
	if dir, base := splitRel(rel); dir != "." {
		if h := r.dirs.acquire(r.root, dir); h != nil {
			f, err = openRegularIn(h.root, base)
			r.dirs.release(h)
		}
	}
	if err != nil {
		// What fails in the directory is said as the root says it.
		f, err = openRegularIn(r.root, rel)
	}
	if err != nil {
		return nil, 0, r.wrap(name, err)
	}
	size, err := checkRegular(f, name)
	if err != nil {
		f.Close()
		return nil, 0, err
	}
	return f, size, nil
}

// errNotTried stands for a read not yet tried.
var errNotTried = errors.New("not tried")

// openRegularIn opens name in root for reading if it is a regular file.
// It refuses what is not one before opening it: opening a FIFO for
// reading waits for a writer (and it is opened without blocking in case
// it replaced the file in between).
func openRegularIn(root *os.Root, name string) (*os.File, error) {
	info, err := root.Stat(name)
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, notRegular(info.Mode())
	}
	return root.OpenFile(name, os.O_RDONLY|nonBlocking, 0)
}

// splitRel splits a name relative to the root (as Rel returns it) into
// its directory ("." for the root itself) and its last element.
func splitRel(rel string) (dir, base string) {
	i := strings.LastIndexByte(rel, '/')
	if i < 0 {
		return ".", rel
	}
	return rel[:i], rel[i+1:]
}

// evalSymlinks is filepath.EvalSymlinks(abs), remembered.
func (r *Root) evalSymlinks(abs string) (string, error) {
	r.resolvedMu.Lock()
	res, ok := r.resolved[abs]
	r.resolvedMu.Unlock()
	if ok {
		return res.real, res.err
	}
	real, err := r.resolve(abs)
	r.resolvedMu.Lock()
	defer r.resolvedMu.Unlock()
	if r.resolved == nil {
		r.resolved = map[string]resolution{}
	}
	r.resolved[abs] = resolution{real, err}
	return real, err
}

// resolve is filepath.EvalSymlinks(abs) for a cleaned absolute name. A
// name whose last element is not a symbolic link resolves to where its
// directory resolves (remembered: the files of a directory are resolved
// one after another), joined with that element, so that it costs one
// Lstat instead of one per element from the file system's root. Anything
// else (a link, an error, Windows, whose names EvalSymlinks may also
// rewrite) is left to EvalSymlinks.
func (r *Root) resolve(abs string) (string, error) {
	parent, base := filepath.Split(abs)
	parent = filepath.Clean(parent)
	if runtime.GOOS == "windows" || parent == abs || base == "" {
		return filepath.EvalSymlinks(abs)
	}
	realParent, err := r.evalSymlinks(parent)
	if err != nil {
		return filepath.EvalSymlinks(abs)
	}
	real := filepath.Join(realParent, base)
	if info, err := os.Lstat(real); err != nil || info.Mode()&fs.ModeSymlink != 0 {
		return filepath.EvalSymlinks(abs)
	}
	return real, nil
}

// ReadFile reads the regular file name, failing with a *TooLargeError
// when it holds more than limit bytes.
func (r *Root) ReadFile(name string, limit int64) ([]byte, error) {
	f, size, err := r.openRegular(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readLimited(f, name, limit, size)
}

// FS returns the root as a file system, for globbing; names in it are
// slash-separated and relative to the root.
func (r *Root) FS() fs.FS { return r.root.FS() }

// wrap turns os.Root's error for a name that escapes the root into
// ErrOutside, and names the file as the scan shows it.
func (r *Root) wrap(name string, err error) error {
	if err == nil {
		return nil
	}
	inner := unwrapPath(err)
	// os.Root does not export the error of a path that escapes it.
	if strings.Contains(inner.Error(), "escapes") {
		inner = ErrOutside
	}
	return &fs.PathError{Op: "open", Path: name, Err: inner}
}

// ReadUserFile reads a file the user named (on the command line, or in
// their own configuration): it may lie anywhere, but it must be a regular
// file of at most limit bytes.
func ReadUserFile(name string, limit int64) ([]byte, error) {
	info, err := os.Stat(name)
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, &fs.PathError{Op: "open", Path: name, Err: notRegular(info.Mode())}
	}
	f, err := os.OpenFile(name, os.O_RDONLY|nonBlocking, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	size, err := checkRegular(f, name)
	if err != nil {
		return nil, err
	}
	return readLimited(f, name, limit, size)
}

// checkRegular checks that the open file f is a regular file and returns
// its size.
func checkRegular(f *os.File, name string) (int64, error) {
	info, err := f.Stat()
	if err != nil {
		return 0, &fs.PathError{Op: "open", Path: name, Err: unwrapPath(err)}
	}
	if !info.Mode().IsRegular() {
		return 0, &fs.PathError{Op: "open", Path: name, Err: notRegular(info.Mode())}
	}
	return info.Size(), nil
}

// readLimited reads at most limit bytes; the limit holds whatever the
// file's size said when it was opened. size is that size: the buffer is
// made for it at once, with a byte more to see the end, where io.ReadAll
// would grow it from 512 bytes with a read for each step.
func readLimited(f io.Reader, name string, limit, size int64) ([]byte, error) {
	data := make([]byte, 0, min(max(size, 0), limit)+1)
	for int64(len(data)) <= limit {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		end := min(int64(cap(data)), limit+1)
		n, err := f.Read(data[len(data):end])
		data = data[:len(data)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, &fs.PathError{Op: "open", Path: name, Err: unwrapPath(err)}
		}
	}
	if int64(len(data)) > limit {
		return nil, &fs.PathError{Op: "open", Path: name, Err: &TooLargeError{Limit: limit}}
	}
	return data, nil
}

// notRegular says what kind of file a mode is, as an error wrapping
// ErrNotRegular.
func notRegular(m fs.FileMode) error {
	kind := "not a regular file"
	switch {
	case m.IsDir():
		kind = "a directory"
	case m&fs.ModeNamedPipe != 0:
		kind = "a FIFO"
	case m&fs.ModeSocket != 0:
		kind = "a socket"
	case m&fs.ModeDevice != 0, m&fs.ModeCharDevice != 0:
		kind = "a device"
	}
	return fmt.Errorf("%s, %w", kind, ErrNotRegular)
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}
