package cloudformation

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/internal/sandbox"
)

// param is a declared parameter with the value the scan uses.
type param struct {
	name      string
	value     graph.Value
	def       graph.Value
	hasDef    bool
	noEcho    bool
	source    graph.Range
	declRange graph.Range
}

// commandLineParameters reads parameter files, then --parameter values,
// which override them.
func commandLineParameters(opts Options) (map[string]supplied, []graph.Diagnostic) {
	out := map[string]supplied{}
	var diags []graph.Diagnostic
	for _, f := range opts.ParameterFiles {
		kv, err := readParameterFile(f)
		if err != nil {
			diags = append(diags, graph.Errorf(graph.Range{File: f}, "parameter-file", "%v", err))
			continue
		}
		for k, v := range kv {
			out[k] = supplied{value: graph.String(v, graph.Range{}).WithSource(graph.Range{File: f}), from: "parameter file " + f}
		}
	}
	for _, p := range opts.Parameters {
		k, v, ok := strings.Cut(p, "=")
		if !ok || k == "" {
			diags = append(diags, graph.Errorf(graph.Range{}, "invalid-parameter", "--parameter %q: want Key=Value", p))
			continue
		}
		out[k] = supplied{value: graph.String(v, graph.Range{}), from: "--parameter"}
	}
	return out, diags
}

// readParameterFile reads the three common formats: the CLI's
// [{"ParameterKey": ..., "ParameterValue": ...}], a CodePipeline template
// configuration {"Parameters": {...}}, and Key=Value lines.
func readParameterFile(path string) (map[string]string, error) {
	data, err := sandbox.ReadUserFile(path, maxFileSize)
	if err != nil {
		return nil, fmt.Errorf("reading parameter file: %w", err)
	}
	trimmed := bytes.TrimSpace(data)
	out := map[string]string{}
	switch {
	case bytes.HasPrefix(trimmed, []byte("[")):
		var list []struct {
			ParameterKey     string
			ParameterValue   any
			UsePreviousValue bool
		}
		if err := json.Unmarshal(trimmed, &list); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		for _, p := range list {
			if p.ParameterKey == "" {
				return nil, fmt.Errorf("%s: an entry has no ParameterKey", path)
			}
			if p.ParameterValue != nil {
				out[p.ParameterKey] = fmt.Sprint(p.ParameterValue)
			}
		}
	case bytes.HasPrefix(trimmed, []byte("{")):
		var cfg struct {
			Parameters map[string]any
		}
		if err := json.Unmarshal(trimmed, &cfg); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		if cfg.Parameters == nil {
			return nil, fmt.Errorf("%s: no Parameters object", path)
		}
		for k, v := range cfg.Parameters {
			out[k] = stringify(v)
		}
	default:
		sc := bufio.NewScanner(bytes.NewReader(data))
		line := 0
		for sc.Scan() {
			line++
			text := strings.TrimSpace(sc.Text())
			if text == "" || strings.HasPrefix(text, "#") {
				continue
			}
			k, v, ok := strings.Cut(text, "=")
			if !ok {
				return nil, fmt.Errorf("%s:%d: want Key=Value", path, line)
			}
			out[strings.TrimSpace(k)] = strings.TrimSpace(v)
		}
	}
	return out, nil
}

func stringify(v any) string {
	switch x := v.(type) {
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = fmt.Sprint(e)
		}
		return strings.Join(parts, ",")
	}
	return fmt.Sprint(v)
}

// readParameters evaluates the Parameters section with the values given.
func (t *template) readParameters(given map[string]supplied) {
	for _, e := range entries(lookupValue(t.root, "Parameters")) {
		name := e.key.Value
		decl := nodeRange(t.file, e.key)
		p := &param{name: name, declRange: decl}
		body := deref(e.value)
		typ := ""
		if n := lookupValue(body, "Type"); n != nil {
			typ = deref(n).Value
		}
		if n := lookupValue(body, "NoEcho"); n != nil {
			p.noEcho = strings.EqualFold(deref(n).Value, "true")
		}
		if n := lookupValue(body, "Default"); n != nil {
			v, _ := t.eval(n, 1)
			p.def, p.hasDef = v, true
		}
		isList := isListType(typ)
		switch s, ok := given[name]; {
		case ok:
			p.value = s.value
			// A value the parent stack passes was written in its
			// Parameters; one from the command line has no place.
			p.source = s.value.Source()
			if p.source.IsZero() {
				p.source = s.value.Range
			}
			t.checkAllowed(name, body, decl, s, isListType(typ))
		case strings.HasPrefix(typ, "AWS::SSM::Parameter::"):
			p.value = graph.UnknownValue(fmt.Sprintf("parameter %s is read from Systems Manager at deployment", name), decl)
		case p.hasDef:
			p.value = p.def
			p.source = p.def.Range
		default:
			p.value = t.unknownParameter(name, body, decl)
		}
		if isList && p.value.Kind() == graph.KindString {
			s, _ := p.value.AsString()
			var elems []graph.Value
			for _, part := range strings.Split(s, ",") {
				elems = append(elems, graph.String(strings.TrimSpace(part), p.value.Range).WithSource(p.value.Source()))
			}
			p.value = graph.List(elems, p.value.Range).WithSource(p.value.Source())
		}
		if p.noEcho {
			p.value = p.value.WithSensitive(true)
			p.def = p.def.WithSensitive(true)
		}
		t.params[name] = p
		t.paramOrder = append(t.paramOrder, name)
	}
}

// isListType reports whether a parameter type takes a comma-separated
// list.
func isListType(typ string) bool {
	return strings.HasPrefix(typ, "List<") || typ == "CommaDelimitedList" || strings.HasPrefix(typ, "AWS::SSM::Parameter::Value<List<")
}

// checkAllowed reports a value given to a parameter that its
// AllowedValues do not list: CloudFormation rejects the stack.
func (t *template) checkAllowed(name string, body *yaml.Node, decl graph.Range, given supplied, list bool) {
	allowedNode := lookupValue(body, "AllowedValues")
	if allowedNode == nil {
		return
	}
	allowed, _ := t.eval(allowedNode, 1)
	if allowed.Kind() != graph.KindList || len(allowed.Elems()) == 0 {
		return
	}
	var names []string
	ok := map[string]bool{}
	for _, e := range allowed.Elems() {
		s, known := scalarText(e)
		if !known {
			return
		}
		ok[s] = true
		names = append(names, s)
	}
	v, known := given.value.AsString()
	if !known || !given.value.IsKnown() {
		return
	}
	values := []string{v}
	if list {
		values = strings.Split(v, ",")
	}
	for _, part := range values {
		part = strings.TrimSpace(part)
		if ok[part] {
			continue
		}
		shown := fmt.Sprintf("%q", part)
		if n := lookupValue(body, "NoEcho"); n != nil && strings.EqualFold(deref(n).Value, "true") {
			shown = "the value"
		}
		at := decl
		if r := given.value.Range; r.Start.Line > 0 {
			at = r // in the parent stack's Parameters
		}
		t.diags = append(t.diags, graph.Errorf(at, "parameter-not-allowed",
			"parameter %s: %s given by %s is not one of its AllowedValues (%s); CloudFormation would reject the stack",
			name, shown, given.from, strings.Join(names, ", ")))
		return
	}
}

// scalarText is a known scalar's text as CloudFormation compares it.
func scalarText(v graph.Value) (string, bool) {
	if !v.IsKnown() {
		return "", false
	}
	switch v.Kind() {
	case graph.KindString:
		s, _ := v.AsString()
		return s, true
	case graph.KindNumber, graph.KindBool:
		return v.String(), true
	}
	return "", false
}

// unknownParameter is the value of a parameter nobody gave: one of its
// AllowedValues when it declares them, otherwise unknown.
func (t *template) unknownParameter(name string, body *yaml.Node, decl graph.Range) graph.Value {
	why := fmt.Sprintf("parameter %s has no value (no Default and not given with --parameter)", name)
	allowed := lookupValue(body, "AllowedValues")
	if allowed == nil {
		return graph.UnknownValue(why, decl)
	}
	v, _ := t.eval(allowed, 1)
	if v.Kind() != graph.KindList || len(v.Elems()) == 0 {
		return graph.UnknownValue(why, decl)
	}
	return graph.OneOf(v.Elems(), why, decl)
}

// input describes a parameter for the graph.
func (t *template) input(name, unit string) *graph.Input {
	p := t.params[name]
	return &graph.Input{
		Unit: unit, Format: graph.CloudFormation, Name: t.prefix + name,
		Default: p.def, HasDefault: p.hasDef, Value: p.value, Sensitive: p.noEcho, Range: p.declRange,
	}
}
