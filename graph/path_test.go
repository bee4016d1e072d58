package graph

import (
	"os"
	"path/filepath"
	"sync"
	"testing"
)

func TestRelPath(t *testing.T) {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	parent := filepath.Dir(wd)
	here := filepath.Base(wd)
	tests := []struct {
		base, file, want string
	}{
		{"", "a/b.tf", "a/b.tf"},
		{"", "", ""},
		{wd, "", ""},
		{wd, "a/b.tf", "a/b.tf"},
		{wd, "./a/../a/b.tf", "a/b.tf"},
		{wd, filepath.Join(wd, "a", "b.tf"), "a/b.tf"},
		{wd, ".", "."},
		{parent, "a/b.tf", here + "/a/b.tf"},
		{".", "a/b.tf", "a/b.tf"},
		{filepath.Join(wd, "a"), "a/b.tf", "b.tf"},
		{filepath.Join(wd, "a"), "c/d.tf", "../c/d.tf"},
		{filepath.Join(wd, "a"), "ab/d.tf", "../ab/d.tf"},
		{filepath.Join(wd, "a"), filepath.Join(wd, "c", "d.tf"), filepath.ToSlash(filepath.Join(wd, "c", "d.tf"))},
		{wd, "..", ".."},
	}
	for _, tt := range tests {
		if got := RelPath(tt.base, tt.file); got != tt.want {
			t.Errorf("RelPath(%q, %q) = %q, want %q", tt.base, tt.file, got, tt.want)
		}
	}
}

// TestPathBaseRemembers: a PathBase answers from memory what it worked
// out before, the same as RelPath, from several goroutines at once.
func TestPathBaseRemembers(t *testing.T) {
	files := []string{"main.tf", "modules/x/main.tf", "../outside.tf", "/abs/elsewhere.tf", "a/../b.tf", ""}
	b := NewPathBase("modules")
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 3 {
				for _, f := range files {
					if got, want := b.Rel(f), RelPath("modules", f); got != want {
						t.Errorf("Rel(%q) = %q, want %q", f, got, want)
					}
				}
			}
		}()
	}
	wg.Wait()
}
