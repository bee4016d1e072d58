package terraform

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/internal/sandbox"
)

// writeModules writes files into a new directory and returns it, with
// options that read through a scan root opened on it.
func writeModules(t *testing.T, files map[string]string) (string, Options) {
	t.Helper()
	root := t.TempDir()
	for name, content := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	sr, err := sandbox.Open(root)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sr.Close() })
	return root, Options{Root: sr}
}

func TestModuleCalls(t *testing.T) {
	root, opts := writeModules(t, map[string]string{
		"app/main.tf": `
module "local" {
  source = "./modules/a"
}
module "parent" {
  source = "../shared"
  count  = 2
}
module "each" {
  source   = "../shared"
  for_each = {}
}
module "registry" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "5.0.0"
}
module "computed" {
  source = var.where
}
module "none" {
}
`,
		"app/override.tf":   "module \"local\" {\n  source = \"./modules/b\"\n}\n",
		"app/calls.tf.json": `{"module": {"json": {"source": "./json"}}}`,
	})
	app := filepath.Join(root, "app")
	cache := NewModuleCache()
	info := cache.Hold(app, opts)
	want := []ModuleCall{
		{Dir: filepath.Join(app, "json")},
		{Dir: filepath.Join(app, "modules", "b")},
		{Dir: filepath.Join(root, "shared"), Repeated: true},
		{Dir: filepath.Join(root, "shared"), Repeated: true},
		{Remote: true},
		{},
		{},
	}
	if info.Dir != app || info.Files != 3 || !reflect.DeepEqual(info.Calls, want) {
		t.Errorf("Hold = %+v, want dir %s, 3 files, calls %+v", info, app, want)
	}
	if info := cache.Hold(filepath.Join(root, "missing"), opts); info.Files != 0 || info.Calls != nil {
		t.Errorf("Hold of a missing directory = %+v", info)
	}
	if info := cache.Hold(filepath.Dir(root), opts); info.Files != 0 || info.Calls != nil {
		t.Errorf("Hold of a directory outside the scan root = %+v", info)
	}
	if info := cache.Hold(app, Options{}); info.Files != 0 {
		t.Errorf("Hold without a scan root = %+v", info)
	}
}

// TestModuleCacheHolds checks that a held module stays parsed, that one
// released stays among the last few used, and that the others are dropped.
func TestModuleCacheHolds(t *testing.T) {
	files := map[string]string{}
	for i := range maxIdleModules + 3 {
		files[filepath.Join("m", string(rune('a'+i)), "main.tf")] = "locals {\n  x = 1\n}\n"
	}
	root, opts := writeModules(t, files)
	dir := func(i int) string { return filepath.Join(root, "m", string(rune('a'+i))) }
	cache := NewModuleCache()
	use := func(i int) {
		l := &loader{g: &graph.Graph{}, cache: cache, opts: opts}
		l.parseModule(dir(i))
	}
	parsed := func(i int) *module {
		cache.mu.Lock()
		defer cache.mu.Unlock()
		if m := cache.mods[dir(i)]; m != nil {
			return m.mod
		}
		return nil
	}

	cache.Hold(dir(0), opts)
	cache.Hold(dir(0), opts)
	held := parsed(0)
	for i := 1; i < maxIdleModules+3; i++ {
		use(i)
	}
	if parsed(0) != held {
		t.Fatal("a held module was dropped")
	}
	if parsed(1) != nil || parsed(2) != nil || parsed(3) == nil || parsed(maxIdleModules+2) == nil {
		t.Errorf("the idle modules kept are not the last %d used", maxIdleModules)
	}
	cache.Release(dir(0), opts)
	if parsed(0) != held {
		t.Fatal("a module held twice was dropped after one release")
	}
	cache.Release(dir(0), opts)
	cache.Release(dir(0), opts) // one too many: ignored
	if parsed(0) != held {
		t.Fatal("a module just released was dropped")
	}
	for i := 3; i < maxIdleModules+3; i++ {
		use(i)
	}
	if parsed(0) != nil {
		t.Error("a released module outlived the last used ones")
	}
	cache.mu.Lock()
	defer cache.mu.Unlock()
	if len(cache.mods) != maxIdleModules || len(cache.idle) != maxIdleModules {
		t.Errorf("%d modules cached, %d idle, want %d", len(cache.mods), len(cache.idle), maxIdleModules)
	}
}

func TestCandidateModuleDirs(t *testing.T) {
	root, opts := writeModules(t, map[string]string{
		"app/main.tf": `
module "a" {
  source = "./modules/a"
}
module "b" { source = "../b" }
# a comment naming "../c"
resource "aws_s3_object" "o" {
  source = "${path.module}/file.zip"
  key    = ".hidden"
}
`,
		"app/more.tf.json": `{"module": {"d": {"source": "../../d"}}}`,
		"app/notes.txt":    `"./not-read"`,
		"app/.hidden.tf":   `"./not-read-either"`,
	})
	dirs, size := CandidateModuleDirs(filepath.Join(root, "app"), opts)
	want := []string{filepath.Join(root, "..", "d"), filepath.Join(root, "app", "modules", "a"), filepath.Join(root, "b"), filepath.Join(root, "c")}
	slices.Sort(want)
	if !slices.Equal(dirs, want) {
		t.Errorf("CandidateModuleDirs = %q, want %q", dirs, want)
	}
	main, _ := os.ReadFile(filepath.Join(root, "app", "main.tf"))
	more, _ := os.ReadFile(filepath.Join(root, "app", "more.tf.json"))
	if size != int64(len(main)+len(more)) {
		t.Errorf("size = %d, want %d", size, len(main)+len(more))
	}
}

func TestManifestDirs(t *testing.T) {
	root, opts := writeModules(t, map[string]string{
		"app/main.tf":                         "",
		"app/.terraform/modules/modules.json": `{"Modules": [{"Key": "", "Dir": "."}, {"Key": "vpc", "Dir": ".terraform/modules/vpc"}, {"Key": "vpc.sub", "Dir": ".terraform/modules/vpc/modules/sub"}]}`,
		"bad/.terraform/modules/modules.json": `{`,
	})
	app := filepath.Join(root, "app")
	want := []string{filepath.Join(app, ".terraform", "modules", "vpc"), filepath.Join(app, ".terraform", "modules", "vpc", "modules", "sub")}
	if got := ManifestDirs(app, opts); !slices.Equal(got, want) {
		t.Errorf("ManifestDirs = %q, want %q", got, want)
	}
	if got := ManifestDirs(filepath.Join(root, "bad"), opts); got != nil {
		t.Errorf("ManifestDirs of a broken manifest = %q", got)
	}
	if got := ManifestDirs(root, opts); got != nil {
		t.Errorf("ManifestDirs without a manifest = %q", got)
	}
}
