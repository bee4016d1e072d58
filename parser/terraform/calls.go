package terraform

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
)

// ModuleCall is a module block as far as it is known before evaluation.
type ModuleCall struct {
	// Dir is the module's directory when its source is a local path
	// ("./..." or "../..."), joined to the caller's directory as
	// evaluation joins it; "" for any other source.
	Dir string
	// Remote is set for a source evaluation looks up in terraform init's
	// manifest (a registry, git or other address).
	Remote bool
	// Repeated is set when the call has count or for_each: it may have no
	// instance, and then the modules the called module calls are not
	// evaluated.
	Repeated bool
}

// moduleCalls lists the module's module blocks, worked out once.
func (m *module) moduleCalls() []ModuleCall {
	m.callsOnce.Do(func() {
		for _, b := range m.calls {
			attrs := metaAttributes(b.Body)
			call := ModuleCall{}
			_, count := attrs["count"]
			_, forEach := attrs["for_each"]
			call.Repeated = count || forEach
			if source, ok := moduleSource(attrs); ok {
				call.Dir, _ = localModuleDir(m.dir, source)
				call.Remote = call.Dir == ""
			}
			m.callList = append(m.callList, call)
		}
	})
	return m.callList
}

// moduleSource is the source of a module block, when it can be read
// before evaluation: Terraform requires a literal.
func moduleSource(attrs map[string]*hcl.Attribute) (string, bool) {
	a, ok := attrs["source"]
	if !ok {
		return "", false
	}
	v, _ := a.Expr.Value(nil)
	if !v.IsKnown() || v.Type() != cty.String {
		return "", false
	}
	return v.AsString(), true
}

// localModuleDir is the directory of a local module source ("./..." or
// "../...") called from the module in dir.
func localModuleDir(dir, source string) (string, bool) {
	if !strings.HasPrefix(source, "./") && !strings.HasPrefix(source, "../") {
		return "", false
	}
	return filepath.Join(dir, filepath.FromSlash(source)), true
}

// CandidateModuleDirs guesses, from the text of the configuration files
// in dir and without parsing them, the directories of the local modules
// dir calls: every quoted string that starts with "./" or "../", joined
// to dir. It may name directories that are not called (a string in a
// resource, a comment) and can miss a source written in an unusual way;
// it costs little more than reading the files, through opts.Root as
// evaluation reads them, and hands each to opts.Read. size is the files'
// total size.
func CandidateModuleDirs(dir string, opts Options) (dirs []string, size int64) {
	if opts.Root == nil {
		return nil, 0
	}
	root := (&loader{opts: opts}).rootFor(dir)
	entries, err := root.ReadDir(dir)
	if err != nil {
		return nil, 0
	}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || strings.HasPrefix(name, ".") || !strings.HasSuffix(name, ".tf") && !strings.HasSuffix(name, ".tf.json") {
			continue
		}
		limit := int64(MaxHCLSize)
		if strings.HasSuffix(name, ".json") {
			limit = MaxJSONSize
		}
		path := filepath.Join(dir, name)
		data, err := root.ReadFile(path, limit)
		if err != nil {
			continue
		}
		if opts.Read != nil {
			opts.Read(root, path, data)
		}
		size += int64(len(data))
		dirs = AppendCandidateModuleDirs(dirs, dir, data)
	}
	slices.Sort(dirs)
	return slices.Compact(dirs), size
}

// AppendCandidateModuleDirs appends to dirs the directories that the
// configuration file data, in dir, may call as local modules: the guess
// of CandidateModuleDirs for one file, unsorted.
func AppendCandidateModuleDirs(dirs []string, dir string, data []byte) []string {
	for rest := data; ; {
		i := bytes.Index(rest, []byte(`".`))
		if i < 0 {
			return dirs
		}
		rest = rest[i+1:]
		if !bytes.HasPrefix(rest, []byte("./")) && !bytes.HasPrefix(rest, []byte("../")) {
			continue
		}
		end := bytes.IndexAny(rest, "\"\n")
		if end < 0 {
			return dirs
		}
		if d, ok := localModuleDir(dir, string(rest[:end])); ok {
			dirs = append(dirs, d)
		}
		rest = rest[end:]
	}
}

// ManifestDirs lists the directories terraform init downloaded the modules
// of the root module in dir to (.terraform/modules/modules.json, read
// through opts.Root), which evaluation may read remote modules from; nil
// when there is no manifest.
func ManifestDirs(dir string, opts Options) []string {
	if opts.Root == nil {
		return nil
	}
	data, err := opts.Root.ReadFile(filepath.Join(dir, ".terraform", "modules", "modules.json"), maxManifestSize)
	if err != nil {
		return nil
	}
	var manifest struct {
		Modules []struct {
			Key string `json:"Key"`
			Dir string `json:"Dir"`
		} `json:"Modules"`
	}
	if json.Unmarshal(data, &manifest) != nil {
		return nil
	}
	var dirs []string
	for _, m := range manifest.Modules {
		if m.Key != "" {
			dirs = append(dirs, filepath.Join(dir, filepath.FromSlash(m.Dir)))
		}
	}
	slices.Sort(dirs)
	return slices.Compact(dirs)
}
