// Package config reads blindspot's configuration file, .blindspot.yaml.
// Reading is strict: an unknown key or a value of the wrong type is an
// error naming the file, line and column, because a misspelled setting
// that is silently ignored (an exclude that excludes nothing, a disabled
// rule that still runs) is worse than a failed run.
package config

import (
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/parser"
	"github.com/blindspot-iac/blindspot/rules"
	"go.yaml.in/yaml/v3"

	"github.com/blindspot-iac/blindspot/internal/nesting"
	"github.com/blindspot-iac/blindspot/internal/sandbox"
	"github.com/blindspot-iac/blindspot/internal/spelling"
)

// DefaultFile is the configuration file read from the working directory
// when --config is not given.
const DefaultFile = ".blindspot.yaml"

// Config is the content of a configuration file. Paths in it are relative
// to the directory of the file and are returned resolved.
type Config struct {
	// File is the path the configuration was read from.
	File string
	// Exclude holds globs of files and directories to leave out.
	Exclude []string
	// Enable, when not empty, limits the scan to the rules these patterns
	// select (rule IDs, globs over IDs, tag:NAME; see rules.ParsePattern).
	Enable []string
	// Disable removes the rules these patterns select from the scan.
	Disable []string
	// Compliance, when set, limits the scan to the rules mapped to this
	// framework (a short name: cis-aws, nist-csf, ...).
	Compliance string
	// ShowSeverities, when not empty, limits reports to findings of these
	// severities (report.severity).
	ShowSeverities []rules.Severity
	// Severity overrides rule severities by rule ID.
	Severity map[string]rules.Severity
	// FailOn is the lowest severity that fails the scan (zero: unset;
	// rules.Never: "none").
	FailOn rules.Severity
	// ManagementAccountIDs are the organisation's management accounts.
	ManagementAccountIDs []string
	// Accounts map paths to the accounts they are deployed to.
	Accounts []Account
	// Terraform inputs.
	VarFiles []string
	Vars     []string
	// CloudFormation inputs.
	ParameterFiles []string
	Parameters     []string
	// Policies lists files and directories of custom policies.
	Policies []string
}

// Account maps source paths to an AWS account.
type Account struct {
	ID string
	// Role is "management" for the management account; anything else is
	// descriptive ("security", "log-archive", "workload").
	Role  string
	Paths []string
	// Region is the region the units of Paths are deployed to, when the
	// code does not say (CloudFormation's AWS::Region, a Terraform
	// provider without region).
	Region string
	// Tags describe the account to custom policies
	// (resource.account.tags).
	Tags map[string]string
	// Range is where the entry is written, for evidence in findings.
	Range graph.Range
}

// Error is a configuration error with its position.
type Error struct {
	File   string
	Line   int
	Column int
	Msg    string
}

func (e *Error) Error() string {
	if e.Line == 0 {
		return fmt.Sprintf("%s: %s", e.File, e.Msg)
	}
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Column, e.Msg)
}

// Load reads the configuration file at path. When path is empty it reads
// DefaultFile if it exists and returns an empty configuration otherwise.
func Load(path string) (*Config, error) {
	explicit := path != ""
	if !explicit {
		path = DefaultFile
	}
	data, err := sandbox.ReadUserFile(path, MaxSize)
	if err != nil {
		if !explicit && errors.Is(err, os.ErrNotExist) {
			return &Config{}, nil
		}
		return nil, fmt.Errorf("reading configuration: %w", err)
	}
	return Parse(path, data)
}

// MaxSize bounds a configuration file.
const MaxSize = 1 << 20

// Parse reads configuration data; file names it in errors and anchors
// relative paths.
func Parse(file string, data []byte) (*Config, error) {
	if err := nesting.YAML(data); err != nil {
		var ne *nesting.Error
		if errors.As(err, &ne) {
			return nil, &Error{File: file, Line: ne.Line, Column: ne.Column, Msg: ne.Msg}
		}
		return nil, &Error{File: file, Msg: err.Error()}
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, &Error{File: file, Line: yamlErrorLine(err), Column: 1, Msg: "not valid YAML: " + strings.TrimPrefix(err.Error(), "yaml: ")}
	}
	c := &Config{File: file}
	if len(doc.Content) == 0 {
		return c, nil
	}
	p := &reader{file: file, dir: filepath.Dir(file)}
	p.config(doc.Content[0], c)
	if len(p.errs) > 0 {
		return nil, errors.Join(p.errs...)
	}
	return c, nil
}

var yamlLine = regexp.MustCompile(`line (\d+)`)

func yamlErrorLine(err error) int {
	if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
		var n int
		fmt.Sscan(m[1], &n)
		return n
	}
	return 0
}

type reader struct {
	file string
	dir  string
	errs []error
}

func (p *reader) fail(n *yaml.Node, format string, args ...any) {
	p.errs = append(p.errs, &Error{File: p.file, Line: n.Line, Column: n.Column, Msg: fmt.Sprintf(format, args...)})
}

// fields walks a mapping, calling the handler registered for each key and
// reporting keys that have none.
func (p *reader) fields(n *yaml.Node, what string, handlers map[string]func(*yaml.Node)) {
	if n.Kind != yaml.MappingNode {
		if !(n.Kind == yaml.ScalarNode && n.Tag == "!!null") {
			p.fail(n, "%s must be a mapping", what)
		}
		return
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		h, ok := handlers[k.Value]
		if !ok {
			p.fail(k, "unknown key %q in %s%s", k.Value, what, suggest(k.Value, handlers))
			continue
		}
		if seen[k.Value] {
			p.fail(k, "key %q appears twice in %s", k.Value, what)
			continue
		}
		seen[k.Value] = true
		h(v)
	}
}

func suggest(key string, handlers map[string]func(*yaml.Node)) string {
	keys := slices.Sorted(maps.Keys(handlers))
	if best, ok := spelling.Closest(key, keys, func(d int) bool { return d < 4 }); ok {
		return fmt.Sprintf(" (did you mean %q?)", best)
	}
	return fmt.Sprintf(" (known keys: %s)", strings.Join(keys, ", "))
}

func (p *reader) str(n *yaml.Node, what string) (string, bool) {
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" || n.Tag == "!!map" || n.Tag == "!!seq" {
		p.fail(n, "%s must be a string", what)
		return "", false
	}
	return n.Value, true
}

func (p *reader) strs(n *yaml.Node, what string) []string {
	if n.Kind == yaml.ScalarNode && n.Tag != "!!null" {
		s, _ := p.str(n, what)
		return []string{s}
	}
	if n.Kind != yaml.SequenceNode {
		p.fail(n, "%s must be a list of strings", what)
		return nil
	}
	var out []string
	for _, e := range n.Content {
		if s, ok := p.str(e, what+" entries"); ok {
			out = append(out, s)
		}
	}
	return out
}

func (p *reader) path(s string) string {
	if filepath.IsAbs(s) || p.dir == "." || p.dir == "" {
		return s
	}
	return filepath.Join(p.dir, s)
}

func (p *reader) config(root *yaml.Node, c *Config) {
	p.fields(root, "the configuration", map[string]func(*yaml.Node){
		"exclude": func(n *yaml.Node) { c.Exclude = p.globs(n, "exclude") },
		"rules": func(n *yaml.Node) {
			p.fields(n, "rules", map[string]func(*yaml.Node){
				"enable":  func(n *yaml.Node) { c.Enable = p.rulePatterns(n, "rules.enable") },
				"disable": func(n *yaml.Node) { c.Disable = p.rulePatterns(n, "rules.disable") },
				"compliance": func(n *yaml.Node) {
					if s, ok := p.str(n, "rules.compliance"); ok {
						if _, known := rules.FrameworkNamed(s); !known {
							p.fail(n, "rules.compliance: %v", UnknownFramework(s))
							return
						}
						c.Compliance = s
					}
				},
			})
		},
		"report": func(n *yaml.Node) {
			p.fields(n, "report", map[string]func(*yaml.Node){
				"severity": func(n *yaml.Node) {
					for _, s := range p.strs(n, "report.severity") {
						sevs, err := ParseSeverities(s)
						if err != nil {
							p.fail(n, "report.severity: %v", err)
							continue
						}
						c.ShowSeverities = append(c.ShowSeverities, sevs...)
					}
				},
			})
		},
		"severity": func(n *yaml.Node) {
			if n.Kind != yaml.MappingNode {
				p.fail(n, "severity must map rule IDs to low, medium, high or critical")
				return
			}
			c.Severity = map[string]rules.Severity{}
			for i := 0; i+1 < len(n.Content); i += 2 {
				id, v := n.Content[i], n.Content[i+1]
				s, ok := p.str(v, "severity of "+id.Value)
				if !ok {
					continue
				}
				sev, err := rules.ParseSeverity(s)
				if err != nil {
					p.fail(v, "%v", err)
					continue
				}
				c.Severity[id.Value] = sev
			}
		},
		"fail_on": func(n *yaml.Node) {
			if s, ok := p.str(n, "fail_on"); ok {
				sev, err := rules.ParseThreshold(s)
				if err != nil {
					p.fail(n, "fail_on: %v", err)
					return
				}
				c.FailOn = sev
			}
		},
		"management_account_ids": func(n *yaml.Node) {
			c.ManagementAccountIDs = p.accountIDs(n, "management_account_ids")
		},
		"accounts": func(n *yaml.Node) {
			if n.Kind != yaml.SequenceNode {
				p.fail(n, "accounts must be a list of {id, role, paths, region, tags}")
				return
			}
			for _, e := range n.Content {
				a := Account{Range: graph.Range{File: p.file, Start: graph.Pos{Line: e.Line, Column: e.Column, Byte: -1},
					End: graph.Pos{Line: e.Line, Column: e.Column + 1, Byte: -1}}}
				p.fields(e, "an accounts entry", map[string]func(*yaml.Node){
					"id": func(n *yaml.Node) {
						if ids := p.accountIDs(n, "id"); len(ids) == 1 {
							a.ID = ids[0]
						}
					},
					"role":   func(n *yaml.Node) { a.Role, _ = p.str(n, "role") },
					"paths":  func(n *yaml.Node) { a.Paths = p.globs(n, "paths") },
					"tags":   func(n *yaml.Node) { a.Tags = p.stringMap(n, "tags") },
					"region": func(n *yaml.Node) { a.Region, _ = p.str(n, "region") },
				})
				if a.ID == "" && a.Role != "management" {
					p.fail(e, "an accounts entry needs an id (or role: management)")
				}
				if len(a.Paths) == 0 && a.Tags == nil {
					p.fail(e, "an accounts entry needs paths (or tags, to describe an account to custom policies)")
				}
				c.Accounts = append(c.Accounts, a)
			}
		},
		"terraform": func(n *yaml.Node) {
			p.fields(n, "terraform", map[string]func(*yaml.Node){
				"var_files": func(n *yaml.Node) {
					for _, f := range p.strs(n, "terraform.var_files") {
						c.VarFiles = append(c.VarFiles, p.path(f))
					}
				},
				"vars": func(n *yaml.Node) { c.Vars = p.keyValues(n, "terraform.vars") },
			})
		},
		"policies": func(n *yaml.Node) {
			for _, f := range p.strs(n, "policies") {
				c.Policies = append(c.Policies, p.path(f))
			}
		},
		"cloudformation": func(n *yaml.Node) {
			p.fields(n, "cloudformation", map[string]func(*yaml.Node){
				"parameter_files": func(n *yaml.Node) {
					for _, f := range p.strs(n, "cloudformation.parameter_files") {
						c.ParameterFiles = append(c.ParameterFiles, p.path(f))
					}
				},
				"parameters": func(n *yaml.Node) { c.Parameters = p.keyValues(n, "cloudformation.parameters") },
			})
		},
	})
}

// globs reads a list of path globs.
func (p *reader) globs(n *yaml.Node, what string) []string {
	gs := p.strs(n, what)
	for _, g := range gs {
		if err := CheckGlob(g); err != nil {
			p.fail(n, "%s: %v", what, err)
		}
	}
	return gs
}

// rulePatterns reads a list of rule patterns; whether they select rules
// is checked by Validate, which knows the rules.
func (p *reader) rulePatterns(n *yaml.Node, what string) []string {
	ps := p.strs(n, what)
	for _, s := range ps {
		if _, err := rules.ParsePattern(s); err != nil {
			p.fail(n, "%s: %v", what, err)
		}
	}
	return ps
}

func (p *reader) accountIDs(n *yaml.Node, what string) []string {
	var out []string
	check := func(e *yaml.Node) {
		if e.Kind != yaml.ScalarNode || CheckAccountID(e.Value) != nil {
			p.fail(e, "%s: %q is not a 12-digit AWS account ID (quote it so YAML keeps leading zeros)", what, e.Value)
			return
		}
		out = append(out, e.Value)
	}
	if n.Kind == yaml.SequenceNode {
		for _, e := range n.Content {
			check(e)
		}
	} else {
		check(n)
	}
	return out
}

// keyValues reads a mapping of names to scalar values as name=value pairs,
// in file order.
func (p *reader) keyValues(n *yaml.Node, what string) []string {
	if n.Kind != yaml.MappingNode {
		p.fail(n, "%s must be a mapping of names to values", what)
		return nil
	}
	var out []string
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if v.Kind != yaml.ScalarNode {
			p.fail(v, "%s.%s must be a single value", what, k.Value)
			continue
		}
		out = append(out, k.Value+"="+v.Value)
	}
	return out
}

// stringMap reads a mapping of names to scalar values.
func (p *reader) stringMap(n *yaml.Node, what string) map[string]string {
	out := map[string]string{}
	if n.Kind != yaml.MappingNode {
		p.fail(n, "%s must be a mapping of names to values", what)
		return out
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if v.Kind != yaml.ScalarNode {
			p.fail(v, "%s.%s must be a single value", what, k.Value)
			continue
		}
		out[k.Value] = v.Value
	}
	return out
}

// AccountTags returns the tags of the accounts entries that have an ID,
// by account ID.
func (c *Config) AccountTags() map[string]map[string]string {
	out := map[string]map[string]string{}
	for _, a := range c.Accounts {
		if a.ID == "" || a.Tags == nil {
			continue
		}
		if out[a.ID] == nil {
			out[a.ID] = map[string]string{}
		}
		for k, v := range a.Tags {
			out[a.ID][k] = v
		}
	}
	return out
}

// Validate checks rule patterns and IDs against the registry.
func (c *Config) Validate(reg *rules.Registry) error {
	var errs []error
	check := func(patterns []string, what string) {
		if _, err := CheckRulePatterns(reg, what, patterns); err != nil {
			errs = append(errs, &Error{File: c.File, Msg: err.Error()})
		}
	}
	check(c.Enable, "rules.enable")
	check(c.Disable, "rules.disable")
	var sev []string
	for id := range c.Severity {
		sev = append(sev, id)
	}
	sort.Strings(sev)
	for _, id := range sev {
		if _, ok := reg.Lookup(id); !ok {
			errs = append(errs, &Error{File: c.File, Msg: fmt.Sprintf("severity names unknown rule %q%s", id, SuggestRule(reg, id))})
		}
	}
	return errors.Join(errs...)
}

// UnitRegion returns the region the configuration maps a unit to: that of
// the first accounts entry with a region one of whose paths matches the
// unit's path (relative to the configuration file's directory).
func (c *Config) UnitRegion(unitPath string) (string, bool) {
	rel := c.relative(unitPath)
	for _, a := range c.Accounts {
		if a.Region == "" {
			continue
		}
		for _, g := range a.Paths {
			if parser.MatchGlob(g, rel) {
				return a.Region, true
			}
		}
	}
	return "", false
}

// relative makes a unit path relative to the configuration file's
// directory, with forward slashes.
func (c *Config) relative(unitPath string) string {
	rel := unitPath
	if r, err := filepath.Rel(filepath.Dir(c.File), unitPath); err == nil {
		rel = r
	}
	return filepath.ToSlash(rel)
}

// UnitAccount returns the account the configuration maps a unit to: the
// first accounts entry one of whose paths matches the unit's path
// (relative to the configuration file's directory).
func (c *Config) UnitAccount(unitPath string) (aws.UnitAccount, bool) {
	rel := c.relative(unitPath)
	mgmt := map[string]bool{}
	for _, id := range c.ManagementAccountIDs {
		mgmt[id] = true
	}
	for _, a := range c.Accounts {
		for _, g := range a.Paths {
			if parser.MatchGlob(g, rel) {
				return aws.UnitAccount{ID: a.ID, Management: a.Role == "management" || mgmt[a.ID], Evidence: a.Range}, true
			}
		}
	}
	return aws.UnitAccount{}, false
}
