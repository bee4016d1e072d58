package cloudformation

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math/big"
	"net/netip"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/internal/budget"
)

// maxAlternatives bounds how many values a string built from several
// partly known parts (each one of a few values) is enumerated into.
const maxAlternatives = 16

// intrinsic recognises an intrinsic function call, in short form (!Ref x)
// or long form ({"Ref": "x"}), and returns its name and argument node.
func intrinsic(n *yaml.Node) (name string, arg *yaml.Node, ok bool) {
	if n == nil {
		return "", nil, false
	}
	if fn, ok := shortTags[n.Tag]; ok {
		c := *n
		c.Tag = ""
		if c.Kind == yaml.ScalarNode {
			c.Tag = "!!str"
		}
		return fn, &c, true
	}
	if n.Kind == yaml.MappingNode && len(n.Content) == 2 {
		k := n.Content[0].Value
		if k == "Ref" || strings.HasPrefix(k, "Fn::") {
			return k, n.Content[1], true
		}
	}
	return "", nil, false
}

// eval evaluates a template value. present is false for AWS::NoValue (and
// an Fn::If branch that yields it): the property is then removed.
func (t *template) eval(n *yaml.Node, depth int) (v graph.Value, present bool) {
	return t.evalAt(n, depth, graph.Pos{})
}

// evalAt is eval of n, given end, where n ends when that is known already
// (zero otherwise): a mapping or sequence ends where its last element
// does, so each element is handed its end instead of finding it again
// (nodeEnd walks down to the last leaf, for every node evaluated).
func (t *template) evalAt(n *yaml.Node, depth int, end graph.Pos) (v graph.Value, present bool) {
	r, lastEnd := rangeEnding(t.file, n, end)
	if !t.spend(n) {
		return graph.UnknownValue(budget.Reason("this value"), r), true
	}
	if depth > maxDepth {
		t.once("depth-limit", graph.Warningf(r, "depth-limit", "nesting deeper than %d levels is not evaluated", maxDepth))
		return graph.UnknownValue("nesting too deep to evaluate", r), true
	}
	if n.Kind == yaml.AliasNode {
		if n.Alias == nil {
			return graph.UnknownValue("unresolved YAML alias", r), true
		}
		t.aliased++
		defer func() { t.aliased-- }()
		return t.eval(n.Alias, depth+1)
	}
	if name, arg, ok := intrinsic(n); ok {
		return t.call(name, arg, r, depth+1)
	}
	switch n.Kind {
	case yaml.ScalarNode:
		return scalar(n, r), true
	case yaml.SequenceNode:
		elems := make([]graph.Value, 0, len(n.Content))
		for i, c := range n.Content {
			var end graph.Pos
			if i == len(n.Content)-1 {
				end = lastEnd
			}
			if v, ok := t.evalAt(c, depth+1, end); ok {
				elems = append(elems, v)
			}
		}
		return graph.List(elems, r), true
	case yaml.MappingNode:
		fields := make([]graph.Field, 0, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, val := n.Content[i], n.Content[i+1]
			var end graph.Pos
			if i+2 == len(n.Content) {
				end = lastEnd
			}
			if v, ok := t.evalAt(val, depth+1, end); ok {
				fields = append(fields, graph.Field{Key: k.Value, KeyRange: nodeRange(t.file, k), Value: v})
			}
		}
		return graph.Object(fields, r), true
	}
	return graph.Null(r), true
}

// rangeEnding is nodeRange(file, n), given end, where n ends when that is
// known already (zero otherwise), and lastEnd, where n's last element
// ends (zero when n has none, or n has no end of its own).
func rangeEnding(file string, n *yaml.Node, end graph.Pos) (r graph.Range, lastEnd graph.Pos) {
	if end.Line == 0 {
		end = nodeEnd(n, 0)
	}
	r = graph.Range{File: file, Start: graph.Pos{Line: n.Line, Column: n.Column, Byte: -1}, End: end}
	if end.Line == 0 {
		// nodeRange's stand-in.
		r.End = graph.Pos{Line: n.Line, Column: n.Column + 1, Byte: -1}
	} else if (n.Kind == yaml.MappingNode || n.Kind == yaml.SequenceNode) && len(n.Content) > 0 {
		// nodeEnd's: the last element's end, a column on in flow style.
		lastEnd = end
		if n.Style == yaml.FlowStyle {
			lastEnd.Column--
		}
	}
	return r, lastEnd
}

// scalar converts a plain YAML or JSON scalar by its resolved tag.
func scalar(n *yaml.Node, r graph.Range) graph.Value {
	switch n.ShortTag() {
	case "!!null":
		return graph.Null(r)
	case "!!bool":
		if b, err := strconv.ParseBool(strings.ToLower(n.Value)); err == nil {
			return graph.Bool(b, r)
		}
	case "!!int", "!!float":
		if f, err := strconv.ParseFloat(strings.ReplaceAll(n.Value, "_", ""), 64); err == nil {
			return graph.Number(f, r)
		}
		if i, err := strconv.ParseInt(n.Value, 0, 64); err == nil {
			return graph.Number(float64(i), r)
		}
	}
	return graph.String(n.Value, r)
}

// spend counts a node visited through a YAML alias against the evaluation
// budget: a "billion laughs" document is small on disk but explodes when
// its aliases are expanded. Nodes written out cost nothing more than
// reading the file did, so a budget spent expanding aliases in one
// resource does not stop the evaluation of another.
func (t *template) spend(n *yaml.Node) bool {
	if t.aliased == 0 {
		return !t.budget.TimedOut()
	}
	// One template's aliases may take a quarter of the unit's values.
	if t.aliasNodes >= t.budget.Limits().Values/4 {
		t.budget.Values(t.budget.Limits().Values, pos(t.file, n)) // refused: records why
		return false
	}
	t.aliasNodes++
	return t.budget.Values(1, pos(t.file, n))
}

// once records a diagnostic the first time its key is met.
func (t *template) once(key string, d graph.Diagnostic) {
	if t.reported[key] {
		return
	}
	t.reported[key] = true
	t.diags = append(t.diags, d)
}

// call evaluates one intrinsic function.
func (t *template) call(name string, arg *yaml.Node, r graph.Range, depth int) (graph.Value, bool) {
	switch name {
	case "Ref":
		return t.ref(arg, r)
	case "Fn::GetAtt":
		return t.getAtt(arg, r, depth), true
	case "Fn::Sub":
		return t.sub(arg, r, depth), true
	case "Fn::Join":
		return t.join(arg, r, depth), true
	case "Fn::Select":
		return t.selectFn(arg, r, depth), true
	case "Fn::Split":
		return t.split(arg, r, depth), true
	case "Fn::FindInMap":
		return t.findInMap(arg, r, depth), true
	case "Fn::If":
		return t.ifFn(arg, r, depth)
	case "Fn::Equals", "Fn::And", "Fn::Or", "Fn::Not", "Condition":
		fake := &yaml.Node{Kind: yaml.MappingNode, Line: arg.Line, Column: arg.Column,
			Content: []*yaml.Node{{Kind: yaml.ScalarNode, Value: name}, arg}}
		tri, why := t.condExpr(fake, depth)
		switch tri {
		case graph.True:
			return graph.Bool(true, r), true
		case graph.False:
			return graph.Bool(false, r), true
		}
		return graph.UnknownValue(why, r), true
	case "Fn::GetAZs":
		return graph.UnknownValue("Fn::GetAZs lists the Availability Zones of the deployment region, known only at deployment", r), true
	case "Fn::ImportValue":
		v, _ := t.eval(arg, depth)
		what := "another stack's export"
		if s, ok := v.AsString(); ok {
			what = "the export " + s
		}
		return graph.UnknownValue("Fn::ImportValue reads "+what+", known only at deployment", r), true
	case "Fn::Base64":
		v, _ := t.eval(arg, depth)
		if s, ok := v.AsString(); ok && t.budget.Bytes(int64(len(s))*4/3+4, r) {
			return graph.String(base64.StdEncoding.EncodeToString([]byte(s)), r).WithSensitive(v.Sensitive()), true
		}
		// The text written around the unknown parts stays visible (user
		// data scripts are encoded this way).
		return unknownFrom(v, r).WithLiteralText(v.LiteralText()), true
	case "Fn::Cidr":
		return t.cidr(arg, r, depth), true
	case "Fn::Length":
		v, _ := t.eval(arg, depth)
		if v.Kind() == graph.KindList && !anyUnknownElem(v) {
			return graph.Number(float64(len(v.Elems())), r), true
		}
		return unknownFrom(v, r), true
	case "Fn::ToJsonString":
		v, _ := t.eval(arg, depth)
		if v.ContainsUnknown() {
			return unknownFrom(v, r), true
		}
		data, err := json.Marshal(v.Interface())
		if err != nil {
			return graph.UnknownValue("Fn::ToJsonString: "+err.Error(), r), true
		}
		if !t.budget.Bytes(int64(len(data)), r) {
			return graph.UnknownValue(budget.Reason("Fn::ToJsonString"), r), true
		}
		return graph.String(string(data), r).WithSensitive(v.Sensitive()), true
	case "Fn::Transform":
		t.once("macro:Fn::Transform", graph.Notef(r, "macro", "Fn::Transform runs a macro at deployment; blindspot does not see its output"))
		return graph.UnknownValue("Fn::Transform output is produced by a macro at deployment", r), true
	}
	t.diags = append(t.diags, graph.Debugf(r, "unsupported-function", "intrinsic function %s is not evaluated", name))
	return graph.UnknownValue(name+" is not evaluated by blindspot", r), true
}

// ref evaluates Ref: a parameter, a pseudo parameter or a resource.
func (t *template) ref(arg *yaml.Node, r graph.Range) (graph.Value, bool) {
	arg = deref(arg)
	if arg == nil || arg.Kind != yaml.ScalarNode {
		t.diags = append(t.diags, graph.Errorf(r, "invalid-intrinsic", "Ref takes the name of a parameter or resource"))
		return graph.UnknownValue("invalid Ref", r), true
	}
	return t.refName(arg.Value, r)
}

// refName is Ref of name.
func (t *template) refName(name string, r graph.Range) (graph.Value, bool) {
	if name == "AWS::NoValue" {
		return graph.Value{}, false
	}
	if v, ok := t.pseudo(name, r); ok {
		return v, true
	}
	if p, ok := t.params[name]; ok {
		v := p.value.WithRange(r)
		if v.Source().IsZero() {
			v = v.WithSource(p.source)
		}
		if v.Kind() == graph.KindList {
			// The elements of a list parameter are read where the Ref is,
			// like the list: a finding about one points at the use in the
			// resource, with the place it was written as related.
			elems := make([]graph.Value, len(v.Elems()))
			for i, e := range v.Elems() {
				elems[i] = relocate(e, r)
			}
			v = graph.List(elems, r).WithSource(v.Source()).WithSensitive(v.Sensitive())
		}
		return v, true
	}
	if _, ok := t.resources[name]; ok {
		return graph.UnknownValue(name+" is known only after deployment", r).
			WithRefs(graph.Ref{Address: t.prefix + name, Range: r}), true
	}
	t.diags = append(t.diags, graph.Warningf(r, "unresolved-reference", "Ref to %s, which is neither a parameter nor a resource of this template", name))
	return graph.UnknownValue(name+" is not defined in the template", r), true
}

// partitionOf derives the partition from a region.
func partitionOf(region string) string {
	switch {
	case strings.HasPrefix(region, "cn-"):
		return "aws-cn"
	case strings.HasPrefix(region, "us-gov-"):
		return "aws-us-gov"
	case strings.HasPrefix(region, "us-iso-"):
		return "aws-iso"
	case strings.HasPrefix(region, "us-isob-"):
		return "aws-iso-b"
	}
	return "aws"
}

// pseudo evaluates a pseudo parameter.
func (t *template) pseudo(name string, r graph.Range) (graph.Value, bool) {
	region := t.opts.Region
	switch name {
	case "AWS::Region":
		if region != "" {
			return graph.String(region, r), true
		}
		return graph.UnknownValue("AWS::Region is the region the stack is deployed to", r).WithRefs(pseudoRef(name, r)), true
	case "AWS::AccountId":
		if t.opts.AccountID != "" {
			return graph.String(t.opts.AccountID, r), true
		}
		return graph.UnknownValue("AWS::AccountId is the account the stack is deployed to (map the template to an account in .blindspot.yaml)", r).
			WithRefs(pseudoRef(name, r)), true
	case "AWS::Partition", "AWS::URLSuffix":
		suffix := func(p string) string {
			if p == "aws-cn" {
				return "amazonaws.com.cn"
			}
			return "amazonaws.com"
		}
		if region != "" {
			p := partitionOf(region)
			if name == "AWS::URLSuffix" {
				return graph.String(suffix(p), r), true
			}
			return graph.String(p, r), true
		}
		parts := []string{"aws", "aws-cn", "aws-us-gov"}
		alts := make([]graph.Value, 0, len(parts))
		seen := map[string]bool{}
		for _, p := range parts {
			s := p
			if name == "AWS::URLSuffix" {
				s = suffix(p)
			}
			if !seen[s] {
				seen[s] = true
				alts = append(alts, graph.String(s, r))
			}
		}
		return graph.OneOf(alts, name+" depends on the region the stack is deployed to", r), true
	case "AWS::StackName", "AWS::StackId":
		return graph.UnknownValue(name+" is chosen when the stack is created", r).WithRefs(pseudoRef(name, r)), true
	case "AWS::NotificationARNs":
		return graph.UnknownValue("AWS::NotificationARNs are given when the stack is created", r).WithRefs(pseudoRef(name, r)), true
	}
	return graph.Value{}, false
}

// pseudoRef is the reference an unknown pseudo parameter's value is derived
// from: like a resource attribute, it is an identifier the deployment
// assigns (an account ID, a region, a stack name), never empty and never a
// wildcard, which is what the model needs to know of it.
func pseudoRef(name string, r graph.Range) graph.Ref {
	return graph.Ref{Address: name, Range: r}
}

// getAtt evaluates Fn::GetAtt in list form or "Resource.Attribute" form.
func (t *template) getAtt(arg *yaml.Node, r graph.Range, depth int) graph.Value {
	arg = deref(arg)
	var res, attr string
	switch {
	case arg != nil && arg.Kind == yaml.ScalarNode:
		res, attr, _ = strings.Cut(arg.Value, ".")
	case arg != nil && arg.Kind == yaml.SequenceNode && len(arg.Content) == 2:
		res = deref(arg.Content[0]).Value
		v, _ := t.eval(arg.Content[1], depth)
		if s, ok := v.AsString(); ok {
			attr = s
		} else {
			attr = "(unknown attribute)"
		}
	default:
		t.diags = append(t.diags, graph.Errorf(r, "invalid-intrinsic", "Fn::GetAtt takes [resource, attribute] or \"resource.attribute\""))
		return graph.UnknownValue("invalid Fn::GetAtt", r)
	}
	return t.attribute(res, attr, r)
}

// attribute is Fn::GetAtt of attribute attr of resource res.
func (t *template) attribute(res, attr string, r graph.Range) graph.Value {
	if _, ok := t.resources[res]; !ok {
		t.diags = append(t.diags, graph.Warningf(r, "unresolved-reference", "Fn::GetAtt of %s, which is not a resource of this template", res))
	}
	if output, ok := strings.CutPrefix(attr, "Outputs."); ok && isStack(t.resourceType(res)) {
		return t.stackOutput(res, output, r)
	}
	return graph.UnknownValue(res+"."+attr+" is known only after deployment", r).
		WithRefs(graph.Ref{Address: t.prefix + res, Attr: attr, Range: r})
}

// sub evaluates Fn::Sub in string or [string, variables] form.
func (t *template) sub(arg *yaml.Node, r graph.Range, depth int) graph.Value {
	arg = deref(arg)
	var text *yaml.Node
	var vars map[string]graph.Value
	switch {
	case arg != nil && arg.Kind == yaml.ScalarNode:
		text = arg
	case arg != nil && arg.Kind == yaml.SequenceNode && len(arg.Content) == 2:
		text = deref(arg.Content[0])
		vars = map[string]graph.Value{}
		for _, e := range entries(arg.Content[1]) {
			v, ok := t.eval(e.value, depth)
			if !ok {
				v = graph.String("", nodeRange(t.file, e.value))
			}
			vars[e.key.Value] = v
		}
	}
	if text == nil || text.Kind != yaml.ScalarNode {
		t.diags = append(t.diags, graph.Errorf(r, "invalid-intrinsic", "Fn::Sub takes a string or [string, {variables}]"))
		return graph.UnknownValue("invalid Fn::Sub", r)
	}
	s := text.Value
	// A literal before each ${...}, its value, and the rest.
	parts := make([]graph.Value, 0, 2*strings.Count(s, "${")+1)
	for {
		i := strings.Index(s, "${")
		if i < 0 {
			parts = append(parts, graph.String(s, r))
			break
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			parts = append(parts, graph.String(s, r))
			break
		}
		parts = append(parts, graph.String(s[:i], r))
		name := s[i+2 : i+j]
		s = s[i+j+1:]
		if strings.HasPrefix(name, "!") {
			parts = append(parts, graph.String("${"+name[1:]+"}", r))
			continue
		}
		name = strings.TrimSpace(name)
		if v, ok := vars[name]; ok {
			parts = append(parts, v)
			continue
		}
		if res, attr, ok := strings.Cut(name, "."); ok && !strings.HasPrefix(name, "AWS::") {
			parts = append(parts, t.attribute(res, attr, r))
			continue
		}
		v, _ := t.refName(name, r)
		parts = append(parts, v)
	}
	if !t.budget.Bytes(joinedSize(parts, ""), r) {
		return graph.UnknownValue(budget.Reason("Fn::Sub"), r)
	}
	return concat(parts, "", r)
}

// joinedSize is how many bytes concat may build from parts: every
// combination of their alternatives.
func joinedSize(parts []graph.Value, sep string) int64 {
	var size, combos int64 = 0, 1
	for _, p := range parts {
		longest := 0
		alts := p.Alternatives()
		for _, a := range alts {
			if s, ok := a.AsString(); ok {
				longest = max(longest, len(s))
			}
		}
		size += int64(longest + len(sep))
		if len(alts) > 1 {
			combos = min(combos*int64(len(alts)), maxAlternatives)
		}
	}
	return size * combos
}

// concat joins string parts. Known parts give a string; parts with a few
// alternatives give the alternatives of the whole; otherwise the result is
// unknown, keeping the references of its parts.
func concat(parts []graph.Value, sep string, r graph.Range) graph.Value {
	if joined, ok := joinKnown(parts, sep); ok {
		// Every part is one known string (most of them): the loop below
		// would build the same one combination, a copy per part.
		sensitive := false
		var refs []graph.Ref
		for _, p := range parts {
			sensitive = sensitive || p.Sensitive()
			refs = append(refs, p.AllRefs()...)
		}
		src := soleOrigin(parts, r)
		v := graph.String(joined, r).WithSensitive(sensitive).WithSource(src)
		return v.WithRefs(refs...).WithSensitive(sensitive).WithSource(src)
	}
	combos := []string{""}
	sensitive := false
	var refs []graph.Ref
	why := ""
	var one [1]string
	for i, p := range parts {
		sensitive = sensitive || p.Sensitive()
		refs = append(refs, p.AllRefs()...)
		if combos == nil && why != "" {
			// The string is unknown already, and why said: what is
			// left to gather is only the references and sensitivity.
			continue
		}
		var strs []string
		if p.Kind() != graph.KindUnknown {
			// Its only alternative is itself.
			if s, ok := p.AsString(); ok {
				one[0] = s
				strs = one[:]
			}
		} else {
			for _, a := range p.Alternatives() {
				s, ok := a.AsString()
				if !ok {
					strs = nil
					break
				}
				strs = append(strs, s)
			}
		}
		if len(strs) == 0 || len(combos)*len(strs) > maxAlternatives {
			if why == "" {
				why = p.Why()
				if why == "" {
					why = "part of the string is not a string"
				}
			}
			combos = nil
			continue
		}
		if combos == nil {
			continue
		}
		next := make([]string, 0, len(combos)*len(strs))
		for _, c := range combos {
			for _, s := range strs {
				if i > 0 {
					next = append(next, c+sep+s)
				} else {
					next = append(next, c+s)
				}
			}
		}
		combos = next
	}
	src := soleOrigin(parts, r)
	if combos == nil {
		var lit, prefix, suffix strings.Builder
		leading := true
		for i, p := range parts {
			if i > 0 {
				lit.WriteString(sep)
				suffix.WriteString(sep)
				if leading {
					prefix.WriteString(sep)
				}
			}
			if s, ok := p.AsString(); ok {
				lit.WriteString(s)
				suffix.WriteString(s)
				if leading {
					prefix.WriteString(s)
				}
				continue
			}
			lit.WriteString(p.LiteralText())
			if leading {
				prefix.WriteString(p.LiteralPrefix())
			}
			leading = false
			suffix.Reset()
			suffix.WriteString(p.LiteralSuffix())
		}
		return graph.UnknownValue(why, r).WithRefs(refs...).WithSensitive(sensitive).WithLiteralText(lit.String()).
			WithLiteralAffixes(prefix.String(), suffix.String()).WithSource(src)
	}
	alts := make([]graph.Value, len(combos))
	for i, c := range combos {
		alts[i] = graph.String(c, r).WithSensitive(sensitive).WithSource(src)
	}
	why = "depends on a value with several possibilities"
	for _, p := range parts {
		if !p.IsKnown() {
			why = p.Why()
			break
		}
	}
	return graph.OneOf(alts, why, r).WithRefs(refs...).WithSensitive(sensitive).WithSource(src)
}

// joinKnown joins parts with sep when every part is a known value with a
// string form (what concat makes one string of).
func joinKnown(parts []graph.Value, sep string) (string, bool) {
	n := len(sep) * max(len(parts)-1, 0)
	for _, p := range parts {
		s, ok := p.AsString()
		if !ok || p.Kind() == graph.KindUnknown {
			return "", false
		}
		n += len(s)
	}
	var b strings.Builder
	b.Grow(n)
	for i, p := range parts {
		if i > 0 {
			b.WriteString(sep)
		}
		s, _ := p.AsString()
		b.WriteString(s)
	}
	return b.String(), true
}

// soleOrigin is where the one part of a string written elsewhere was
// written ("${Cidr}/32" with Cidr's default), or zero when no part or
// several parts were.
func soleOrigin(parts []graph.Value, r graph.Range) graph.Range {
	var src graph.Range
	for _, p := range parts {
		o := origin(p, r)
		switch {
		case o.IsZero() || o == src:
		case src.IsZero():
			src = o
		default:
			return graph.Range{}
		}
	}
	return src
}

// join evaluates Fn::Join [delimiter, [values]].
func (t *template) join(arg *yaml.Node, r graph.Range, depth int) graph.Value {
	args, ok := t.args(arg, 2, "Fn::Join", r, depth)
	if !ok {
		return graph.UnknownValue("invalid Fn::Join", r)
	}
	sep, ok := args[0].AsString()
	if !ok {
		return unknownFrom(args[0], r)
	}
	if args[1].Kind() != graph.KindList {
		return unknownFrom(args[1], r)
	}
	if !t.budget.Bytes(joinedSize(args[1].Elems(), sep), r) {
		return graph.UnknownValue(budget.Reason("Fn::Join"), r)
	}
	return concat(args[1].Elems(), sep, r)
}

// args evaluates a fixed-length argument list.
func (t *template) args(arg *yaml.Node, n int, fn string, r graph.Range, depth int) ([]graph.Value, bool) {
	arg = deref(arg)
	if arg == nil || arg.Kind != yaml.SequenceNode || len(arg.Content) < n {
		t.diags = append(t.diags, graph.Errorf(r, "invalid-intrinsic", "%s takes a list of %d arguments", fn, n))
		return nil, false
	}
	out := make([]graph.Value, len(arg.Content))
	for i, c := range arg.Content {
		v, ok := t.eval(c, depth)
		if !ok {
			v = graph.Null(nodeRange(t.file, c))
		}
		out[i] = v
	}
	return out, true
}

func (t *template) selectFn(arg *yaml.Node, r graph.Range, depth int) graph.Value {
	args, ok := t.args(arg, 2, "Fn::Select", r, depth)
	if !ok {
		return graph.UnknownValue("invalid Fn::Select", r)
	}
	idx, ok := args[0].AsNumber()
	if !ok {
		return unknownFrom(args[0], r)
	}
	if args[1].Kind() != graph.KindList {
		return unknownFrom(args[1], r)
	}
	v, ok := args[1].Index(int(idx))
	if !ok {
		t.diags = append(t.diags, graph.Errorf(r, "invalid-intrinsic", "Fn::Select index %d is out of range (%d elements)", int(idx), len(args[1].Elems())))
		return graph.UnknownValue("Fn::Select index out of range", r)
	}
	return relocate(v, r)
}

func (t *template) split(arg *yaml.Node, r graph.Range, depth int) graph.Value {
	args, ok := t.args(arg, 2, "Fn::Split", r, depth)
	if !ok {
		return graph.UnknownValue("invalid Fn::Split", r)
	}
	sep, ok1 := args[0].AsString()
	s, ok2 := args[1].AsString()
	if !ok1 || !ok2 || sep == "" {
		return unknownFrom(args[1], r)
	}
	var elems []graph.Value
	src := origin(args[1], r)
	for _, p := range strings.Split(s, sep) {
		elems = append(elems, graph.String(p, r).WithSensitive(args[1].Sensitive()).WithSource(src))
	}
	return graph.List(elems, r).WithSource(src)
}

// findInMap evaluates Fn::FindInMap [map, top key, second key (, default)].
func (t *template) findInMap(arg *yaml.Node, r graph.Range, depth int) graph.Value {
	args, ok := t.args(arg, 3, "Fn::FindInMap", r, depth)
	if !ok {
		return graph.UnknownValue("invalid Fn::FindInMap", r)
	}
	var fallback *graph.Value
	if len(args) == 4 {
		if d, ok := args[3].Get("DefaultValue"); ok {
			fallback = &d
		}
	}
	mapName, ok := args[0].AsString()
	if !ok {
		return unknownFrom(args[0], r)
	}
	_, m := lookup(t.mappings, mapName)
	if m == nil {
		t.diags = append(t.diags, graph.Warningf(r, "unresolved-reference", "Fn::FindInMap: no mapping %s", mapName))
		return graph.UnknownValue("mapping "+mapName+" is not defined", r)
	}
	var alts []graph.Value
	for _, k1 := range args[1].Alternatives() {
		for _, k2 := range args[2].Alternatives() {
			s1, ok1 := k1.AsString()
			s2, ok2 := k2.AsString()
			if !ok1 || !ok2 {
				continue
			}
			_, top := lookup(m, s1)
			_, val := lookup(top, s2)
			if val == nil {
				if fallback != nil {
					alts = append(alts, *fallback)
					continue
				}
				t.diags = append(t.diags, graph.Warningf(r, "unresolved-reference", "Fn::FindInMap: mapping %s has no %s.%s", mapName, s1, s2))
				continue
			}
			v, _ := t.eval(val, depth)
			alts = append(alts, v.WithRange(r).WithSource(nodeRange(t.file, val)))
		}
	}
	if len(alts) == 0 || args[1].Alternatives() == nil || args[2].Alternatives() == nil {
		if !args[1].IsKnown() && args[1].Alternatives() == nil {
			return unknownFrom(args[1], r)
		}
		if !args[2].IsKnown() && args[2].Alternatives() == nil {
			return unknownFrom(args[2], r)
		}
		return graph.UnknownValue("Fn::FindInMap found no value", r)
	}
	why := args[1].Why()
	if why == "" {
		why = args[2].Why()
	}
	return graph.OneOf(alts, why, r)
}

// ifFn evaluates Fn::If [condition, then, else].
func (t *template) ifFn(arg *yaml.Node, r graph.Range, depth int) (graph.Value, bool) {
	arg = deref(arg)
	if arg == nil || arg.Kind != yaml.SequenceNode || len(arg.Content) != 3 {
		t.diags = append(t.diags, graph.Errorf(r, "invalid-intrinsic", "Fn::If takes [condition, value if true, value if false]"))
		return graph.UnknownValue("invalid Fn::If", r), true
	}
	name := deref(arg.Content[0]).Value
	cond, why := t.condition(name, nodeRange(t.file, arg.Content[0]))
	switch cond {
	case graph.True:
		return t.eval(arg.Content[1], depth)
	case graph.False:
		return t.eval(arg.Content[2], depth)
	}
	a, okA := t.eval(arg.Content[1], depth)
	b, okB := t.eval(arg.Content[2], depth)
	if !okA && !okB {
		return graph.Value{}, false
	}
	if !okA {
		a = graph.Null(nodeRange(t.file, arg.Content[1]))
	}
	if !okB {
		b = graph.Null(nodeRange(t.file, arg.Content[2]))
	}
	return graph.OneOf([]graph.Value{a, b}, why, r), true
}

// cidr evaluates Fn::Cidr [ipBlock, count, cidrBits]: the first count
// subnets with cidrBits host bits each.
func (t *template) cidr(arg *yaml.Node, r graph.Range, depth int) graph.Value {
	args, ok := t.args(arg, 3, "Fn::Cidr", r, depth)
	if !ok {
		return graph.UnknownValue("invalid Fn::Cidr", r)
	}
	block, ok := args[0].AsString()
	if !ok {
		return unknownFrom(args[0], r)
	}
	count, ok1 := args[1].AsNumber()
	bits, ok2 := args[2].AsNumber()
	prefix, err := netip.ParsePrefix(block)
	if !ok1 || !ok2 || err != nil || count < 1 || count > 256 {
		return graph.UnknownValue("Fn::Cidr arguments are not known", r)
	}
	total := prefix.Addr().BitLen()
	newLen := total - int(bits)
	if newLen < prefix.Bits() || newLen > total {
		t.diags = append(t.diags, graph.Errorf(r, "invalid-intrinsic", "Fn::Cidr: %d host bits do not fit in %s", int(bits), block))
		return graph.UnknownValue("invalid Fn::Cidr", r)
	}
	base := new(big.Int).SetBytes(prefix.Masked().Addr().AsSlice())
	step := new(big.Int).Lsh(big.NewInt(1), uint(bits))
	var elems []graph.Value
	for i := 0; i < int(count); i++ {
		n := new(big.Int).Add(base, new(big.Int).Mul(step, big.NewInt(int64(i))))
		buf := n.FillBytes(make([]byte, total/8))
		addr, _ := netip.AddrFromSlice(buf)
		p := netip.PrefixFrom(addr, newLen)
		if !prefix.Contains(addr) {
			break
		}
		elems = append(elems, graph.String(p.String(), r))
	}
	return graph.List(elems, r)
}

// relocate returns v as read by the intrinsic function at r: its range is
// r, the use site in the resource, and its source is where it was written
// when that is elsewhere (a parameter default, a parameter file, a
// mapping, another template), so that findings point at the resource and
// name the place to change as a related location.
func relocate(v graph.Value, r graph.Range) graph.Value {
	return v.WithRange(r).WithSource(origin(v, r))
}

// origin is where v was written when that lies outside r: its source, or
// its own range; zero when v was written inside r (a literal argument) or
// nowhere (a --parameter value).
func origin(v graph.Value, r graph.Range) graph.Range {
	if src := v.Source(); !src.IsZero() {
		return src
	}
	if v.Range.IsZero() || within(v.Range, r) {
		return graph.Range{}
	}
	return v.Range
}

// within reports whether a lies inside r.
func within(a, r graph.Range) bool {
	before := func(p, q graph.Pos) bool { return p.Line < q.Line || p.Line == q.Line && p.Column <= q.Column }
	return a.File == r.File && before(r.Start, a.Start) && before(a.End, r.End)
}

// unknownFrom makes an unknown result at r that keeps v's reason and
// references.
func unknownFrom(v graph.Value, r graph.Range) graph.Value {
	why := v.Why()
	if v.IsKnown() {
		why = fmt.Sprintf("unexpected %s argument", v.Kind())
	}
	return graph.UnknownValue(why, r).WithRefs(v.AllRefs()...).WithSensitive(v.Sensitive())
}

func anyUnknownElem(v graph.Value) bool {
	for _, e := range v.Elems() {
		if !e.IsKnown() {
			return true
		}
	}
	return false
}
