package policy

import (
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/rules"
)

// Policy is one custom policy as written in a policy file.
type Policy struct {
	ID          string
	Title       string
	Severity    rules.Severity
	Description string
	Remediation rules.Remediation
	References  []string
	Compliance  []rules.Control
	Tags        []string
	// Match lists what the policy applies to: resource types of either
	// format (wildcards allowed: `aws_s3_*`), or one collection of the
	// typed model (`s3.buckets`).
	Match []string
	// Condition is the CEL expression that is true when a resource fails.
	Condition string

	// File is the policy file; Range locates the policy in it.
	File  string
	Range graph.Range
	// matchAt and conditionAt locate those keys' values, for diagnostics.
	matchAt     []graph.Range
	conditionAt condPos
}

// condPos maps positions inside a condition to the policy file.
type condPos struct {
	node  *yaml.Node
	lines []string // the file's lines
}

// Error is a problem in a policy file, with its position.
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

// Parse reads the policies of a policy file. A file holds one policy (a
// mapping with an id) or several (a mapping whose `policies` key lists
// them); several YAML documents may follow each other. Every problem is
// reported, each with its line and column.
func Parse(file string, data []byte) ([]*Policy, error) {
	r := &reader{file: file, lines: strings.Split(string(data), "\n")}
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	var out []*Policy
	for {
		var doc yaml.Node
		err := dec.Decode(&doc)
		if err != nil {
			if errors.Is(err, io.EOF) {
				break
			}
			r.errs = append(r.errs, &Error{File: file, Line: yamlErrorLine(err), Column: 1, Msg: "not valid YAML: " + strings.TrimPrefix(err.Error(), "yaml: ")})
			break
		}
		if len(doc.Content) == 0 {
			continue
		}
		out = append(out, r.document(doc.Content[0])...)
	}
	if len(r.errs) > 0 {
		return nil, errors.Join(r.errs...)
	}
	if len(out) == 0 {
		return nil, &Error{File: file, Msg: "holds no policy"}
	}
	return out, nil
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
	file  string
	lines []string
	errs  []error
}

func (r *reader) fail(n *yaml.Node, format string, args ...any) {
	r.errs = append(r.errs, &Error{File: r.file, Line: n.Line, Column: n.Column, Msg: fmt.Sprintf(format, args...)})
}

func (r *reader) rangeOf(n *yaml.Node) graph.Range {
	return graph.Range{File: r.file, Start: graph.Pos{Line: n.Line, Column: n.Column, Byte: -1},
		End: graph.Pos{Line: n.Line, Column: n.Column + max(len(n.Value), 1), Byte: -1}}
}

func (r *reader) document(n *yaml.Node) []*Policy {
	if n.Kind != yaml.MappingNode {
		r.fail(n, "a policy file holds a policy (a mapping with an id) or a mapping with a policies list")
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == "policies" {
			if len(n.Content) > 2 {
				r.fail(n, "a mapping with a policies list holds nothing else")
			}
			list := n.Content[i+1]
			if list.Kind != yaml.SequenceNode {
				r.fail(list, "policies must be a list of policies")
				return nil
			}
			var out []*Policy
			for _, e := range list.Content {
				if p := r.policy(e); p != nil {
					out = append(out, p)
				}
			}
			return out
		}
	}
	if p := r.policy(n); p != nil {
		return []*Policy{p}
	}
	return nil
}

// Policy IDs are kebab case with at least two words, so that they carry a
// namespace (acme-s3-owner-tag).
var policyID = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)+$`)

var (
	terraformType = regexp.MustCompile(`^[a-z0-9*]+(_[a-z0-9*]+)*$`)
	cfnType       = regexp.MustCompile(`^[A-Za-z0-9*]+(::[A-Za-z0-9*]+){1,2}$`)
	collectionRef = regexp.MustCompile(`^[a-z0-9]+\.[a-z0-9_]+$`)
)

func (r *reader) policy(n *yaml.Node) *Policy {
	if n.Kind != yaml.MappingNode {
		r.fail(n, "a policy must be a mapping")
		return nil
	}
	p := &Policy{File: r.file, Range: r.rangeOf(n)}
	var idNode, sevNode *yaml.Node
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if seen[k.Value] {
			r.fail(k, "key %q appears twice in a policy", k.Value)
			continue
		}
		seen[k.Value] = true
		switch k.Value {
		case "id":
			p.ID, _ = r.str(v, "id")
			idNode = v
		case "title":
			p.Title, _ = r.str(v, "title")
		case "severity":
			sevNode = v
			if s, ok := r.str(v, "severity"); ok {
				sev, err := rules.ParseSeverity(s)
				if err != nil {
					r.fail(v, "%v", err)
				}
				p.Severity = sev
			}
		case "description":
			p.Description, _ = r.str(v, "description")
		case "remediation":
			r.remediation(v, p)
		case "references":
			p.References = r.strs(v, "references")
		case "tags":
			p.Tags = r.strs(v, "tags")
		case "compliance":
			r.compliance(v, p)
		case "match":
			r.match(v, p)
		case "condition":
			if s, ok := r.str(v, "condition"); ok {
				p.Condition = s
				p.conditionAt = condPos{node: v, lines: r.lines}
			}
		default:
			r.fail(k, "unknown key %q in a policy (known keys: id, title, severity, description, remediation, references, compliance, tags, match, condition)", k.Value)
		}
	}
	missing := func(key string) { r.fail(n, "the policy%s has no %s", idSuffix(p.ID), key) }
	switch {
	case idNode == nil:
		missing("id")
	case !policyID.MatchString(p.ID):
		r.fail(idNode, "policy ID %q must be kebab case with a namespace first, like acme-s3-owner-tag", p.ID)
	case strings.HasPrefix(p.ID, "aws-"):
		r.fail(idNode, "policy ID %q: the aws- prefix is reserved for blindspot's own rules; start it with your organisation's name", p.ID)
	}
	if idNode != nil {
		p.Range = r.rangeOf(idNode)
	}
	if p.Title == "" {
		missing("title")
	}
	if sevNode == nil {
		missing("severity")
	}
	if p.Description == "" {
		missing("description")
	}
	if len(p.Match) == 0 && !seen["match"] {
		missing("match")
	}
	if p.Condition == "" && !seen["condition"] {
		missing("condition")
	}
	return p
}

func idSuffix(id string) string {
	if id == "" {
		return ""
	}
	return " " + id
}

func (r *reader) str(n *yaml.Node, what string) (string, bool) {
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		r.fail(n, "%s must be a string", what)
		return "", false
	}
	return n.Value, true
}

func (r *reader) strs(n *yaml.Node, what string) []string {
	if n.Kind == yaml.ScalarNode && n.Tag != "!!null" {
		return []string{n.Value}
	}
	if n.Kind != yaml.SequenceNode {
		r.fail(n, "%s must be a list of strings", what)
		return nil
	}
	var out []string
	for _, e := range n.Content {
		if s, ok := r.str(e, what+" entries"); ok {
			out = append(out, s)
		}
	}
	return out
}

func (r *reader) remediation(n *yaml.Node, p *Policy) {
	if n.Kind == yaml.ScalarNode {
		p.Remediation.Text, _ = r.str(n, "remediation")
		return
	}
	if n.Kind != yaml.MappingNode {
		r.fail(n, "remediation must be a string or a mapping of text, terraform and cloudformation")
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		switch k.Value {
		case "text":
			p.Remediation.Text, _ = r.str(v, "remediation.text")
		case "terraform":
			p.Remediation.Terraform, _ = r.str(v, "remediation.terraform")
		case "cloudformation":
			p.Remediation.CloudFormation, _ = r.str(v, "remediation.cloudformation")
		default:
			r.fail(k, "unknown key %q in remediation (known keys: text, terraform, cloudformation)", k.Value)
		}
	}
}

func (r *reader) compliance(n *yaml.Node, p *Policy) {
	if n.Kind != yaml.SequenceNode {
		r.fail(n, "compliance must be a list of {framework, id}")
		return
	}
	for _, e := range n.Content {
		if e.Kind != yaml.MappingNode {
			r.fail(e, "a compliance entry must be a mapping of framework and id")
			continue
		}
		var c rules.Control
		for i := 0; i+1 < len(e.Content); i += 2 {
			k, v := e.Content[i], e.Content[i+1]
			switch k.Value {
			case "framework":
				c.Framework, _ = r.str(v, "compliance framework")
			case "id":
				c.ID, _ = r.str(v, "compliance id")
			default:
				r.fail(k, "unknown key %q in a compliance entry (known keys: framework, id)", k.Value)
			}
		}
		if c.Framework == "" || c.ID == "" {
			r.fail(e, "a compliance entry needs a framework and an id")
			continue
		}
		p.Compliance = append(p.Compliance, c)
	}
}

func (r *reader) match(n *yaml.Node, p *Policy) {
	var items []*yaml.Node
	switch n.Kind {
	case yaml.ScalarNode:
		items = []*yaml.Node{n}
	case yaml.SequenceNode:
		items = n.Content
	default:
		r.fail(n, "match must be a list of resource types or one typed collection")
		return
	}
	if len(items) == 0 {
		r.fail(n, "match lists nothing")
	}
	for _, e := range items {
		s, ok := r.str(e, "match entries")
		if !ok {
			continue
		}
		if !terraformType.MatchString(s) && !cfnType.MatchString(s) && !collectionRef.MatchString(s) {
			r.fail(e, "match: %q is neither a resource type (aws_s3_bucket, AWS::S3::Bucket) nor a typed collection (s3.buckets)", s)
			continue
		}
		p.Match = append(p.Match, s)
		p.matchAt = append(p.matchAt, r.rangeOf(e))
	}
}

// position maps a 1-based line and 0-based column inside the condition to
// the policy file.
func (c condPos) position(line, col int) (int, int) {
	n := c.node
	if n == nil {
		return 0, 0
	}
	switch n.Style {
	case yaml.LiteralStyle, yaml.FoldedStyle:
		// Content starts on the line after the indicator, indented.
		first := n.Line // 1-based line of the indicator
		indent := -1
		var content []int // 0-based file line indexes of content lines
		for i := first; i < len(c.lines); i++ {
			l := c.lines[i]
			if strings.TrimSpace(l) == "" {
				if indent >= 0 {
					content = append(content, i)
				}
				continue
			}
			ind := len(l) - len(strings.TrimLeft(l, " "))
			if indent < 0 {
				indent = ind
			}
			if ind < indent {
				break
			}
			content = append(content, i)
		}
		if indent < 0 || len(content) == 0 {
			return n.Line, n.Column
		}
		if n.Style == yaml.LiteralStyle {
			if line-1 < len(content) {
				return content[line-1] + 1, indent + col + 1
			}
			return n.Line, n.Column
		}
		// Folded: the lines are joined with spaces; walk them to the
		// column.
		off := col
		for _, i := range content {
			text := strings.TrimLeft(c.lines[i], " ")
			if off <= len(text) {
				return i + 1, indent + off + 1
			}
			off -= len(text) + 1
		}
		return n.Line, n.Column
	case yaml.DoubleQuotedStyle, yaml.SingleQuotedStyle:
		if line == 1 {
			return n.Line, n.Column + 1 + col
		}
	default:
		if line == 1 {
			return n.Line, n.Column + col
		}
	}
	return n.Line, n.Column
}

// Lint returns what a policy that loads still lacks: what users need to
// act on its findings.
func Lint(p *Policy) []string {
	var out []string
	if p.Remediation.Text == "" {
		out = append(out, "policy "+p.ID+" has no remediation: say how to fix a finding")
	}
	if p.Remediation.Terraform == "" && p.Remediation.CloudFormation == "" && p.Remediation.Text != "" {
		out = append(out, "policy "+p.ID+" has no remediation snippet for Terraform or CloudFormation")
	}
	if len(p.References) == 0 {
		out = append(out, "policy "+p.ID+" has no references: link the standard it enforces")
	}
	return out
}
