// Package parsefloor parses the Terraform and CloudFormation files of a
// tree and does nothing else: the floor a scan's speed is measured
// against. It walks the tree, reads every file a scan reads and parses it
// the way the front ends do (.tf with hclsyntax, .tf.json with HCL's JSON
// parser, YAML and JSON templates with yaml.v3 into nodes), on every core
// as the scan does, so the ratio of a scan to it is the cost of
// everything a scan adds to parsing.
package parsefloor

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/json"
	"go.yaml.in/yaml/v3"

	"github.com/blindspot-iac/blindspot/internal/jsonnode"
	"github.com/blindspot-iac/blindspot/internal/parallel"
)

// Options say how to parse.
type Options struct {
	// Jobs is how many files are parsed at once (GOMAXPROCS when not
	// positive).
	Jobs int
	// FastJSON decodes JSON documents with internal/jsonnode, as the
	// scan's template loader does, instead of yaml.v3 (documents it
	// declines still go to yaml.v3). The floor issue 17 defines parses
	// every template with yaml.v3; this one is the stricter floor for a
	// scan that reads JSON faster than yaml.v3 does.
	FastJSON bool
}

// Stats count what Parse read.
type Stats struct {
	Files int
	Bytes int64
	// Errors counts files that did not parse (read errors included).
	Errors int
}

// skipDirs are the directories a scan does not enter.
var skipDirs = map[string]bool{
	".git": true, ".terraform": true, "node_modules": true, ".aws-sam": true, ".terragrunt-cache": true,
}

// Files lists the files under root that Parse parses, in walk order.
func Files(root string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != root && skipDirs[d.Name()] {
				return filepath.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() && kindOf(p) != 0 {
			files = append(files, p)
		}
		return nil
	})
	return files, err
}

const (
	hclFile = iota + 1
	hclJSONFile
	yamlFile
)

// kindOf says how a file is parsed, 0 for not at all.
func kindOf(p string) int {
	lower := strings.ToLower(filepath.Base(p))
	switch {
	case strings.HasSuffix(lower, ".tf"):
		return hclFile
	case strings.HasSuffix(lower, ".tf.json"):
		return hclJSONFile
	case strings.HasSuffix(lower, ".yaml"), strings.HasSuffix(lower, ".yml"),
		strings.HasSuffix(lower, ".json"), strings.HasSuffix(lower, ".template"):
		return yamlFile
	}
	return 0
}

// Parse walks roots and reads and parses every file, jobs at a time
// (GOMAXPROCS when jobs is not positive).
func Parse(roots []string, jobs int) (Stats, error) {
	return ParseWith(roots, Options{Jobs: jobs})
}

// ParseWith walks roots and reads and parses every file as opts say.
func ParseWith(roots []string, opts Options) (Stats, error) {
	var files []string
	for _, r := range roots {
		fs, err := Files(r)
		if err != nil {
			return Stats{}, err
		}
		files = append(files, fs...)
	}
	return parseFiles(files, opts), nil
}

// parseFiles reads and parses files as opts say.
func parseFiles(files []string, opts Options) Stats {
	var size, errs atomic.Int64
	_ = parallel.Do(context.Background(), opts.Jobs, len(files), func(i int) {
		n, ok := parseFile(files[i], opts.FastJSON)
		size.Add(n)
		if !ok {
			errs.Add(1)
		}
	})
	return Stats{Files: len(files), Bytes: size.Load(), Errors: int(errs.Load())}
}

func parseFile(p string, fastJSON bool) (int64, bool) {
	data, err := os.ReadFile(p)
	if err != nil {
		return 0, false
	}
	start := hcl.Pos{Line: 1, Column: 1}
	switch kindOf(p) {
	case hclFile:
		_, diags := hclsyntax.ParseConfig(data, p, start)
		return int64(len(data)), !diags.HasErrors()
	case hclJSONFile:
		_, diags := json.Parse(data, p)
		return int64(len(data)), !diags.HasErrors()
	default:
		if fastJSON {
			if _, ok := jsonnode.Parse(data); ok {
				return int64(len(data)), true
			}
		}
		var doc yaml.Node
		err := yaml.NewDecoder(bytes.NewReader(data)).Decode(&doc)
		return int64(len(data)), err == nil
	}
}
