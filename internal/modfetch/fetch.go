// Package modfetch downloads Terraform modules that terraform init has not,
// for blindspot scan --download-modules: registry modules through the
// module registry protocol (service discovery, versions, download
// location), git sources with the system git, and http(s) archives.
//
// Downloads are kept in a cache directory ($XDG_CACHE_HOME/blindspot/modules
// by default), one directory per source and version, written to a
// temporary directory and renamed into place when complete. A registry
// module pinned to one version that is in the cache is used without
// reaching the network. Archives are extracted through an os.Root on the
// destination, regular files and directories only; git checks out
// symbolic links as plain files. Nothing here runs unless the user asked
// for downloads.
package modfetch

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"time"
)

// Options configure a Fetcher.
type Options struct {
	// CacheDir holds the downloaded modules; "" means blindspot/modules
	// under the user's cache directory ($XDG_CACHE_HOME, or ~/.cache).
	CacheDir string
	// Client makes the HTTP requests; nil means one with a timeout.
	Client *http.Client
	// Getenv reads TF_CLI_CONFIG_FILE, TF_TOKEN_*, HOME and the like; nil
	// means os.Getenv.
	Getenv func(string) string
	// Git is the git command; "" means git from PATH.
	Git string
	// GitProtocols are the transports git may use; nil means https, ssh,
	// git and http. Never ext, and file only when listed.
	GitProtocols []string
}

// Fetcher downloads modules into its cache. It is safe for concurrent use:
// each source and version is downloaded once however many calls ask.
type Fetcher struct {
	ctx    context.Context
	opts   Options
	root   string
	client *http.Client
	cli    *cliConfig

	mu    sync.Mutex
	calls map[string]*call
	// services caches the modules.v1 URL of each registry host, versions
	// the versions of each registry module.
	services map[string]*call
	versions map[string]*call
}

// call is one download (or lookup) that every caller of the same key
// waits for.
type call struct {
	done chan struct{}
	val  any
	err  error
}

// New returns a Fetcher whose downloads stop when ctx is done. It reads
// the Terraform CLI configuration now: a configuration that cannot be read
// is an error.
func New(ctx context.Context, opts Options) (*Fetcher, error) {
	if opts.Getenv == nil {
		opts.Getenv = os.Getenv
	}
	root := opts.CacheDir
	if root == "" {
		base, err := userCacheDir(opts.Getenv)
		if err != nil {
			return nil, fmt.Errorf("module cache: %w", err)
		}
		root = filepath.Join(base, "blindspot", "modules")
	}
	root, err := filepath.Abs(root)
	if err != nil {
		return nil, fmt.Errorf("module cache: %w", err)
	}
	if err := os.MkdirAll(root, 0o755); err != nil {
		return nil, fmt.Errorf("module cache: %w", err)
	}
	// The cache is read like the scanned code: a symbolic link as its
	// root would take reads elsewhere.
	if real, err := filepath.EvalSymlinks(root); err == nil {
		root = real
	}
	cli, err := loadCLIConfig(opts.Getenv)
	if err != nil {
		return nil, err
	}
	client := opts.Client
	if client == nil {
		client = &http.Client{Timeout: 5 * time.Minute}
	}
	return &Fetcher{
		ctx: ctx, opts: opts, root: root, client: client, cli: cli,
		calls: map[string]*call{}, services: map[string]*call{}, versions: map[string]*call{},
	}, nil
}

// userCacheDir is os.UserCacheDir with getenv, so that tests and users
// can move it with XDG_CACHE_HOME.
func userCacheDir(getenv func(string) string) (string, error) {
	if d := getenv("XDG_CACHE_HOME"); d != "" && filepath.IsAbs(d) {
		return d, nil
	}
	return os.UserCacheDir()
}

// Root is the cache directory: everything FetchModule returns is inside it.
func (f *Fetcher) Root() string { return f.root }

// FetchModule downloads the module a source names (at the highest version
// the constraint allows, for registry modules) unless the cache has it,
// and returns the directory of the module (after any //subdir) and the
// root of the package it is part of, which the module's local calls must
// not leave.
func (f *Fetcher) FetchModule(raw, constraint string) (dir, pkg string, err error) {
	src, err := parseSource(raw)
	if err != nil {
		return "", "", err
	}
	if src.kind != registrySource && constraint != "" {
		return "", "", fmt.Errorf("%s: version constraints apply only to registry modules (use ?ref= for git)", raw)
	}
	pkg, subdir, err := f.fetch(src, constraint)
	if err != nil {
		return "", "", err
	}
	dir, err = within(pkg, subdir)
	if err != nil {
		return "", "", fmt.Errorf("%s: %w", raw, err)
	}
	return dir, pkg, nil
}

// fetch returns the package directory of src and the subdirectory of it
// that holds the module.
func (f *Fetcher) fetch(src source, constraint string) (pkg, subdir string, err error) {
	switch src.kind {
	case registrySource:
		return f.fetchRegistry(src, constraint)
	case gitSource:
		pkg, err = f.once("git\x00"+src.url+"\x00"+src.ref, f.cachePath("git", src.url, src.ref), func(dest string) error {
			return f.getInto(src, dest)
		})
	case httpSource:
		pkg, err = f.once("http\x00"+src.url, f.cachePath("http", src.url, src.archive), func(dest string) error {
			return f.getInto(src, dest)
		})
	}
	return pkg, src.subdir, err
}

// getInto downloads a git or http package into the empty directory dest.
func (f *Fetcher) getInto(src source, dest string) error {
	switch src.kind {
	case gitSource:
		return f.gitClone(src, dest)
	case httpSource:
		return f.download(src, dest, 0)
	}
	return fmt.Errorf("%s: not a git or http source", src)
}

// once makes sure dir holds the package key names, running get into a
// temporary directory and renaming it into place unless dir already
// exists, once per key however many goroutines ask.
func (f *Fetcher) once(key, dir string, get func(dest string) error) (string, error) {
	v, err := f.do(f.calls, key, func() (any, error) {
		if info, err := os.Stat(dir); err == nil && info.IsDir() {
			return dir, nil
		}
		if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
			return nil, err
		}
		tmp, err := os.MkdirTemp(filepath.Dir(dir), ".download-*")
		if err != nil {
			return nil, err
		}
		defer os.RemoveAll(tmp)
		if err := get(tmp); err != nil {
			return nil, err
		}
		if err := os.Rename(tmp, dir); err != nil {
			// Another process put it there first.
			if info, statErr := os.Stat(dir); statErr == nil && info.IsDir() {
				return dir, nil
			}
			return nil, err
		}
		return dir, nil
	})
	if err != nil {
		return "", err
	}
	return v.(string), nil
}

// do runs fn once per key of m, every caller getting its result.
func (f *Fetcher) do(m map[string]*call, key string, fn func() (any, error)) (any, error) {
	f.mu.Lock()
	c, ok := m[key]
	if !ok {
		c = &call{done: make(chan struct{})}
		m[key] = c
	}
	f.mu.Unlock()
	if !ok {
		c.val, c.err = fn()
		close(c.done)
	}
	select {
	case <-c.done:
	case <-f.ctx.Done():
		return nil, f.ctx.Err()
	}
	return c.val, c.err
}

// unsafePath matches what a cache path component must not contain.
var unsafePath = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// cachePath is the directory of a git or http package: a readable name
// from the URL and a hash of what identifies it.
func (f *Fetcher) cachePath(kind string, parts ...string) string {
	h := sha256.Sum256([]byte(strings.Join(parts, "\x00")))
	name := parts[0]
	if i := strings.Index(name, "://"); i >= 0 {
		name = name[i+3:]
	}
	if i := strings.LastIndexByte(name, '@'); i >= 0 {
		name = name[i+1:]
	}
	name = strings.Trim(unsafePath.ReplaceAllString(name, "_"), "_.")
	if len(name) > 60 {
		name = name[len(name)-60:]
	}
	return filepath.Join(f.root, kind, name+"-"+hex.EncodeToString(h[:8]))
}

// within returns dir/sub, which must stay inside dir; sub "*" is dir's only
// subdirectory (the top directory of most archives).
func within(dir, sub string) (string, error) {
	if sub == "" {
		return dir, nil
	}
	if sub == "*" || strings.HasPrefix(sub, "*/") {
		entries, err := os.ReadDir(dir)
		if err != nil {
			return "", err
		}
		var only string
		for _, e := range entries {
			if e.IsDir() {
				if only != "" {
					return "", errors.New("//* names the package's only directory, and it has several")
				}
				only = e.Name()
			}
		}
		if only == "" {
			return "", errors.New("//* names the package's only directory, and it has none")
		}
		return within(filepath.Join(dir, only), strings.TrimPrefix(strings.TrimPrefix(sub, "*"), "/"))
	}
	p := filepath.Join(dir, filepath.FromSlash(sub))
	if rel, err := filepath.Rel(dir, p); err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", fmt.Errorf("subdirectory %s leaves the package", sub)
	}
	info, err := os.Stat(p)
	if err != nil || !info.IsDir() {
		return "", fmt.Errorf("the package has no directory %s", sub)
	}
	return p, nil
}
