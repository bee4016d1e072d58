//go:build !linux

package scan

import (
	"context"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/blindspot-iac/blindspot/internal/parallel"
	"github.com/blindspot-iac/blindspot/parser"
)

// readTree reads the tree under absRoot (shown as shown) through an
// os.Root on it.
func readTree(ctx context.Context, absRoot, shown string, modules, templates bool) (*tree, bool) {
	r, err := os.OpenRoot(absRoot)
	if err != nil {
		return nil, false
	}
	defer r.Close()
	t := &tree{}
	t.walk(r, shown, ".")
	t.read(ctx, r, modules, templates)
	return t, true
}

// walk lists the directories under r (rel, shown as shown) holding
// configuration or templates.
func (t *tree) walk(r *os.Root, shown, rel string) {
	f, err := r.Open(".")
	if err != nil {
		return
	}
	entries, err := f.ReadDir(-1)
	f.Close()
	if err != nil {
		return
	}
	slices.SortFunc(entries, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	d := &treeDir{shown: shown, rel: rel}
	for _, e := range entries {
		name := e.Name()
		switch lower := strings.ToLower(name); {
		case e.IsDir():
			if parser.SkippedDir(name) {
				continue
			}
			if sub, err := r.OpenRoot(name); err == nil {
				t.walk(sub, filepath.Join(shown, name), filepath.Join(rel, name))
				sub.Close()
			}
		case !e.Type().IsRegular():
		case strings.HasSuffix(lower, ".tf"), strings.HasSuffix(lower, ".tf.json"):
			if !strings.HasPrefix(name, ".") {
				d.modules = append(d.modules, name)
			}
		case isTemplateName(lower):
			d.templates = append(d.templates, name)
		}
	}
	if len(d.modules) > 0 || len(d.templates) > 0 {
		t.dirs = append(t.dirs, d)
	}
}

// read reads the configuration files (when modules is set) and the
// templates (when templates is set) of every directory, on every core.
func (t *tree) read(ctx context.Context, r *os.Root, modules, templates bool) {
	_ = parallel.Do(ctx, 0, len(t.dirs), func(i int) {
		d := t.dirs[i]
		sub, err := r.OpenRoot(d.rel)
		if err != nil {
			return
		}
		defer sub.Close()
		if modules {
			d.moduleData = make([][]byte, len(d.modules))
			for k, name := range d.modules {
				d.moduleData[k] = readRegular(sub, name, moduleLimit(name))
			}
		}
		if templates {
			d.templateData = make([][]byte, len(d.templates))
			for k, name := range d.templates {
				b := readRegular(sub, name, parser.MaxTemplateSize)
				if keepTemplate(b) {
					d.templateData[k] = b
				}
			}
		}
	})
}

// readRegular reads the regular file name of at most limit bytes; nil
// when it cannot.
func readRegular(r *os.Root, name string, limit int64) []byte {
	f, err := r.Open(name)
	if err != nil {
		return nil
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil || !info.Mode().IsRegular() || info.Size() > limit {
		return nil
	}
	data := make([]byte, info.Size())
	if _, err := io.ReadFull(f, data); err != nil {
		return nil
	}
	return data
}
