package modfetch

import (
	"fmt"
	"net/url"
	"path"
	"regexp"
	"strings"
)

// kind is how a module source is downloaded.
type kind uint8

const (
	registrySource kind = iota + 1
	gitSource
	httpSource
)

// source is a parsed module source address.
type source struct {
	kind kind
	// Registry modules: host/namespace/name/provider.
	host, namespace, name, provider string
	// Git and HTTP sources: the URL (without subdirectory; for git,
	// without the ref and depth arguments).
	url string
	// ref is the git ref= argument ("" for the default branch).
	ref string
	// archive is the archive format of an HTTP source ("zip", "tar.gz",
	// "tar.bz2", "tar"; "" when the URL does not say).
	archive string
	// subdir is the directory inside the package, after "//" ("*" takes
	// the package's only top-level directory).
	subdir string
}

// defaultRegistry is the host of registry addresses that name none.
const defaultRegistry = "registry.terraform.io"

var (
	registryHost = regexp.MustCompile(`^[0-9A-Za-z.-]+(?::[0-9]+)?$`)
	// scpLike is git's user@host:path form.
	scpLike = regexp.MustCompile(`^([A-Za-z0-9_.-]+)@([A-Za-z0-9_.-]+):(.+)$`)
)

// parseSource parses a module source as Terraform reads it: a registry
// address ([host/]namespace/name/provider), git:: and its shorthands
// (github.com/..., bitbucket.org/..., git@host:path), or an http(s) URL, each
// optionally followed by //subdir. Other forms (s3::, gcs::, hg::,
// Mercurial, local paths) are errors.
func parseSource(raw string) (source, error) {
	if raw == "" {
		return source{}, fmt.Errorf("empty module source")
	}
	if strings.HasPrefix(raw, "./") || strings.HasPrefix(raw, "../") || strings.HasPrefix(raw, "/") {
		return source{}, fmt.Errorf("%s is a local path, not a remote module source", raw)
	}
	if forced, rest, ok := strings.Cut(raw, "::"); ok && !strings.Contains(forced, "/") && !strings.Contains(forced, ":") {
		switch forced {
		case "git":
			return gitURL(rest)
		case "http", "https":
			return httpURL(rest)
		}
		return source{}, fmt.Errorf("%s:: sources are not supported by --download-modules", forced)
	}
	base, subdir := splitSubdir(raw)
	if s, ok := registryAddress(base); ok {
		s.subdir = subdir
		return s, nil
	}
	switch {
	case strings.HasPrefix(raw, "github.com/"), strings.HasPrefix(raw, "bitbucket.org/"):
		host, rest, _ := strings.Cut(base, "/")
		repoPath, query, _ := strings.Cut(rest, "?")
		parts := strings.SplitN(repoPath, "/", 3)
		if len(parts) < 2 || parts[0] == "" || parts[1] == "" {
			return source{}, fmt.Errorf("%s: want %s/OWNER/REPO", raw, host)
		}
		repo := strings.TrimSuffix(parts[1], ".git") + ".git"
		u := "https://" + host + "/" + parts[0] + "/" + repo
		if query != "" {
			u += "?" + query
		}
		if len(parts) == 3 && parts[2] != "" {
			// github.com/owner/repo/sub is the directory sub of the repository.
			subdir = path.Join(parts[2], subdir)
		}
		return gitURL(joinSubdir(u, subdir))
	case scpLike.MatchString(base):
		return gitURL(joinSubdir(scpToURL(base), subdir))
	case strings.HasPrefix(raw, "https://"), strings.HasPrefix(raw, "http://"):
		return httpURL(raw)
	}
	if scheme, _, ok := strings.Cut(raw, "://"); ok {
		return source{}, fmt.Errorf("%s:// sources are not supported by --download-modules", scheme)
	}
	return source{}, fmt.Errorf("%s is not a valid module source: want a registry address (NAMESPACE/NAME/PROVIDER), git::URL, or an https URL", raw)
}

// registryAddress parses [host/]namespace/name/provider.
func registryAddress(s string) (source, bool) {
	if strings.ContainsAny(s, "?#@") {
		return source{}, false
	}
	parts := strings.Split(s, "/")
	host := defaultRegistry
	switch len(parts) {
	case 3:
	case 4:
		host, parts = strings.ToLower(parts[0]), parts[1:]
		if !registryHost.MatchString(host) || !strings.ContainsAny(host, ".:") || host == "github.com" || host == "bitbucket.org" {
			return source{}, false
		}
	default:
		return source{}, false
	}
	if !isRegistryName(parts[0]) || !isRegistryName(parts[1]) || !isRegistryProvider(parts[2]) {
		return source{}, false
	}
	return source{kind: registrySource, host: host, namespace: parts[0], name: parts[1], provider: parts[2]}, true
}

// gitURL parses the URL of a git:: source: [URL]//subdir?ref=...&depth=...
func gitURL(raw string) (source, error) {
	base, subdir := splitSubdir(raw)
	if !strings.Contains(base, "://") && scpLike.MatchString(base) {
		base = scpToURL(base)
	}
	u, err := url.Parse(base)
	if err != nil {
		return source{}, fmt.Errorf("git source %s: %w", raw, err)
	}
	if u.Scheme == "" || u.Host == "" && u.Scheme != "file" {
		return source{}, fmt.Errorf("git source %s has no scheme and host (want git::https://... or git::ssh://...)", raw)
	}
	q := u.Query()
	s := source{kind: gitSource, ref: q.Get("ref"), subdir: subdir}
	if strings.HasPrefix(s.ref, "-") {
		return source{}, fmt.Errorf("git source %s: invalid ref %q", raw, s.ref)
	}
	if q.Has("sshkey") {
		return source{}, fmt.Errorf("git source %s: sshkey= is not supported; use an ssh agent or git's own configuration", raw)
	}
	q.Del("ref")
	q.Del("depth")
	u.RawQuery = q.Encode()
	s.url = u.String()
	return s, nil
}

// httpURL parses an http(s) source: URL//subdir?archive=...
func httpURL(raw string) (source, error) {
	base, subdir := splitSubdir(raw)
	u, err := url.Parse(base)
	if err != nil {
		return source{}, fmt.Errorf("source %s: %w", raw, err)
	}
	if u.Scheme != "https" && u.Scheme != "http" {
		return source{}, fmt.Errorf("source %s: want an http or https URL", raw)
	}
	s := source{kind: httpSource, subdir: subdir}
	q := u.Query()
	if a := q.Get("archive"); a != "" {
		s.archive = a
		q.Del("archive")
		u.RawQuery = q.Encode()
	} else {
		s.archive = archiveOf(u.Path)
	}
	switch s.archive {
	case "", "zip", "tar", "tar.gz", "tar.bz2":
	case "tgz":
		s.archive = "tar.gz"
	case "tbz2":
		s.archive = "tar.bz2"
	default:
		return source{}, fmt.Errorf("source %s: archives of type %s are not supported (zip, tar, tar.gz, tar.bz2 are)", raw, s.archive)
	}
	s.url = u.String()
	return s, nil
}

// archiveOf is the archive format a URL path's extension names.
func archiveOf(p string) string {
	p = strings.ToLower(p)
	for _, ext := range []string{"tar.gz", "tgz", "tar.bz2", "tbz2", "tar.xz", "zip", "tar"} {
		if strings.HasSuffix(p, "."+ext) {
			return ext
		}
	}
	return ""
}

// splitSubdir splits "URL//subdir?query" into "URL?query" and "subdir", as
// go-getter does: the "//" of a scheme does not count.
func splitSubdir(raw string) (base, subdir string) {
	start := 0
	if i := strings.Index(raw, "://"); i >= 0 {
		start = i + 3
	}
	i := strings.Index(raw[start:], "//")
	if i < 0 {
		return raw, ""
	}
	i += start
	base, rest := raw[:i], raw[i+2:]
	subdir, query, hasQuery := strings.Cut(rest, "?")
	if hasQuery {
		base += "?" + query
	}
	return base, subdir
}

// joinSubdir puts //subdir back into a URL, before its query.
func joinSubdir(u, subdir string) string {
	if subdir == "" {
		return u
	}
	base, query, hasQuery := strings.Cut(u, "?")
	out := base + "//" + subdir
	if hasQuery {
		out += "?" + query
	}
	return out
}

// scpToURL turns git's user@host:path into ssh://user@host/path.
func scpToURL(s string) string {
	m := scpLike.FindStringSubmatch(s)
	return "ssh://" + m[1] + "@" + m[2] + "/" + strings.TrimPrefix(m[3], "/")
}

func subdirSuffix(subdir string) string {
	if subdir == "" {
		return ""
	}
	return "//" + subdir
}

// String is the source as a key and in messages.
func (s source) String() string {
	switch s.kind {
	case registrySource:
		return s.host + "/" + s.namespace + "/" + s.name + "/" + s.provider + subdirSuffix(s.subdir)
	case gitSource:
		u := "git::" + s.url
		if s.ref != "" {
			if strings.Contains(u, "?") {
				u += "&ref=" + s.ref
			} else {
				u += "?ref=" + s.ref
			}
		}
		return u + subdirSuffix(s.subdir)
	}
	return s.url + subdirSuffix(s.subdir)
}

// isRegistryName reports whether s is a registry namespace or module name:
// 1 to 64 letters, digits, '-' and '_', starting and ending with a letter
// or digit. (As a regular expression, its bounded repetition compiled
// into a large program at every start of the program.)
func isRegistryName(s string) bool {
	if len(s) == 0 || len(s) > 64 || !isAlnum(s[0]) || !isAlnum(s[len(s)-1]) {
		return false
	}
	for i := 1; i < len(s)-1; i++ {
		if c := s[i]; !isAlnum(c) && c != '-' && c != '_' {
			return false
		}
	}
	return true
}

// isRegistryProvider reports whether s is a registry provider name: 1 to
// 64 lower-case letters and digits.
func isRegistryProvider(s string) bool {
	if len(s) == 0 || len(s) > 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < '0' || c > '9') && (c < 'a' || c > 'z') {
			return false
		}
	}
	return true
}

func isAlnum(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}
