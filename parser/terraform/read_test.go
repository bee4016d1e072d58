package terraform

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/blindspot-iac/blindspot/internal/sandbox"
)

// TestFilesTakenAndHandedOn: CandidateModuleDirs hands every file it
// reads to Options.Read; evaluation takes a file whose content the scan
// has already (Options.Take) instead of reading it, and hands every file
// it reads or takes to Options.Read, with the root read through.
func TestFilesTakenAndHandedOn(t *testing.T) {
	dir := t.TempDir()
	main := filepath.Join(dir, "main.tf")
	other := filepath.Join(dir, "other.tf")
	for name, text := range map[string]string{
		main:  `resource "aws_s3_bucket" "on_disk" {}`,
		other: `resource "aws_sqs_queue" "q" {}`,
	} {
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	root, err := sandbox.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	var peeked []string
	CandidateModuleDirs(dir, Options{Root: root, Read: func(r *sandbox.Root, path string, data []byte) {
		peeked = append(peeked, path)
	}})
	if slices.Sort(peeked); !slices.Equal(peeked, []string{main, other}) {
		t.Errorf("CandidateModuleDirs handed on %q, want both files", peeked)
	}

	taken := `resource "aws_s3_bucket" "taken" {}`
	read := map[string]string{}
	g := LoadModule(dir, Options{
		Root: root,
		Take: func(r *sandbox.Root, path string, limit int64) ([]byte, bool) {
			if r != root || limit != MaxHCLSize {
				t.Errorf("Take(%s, %s, %d)", r.Dir(), path, limit)
			}
			return []byte(taken), path == main
		},
		Read: func(r *sandbox.Root, path string, data []byte) {
			if r != root {
				t.Errorf("%s read through %s", path, r.Dir())
			}
			read[path] = string(data)
		},
	})
	var addrs []string
	for _, r := range g.Resources {
		addrs = append(addrs, r.Address)
	}
	if slices.Sort(addrs); !slices.Equal(addrs, []string{"aws_s3_bucket.taken", "aws_sqs_queue.q"}) {
		t.Errorf("resources %v, want main.tf as taken and other.tf as read", addrs)
	}
	if len(read) != 2 || read[main] != taken || read[other] == "" {
		t.Errorf("handed on %v, want main.tf as taken and other.tf as read", read)
	}
}
