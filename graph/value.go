package graph

import (
	"cmp"
	"sort"
	"strconv"
	"strings"
)

// Kind is the shape of a Value.
type Kind uint8

// The kinds of Value. The zero Kind is KindUnknown, so a zero Value is an
// unknown value with no reason, never a silently false or empty one.
const (
	KindUnknown Kind = iota
	KindNull
	KindBool
	KindNumber
	KindString
	KindList
	KindObject
)

var kindNames = [...]string{"unknown", "null", "bool", "number", "string", "list", "object"}

// String names the kind.
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "kind(" + strconv.Itoa(int(k)) + ")"
}

// Ref names a resource attribute a value was derived from: a Terraform
// reference (aws_s3_bucket.logs.id) or a CloudFormation Ref/Fn::GetAtt.
// Address is the target's Resource.Address in the same Unit as the
// resource holding the value; Attr is empty for a CloudFormation Ref.
type Ref struct {
	Address string
	Attr    string
	Range   Range
}

// String formats the reference the way the user wrote it.
func (r Ref) String() string {
	if r.Attr == "" {
		return r.Address
	}
	return r.Address + "." + r.Attr
}

// Field is one attribute of an object value.
type Field struct {
	Key      string
	KeyRange Range
	Value    Value
}

// Value is an evaluated attribute value: null, bool, number, string, list or
// object, or unknown. An unknown value says why it is unknown and, when the
// front end can enumerate them (CloudFormation Fn::If on an unknown
// condition, a parameter with AllowedValues), which values it may take.
//
// Every value carries the Range of the expression that produced it, and
// Source, the place the value was written when that is elsewhere (a tfvars
// file, a module call argument, a parameter default). Values are immutable;
// the With* methods return modified copies.
type Value struct {
	kind      Kind
	b         bool
	sensitive bool
	num       float64
	str       string
	elems     []Value
	fields    []Field
	// ext holds what only some values have (reasons, alternatives and
	// references of unknown values, where a value was written), so that
	// the common known leaf stays small.
	ext *valueExtra

	// Range is the source of the expression that produced the value.
	Range Range
}

// valueExtra is the rarely used part of a Value.
type valueExtra struct {
	alts    []Value
	refs    []Ref
	why     string
	literal string
	// source is where the value was ultimately written, when that differs
	// from Range.
	source Range
	// origin identifies how an unknown value is computed (see Origin).
	origin string
	// prefix and suffix are the literal text an unknown string certainly
	// starts and ends with (see LiteralPrefix).
	prefix, suffix string
}

// x returns the extra part (zero when absent).
func (v Value) x() valueExtra {
	if v.ext == nil {
		return valueExtra{}
	}
	return *v.ext
}

// withExtra returns v with its extra part replaced (nil when empty).
func (v Value) withExtra(e valueExtra) Value {
	if len(e.alts) == 0 && len(e.refs) == 0 && e.why == "" && e.literal == "" && e.source.IsZero() && e.origin == "" && e.prefix == "" && e.suffix == "" {
		v.ext = nil
		return v
	}
	v.ext = &e
	return v
}

// Null returns a null value.
func Null(r Range) Value { return Value{kind: KindNull, Range: r} }

// Bool returns a known bool.
func Bool(b bool, r Range) Value { return Value{kind: KindBool, b: b, Range: r} }

// Number returns a known number.
func Number(n float64, r Range) Value { return Value{kind: KindNumber, num: n, Range: r} }

// String returns a known string.
func String(s string, r Range) Value { return Value{kind: KindString, str: s, Range: r} }

// List returns a list (Terraform lists, sets and tuples; YAML sequences).
func List(elems []Value, r Range) Value { return Value{kind: KindList, elems: elems, Range: r} }

// Object returns an object (Terraform objects, maps and blocks; YAML
// mappings). Fields keep their source order; keys should be unique.
func Object(fields []Field, r Range) Value { return Value{kind: KindObject, fields: fields, Range: r} }

// UnknownValue returns a value that cannot be known before deployment, with the
// reason in words a user understands ("var.cidr has no value",
// "aws_s3_bucket.logs.id is known only after apply").
func UnknownValue(why string, r Range) Value {
	return Value{kind: KindUnknown, Range: r, ext: &valueExtra{why: why}}
}

// OneOf returns a value known to be one of alts, for example both branches of
// a CloudFormation Fn::If whose condition is unknown. Nested alternatives are
// flattened; a single alternative is returned as itself.
func OneOf(alts []Value, why string, r Range) Value {
	var flat []Value
	for _, a := range alts {
		if a.kind == KindUnknown && len(a.x().alts) > 0 {
			flat = append(flat, a.x().alts...)
			continue
		}
		if a.kind == KindUnknown {
			// One branch is wholly unknown, so the set of possible values is open.
			return Value{kind: KindUnknown, Range: r, ext: &valueExtra{why: cmp.Or(a.x().why, why), refs: a.x().refs}}
		}
		flat = append(flat, a)
	}
	if len(flat) == 1 {
		v := flat[0]
		return v
	}
	return Value{kind: KindUnknown, Range: r, ext: &valueExtra{alts: flat, why: why}}
}

// WithRefs returns v with refs added to the references it was derived from.
func (v Value) WithRefs(refs ...Ref) Value {
	if len(refs) == 0 {
		return v
	}
	e := v.x()
	out := make([]Ref, 0, len(e.refs)+len(refs))
	out = append(out, e.refs...)
	out = append(out, refs...)
	e.refs = out
	return v.withExtra(e)
}

// WithLiteralText records, for an unknown string built from a template
// ("arn:aws:iam::${AWS::AccountId}:root"), the text of its known parts
// joined: enough to tell that the string is not, say, a bare "*". For the
// encoding of such a string (Fn::Base64, base64encode) it is the text
// written around the unknown parts of what is encoded, which the code
// shows.
func (v Value) WithLiteralText(s string) Value {
	e := v.x()
	e.literal = s
	return v.withExtra(e)
}

// WithLiteralAffixes records the literal text an unknown string built
// from a template certainly starts with (the literal parts before its first
// unknown part) and ends with (those after its last): "arn:" and
// ":iam::aws:policy/ReadOnlyAccess" for
// "arn:${partition}:iam::aws:policy/ReadOnlyAccess".
func (v Value) WithLiteralAffixes(prefix, suffix string) Value {
	e := v.x()
	e.prefix, e.suffix = prefix, suffix
	return v.withExtra(e)
}

// LiteralPrefix is the literal text an unknown string certainly starts
// with ("" when none is known).
func (v Value) LiteralPrefix() string {
	if v.kind != KindUnknown {
		return ""
	}
	return v.x().prefix
}

// LiteralSuffix is the literal text an unknown string certainly ends with
// ("" when none is known).
func (v Value) LiteralSuffix() string {
	if v.kind != KindUnknown {
		return ""
	}
	return v.x().suffix
}

// LiteralText returns the known parts of an unknown string built from a
// template, or "" when nothing is known.
func (v Value) LiteralText() string {
	if v.kind != KindUnknown {
		return ""
	}
	return v.x().literal
}

// WithOrigin returns v recording how it is computed; see Origin.
func (v Value) WithOrigin(key string) Value {
	if key == "" && v.ext == nil {
		return v
	}
	e := v.x()
	e.origin = key
	return v.withExtra(e)
}

// Origin identifies how an unknown value is computed: the expression and
// the module instance or stack it is evaluated in, written so that two
// unknown values of one unit with the same non-empty Origin are equal once
// deployed (var.name read twice in one module instance, !Ref Name twice in
// one stack), while the values of other expressions, other instances or
// other stacks have other origins. Front ends set it where it is worth
// comparing (the arguments of resources) and leave it empty for anything
// that may differ between evaluations of one expression (uuid()); it is
// empty for known values, which compare with Equal.
func (v Value) Origin() string {
	if v.kind != KindUnknown {
		return ""
	}
	return v.x().origin
}

// SameUnknown reports whether v and w are unknown values that are certainly
// equal, having the same Origin. Only values of one unit can be compared.
func (v Value) SameUnknown(w Value) bool {
	o := v.Origin()
	return o != "" && o == w.Origin()
}

// WithRange returns v with its expression range replaced.
func (v Value) WithRange(r Range) Value { v.Range = r; return v }

// WithSource returns v recording where it was ultimately written.
func (v Value) WithSource(r Range) Value {
	if r.IsZero() && v.ext == nil {
		return v
	}
	e := v.x()
	e.source = r
	return v.withExtra(e)
}

// Source is where the value was ultimately written, when that differs
// from Range (zero otherwise).
func (v Value) Source() Range {
	if v.ext == nil {
		return Range{}
	}
	return v.ext.source
}

// WithSensitive returns v marked (or unmarked) as sensitive: its content must
// never appear in a message or report.
func (v Value) WithSensitive(s bool) Value { v.sensitive = s; return v }

// Kind returns the shape of v.
func (v Value) Kind() Kind { return v.kind }

// IsKnown reports whether v itself is known. A known list or object may still
// contain unknown elements; see ContainsUnknown.
func (v Value) IsKnown() bool { return v.kind != KindUnknown }

// IsNull reports whether v is a known null.
func (v Value) IsNull() bool { return v.kind == KindNull }

// Sensitive reports whether v must not be printed.
func (v Value) Sensitive() bool { return v.sensitive }

// Why explains an unknown value; it is empty for known values.
func (v Value) Why() string {
	if v.kind != KindUnknown {
		return ""
	}
	if v.x().why == "" {
		return "value is not known before deployment"
	}
	return v.x().why
}

// Alternatives returns the values an unknown v may take, or nil when they
// cannot be enumerated. For a known v it returns v itself.
func (v Value) Alternatives() []Value {
	if v.kind != KindUnknown {
		return []Value{v}
	}
	return v.x().alts
}

// Refs returns the resource attributes v was derived from.
func (v Value) Refs() []Ref { return v.x().refs }

// AllRefs returns the references of v and everything inside it.
func (v Value) AllRefs() []Ref { return v.appendRefs(nil) }

// appendRefs appends the references of v and of everything inside it to
// out, in walk's order, without the closure walk takes (AllRefs runs for
// every unknown value evaluated).
func (v Value) appendRefs(out []Ref) []Ref {
	if v.ext != nil {
		out = append(out, v.ext.refs...)
	}
	for _, e := range v.elems {
		out = e.appendRefs(out)
	}
	for _, fl := range v.fields {
		out = fl.Value.appendRefs(out)
	}
	if v.ext != nil {
		for _, a := range v.ext.alts {
			out = a.appendRefs(out)
		}
	}
	return out
}

func (v Value) walk(f func(Value)) {
	f(v)
	for _, e := range v.elems {
		e.walk(f)
	}
	for _, fl := range v.fields {
		fl.Value.walk(f)
	}
	for _, a := range v.x().alts {
		a.walk(f)
	}
}

// ContainsUnknown reports whether v or anything inside it is unknown.
func (v Value) ContainsUnknown() bool {
	found := false
	v.walk(func(x Value) {
		if x.kind == KindUnknown {
			found = true
		}
	})
	return found
}

// AsBool returns the bool held by v. Strings "true" and "false" convert, as
// both Terraform and CloudFormation accept them for boolean properties.
func (v Value) AsBool() (b bool, ok bool) {
	switch v.kind {
	case KindBool:
		return v.b, true
	case KindString:
		switch strings.ToLower(v.str) {
		case "true":
			return true, true
		case "false":
			return false, true
		}
	}
	return false, false
}

// AsNumber returns the number held by v; numeric strings convert.
func (v Value) AsNumber() (float64, bool) {
	switch v.kind {
	case KindNumber:
		return v.num, true
	case KindString:
		n, err := strconv.ParseFloat(strings.TrimSpace(v.str), 64)
		return n, err == nil
	}
	return 0, false
}

// AsString returns the string held by v; numbers and bools convert to their
// canonical text, as Terraform and CloudFormation do for string properties.
func (v Value) AsString() (string, bool) {
	switch v.kind {
	case KindString:
		return v.str, true
	case KindNumber:
		return strconv.FormatFloat(v.num, 'f', -1, 64), true
	case KindBool:
		return strconv.FormatBool(v.b), true
	}
	return "", false
}

// Elems returns the elements of a list (nil for other kinds).
func (v Value) Elems() []Value { return v.elems }

// Fields returns the fields of an object in source order (nil otherwise).
func (v Value) Fields() []Field { return v.fields }

// Len returns the number of list elements or object fields.
func (v Value) Len() int { return len(v.elems) + len(v.fields) }

// Get returns the field key of an object. For an unknown v the result is
// unknown too (with v's reason and references, or the field of each
// alternative), and ok is true because the field may exist. ok is false when
// v is a known value without that field.
func (v Value) Get(key string) (field Value, ok bool) {
	switch v.kind {
	case KindObject:
		for _, f := range v.fields {
			if f.Key == key {
				return f.Value, true
			}
		}
		return Value{}, false
	case KindUnknown:
		if len(v.x().alts) > 0 {
			alts := make([]Value, len(v.x().alts))
			for i, a := range v.x().alts {
				f, ok := a.Get(key)
				if !ok {
					f = Null(a.Range)
				}
				alts[i] = f
			}
			return OneOf(alts, v.x().why, v.Range), true
		}
		return Value{kind: KindUnknown, Range: v.Range, ext: &valueExtra{why: v.x().why, refs: v.x().refs}}, true
	}
	return Value{}, false
}

// Index returns element i of a list; ok is false when out of range or not a
// list. For an unknown v the result is unknown with ok true.
func (v Value) Index(i int) (Value, bool) {
	switch v.kind {
	case KindList:
		if i >= 0 && i < len(v.elems) {
			return v.elems[i], true
		}
	case KindUnknown:
		return Value{kind: KindUnknown, Range: v.Range, ext: &valueExtra{why: v.x().why, refs: v.x().refs}}, true
	}
	return Value{}, false
}

// Equal reports whether v and w are known and structurally equal (ranges,
// sources and references are ignored). Unknown values are never equal.
func (v Value) Equal(w Value) bool {
	if v.kind != w.kind || v.kind == KindUnknown {
		return false
	}
	switch v.kind {
	case KindNull:
		return true
	case KindBool:
		return v.b == w.b
	case KindNumber:
		return v.num == w.num
	case KindString:
		return v.str == w.str
	case KindList:
		if len(v.elems) != len(w.elems) {
			return false
		}
		for i := range v.elems {
			if !v.elems[i].Equal(w.elems[i]) {
				return false
			}
		}
		return true
	case KindObject:
		if len(v.fields) != len(w.fields) {
			return false
		}
		for _, f := range v.fields {
			g, ok := w.Get(f.Key)
			if !ok || !f.Value.Equal(g) {
				return false
			}
		}
		return true
	}
	return false
}

// String renders v compactly for tests and debugging: strings quoted,
// objects as {k = v, ...} in source order, unknowns as (unknown) or
// (one of a | b). Sensitive values render as (sensitive).
func (v Value) String() string {
	var b strings.Builder
	v.format(&b)
	return b.String()
}

func (v Value) format(b *strings.Builder) {
	if v.sensitive {
		b.WriteString("(sensitive)")
		return
	}
	switch v.kind {
	case KindUnknown:
		if len(v.x().alts) == 0 {
			b.WriteString("(unknown)")
			return
		}
		b.WriteString("(one of ")
		for i, a := range v.x().alts {
			if i > 0 {
				b.WriteString(" | ")
			}
			a.format(b)
		}
		b.WriteString(")")
	case KindNull:
		b.WriteString("null")
	case KindBool:
		b.WriteString(strconv.FormatBool(v.b))
	case KindNumber:
		b.WriteString(strconv.FormatFloat(v.num, 'f', -1, 64))
	case KindString:
		b.WriteString(strconv.Quote(v.str))
	case KindList:
		b.WriteString("[")
		for i, e := range v.elems {
			if i > 0 {
				b.WriteString(", ")
			}
			e.format(b)
		}
		b.WriteString("]")
	case KindObject:
		b.WriteString("{")
		for i, f := range v.fields {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(f.Key)
			b.WriteString(" = ")
			f.Value.format(b)
		}
		b.WriteString("}")
	}
}

// Interface converts a value to plain Go values (bool, float64, string,
// []any, map[string]any, nil), as encoding/json expects; unknown parts
// become nil.
func (v Value) Interface() any {
	switch v.kind {
	case KindBool:
		return v.b
	case KindNumber:
		return v.num
	case KindString:
		return v.str
	case KindList:
		out := make([]any, 0, len(v.elems))
		for _, e := range v.elems {
			out = append(out, e.Interface())
		}
		return out
	case KindObject:
		out := make(map[string]any, len(v.fields))
		for _, f := range v.fields {
			out[f.Key] = f.Value.Interface()
		}
		return out
	}
	return nil
}

// SortedKeys returns the keys of an object sorted, for deterministic output.
func (v Value) SortedKeys() []string {
	keys := make([]string, 0, len(v.fields))
	for _, f := range v.fields {
		keys = append(keys, f.Key)
	}
	sort.Strings(keys)
	return keys
}
