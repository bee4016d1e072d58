//go:build unix

package sandbox

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"
)

// tree lays out a root with the links an attacker would plant, beside a
// secret outside it.
func tree(t *testing.T) (root, secret string) {
	t.Helper()
	base := t.TempDir()
	root = filepath.Join(base, "repo")
	secret = filepath.Join(base, "secret.txt")
	must(t, os.MkdirAll(filepath.Join(root, "sub"), 0o755))
	must(t, os.WriteFile(secret, []byte("TOP SECRET"), 0o644))
	must(t, os.WriteFile(filepath.Join(root, "sub", "main.tf"), []byte("ok"), 0o644))
	must(t, os.Symlink(secret, filepath.Join(root, "abs-out")))
	must(t, os.Symlink("../secret.txt", filepath.Join(root, "rel-out")))
	must(t, os.Symlink("..", filepath.Join(root, "parent")))
	must(t, os.Symlink("sub", filepath.Join(root, "sublink")))
	must(t, os.Symlink("/dev/zero", filepath.Join(root, "zero.tf")))
	must(t, os.Symlink("loop-b", filepath.Join(root, "loop-a")))
	must(t, os.Symlink("loop-a", filepath.Join(root, "loop-b")))
	if err := syscall.Mkfifo(filepath.Join(root, "fifo.tf"), 0o644); err != nil {
		t.Logf("no FIFO: %v", err)
	}
	must(t, os.WriteFile(filepath.Join(root, "big.tf"), []byte(strings.Repeat("x", 100)), 0o644))
	return root, secret
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestReadFile(t *testing.T) {
	root, secret := tree(t)
	r, err := Open(root)
	must(t, err)
	defer r.Close()
	tests := []struct {
		name string
		want error // nil: reads "ok"
	}{
		{filepath.Join(root, "sub", "main.tf"), nil},
		{filepath.Join(root, "sublink", "main.tf"), nil},
		{filepath.Join(root, "sub", "..", "sub", "main.tf"), nil},
		{secret, ErrOutside},
		{filepath.Join(root, "..", "secret.txt"), ErrOutside},
		{filepath.Join(root, "abs-out"), ErrOutside},
		{filepath.Join(root, "rel-out"), ErrOutside},
		{filepath.Join(root, "parent", "secret.txt"), ErrOutside},
		{filepath.Join(root, "zero.tf"), ErrOutside},
		{"/etc/passwd", ErrOutside},
		{filepath.Join(root, "sub"), ErrNotRegular},
		{filepath.Join(root, "big.tf"), ErrTooLarge},
		{filepath.Join(root, "missing.tf"), os.ErrNotExist},
	}
	if _, err := os.Lstat(filepath.Join(root, "fifo.tf")); err == nil {
		tests = append(tests, struct {
			name string
			want error
		}{filepath.Join(root, "fifo.tf"), ErrNotRegular})
	}
	for _, tt := range tests {
		data, err := r.ReadFile(tt.name, 10)
		switch {
		case tt.want == nil && (err != nil || string(data) != "ok"):
			t.Errorf("ReadFile(%s) = %q, %v; want ok", tt.name, data, err)
		case tt.want != nil && !errors.Is(err, tt.want):
			t.Errorf("ReadFile(%s) error = %v; want %v", tt.name, err, tt.want)
		}
		if strings.Contains(string(data), "SECRET") {
			t.Errorf("ReadFile(%s) read the secret", tt.name)
		}
	}
	// A symbolic link loop is an error, not a hang.
	if _, err := r.ReadFile(filepath.Join(root, "loop-a"), 10); err == nil {
		t.Error("ReadFile followed a symlink loop")
	}
}

// Names relative to the working directory are read too: the scan shows
// paths as the user gave them.
func TestRelativeNames(t *testing.T) {
	root, _ := tree(t)
	t.Chdir(filepath.Dir(root))
	r, err := Open("repo")
	must(t, err)
	defer r.Close()
	data, err := r.ReadFile(filepath.Join("repo", "sub", "main.tf"), 10)
	if err != nil || string(data) != "ok" {
		t.Fatalf("ReadFile = %q, %v", data, err)
	}
	if _, err := r.ReadFile("secret.txt", 100); !errors.Is(err, ErrOutside) {
		t.Errorf("the working directory is not the root: got %v", err)
	}
	if rel, err := r.Rel(filepath.Join("repo", "sub", "main.tf")); err != nil || rel != "sub/main.tf" {
		t.Errorf("Rel = %q, %v", rel, err)
	}
	if rel, err := r.Rel("repo"); err != nil || rel != "." {
		t.Errorf("Rel(root) = %q, %v", rel, err)
	}
}

func TestRealPath(t *testing.T) {
	root, _ := tree(t)
	r, err := Open(root)
	must(t, err)
	defer r.Close()
	a, err1 := r.RealPath(filepath.Join(root, "sub", "main.tf"))
	b, err2 := r.RealPath(filepath.Join(root, "sublink", "main.tf"))
	if err1 != nil || err2 != nil || a != b {
		t.Errorf("RealPath: %q (%v) != %q (%v)", a, err1, b, err2)
	}
	if _, err := r.RealPath(filepath.Join(root, "rel-out")); !errors.Is(err, ErrOutside) {
		t.Errorf("RealPath(rel-out) = %v; want ErrOutside", err)
	}
	if r.Contains(filepath.Join(root, "parent")) {
		t.Error("Contains(parent) = true")
	}
}

func TestReadDirAndFS(t *testing.T) {
	root, _ := tree(t)
	r, err := Open(root)
	must(t, err)
	defer r.Close()
	entries, err := r.ReadDir(root)
	must(t, err)
	if len(entries) == 0 || entries[0].Name() > entries[len(entries)-1].Name() {
		t.Errorf("ReadDir not sorted: %v", entries)
	}
	if _, err := r.ReadDir(filepath.Join(root, "parent")); !errors.Is(err, ErrOutside) {
		t.Errorf("ReadDir(parent) = %v; want ErrOutside", err)
	}
	clean := t.TempDir()
	must(t, os.WriteFile(filepath.Join(clean, "a.tf"), []byte("a"), 0o644))
	cr, err := Open(clean)
	must(t, err)
	defer cr.Close()
	if err := fstest.TestFS(cr.FS(), "a.tf"); err != nil {
		t.Error(err)
	}
}

func TestReadUserFile(t *testing.T) {
	root, secret := tree(t)
	if data, err := ReadUserFile(secret, 100); err != nil || string(data) != "TOP SECRET" {
		t.Errorf("ReadUserFile(outside) = %q, %v; the user may name any file", data, err)
	}
	if _, err := ReadUserFile("/dev/zero", 100); !errors.Is(err, ErrNotRegular) {
		t.Errorf("ReadUserFile(/dev/zero) = %v; want ErrNotRegular", err)
	}
	if _, err := ReadUserFile(filepath.Join(root, "big.tf"), 10); !errors.Is(err, ErrTooLarge) {
		t.Errorf("ReadUserFile(big) = %v; want ErrTooLarge", err)
	}
	if _, err := os.Lstat(filepath.Join(root, "fifo.tf")); err == nil {
		if _, err := ReadUserFile(filepath.Join(root, "fifo.tf"), 10); !errors.Is(err, ErrNotRegular) {
			t.Errorf("ReadUserFile(fifo) = %v; want ErrNotRegular", err)
		}
	}
}

// TestReadLimited reads with the size the file had when opened, which may
// be wrong by the time it is read (or 0, for files the system cannot
// size): the content and the limit hold whatever the size said.
func TestReadLimited(t *testing.T) {
	content := strings.Repeat("0123456789", 100) // 1,000 bytes
	for _, size := range []int64{0, 1, 511, 999, 1000, 1001, 4096, -1} {
		for _, limit := range []int64{0, 999, 1000, 1001, 1 << 20} {
			data, err := readLimited(strings.NewReader(content), "f", limit, size)
			if int64(len(content)) > limit {
				if !errors.Is(err, ErrTooLarge) {
					t.Errorf("size %d, limit %d: %d bytes, %v; want ErrTooLarge", size, limit, len(data), err)
				}
				continue
			}
			if err != nil || string(data) != content {
				t.Errorf("size %d, limit %d: %d bytes, %v; want the %d bytes", size, limit, len(data), err, len(content))
			}
		}
	}
}

// TestRealPathRemembered resolves a name once: a link changed afterwards
// does not change what the root says of it (reads are still confined by
// os.Root, see TestReadFile).
func TestRealPathRemembered(t *testing.T) {
	root, _ := tree(t)
	r, err := Open(root)
	must(t, err)
	defer r.Close()
	name := filepath.Join(root, "sublink", "main.tf")
	first, err := r.RealPath(name)
	must(t, err)
	if !strings.HasSuffix(first, filepath.Join("sub", "main.tf")) {
		t.Fatalf("RealPath(%s) = %s", name, first)
	}
	if again, err := r.RealPath(name); err != nil || again != first {
		t.Errorf("RealPath again = %q, %v; want %q", again, err, first)
	}
	if _, err := r.RealPath(filepath.Join(root, "missing", "x")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("RealPath of a missing name = %v, want ErrNotExist", err)
	}
	if _, err := r.RealPath(filepath.Join(root, "missing", "x")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("RealPath of a missing name, again = %v, want ErrNotExist", err)
	}
}

// TestReadDirTypes: a directory listed through a directory kept open
// says the type of every entry (files, directories, links, FIFOs) as the
// operating system's listing does, sorted, and Info looks entries up
// without following links.
func TestReadDirTypes(t *testing.T) {
	root, _ := tree(t)
	r, err := Open(filepath.Dir(root))
	must(t, err)
	defer r.Close()
	for range 2 { // the directory opened, then kept open
		entries, err := r.ReadDir(root)
		must(t, err)
		want, err := os.ReadDir(root)
		must(t, err)
		if len(entries) != len(want) {
			t.Fatalf("ReadDir = %v, want %v", entries, want)
		}
		for i, e := range entries {
			if e.Name() != want[i].Name() || e.Type() != want[i].Type() || e.IsDir() != want[i].IsDir() {
				t.Errorf("entry %d: %s %v, want %s %v", i, e.Name(), e.Type(), want[i].Name(), want[i].Type())
			}
			info, err := e.Info()
			must(t, err)
			if lst, err := os.Lstat(filepath.Join(root, e.Name())); err != nil || info.Mode() != lst.Mode() || info.Size() != lst.Size() {
				t.Errorf("%s: Info %v, want %v (%v)", e.Name(), info.Mode(), lst.Mode(), err)
			}
		}
	}
}
