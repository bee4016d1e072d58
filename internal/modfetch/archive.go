package modfetch

import (
	"archive/tar"
	"archive/zip"
	"compress/bzip2"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path"
	"regexp"
	"strings"
	"sync"
)

// Limits on what one archive may make blindspot download and write.
const (
	maxArchive      = 256 << 20
	maxExtracted    = 1 << 30
	maxArchiveFiles = 100_000
	// maxRedirects bounds X-Terraform-Get and terraform-get indirections.
	maxRedirects = 5
)

// download fetches an http(s) source into dest: an archive is extracted;
// any other response must point at the package with an X-Terraform-Get
// header or a terraform-get meta tag, which is followed (depth counts the
// indirections).
func (f *Fetcher) download(src source, dest string, depth int) error {
	req, err := http.NewRequestWithContext(f.ctx, http.MethodGet, src.url, nil)
	if err != nil {
		return err
	}
	if src.archive == "" {
		// Terraform asks a plain URL where the module is.
		q := req.URL.Query()
		q.Set("terraform-get", "1")
		req.URL.RawQuery = q.Encode()
	}
	resp, err := f.client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("%s: %s", redact(src.url), resp.Status)
	}
	if src.archive == "" {
		next := resp.Header.Get("X-Terraform-Get")
		if next == "" {
			body, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
			next = metaTerraformGet(body)
		}
		if next == "" {
			return fmt.Errorf("%s: %w", redact(src.url), errNotArchive)
		}
		if depth >= maxRedirects {
			return fmt.Errorf("%s: more than %d X-Terraform-Get indirections", redact(src.url), maxRedirects)
		}
		ref, err := url.Parse(next)
		if err == nil && (strings.HasPrefix(next, "/") || strings.HasPrefix(next, "./") || strings.HasPrefix(next, "../")) {
			next = resp.Request.URL.ResolveReference(ref).String()
		}
		inner, err := parseSource(next)
		if err != nil {
			return fmt.Errorf("%s points at %q: %w", redact(src.url), next, err)
		}
		switch inner.kind {
		case gitSource:
			if inner.subdir != "" {
				return fmt.Errorf("%s points at %q: a subdirectory there is not supported", redact(src.url), next)
			}
			return f.gitClone(inner, dest)
		case httpSource:
			if inner.subdir != "" {
				return fmt.Errorf("%s points at %q: a subdirectory there is not supported", redact(src.url), next)
			}
			return f.download(inner, dest, depth+1)
		}
		return fmt.Errorf("%s points at %q, which is not a git or http source", redact(src.url), next)
	}
	if resp.ContentLength > maxArchive {
		return fmt.Errorf("%s: archive of %d bytes is larger than %d", redact(src.url), resp.ContentLength, maxArchive)
	}
	tmp, err := os.CreateTemp("", "blindspot-module-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	defer tmp.Close()
	n, err := io.Copy(tmp, io.LimitReader(resp.Body, maxArchive+1))
	if err != nil {
		return fmt.Errorf("%s: %w", redact(src.url), err)
	}
	if n > maxArchive {
		return fmt.Errorf("%s: archive larger than %d bytes", redact(src.url), maxArchive)
	}
	if err := extract(tmp, n, src.archive, dest); err != nil {
		return fmt.Errorf("%s: %w", redact(src.url), err)
	}
	return nil
}

// metaTag finds <meta name="terraform-get" content="...">.
var metaTag = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)<meta\s+name=["']terraform-get["']\s+content=["']([^"']+)["']`)
})

func metaTerraformGet(body []byte) string {
	if m := metaTag().FindSubmatch(body); m != nil {
		return string(m[1])
	}
	return ""
}

// redact shows a URL without its credentials or query (which may hold
// signed tokens).
func redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "the download URL"
	}
	u.User = nil
	u.RawQuery = ""
	return u.String()
}

// extract writes the regular files and directories of an archive (n bytes
// in f) into dest through an os.Root, so that no entry can land outside
// it; links and devices are left out.
func extract(f *os.File, n int64, format, dest string) error {
	root, err := os.OpenRoot(dest)
	if err != nil {
		return err
	}
	defer root.Close()
	w := &extractor{root: root}
	if format == "zip" {
		zr, err := zip.NewReader(f, n)
		if err != nil {
			return fmt.Errorf("zip archive: %w", err)
		}
		for _, zf := range zr.File {
			mode := zf.Mode()
			switch {
			case mode.IsDir():
				if err := w.dir(zf.Name); err != nil {
					return err
				}
			case mode.IsRegular():
				rc, err := zf.Open()
				if err != nil {
					return fmt.Errorf("zip archive: %s: %w", zf.Name, err)
				}
				err = w.file(zf.Name, rc)
				rc.Close()
				if err != nil {
					return err
				}
			}
		}
		return nil
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return err
	}
	var r io.Reader = f
	switch format {
	case "tar.gz":
		gz, err := gzip.NewReader(f)
		if err != nil {
			return fmt.Errorf("tar.gz archive: %w", err)
		}
		defer gz.Close()
		r = gz
	case "tar.bz2":
		r = bzip2.NewReader(f)
	}
	tr := tar.NewReader(r)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("tar archive: %w", err)
		}
		switch h.Typeflag {
		case tar.TypeDir:
			if err := w.dir(h.Name); err != nil {
				return err
			}
		case tar.TypeReg:
			if err := w.file(h.Name, tr); err != nil {
				return err
			}
		}
	}
}

// extractor writes archive entries under a root, counting what it wrote.
type extractor struct {
	root  *os.Root
	files int
	bytes int64
}

// entryName cleans an archive entry's name; names that would leave the
// destination are errors.
func entryName(name string) (string, error) {
	name = strings.ReplaceAll(name, `\`, "/")
	clean := path.Clean("/" + name)[1:]
	if clean == "" || clean == "." {
		return "", nil
	}
	if path.IsAbs(name) || strings.HasPrefix(path.Clean(name), "../") || path.Clean(name) == ".." {
		return "", fmt.Errorf("archive entry %q leaves the archive", name)
	}
	return clean, nil
}

func (w *extractor) dir(name string) error {
	clean, err := entryName(name)
	if err != nil || clean == "" {
		return err
	}
	return w.root.MkdirAll(clean, 0o755)
}

func (w *extractor) file(name string, r io.Reader) error {
	clean, err := entryName(name)
	if err != nil || clean == "" {
		return err
	}
	w.files++
	if w.files > maxArchiveFiles {
		return fmt.Errorf("archive has more than %d files", maxArchiveFiles)
	}
	if dir := path.Dir(clean); dir != "." {
		if err := w.root.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	}
	out, err := w.root.OpenFile(clean, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	n, err := io.Copy(out, io.LimitReader(r, maxExtracted-w.bytes+1))
	w.bytes += n
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if w.bytes > maxExtracted {
		return fmt.Errorf("archive extracts to more than %d bytes", maxExtracted)
	}
	return nil
}
