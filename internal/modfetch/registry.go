package modfetch

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/go-version"
)

// modulesService is the service discovery identifier of the module
// registry protocol.
const modulesService = "modules.v1"

// maxJSON bounds the registry responses read.
const maxJSON = 4 << 20

// fetchRegistry resolves a registry module's version and downloads the
// package its registry points at, cached under the module's address and
// version.
func (f *Fetcher) fetchRegistry(src source, constraint string) (pkg, subdir string, err error) {
	cons, err := version.NewConstraint(orAny(constraint))
	if err != nil {
		return "", "", fmt.Errorf("%s: version constraint %q: %w", src, constraint, err)
	}
	dir := filepath.Join(f.root, "registry", unsafePath.ReplaceAllString(src.host, "_"), src.namespace, src.name, src.provider)
	module := src.namespace + "/" + src.name + "/" + src.provider
	// A version pinned exactly and already downloaded needs no network.
	var v *version.Version
	if exact := exactVersion(constraint); exact != nil && isDir(filepath.Join(dir, exact.Original())) {
		v = exact
	} else {
		versions, lookupErr := f.moduleVersions(src)
		if lookupErr != nil {
			// Offline: the best cached version will do.
			if cached := bestCached(dir, cons); cached != nil {
				v = cached
			} else {
				return "", "", lookupErr
			}
		} else if v = best(versions, cons); v == nil {
			return "", "", fmt.Errorf("%s: no version matches %q (the registry has %s)", src.host+"/"+module, constraint, listVersions(versions))
		}
	}
	pkg, err = f.once("registry\x00"+src.host+"/"+module+"@"+v.Original(), filepath.Join(dir, v.Original()), func(dest string) error {
		location, err := f.downloadLocation(src, v)
		if err != nil {
			return err
		}
		inner, err := parseSource(location)
		if err != nil {
			return fmt.Errorf("%s %s: the registry's download location %q: %w", module, v.Original(), location, err)
		}
		if inner.kind == registrySource {
			return fmt.Errorf("%s %s: the registry's download location %q is another registry address", module, v.Original(), location)
		}
		// The package is what the location names, and the module is in
		// its subdirectory, which the cache records for the next scan.
		inside := inner.subdir
		inner.subdir = ""
		if err := f.getInto(inner, dest); err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dest, subdirFile), []byte(inside), 0o644)
	})
	if err != nil {
		return "", "", err
	}
	inside, err := os.ReadFile(filepath.Join(pkg, subdirFile))
	if err != nil {
		return "", "", fmt.Errorf("module cache %s: %w", pkg, err)
	}
	return pkg, path.Join(string(inside), src.subdir), nil
}

// subdirFile, in the cached package of a registry module, holds the
// subdirectory of the package its download location named.
const subdirFile = ".blindspot-subdir"

func orAny(c string) string {
	if strings.TrimSpace(c) == "" {
		return ">= 0.0.0"
	}
	return c
}

// exactVersion is the version a constraint allows alone ("1.2.3",
// "= 1.2.3"), or nil.
func exactVersion(constraint string) *version.Version {
	c := strings.TrimSpace(constraint)
	c = strings.TrimSpace(strings.TrimPrefix(c, "="))
	if c == "" || strings.ContainsAny(c, "<>~!,") {
		return nil
	}
	v, err := version.NewVersion(c)
	if err != nil {
		return nil
	}
	return v
}

// best is the highest version the constraints allow (prereleases only when
// a constraint names them, as go-version and Terraform do).
func best(versions []*version.Version, cons version.Constraints) *version.Version {
	var out *version.Version
	for _, v := range versions {
		if cons.Check(v) && (out == nil || v.GreaterThan(out)) {
			out = v
		}
	}
	return out
}

// bestCached is the highest version of a registry module in the cache that
// the constraints allow.
func bestCached(dir string, cons version.Constraints) *version.Version {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var versions []*version.Version
	for _, e := range entries {
		if v, err := version.NewVersion(e.Name()); err == nil && e.IsDir() {
			versions = append(versions, v)
		}
	}
	return best(versions, cons)
}

func listVersions(vs []*version.Version) string {
	if len(vs) == 0 {
		return "none"
	}
	sorted := append([]*version.Version(nil), vs...)
	sort.Sort(version.Collection(sorted))
	var out []string
	for _, v := range sorted {
		out = append(out, v.Original())
	}
	if len(out) > 10 {
		out = append(out[len(out)-10:], "...")
		out[0], out[len(out)-1] = "...", out[0]
	}
	return strings.Join(out, ", ")
}

// moduleVersions lists the versions of a registry module.
func (f *Fetcher) moduleVersions(src source) ([]*version.Version, error) {
	key := src.host + "/" + src.namespace + "/" + src.name + "/" + src.provider
	v, err := f.do(f.versions, key, func() (any, error) {
		base, err := f.modulesURL(src.host)
		if err != nil {
			return nil, err
		}
		u := base.JoinPath(src.namespace, src.name, src.provider, "versions")
		var body struct {
			Modules []struct {
				Versions []struct {
					Version string `json:"version"`
				} `json:"versions"`
			} `json:"modules"`
		}
		if _, err := f.getJSON(u, src.host, &body); err != nil {
			return nil, fmt.Errorf("%s: listing versions: %w", key, err)
		}
		if len(body.Modules) == 0 {
			return nil, fmt.Errorf("%s: the registry lists no versions", key)
		}
		var out []*version.Version
		for _, m := range body.Modules[0].Versions {
			if v, err := version.NewVersion(m.Version); err == nil {
				out = append(out, v)
			}
		}
		return out, nil
	})
	if err != nil {
		return nil, err
	}
	return v.([]*version.Version), nil
}

// downloadLocation asks the registry where a module version's package is.
func (f *Fetcher) downloadLocation(src source, v *version.Version) (string, error) {
	base, err := f.modulesURL(src.host)
	if err != nil {
		return "", err
	}
	u := base.JoinPath(src.namespace, src.name, src.provider, v.Original(), "download")
	var body struct {
		Location string `json:"location"`
	}
	resp, err := f.getJSON(u, src.host, &body)
	if err != nil {
		return "", fmt.Errorf("%s/%s/%s %s: %w", src.namespace, src.name, src.provider, v.Original(), err)
	}
	location := resp.Header.Get("X-Terraform-Get")
	if location == "" {
		location = body.Location
	}
	if location == "" {
		return "", fmt.Errorf("%s/%s/%s %s: the registry gave no download location (X-Terraform-Get)", src.namespace, src.name, src.provider, v.Original())
	}
	// A relative location is an HTTP URL relative to the download endpoint.
	if strings.HasPrefix(location, "/") || strings.HasPrefix(location, "./") || strings.HasPrefix(location, "../") {
		rel, err := url.Parse(location)
		if err != nil {
			return "", fmt.Errorf("download location %q: %w", location, err)
		}
		location = u.ResolveReference(rel).String()
	}
	return location, nil
}

// modulesURL is the base URL of a host's module registry: from a host
// block of the CLI configuration, or from its service discovery document
// (https://HOST/.well-known/terraform.json).
func (f *Fetcher) modulesURL(host string) (*url.URL, error) {
	v, err := f.do(f.services, host, func() (any, error) {
		if services, ok := f.cli.services[host]; ok {
			raw, ok := services[modulesService]
			if !ok {
				return nil, fmt.Errorf("registry %s: its host block in the CLI configuration has no %s service", host, modulesService)
			}
			return parseServiceURL(raw, &url.URL{Scheme: "https", Host: host, Path: "/"})
		}
		discovery := &url.URL{Scheme: "https", Host: host, Path: "/.well-known/terraform.json"}
		var doc map[string]any
		if _, err := f.getJSON(discovery, host, &doc); err != nil {
			return nil, fmt.Errorf("registry %s: service discovery: %w", host, err)
		}
		raw, ok := doc[modulesService].(string)
		if !ok {
			return nil, fmt.Errorf("registry %s does not serve modules (no %s in its service discovery)", host, modulesService)
		}
		return parseServiceURL(raw, discovery)
	})
	if err != nil {
		return nil, err
	}
	return v.(*url.URL), nil
}

// parseServiceURL resolves a service URL against the document it came
// from; it must be https (or http on the same host, for tests and
// development registries Terraform also accepts).
func parseServiceURL(raw string, base *url.URL) (*url.URL, error) {
	ref, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("service URL %q: %w", raw, err)
	}
	u := base.ResolveReference(ref)
	if u.Scheme != "https" && u.Scheme != "http" {
		return nil, fmt.Errorf("service URL %q: want https", raw)
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	return u, nil
}

// getJSON GETs u (with the registry host's token),
// decoding a JSON body into out; a 204 with no body is fine.
func (f *Fetcher) getJSON(u *url.URL, registryHost string, out any) (*http.Response, error) {
	req, err := http.NewRequestWithContext(f.ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("X-Terraform-Version", "blindspot")
	f.authorize(req, registryHost)
	resp, err := f.client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxJSON))
	if err != nil {
		return nil, err
	}
	switch {
	case resp.StatusCode == http.StatusNotFound:
		return nil, fmt.Errorf("%s: not found", u.Redacted())
	case resp.StatusCode == http.StatusUnauthorized || resp.StatusCode == http.StatusForbidden:
		return nil, fmt.Errorf("%s: %s (set TF_TOKEN_%s, or a credentials block in the Terraform CLI configuration)", u.Redacted(), resp.Status,
			strings.NewReplacer("-", "__", ".", "_").Replace(registryHost))
	case resp.StatusCode/100 != 2:
		return nil, fmt.Errorf("%s: %s", u.Redacted(), resp.Status)
	}
	if len(strings.TrimSpace(string(data))) > 0 {
		if err := json.Unmarshal(data, out); err != nil {
			return nil, fmt.Errorf("%s: %w", u.Redacted(), err)
		}
	}
	return resp, nil
}

// authorize adds the registry host's token to a request of the registry
// protocol (which a host block may serve from elsewhere, as Terraform
// does). Package downloads never carry it.
func (f *Fetcher) authorize(req *http.Request, registryHost string) {
	if t := f.cli.token(registryHost, f.opts.Getenv); t != "" {
		req.Header.Set("Authorization", "Bearer "+t)
	}
}

func isDir(p string) bool {
	info, err := os.Stat(p)
	return err == nil && info.IsDir()
}

// errNotArchive says an HTTP source is neither an archive nor points at one.
var errNotArchive = errors.New("not an archive (zip, tar, tar.gz, tar.bz2) and no X-Terraform-Get header or terraform-get meta tag")
