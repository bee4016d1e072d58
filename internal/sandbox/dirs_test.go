//go:build unix

package sandbox

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// TestReadThroughDirectories reads more directories than a Root keeps
// open, from several goroutines, twice: every read finds its own file,
// and the directories kept open are bounded.
func TestReadThroughDirectories(t *testing.T) {
	root := t.TempDir()
	var names []string
	for i := range maxOpenDirs + 20 {
		dir := filepath.Join(root, fmt.Sprintf("m%03d", i), "sub")
		must(t, os.MkdirAll(dir, 0o755))
		name := filepath.Join(dir, "main.tf")
		must(t, os.WriteFile(name, []byte(name), 0o644))
		names = append(names, name)
	}
	r, err := Open(root)
	must(t, err)
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for pass := range 2 {
				for k := range names {
					name := names[(k+g*17+pass)%len(names)]
					data, err := r.ReadFile(name, 1<<10)
					if err != nil || string(data) != name {
						t.Errorf("ReadFile(%s) = %q, %v", name, data, err)
					}
					if _, err := r.Stat(name); err != nil {
						t.Errorf("Stat(%s): %v", name, err)
					}
					if _, err := r.ReadDir(filepath.Dir(name)); err != nil {
						t.Errorf("ReadDir(%s): %v", filepath.Dir(name), err)
					}
				}
			}
		})
	}
	wg.Wait()
	r.dirs.mu.Lock()
	open, refs := len(r.dirs.open), 0
	for _, h := range r.dirs.open {
		refs += h.refs
	}
	r.dirs.mu.Unlock()
	if open > maxOpenDirs || refs != 0 {
		t.Errorf("%d directories open, %d reads under way; want at most %d, none", open, refs, maxOpenDirs)
	}
	must(t, r.Close())
	if len(r.dirs.open) != 0 {
		t.Errorf("%d directories still open after Close", len(r.dirs.open))
	}
}

// TestReadOutOfDirectory reads names whose last element leads out of its
// directory: inside the root they are read (through the root), outside
// they are refused; a missing directory is missing every time.
func TestReadOutOfDirectory(t *testing.T) {
	root, _ := tree(t)
	must(t, os.MkdirAll(filepath.Join(root, "other"), 0o755))
	must(t, os.WriteFile(filepath.Join(root, "other", "x.tf"), []byte("ok"), 0o644))
	must(t, os.Symlink("../other/x.tf", filepath.Join(root, "sub", "sibling.tf")))
	must(t, os.Symlink("../../secret.txt", filepath.Join(root, "sub", "out.tf")))
	must(t, os.Symlink("../other", filepath.Join(root, "sub", "otherlink")))
	r, err := Open(root)
	must(t, err)
	defer r.Close()
	for range 2 {
		for _, name := range []string{filepath.Join(root, "sub", "sibling.tf"), filepath.Join(root, "sub", "otherlink", "x.tf")} {
			if data, err := r.ReadFile(name, 10); err != nil || string(data) != "ok" {
				t.Errorf("ReadFile(%s) = %q, %v; want ok", name, data, err)
			}
			if _, err := r.Stat(name); err != nil {
				t.Errorf("Stat(%s): %v", name, err)
			}
		}
		if _, err := r.ReadDir(filepath.Join(root, "sub", "otherlink")); err != nil {
			t.Errorf("ReadDir(otherlink): %v", err)
		}
		if _, err := r.ReadFile(filepath.Join(root, "sub", "out.tf"), 10); !errors.Is(err, ErrOutside) {
			t.Errorf("ReadFile(sub/out.tf) = %v; want ErrOutside", err)
		}
		if _, err := r.ReadFile(filepath.Join(root, "sub", "parent", "secret.txt"), 10); err == nil {
			t.Error("ReadFile(sub/parent/secret.txt) read outside")
		}
		missing := filepath.Join(root, "sub", ".terraform", "modules", "modules.json")
		if _, err := r.ReadFile(missing, 10); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("ReadFile(%s) = %v; want ErrNotExist", missing, err)
		}
	}
}

// TestDroppedDirectoryClosedLast: a directory that leaves the cache while
// a read is under way in it is closed when that read ends, not before.
func TestDroppedDirectoryClosedLast(t *testing.T) {
	root := t.TempDir()
	must(t, os.MkdirAll(filepath.Join(root, "a"), 0o755))
	must(t, os.WriteFile(filepath.Join(root, "a", "f"), []byte("ok"), 0o644))
	top, err := os.OpenRoot(root)
	must(t, err)
	defer top.Close()
	var c dirCache
	h := c.acquire(top, "a")
	if h == nil {
		t.Fatal("acquire(a) = nil")
	}
	c.close()
	if _, err := h.root.Stat("f"); err != nil {
		t.Fatalf("the directory was closed under a read: %v", err)
	}
	c.release(h)
	if _, err := h.root.Stat("f"); err == nil {
		t.Error("the directory is still open after its last read")
	}
}
