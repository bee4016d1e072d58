//go:build linux

package scan

import (
	"context"
	"encoding/binary"
	"path/filepath"
	"slices"
	"strings"
	"syscall"

	"github.com/blindspot-iac/blindspot/parser"
)

// readTree reads the tree under absRoot (shown as shown) with a handful
// of system calls per file (a pre-commit hook runs it on every commit,
// and os.Root spends several times as many): every directory and file is
// opened relative to its parent's descriptor without following symbolic
// links (O_NOFOLLOW), so that nothing outside absRoot is read, as
// through an os.Root.
func readTree(ctx context.Context, absRoot, shown string, modules, templates bool) (*tree, bool) {
	fd, err := syscall.Open(absRoot, syscall.O_RDONLY|syscall.O_DIRECTORY|syscall.O_CLOEXEC, 0)
	if err != nil {
		return nil, false
	}
	t := &tree{}
	w := &fdWalker{t: t, ctx: ctx, modules: modules, templates: templates, buf: make([]byte, 32<<10)}
	w.walk(fd, shown, ".")
	return t, true
}

type fdWalker struct {
	t                  *tree
	ctx                context.Context
	modules, templates bool
	buf                []byte
}

// walk reads the directory open as fd (shown as shown, rel under the
// root) and closes it.
func (w *fdWalker) walk(fd int, shown, rel string) {
	defer syscall.Close(fd)
	if w.ctx.Err() != nil {
		return
	}
	type entry struct {
		name string
		typ  byte
	}
	var entries []entry
	for {
		n, err := syscall.ReadDirent(fd, w.buf)
		if err != nil || n <= 0 {
			break
		}
		// struct linux_dirent64: ino (8), off (8), reclen (2), type (1),
		// name (NUL-terminated).
		for off := 0; off+19 <= n; {
			reclen := int(binary.NativeEndian.Uint16(w.buf[off+16:]))
			if reclen <= 0 || off+reclen > n {
				break
			}
			name := w.buf[off+19 : off+reclen]
			if i := slices.Index(name, 0); i >= 0 {
				name = name[:i]
			}
			if s := string(name); s != "." && s != ".." {
				entries = append(entries, entry{s, w.buf[off+18]})
			}
			off += reclen
		}
	}
	slices.SortFunc(entries, func(a, b entry) int { return strings.Compare(a.name, b.name) })
	d := &treeDir{shown: shown, rel: rel}
	for _, e := range entries {
		typ := e.typ
		if typ == syscall.DT_UNKNOWN {
			// The file system does not say: a directory opens as one,
			// and readAt reads only a regular file.
			typ = syscall.DT_REG
			if sub, err := syscall.Openat(fd, e.name, syscall.O_RDONLY|syscall.O_DIRECTORY|syscall.O_NOFOLLOW|syscall.O_CLOEXEC, 0); err == nil {
				syscall.Close(sub)
				typ = syscall.DT_DIR
			}
		}
		switch lower := strings.ToLower(e.name); {
		case typ == syscall.DT_DIR:
			if parser.SkippedDir(e.name) {
				continue
			}
			sub, err := syscall.Openat(fd, e.name, syscall.O_RDONLY|syscall.O_DIRECTORY|syscall.O_NOFOLLOW|syscall.O_CLOEXEC, 0)
			if err == nil {
				w.walk(sub, filepath.Join(shown, e.name), filepath.Join(rel, e.name))
			}
		case typ != syscall.DT_REG:
		case strings.HasSuffix(lower, ".tf"), strings.HasSuffix(lower, ".tf.json"):
			if strings.HasPrefix(e.name, ".") {
				continue
			}
			d.modules = append(d.modules, e.name)
			if w.modules {
				d.moduleData = append(d.moduleData, readAt(fd, e.name, moduleLimit(e.name)))
			}
		case isTemplateName(lower):
			d.templates = append(d.templates, e.name)
			if w.templates {
				var keep []byte
				if b := readAt(fd, e.name, parser.MaxTemplateSize); keepTemplate(b) {
					keep = b
				}
				d.templateData = append(d.templateData, keep)
			}
		}
	}
	if len(d.modules) > 0 || len(d.templates) > 0 {
		w.t.dirs = append(w.t.dirs, d)
	}
}

// readAt reads the regular file name in the directory dirfd, of at most
// limit bytes, without following a symbolic link; nil when it cannot.
func readAt(dirfd int, name string, limit int64) []byte {
	// O_NONBLOCK: a FIFO put in the file's place does not block the open.
	fd, err := syscall.Openat(dirfd, name, syscall.O_RDONLY|syscall.O_NOFOLLOW|syscall.O_CLOEXEC|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil
	}
	defer syscall.Close(fd)
	var st syscall.Stat_t
	if syscall.Fstat(fd, &st) != nil || st.Mode&syscall.S_IFMT != syscall.S_IFREG || st.Size > limit {
		return nil
	}
	data := make([]byte, st.Size)
	for got := 0; got < len(data); {
		n, err := syscall.Read(fd, data[got:])
		if err == syscall.EINTR {
			continue
		}
		if err != nil || n <= 0 {
			return nil
		}
		got += n
	}
	return data
}
