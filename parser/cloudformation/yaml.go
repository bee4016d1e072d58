package cloudformation

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/internal/jsonnode"
	"github.com/blindspot-iac/blindspot/internal/nesting"
	"github.com/blindspot-iac/blindspot/internal/yamlnode"
)

// Limits on what a template may make the front end do. CloudFormation
// itself accepts templates of at most 1 MB (from S3); anything far larger is
// not a template anyone deploys.
const (
	maxFileSize = 4 << 20
	// maxDepth bounds nesting of mappings, sequences and intrinsics.
	maxDepth = nesting.MaxDepth
)

// shortTags maps YAML short-form tags to the intrinsic function they stand
// for.
var shortTags = map[string]string{
	"!Ref":          "Ref",
	"!Condition":    "Condition",
	"!Sub":          "Fn::Sub",
	"!GetAtt":       "Fn::GetAtt",
	"!Join":         "Fn::Join",
	"!Select":       "Fn::Select",
	"!Split":        "Fn::Split",
	"!FindInMap":    "Fn::FindInMap",
	"!If":           "Fn::If",
	"!Equals":       "Fn::Equals",
	"!And":          "Fn::And",
	"!Or":           "Fn::Or",
	"!Not":          "Fn::Not",
	"!GetAZs":       "Fn::GetAZs",
	"!ImportValue":  "Fn::ImportValue",
	"!Base64":       "Fn::Base64",
	"!Cidr":         "Fn::Cidr",
	"!Length":       "Fn::Length",
	"!ToJsonString": "Fn::ToJsonString",
	"!Transform":    "Fn::Transform",
}

// parseDocument reads a YAML or JSON template into its root mapping node,
// reporting syntax errors with their position.
func parseDocument(file string, data []byte) (*yaml.Node, []graph.Diagnostic) {
	if len(data) > maxFileSize {
		return nil, []graph.Diagnostic{graph.Errorf(graph.Range{File: file}, "file-too-large",
			"template is %d bytes, more than the %d bytes blindspot reads", len(data), maxFileSize)}
	}
	// A JSON template, and a YAML one in the block style templates are
	// written in, decode to the tree yaml.v3 would build, faster; anything
	// the decoders are not sure of (errors, deep nesting, invalid text,
	// NEL and the other breaks fixLineBreaks moves) goes through the
	// checks and yaml.v3 below.
	if root, ok := jsonnode.Parse(data); ok {
		return root, nil
	}
	if root, ok := yamlnode.Parse(data); ok {
		return root, nil
	}
	if bytes.IndexByte(data, 0) >= 0 || !utf8.Valid(data) {
		return nil, []graph.Diagnostic{graph.Warningf(graph.Range{File: file, Start: graph.Pos{Line: 1, Column: 1}}, "not-utf8",
			"not a UTF-8 text file (binary content, or another encoding such as UTF-16); it is not scanned")}
	}
	if err := nesting.YAML(data); err != nil {
		r := graph.Range{File: file}
		var ne *nesting.Error
		if errors.As(err, &ne) {
			r.Start = graph.Pos{Line: ne.Line, Column: ne.Column, Byte: -1}
			r.End = graph.Pos{Line: ne.Line, Column: ne.Column + 1, Byte: -1}
			err = errors.New(ne.Msg)
		}
		return nil, []graph.Diagnostic{graph.Warningf(r, "nesting-limit", "not parsed: %v; the template is not scanned", err)}
	}
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil {
		// encoding/json positions JSON mistakes where yaml.v3 often
		// cannot.
		if d, ok := jsonError(file, data); ok {
			return nil, []graph.Diagnostic{d}
		}
		return nil, []graph.Diagnostic{remapLine(data, parseError(file, err))}
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		return nil, []graph.Diagnostic{graph.Errorf(pos(file, &extra), "parse-error",
			"more than one YAML document; a template is a single document")}
	} else if err.Error() != "EOF" {
		if d, ok := jsonError(file, data); ok {
			return nil, []graph.Diagnostic{d}
		}
		return nil, []graph.Diagnostic{parseError(file, err)}
	}
	if len(doc.Content) == 0 {
		return nil, []graph.Diagnostic{graph.Errorf(graph.Range{File: file, Start: graph.Pos{Line: 1, Column: 1}}, "parse-error", "empty template")}
	}
	root := doc.Content[0]
	fixLineBreaks(data, &doc)
	if root.Kind != yaml.MappingNode {
		return nil, []graph.Diagnostic{graph.Errorf(pos(file, root), "parse-error", "a template must be a mapping, found %s", kindName(root))}
	}
	return root, nil
}

// yamlOnlyBreaks are characters YAML 1.1 parsers (yaml.v3 among them)
// count as line breaks but editors, GitHub and SARIF viewers do not: NEL,
// LINE SEPARATOR and PARAGRAPH SEPARATOR.
var yamlOnlyBreaks = []string{"\u0085", "\u2028", "\u2029"}

// fixLineBreaks moves the positions of the nodes under doc from yaml.v3's
// lines, which NEL, U+2028 and U+2029 end, to the lines everyone else
// counts (ended by LF, CR LF or CR), so that findings point at the right
// place. Columns are in characters either way.
func fixLineBreaks(data []byte, doc *yaml.Node) {
	found := false
	for _, b := range yamlOnlyBreaks {
		found = found || bytes.Contains(data, []byte(b))
	}
	if !found {
		return
	}
	starts := lineStarts(data)
	stack := []*yaml.Node{doc}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if n.Line > 0 && n.Line < len(starts) {
			s := starts[n.Line]
			n.Line, n.Column = s.line, s.column+n.Column
		}
		stack = append(stack, n.Content...)
	}
}

// remapLine moves a diagnostic from yaml.v3's line to the real one.
func remapLine(data []byte, d graph.Diagnostic) graph.Diagnostic {
	n := &yaml.Node{Line: d.Range.Start.Line, Column: d.Range.Start.Column}
	fixLineBreaks(data, n)
	d.Range.Start.Line, d.Range.End.Line = n.Line, n.Line
	return d
}

// lineStart is where a line as yaml.v3 counts them starts: on which real
// line, after how many characters of it.
type lineStart struct{ line, column int }

// lineStarts maps yaml.v3's line numbers (from 1) to real positions.
func lineStarts(data []byte) []lineStart {
	out := []lineStart{{}, {line: 1}}
	line, column := 1, 0
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		i += size
		switch r {
		case '\r':
			if i < len(data) && data[i] == '\n' {
				i++
			}
			fallthrough
		case '\n':
			line, column = line+1, 0
			out = append(out, lineStart{line: line})
		case 0x85, 0x2028, 0x2029:
			column++
			out = append(out, lineStart{line: line, column: column})
		default:
			column++
		}
	}
	return out
}

// jsonError checks a JSON template with encoding/json, whose errors carry
// an offset, where YAML's messages for JSON mistakes often have no line.
func jsonError(file string, data []byte) (graph.Diagnostic, bool) {
	trimmed := bytes.TrimLeft(data, " \t\r\n\ufeff")
	if len(trimmed) == 0 || trimmed[0] != '{' {
		return graph.Diagnostic{}, false
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	var v any
	err := dec.Decode(&v)
	offset := int64(-1)
	msg := ""
	var syn *json.SyntaxError
	switch {
	case errors.As(err, &syn):
		offset, msg = syn.Offset, syn.Error()
	case err != nil:
		offset, msg = dec.InputOffset(), err.Error()
	default:
		rest := bytes.TrimLeft(data[dec.InputOffset():], " \t\r\n")
		if len(rest) == 0 {
			return graph.Diagnostic{}, false
		}
		offset = int64(len(data) - len(rest))
		msg = "unexpected content after the end of the JSON document"
	}
	if offset < 0 || offset > int64(len(data)) {
		offset = 0
	}
	line := 1 + bytes.Count(data[:offset], []byte("\n"))
	col := 1 + utf8.RuneCount(data[bytes.LastIndexByte(data[:offset], '\n')+1:offset])
	return graph.Errorf(graph.Range{File: file, Start: graph.Pos{Line: line, Column: col, Byte: int(offset)}, End: graph.Pos{Line: line, Column: col + 1, Byte: int(offset) + 1}},
		"parse-error", "cannot parse template: %s", msg), true
}

// parseError turns a yaml.v3 error ("yaml: line 3: mapping values are not
// allowed in this context") into a positioned diagnostic.
func parseError(file string, err error) graph.Diagnostic {
	msg := err.Error()
	line := 0
	rest := strings.TrimPrefix(msg, "yaml: ")
	if n, after, ok := cutLine(rest); ok {
		line, rest = n, after
	}
	r := graph.Range{File: file}
	if line > 0 {
		r.Start = graph.Pos{Line: line, Column: 1}
		r.End = graph.Pos{Line: line, Column: 1}
	}
	return graph.Errorf(r, "parse-error", "cannot parse template: %s", rest)
}

func cutLine(s string) (int, string, bool) {
	var n int
	if _, err := fmt.Sscanf(s, "line %d:", &n); err != nil {
		return 0, s, false
	}
	_, after, _ := strings.Cut(s, ":")
	return n, strings.TrimSpace(after), true
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		return "a scalar"
	case yaml.AliasNode:
		return "an alias"
	}
	return "a document"
}

// pos is the start of a node as a one-character range.
func pos(file string, n *yaml.Node) graph.Range {
	start := graph.Pos{Line: n.Line, Column: n.Column, Byte: -1}
	return graph.Range{File: file, Start: start, End: graph.Pos{Line: n.Line, Column: n.Column + 1, Byte: -1}}
}

// nodeRange spans a node: a scalar's text (with its quotes), or a
// collection from its first entry to the end of its last.
func nodeRange(file string, n *yaml.Node) graph.Range {
	r := graph.Range{File: file, Start: graph.Pos{Line: n.Line, Column: n.Column, Byte: -1}}
	r.End = nodeEnd(n, 0)
	if r.End.Line == 0 {
		r.End = graph.Pos{Line: n.Line, Column: n.Column + 1, Byte: -1}
	}
	return r
}

func nodeEnd(n *yaml.Node, depth int) graph.Pos {
	if depth > maxDepth {
		return graph.Pos{Line: n.Line, Column: n.Column + 1, Byte: -1}
	}
	switch n.Kind {
	case yaml.ScalarNode:
		switch n.Style {
		case yaml.LiteralStyle, yaml.FoldedStyle:
			lines := strings.Count(strings.TrimRight(n.Value, "\n"), "\n")
			return graph.Pos{Line: n.Line + 1 + lines, Column: 1, Byte: -1}
		}
		text := n.Value
		width := utf8.RuneCountInString(text)
		if n.Style == yaml.DoubleQuotedStyle || n.Style == yaml.SingleQuotedStyle {
			width += 2
		}
		if strings.Contains(text, "\n") {
			// A multi-line flow scalar: the end column is not worth
			// reconstructing; the end of the line will do.
			return graph.Pos{Line: n.Line + strings.Count(text, "\n"), Column: 1 << 16, Byte: -1}
		}
		if n.Tag != "" && strings.HasPrefix(n.Tag, "!") && !strings.HasPrefix(n.Tag, "!!") {
			width = utf8.RuneCountInString(n.Value)
		}
		return graph.Pos{Line: n.Line, Column: n.Column + max(width, 1), Byte: -1}
	case yaml.MappingNode, yaml.SequenceNode:
		if len(n.Content) == 0 {
			return graph.Pos{Line: n.Line, Column: n.Column + 2, Byte: -1}
		}
		end := nodeEnd(n.Content[len(n.Content)-1], depth+1)
		if n.Style == yaml.FlowStyle {
			end.Column++
		}
		return end
	case yaml.AliasNode:
		return graph.Pos{Line: n.Line, Column: n.Column + 1 + utf8.RuneCountInString(n.Value), Byte: -1}
	}
	return graph.Pos{}
}

// spanRange covers from the start of a to the end of b: a key and its value.
func spanRange(file string, a, b *yaml.Node) graph.Range {
	r := nodeRange(file, a)
	r.End = nodeRange(file, b).End
	return r
}

// mappingEntry is one key and value of a mapping node.
type mappingEntry struct {
	key   *yaml.Node
	value *yaml.Node
}

// entries returns the entries of a mapping node, resolving merge keys is
// not done: CloudFormation does not support YAML merge keys.
func entries(n *yaml.Node) []mappingEntry {
	n = deref(n)
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	out := make([]mappingEntry, 0, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		out = append(out, mappingEntry{key: n.Content[i], value: n.Content[i+1]})
	}
	return out
}

// lookup returns the value of key in a mapping node. It walks the
// node's content in place: it is called for every property a resource's
// evaluation and the model read, and entries would allocate each time.
func lookup(n *yaml.Node, key string) (k, v *yaml.Node) {
	n = deref(n)
	if n == nil || n.Kind != yaml.MappingNode {
		return nil, nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i], n.Content[i+1]
		}
	}
	return nil, nil
}

// deref follows aliases (without counting: used for structure, not for
// evaluation, which counts every node it visits).
func deref(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < 64; i++ {
		n = n.Alias
	}
	if n != nil && n.Kind == yaml.AliasNode {
		return nil
	}
	return n
}

// duplicateKeys reports keys that appear twice in one mapping anywhere in
// the document: CloudFormation rejects such templates, and YAML parsers
// silently keep one of the values.
func duplicateKeys(file string, root *yaml.Node) []graph.Diagnostic {
	var diags []graph.Diagnostic
	// seen is firstKey's index of a large mapping's keys, emptied after
	// each.
	seen := map[string]*yaml.Node{}
	var walk func(n *yaml.Node, depth int)
	walk = func(n *yaml.Node, depth int) {
		if n == nil || depth > maxDepth || n.Kind == yaml.AliasNode {
			return
		}
		if n.Kind == yaml.MappingNode {
			for i := 0; i+1 < len(n.Content); i += 2 {
				k := n.Content[i]
				if first := firstKey(n, i, seen); first != nil {
					diags = append(diags, graph.Errorf(nodeRange(file, k), "duplicate-key",
						"duplicate key %q (first at line %d); CloudFormation rejects the template", k.Value, first.Line))
				}
			}
			clear(seen)
		}
		for _, c := range n.Content {
			walk(c, depth+1)
		}
	}
	walk(root, 0)
	return diags
}

// smallMapping is the number of keys up to which firstKey compares a key
// with those before it instead of indexing them: most mappings of a
// template have a few keys.
const smallMapping = 16

// firstKey returns the first key of mapping n with the value of its key
// at index i, when that is an earlier key (nil otherwise). seen indexes
// the keys before i of a mapping larger than smallMapping; firstKey adds
// key i to it.
func firstKey(n *yaml.Node, i int, seen map[string]*yaml.Node) *yaml.Node {
	k := n.Content[i]
	if len(n.Content) <= 2*smallMapping {
		for j := 0; j < i; j += 2 {
			if n.Content[j].Value == k.Value {
				return n.Content[j]
			}
		}
		return nil
	}
	if first, dup := seen[k.Value]; dup {
		return first
	}
	seen[k.Value] = k
	return nil
}

// tooDeep reports nesting beyond maxDepth, before evaluation recurses into
// it: the first node that deep met visiting each node before its
// elements, and the elements from the last.
func tooDeep(root *yaml.Node) (*yaml.Node, bool) {
	return deeperThan(root, maxDepth)
}

// deeperThan is tooDeep of n, for nodes more than depth levels below n.
func deeperThan(n *yaml.Node, depth int) (*yaml.Node, bool) {
	if depth < 0 {
		return n, true
	}
	for i := len(n.Content) - 1; i >= 0; i-- {
		if deep, ok := deeperThan(n.Content[i], depth-1); ok {
			return deep, true
		}
	}
	return nil, false
}
