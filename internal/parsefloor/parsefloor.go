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

	"github.com/blindspot-iac/blindspot/internal/parallel"
)

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
	var files []string
	for _, r := range roots {
		fs, err := Files(r)
		if err != nil {
			return Stats{}, err
		}
		files = append(files, fs...)
	}
	return ParseFiles(files, jobs), nil
}

// ParseFiles reads and parses files, jobs at a time.
func ParseFiles(files []string, jobs int) Stats {
	var size, errs atomic.Int64
	_ = parallel.Do(context.Background(), jobs, len(files), func(i int) {
		n, ok := parseFile(files[i])
		size.Add(n)
		if !ok {
			errs.Add(1)
		}
	})
	return Stats{Files: len(files), Bytes: size.Load(), Errors: int(errs.Load())}
}

func parseFile(p string) (int64, bool) {
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
		var doc yaml.Node
		err := yaml.NewDecoder(bytes.NewReader(data)).Decode(&doc)
		return int64(len(data)), err == nil
	}
}
