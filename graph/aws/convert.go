package aws

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/blindspot-iac/blindspot/graph"
)

// Field is a navigated attribute of a resource: its value, the dotted path
// that reached it (for fingerprints and messages) and whether it is present.
type Field struct {
	Res     *graph.Resource
	Path    string
	Value   graph.Value
	Present bool
}

// Attrs returns the root of a resource's attributes.
func Attrs(r *graph.Resource) Field {
	return Field{Res: r, Value: r.Attributes(), Present: true}
}

// Get descends into a field of an object. Terraform nested blocks are lists
// of objects; Get on such a list with one element descends into it, so
// versioning.enabled works for both `versioning { enabled = true }` and an
// object value.
func (f Field) Get(key string) Field {
	out := Field{Res: f.Res, Path: joinPath(f.Path, key)}
	if !f.Present {
		return out
	}
	v := f.Value
	if v.Kind() == graph.KindList && len(v.Elems()) == 1 {
		v = v.Elems()[0]
	}
	out.Value, out.Present = v.Get(key)
	return out
}

// Blocks returns the elements of a list field (Terraform repeated blocks, a
// CloudFormation list property); an object counts as a single block. An
// unknown field returns nil and ok false.
func (f Field) Blocks() (blocks []Field, ok bool) {
	if !f.Present || f.Value.IsNull() {
		return nil, true
	}
	switch f.Value.Kind() {
	case graph.KindList:
		elems := f.Value.Elems()
		if len(elems) == 0 {
			return nil, true
		}
		blocks = make([]Field, len(elems))
		for i, e := range elems {
			blocks[i] = Field{Res: f.Res, Path: f.Path + "[" + strconv.Itoa(i) + "]", Value: e, Present: true}
		}
		return blocks, true
	case graph.KindObject:
		return []Field{f}, true
	}
	return nil, false
}

// IsSet reports whether the field is present and not null.
func (f Field) IsSet() bool { return f.Present && !f.Value.IsNull() }

// Loc locates the field, or the nearest thing that has a range.
func (f Field) Loc() graph.Loc { return f.Res.At(f.Path, f.Value) }

func joinPath(base, key string) string {
	if base == "" {
		return key
	}
	return base + "." + key
}

// convert turns a field into a typed attribute. An absent or null field
// takes the default (or stays unknown when dflt is nil); unknown values keep
// their alternatives when every alternative converts.
func convert[T any](f Field, dflt *T, conv func(graph.Value) (T, bool), kind string) Attr[T] {
	at := f.Loc()
	if !f.IsSet() {
		if dflt != nil {
			return Default(*dflt, at)
		}
		return Attr[T]{At: at, Why: f.Path + " is not set"}
	}
	v := f.Value
	if v.IsKnown() {
		if x, ok := conv(v); ok {
			return Known(x, true, at)
		}
		return UnknownAttr[T](fmt.Sprintf("%s is not a %s", f.Path, kind), at)
	}
	alts := v.Alternatives()
	if len(alts) == 0 {
		return UnknownAttr[T](v.Why(), at)
	}
	a := Attr[T]{Set: true, At: at, Why: v.Why()}
	for _, alt := range alts {
		if alt.IsNull() {
			if dflt == nil {
				return UnknownAttr[T](v.Why(), at)
			}
			a.Values = append(a.Values, *dflt)
			continue
		}
		x, ok := conv(alt)
		if !ok {
			return UnknownAttr[T](v.Why(), at)
		}
		a.Values = append(a.Values, x)
	}
	return a
}

// BoolOf reads a boolean field; dflt applies when it is absent.
func BoolOf(f Field, dflt *bool) Bool {
	return convert(f, dflt, graph.Value.AsBool, "bool")
}

// StringOf reads a string field; dflt applies when it is absent.
func StringOf(f Field, dflt *string) String {
	return convert(f, dflt, graph.Value.AsString, "string")
}

// IntOf reads an integer field; dflt applies when it is absent.
func IntOf(f Field, dflt *int) Int {
	return convert(f, dflt, func(v graph.Value) (int, bool) {
		n, ok := v.AsNumber()
		if !ok || n != math.Trunc(n) || math.Abs(n) > math.MaxInt32 {
			return 0, false
		}
		return int(n), true
	}, "whole number")
}

// StringsOf reads a list of strings. A single string counts as a list of
// one, as CloudFormation allows for many list properties.
func StringsOf(f Field) Attr[[]string] {
	empty := []string{}
	return convert(f, &empty, func(v graph.Value) ([]string, bool) {
		if s, ok := v.AsString(); ok {
			return []string{s}, true
		}
		if v.Kind() != graph.KindList {
			return nil, false
		}
		out := make([]string, 0, len(v.Elems()))
		for _, e := range v.Elems() {
			s, ok := e.AsString()
			if !ok {
				return nil, false
			}
			out = append(out, s)
		}
		return out, true
	}, "list of strings")
}

// Ptr returns a pointer to v, for defaults.
func Ptr[T any](v T) *T { return &v }

// EqualFold tests a string attribute case-insensitively.
func EqualFold(s String, want string) graph.Tri {
	return s.Test(func(v string) bool { return strings.EqualFold(v, want) })
}

// unsentWhenEmpty reads an optional and computed argument of the AWS
// provider that the provider does not send to AWS when it holds its type's
// empty value (false, "", 0, an empty list): AWS then applies its default,
// exactly as when the argument is absent. Such a value is returned as
// absent, still located where it is written.
func unsentWhenEmpty(f Field) Field {
	if !f.IsSet() || !isEmptyValue(f.Value) {
		return f
	}
	f.Present = false
	return f
}

// written reports whether the field is written in the code, even when it
// is read as absent (see unsentWhenEmpty).
func (f Field) written() bool { return f.Present || !f.Value.Range.IsZero() }

// isEmptyValue reports whether a known value is its type's empty value.
func isEmptyValue(v graph.Value) bool {
	switch v.Kind() {
	case graph.KindBool:
		b, _ := v.AsBool()
		return !b
	case graph.KindString:
		s, _ := v.AsString()
		return s == ""
	case graph.KindNumber:
		n, _ := v.AsNumber()
		return n == 0
	case graph.KindList:
		return len(v.Elems()) == 0
	}
	return false
}

// blocksOf returns the elements of a repeated block or list property; an
// unknown list yields one unknown element so that checks answer unknown.
func blocksOf(f Field) []Field {
	if !f.IsSet() {
		return nil
	}
	blocks, ok := f.Blocks()
	if !ok {
		return []Field{f}
	}
	return blocks
}

// atBlock points an absent setting at its enclosing block when the block
// is written, rather than at the resource header.
func atBlock[T any](a Attr[T], block Field) Attr[T] {
	if !a.Set && block.IsSet() {
		a.At = KeyLoc(block)
	}
	return a
}

// hasElements says whether a list property has at least one element, and why
// that is not known.
func hasElements(f Field) (graph.Tri, string) {
	if !f.IsSet() || f.Value.IsNull() {
		return graph.False, ""
	}
	if f.Value.Kind() == graph.KindList {
		return graph.TriOf(len(f.Value.Elems()) > 0), ""
	}
	return graph.Unknown, f.Value.Why()
}

// Configured reads whether an identifier-like property (a key ARN, a web
// ACL ID) is given: false when absent or empty, true when a non-empty value,
// a reference to another resource or a pseudo parameter (an ARN or ID known
// only after apply, never empty), or a string with literal text is given,
// unknown otherwise.
func Configured(f Field) Bool {
	at := f.Loc()
	if !f.IsSet() {
		return Default(false, at)
	}
	v := f.Value
	if !v.IsKnown() && len(v.Alternatives()) == 0 {
		// An attribute of another resource or a pseudo parameter is
		// never empty, nor is a string with literal text around its
		// unknown parts ("alias/${var.name}").
		if len(v.AllRefs()) > 0 || v.LiteralText() != "" {
			return Known(true, true, at)
		}
		return UnknownAttr[bool](v.Why(), at)
	}
	a := Attr[bool]{Set: true, At: at, Why: v.Why()}
	for _, alt := range v.Alternatives() {
		s, ok := alt.AsString()
		a.Values = append(a.Values, ok && s != "" || !ok && !alt.IsNull())
	}
	return a
}
