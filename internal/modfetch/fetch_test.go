package modfetch

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// registry is a module registry on 127.0.0.1, reached as example.com (the
// name httptest's certificate is for), that wants a token.
type registry struct {
	srv      *httptest.Server
	token    string
	requests atomic.Int64
	// files are the archives it serves under /files/.
	files map[string][]byte
}

func newRegistry(t *testing.T) *registry {
	t.Helper()
	r := &registry{token: "s3cret", files: map[string][]byte{
		"vpc-1.2.0.tar.gz": tarGz(t, map[string]string{
			"terraform-aws-vpc-1.2.0/main.tf":             `resource "aws_vpc" "this" {}`,
			"terraform-aws-vpc-1.2.0/modules/sub/main.tf": `resource "aws_subnet" "this" {}`,
		}),
		"vpc-2.0.0.zip": zipOf(t, map[string]string{"main.tf": `resource "aws_vpc" "v2" {}`}),
	}}
	mux := http.NewServeMux()
	mux.HandleFunc("/.well-known/terraform.json", func(w http.ResponseWriter, req *http.Request) {
		w.Write([]byte(`{"modules.v1": "/v1/modules/"}`))
	})
	mux.HandleFunc("/v1/modules/acme/vpc/aws/versions", func(w http.ResponseWriter, req *http.Request) {
		if !r.authorized(w, req) {
			return
		}
		w.Write([]byte(`{"modules": [{"versions": [{"version": "1.0.0"}, {"version": "1.2.0"}, {"version": "2.0.0"}, {"version": "2.1.0-beta1"}]}]}`))
	})
	mux.HandleFunc("/v1/modules/acme/vpc/aws/1.2.0/download", func(w http.ResponseWriter, req *http.Request) {
		if !r.authorized(w, req) {
			return
		}
		// Relative to the download endpoint, with the archive's top
		// directory as the module.
		w.Header().Set("X-Terraform-Get", "/files/vpc-1.2.0.tar.gz//*")
		w.WriteHeader(http.StatusNoContent)
	})
	mux.HandleFunc("/v1/modules/acme/vpc/aws/2.0.0/download", func(w http.ResponseWriter, req *http.Request) {
		if !r.authorized(w, req) {
			return
		}
		// The location in a JSON body, as an absolute URL.
		w.Write([]byte(`{"location": "https://example.com/files/vpc-2.0.0.zip"}`))
	})
	mux.HandleFunc("/files/", func(w http.ResponseWriter, req *http.Request) {
		data, ok := r.files[strings.TrimPrefix(req.URL.Path, "/files/")]
		if !ok {
			http.NotFound(w, req)
			return
		}
		w.Write(data)
	})
	r.srv = httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		r.requests.Add(1)
		mux.ServeHTTP(w, req)
	}))
	t.Cleanup(r.srv.Close)
	return r
}

func (r *registry) authorized(w http.ResponseWriter, req *http.Request) bool {
	if req.Header.Get("Authorization") != "Bearer "+r.token {
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return false
	}
	return true
}

// client reaches the registry for any host name.
func (r *registry) client() *http.Client {
	c := r.srv.Client()
	tr := c.Transport.(*http.Transport).Clone()
	addr := r.srv.Listener.Addr().String()
	var d net.Dialer
	tr.DialContext = func(ctx context.Context, network, _ string) (net.Conn, error) {
		return d.DialContext(ctx, network, addr)
	}
	return &http.Client{Transport: tr}
}

func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

func newFetcher(t *testing.T, cache string, client *http.Client, vars map[string]string) *Fetcher {
	t.Helper()
	if vars["HOME"] == "" {
		vars["HOME"] = t.TempDir()
	}
	f, err := New(context.Background(), Options{CacheDir: cache, Client: client, Getenv: env(vars)})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func readFile(t *testing.T, p string) string {
	t.Helper()
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func TestRegistry(t *testing.T) {
	reg := newRegistry(t)
	cache := t.TempDir()
	f := newFetcher(t, cache, reg.client(), map[string]string{"TF_TOKEN_example_com": reg.token})

	dir, pkg, err := f.FetchModule("example.com/acme/vpc/aws", "~> 1.0")
	if err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, filepath.Join(dir, "main.tf")); got != `resource "aws_vpc" "this" {}` {
		t.Errorf("main.tf = %q", got)
	}
	if !strings.HasPrefix(dir, pkg) || !strings.HasPrefix(pkg, f.Root()) || filepath.Base(pkg) != "1.2.0" {
		t.Errorf("dir %s, package %s, cache %s", dir, pkg, f.Root())
	}
	sub, _, err := f.FetchModule("example.com/acme/vpc/aws//modules/sub", "1.2.0")
	if err != nil || readFile(t, filepath.Join(sub, "main.tf")) != `resource "aws_subnet" "this" {}` {
		t.Errorf("subdirectory: %s, %v", sub, err)
	}
	// The highest version, prereleases left out; a JSON location.
	v2, _, err := f.FetchModule("example.com/acme/vpc/aws", ">= 1.0")
	if err != nil || readFile(t, filepath.Join(v2, "main.tf")) != `resource "aws_vpc" "v2" {}` {
		t.Errorf(">= 1.0: %s, %v", v2, err)
	}
	if _, _, err := f.FetchModule("example.com/acme/vpc/aws", "~> 3.0"); err == nil || !strings.Contains(err.Error(), "1.0.0, 1.2.0, 2.0.0") {
		t.Errorf("no matching version: %v", err)
	}

	// Pinned and cached: no request at all, even with the registry gone.
	reg.srv.Close()
	before := reg.requests.Load()
	offline := newFetcher(t, cache, reg.client(), map[string]string{})
	if again, _, err := offline.FetchModule("example.com/acme/vpc/aws", "1.2.0"); err != nil || again != dir {
		t.Errorf("pinned, cached: %s, %v", again, err)
	}
	// A range uses the best cached version when the registry cannot be
	// reached.
	if again, _, err := offline.FetchModule("example.com/acme/vpc/aws", "~> 1.0"); err != nil || again != dir {
		t.Errorf("range, offline: %s, %v", again, err)
	}
	if reg.requests.Load() != before {
		t.Errorf("requests while offline")
	}
}

func TestRegistryCredentials(t *testing.T) {
	reg := newRegistry(t)
	// Without a token: an error that says how to give one.
	f := newFetcher(t, t.TempDir(), reg.client(), map[string]string{})
	if _, _, err := f.FetchModule("example.com/acme/vpc/aws", "1.2.0"); err == nil || !strings.Contains(err.Error(), "TF_TOKEN_example_com") {
		t.Errorf("without a token: %v", err)
	}
	// A credentials block, and a host block that replaces discovery.
	home := t.TempDir()
	config := filepath.Join(t.TempDir(), "dev.tfrc")
	os.WriteFile(config, []byte(`
host "modules.example.com" {
  services = {
    "modules.v1" = "https://example.com/v1/modules/"
  }
}
credentials "modules.example.com" {
  token = "s3cret"
}
`), 0o644)
	f = newFetcher(t, t.TempDir(), reg.client(), map[string]string{"TF_CLI_CONFIG_FILE": config, "HOME": home})
	if _, _, err := f.FetchModule("modules.example.com/acme/vpc/aws", "1.2.0"); err != nil {
		t.Errorf("host and credentials blocks: %v", err)
	}
	// credentials.tfrc.json, as terraform login writes it.
	os.MkdirAll(filepath.Join(home, ".terraform.d"), 0o755)
	os.WriteFile(filepath.Join(home, ".terraform.d", "credentials.tfrc.json"), []byte(`{"credentials": {"example.com": {"token": "s3cret"}}}`), 0o644)
	f = newFetcher(t, t.TempDir(), reg.client(), map[string]string{"HOME": home})
	if _, _, err := f.FetchModule("example.com/acme/vpc/aws", "1.2.0"); err != nil {
		t.Errorf("credentials.tfrc.json: %v", err)
	}
	// A configuration file that does not parse is an error; one that does
	// not exist is no configuration.
	bad := filepath.Join(home, "bad.tfrc")
	os.WriteFile(bad, []byte("host \"x\" {\n"), 0o644)
	if _, err := New(context.Background(), Options{CacheDir: t.TempDir(), Getenv: env(map[string]string{"TF_CLI_CONFIG_FILE": bad})}); err == nil {
		t.Errorf("TF_CLI_CONFIG_FILE that does not parse: no error")
	}
	if _, err := New(context.Background(), Options{CacheDir: t.TempDir(), Getenv: env(map[string]string{"TF_CLI_CONFIG_FILE": filepath.Join(home, "absent.tfrc")})}); err != nil {
		t.Errorf("TF_CLI_CONFIG_FILE that does not exist: %v", err)
	}
}

// TestConcurrentFetch: one download however many units ask at once.
func TestConcurrentFetch(t *testing.T) {
	reg := newRegistry(t)
	f := newFetcher(t, t.TempDir(), reg.client(), map[string]string{"TF_TOKEN_example_com": reg.token})
	var wg sync.WaitGroup
	dirs := make([]string, 8)
	for i := range dirs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			dirs[i], _, _ = f.FetchModule("example.com/acme/vpc/aws", "1.2.0")
		}()
	}
	wg.Wait()
	for _, d := range dirs {
		if d == "" || d != dirs[0] {
			t.Fatalf("dirs = %v", dirs)
		}
	}
	// discovery, versions, download, archive
	if n := reg.requests.Load(); n != 4 {
		t.Errorf("%d requests, want 4", n)
	}
}

func TestArchives(t *testing.T) {
	files := map[string][]byte{
		"ok.zip":   zipOf(t, map[string]string{"main.tf": "# zip", "sub/x.tf": "# x"}),
		"evil.tgz": tarGz(t, map[string]string{"main.tf": "# ok", "../../escaped.tf": "# evil"}),
		"link.tar.gz": func() []byte {
			var buf bytes.Buffer
			gz := gzip.NewWriter(&buf)
			tw := tar.NewWriter(gz)
			tw.WriteHeader(&tar.Header{Name: "main.tf", Mode: 0o644, Size: 4, Typeflag: tar.TypeReg})
			tw.Write([]byte("# ok"))
			tw.WriteHeader(&tar.Header{Name: "passwd.tf", Linkname: "/etc/passwd", Typeflag: tar.TypeSymlink})
			tw.Close()
			gz.Close()
			return buf.Bytes()
		}(),
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/files/", func(w http.ResponseWriter, r *http.Request) {
		w.Write(files[strings.TrimPrefix(r.URL.Path, "/files/")])
	})
	mux.HandleFunc("/modules/vpc", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("terraform-get") != "1" {
			http.Error(w, "want terraform-get=1", http.StatusBadRequest)
			return
		}
		w.Write([]byte(`<html><head><meta name="terraform-get" content="/files/ok.zip"></head></html>`))
	})
	srv := httptest.NewTLSServer(mux)
	defer srv.Close()
	root := t.TempDir()
	f := newFetcher(t, filepath.Join(root, "cache"), srv.Client(), map[string]string{})

	dir, _, err := f.FetchModule(srv.URL+"/files/ok.zip//sub", "")
	if err != nil || readFile(t, filepath.Join(dir, "x.tf")) != "# x" {
		t.Errorf("zip: %s, %v", dir, err)
	}
	dir, _, err = f.FetchModule(srv.URL+"/modules/vpc", "")
	if err != nil || readFile(t, filepath.Join(dir, "main.tf")) != "# zip" {
		t.Errorf("terraform-get meta tag: %s, %v", dir, err)
	}
	if _, _, err := f.FetchModule(srv.URL+"/files/evil.tgz", ""); err == nil || !strings.Contains(err.Error(), "leaves the archive") {
		t.Errorf("path traversal: %v", err)
	}
	if _, err := os.Stat(filepath.Join(root, "escaped.tf")); err == nil {
		t.Errorf("an archive entry was written outside the cache")
	}
	dir, _, err = f.FetchModule(srv.URL+"/files/link.tar.gz", "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(filepath.Join(dir, "passwd.tf")); err == nil {
		t.Errorf("a symbolic link was extracted")
	}
	if _, _, err := f.FetchModule(srv.URL+"/files/ok.zip", "~> 1.0"); err == nil {
		t.Errorf("a version constraint on an archive: no error")
	}
}

func TestGit(t *testing.T) {
	git, err := exec.LookPath("git")
	if err != nil {
		t.Skip("git not installed")
	}
	repo := t.TempDir()
	run := func(args ...string) string {
		t.Helper()
		cmd := exec.Command(git, args...)
		cmd.Dir = repo
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t",
			"GIT_COMMITTER_EMAIL=t@example.com", "GIT_CONFIG_NOSYSTEM=1", "HOME="+repo)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
		return strings.TrimSpace(string(out))
	}
	write := func(name, content string) {
		os.MkdirAll(filepath.Dir(filepath.Join(repo, name)), 0o755)
		os.WriteFile(filepath.Join(repo, name), []byte(content), 0o644)
	}
	run("init", "--quiet", "--initial-branch=main")
	write("main.tf", "# v1")
	write("modules/sub/main.tf", "# sub v1")
	os.Symlink("/etc/passwd", filepath.Join(repo, "modules", "sub", "passwd.tf"))
	run("add", ".")
	run("commit", "--quiet", "-m", "v1")
	run("tag", "v1")
	first := run("rev-parse", "HEAD")
	write("main.tf", "# v2")
	run("commit", "--quiet", "-am", "v2")

	url := "file://" + filepath.ToSlash(repo)
	fetcher := func() *Fetcher {
		f, err := New(context.Background(), Options{CacheDir: t.TempDir(), GitProtocols: []string{"file"}, Getenv: env(map[string]string{"HOME": t.TempDir()})})
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	f := fetcher()
	for _, tt := range []struct{ source, file, want string }{
		{"git::" + url + "?ref=v1", "main.tf", "# v1"},
		{"git::" + url + "?ref=tags/v1", "main.tf", "# v1"},
		{"git::" + url, "main.tf", "# v2"},
		{"git::" + url + "?ref=main", "main.tf", "# v2"},
		{"git::" + url + "//modules/sub?ref=v1", "main.tf", "# sub v1"},
		{"git::" + url + "?ref=" + first, "main.tf", "# v1"},
	} {
		dir, pkg, err := f.FetchModule(tt.source, "")
		if err != nil {
			t.Errorf("%s: %v", tt.source, err)
			continue
		}
		if got := readFile(t, filepath.Join(dir, tt.file)); got != tt.want {
			t.Errorf("%s: %s = %q, want %q", tt.source, tt.file, got, tt.want)
		}
		if _, err := os.Stat(filepath.Join(pkg, ".git")); err == nil {
			t.Errorf("%s: .git kept", tt.source)
		}
	}
	sub, _, _ := f.FetchModule("git::"+url+"//modules/sub?ref=v1", "")
	if info, err := os.Lstat(filepath.Join(sub, "passwd.tf")); err != nil || info.Mode()&os.ModeSymlink != 0 {
		t.Errorf("a symbolic link in the repository was checked out as a link: %v", err)
	}
	// file:// is refused unless allowed.
	strict, err := New(context.Background(), Options{CacheDir: t.TempDir(), Getenv: env(map[string]string{"HOME": t.TempDir()})})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := strict.FetchModule("git::"+url+"?ref=v1", ""); err == nil {
		t.Errorf("git over file:// without permission: no error")
	}
	if _, _, err := fetcher().FetchModule("git::"+url+"?ref=nope", ""); err == nil {
		t.Errorf("missing ref: no error")
	}
}

func tarGz(t *testing.T, files map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	gz := gzip.NewWriter(&buf)
	tw := tar.NewWriter(gz)
	dirs := map[string]bool{}
	for name, content := range files {
		if d := filepath.Dir(name); d != "." && !dirs[d] && !strings.HasPrefix(d, "..") {
			dirs[d] = true
			tw.WriteHeader(&tar.Header{Name: d + "/", Mode: 0o755, Typeflag: tar.TypeDir})
		}
		tw.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: int64(len(content)), Typeflag: tar.TypeReg})
		tw.Write([]byte(content))
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	gz.Close()
	return buf.Bytes()
}

func zipOf(t *testing.T, files map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, content := range files {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(content))
	}
	zw.Close()
	return buf.Bytes()
}
