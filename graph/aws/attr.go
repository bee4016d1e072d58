package aws

import (
	"github.com/blindspot-iac/blindspot/graph"
)

// Attr is a typed attribute of a modelled resource. It knows where it came
// from, whether the source set it or a provider default applies, and, when
// its value is not known before deployment, why, and which values it may
// still take.
type Attr[T any] struct {
	// Values holds the value (one element) or, when only a set of
	// possibilities is known (CloudFormation Fn::If, AllowedValues), each
	// of them. It is empty when the value is unknown.
	Values []T
	// Set is true when the source sets the attribute; false when it is
	// absent and the service default applies.
	Set bool
	// At locates the attribute (or the resource header when it is absent).
	At graph.Loc
	// Why explains an unknown value.
	Why string
}

// Known returns a known attribute.
func Known[T any](v T, set bool, at graph.Loc) Attr[T] {
	return Attr[T]{Values: []T{v}, Set: set, At: at}
}

// Default returns the attribute for an absent property whose service
// default is v.
func Default[T any](v T, at graph.Loc) Attr[T] { return Known(v, false, at) }

// UnknownAttr returns an attribute whose value is unknown for the given
// reason.
func UnknownAttr[T any](why string, at graph.Loc) Attr[T] {
	return Attr[T]{Set: true, At: at, Why: why}
}

// IsKnown reports whether every possible value is known.
func (a Attr[T]) IsKnown() bool { return len(a.Values) > 0 }

// Get returns the single known value.
func (a Attr[T]) Get() (T, bool) {
	if len(a.Values) == 1 {
		return a.Values[0], true
	}
	var zero T
	return zero, false
}

// Test applies pred to every possible value: True when it holds for all,
// False when it holds for none, Unknown otherwise or when the value is
// unknown. This is how "a rule fails only if every possible value fails" is
// implemented.
func (a Attr[T]) Test(pred func(T) bool) graph.Tri {
	if len(a.Values) == 0 {
		return graph.Unknown
	}
	all, none := true, true
	for _, v := range a.Values {
		if pred(v) {
			none = false
		} else {
			all = false
		}
	}
	switch {
	case all:
		return graph.True
	case none:
		return graph.False
	}
	return graph.Unknown
}

// Loc returns where the attribute is.
func (a Attr[T]) Loc() graph.Loc { return a.At }

// UnknownReason explains why the attribute's value is not known.
func (a Attr[T]) UnknownReason() string {
	if len(a.Values) > 0 && a.Why == "" {
		return "the attribute may take several values"
	}
	return a.Why
}

// Map converts every possible value with f, keeping location and reason.
func Map[T, U any](a Attr[T], f func(T) U) Attr[U] {
	out := Attr[U]{Set: a.Set, At: a.At, Why: a.Why}
	for _, v := range a.Values {
		out.Values = append(out.Values, f(v))
	}
	return out
}

// Bool is a boolean attribute.
type Bool = Attr[bool]

// String is a string attribute.
type String = Attr[string]

// Int is an integer attribute (ports, counts, days).
type Int = Attr[int]

// IsTrue is the Tri form of a boolean attribute.
func IsTrue(b Bool) graph.Tri { return b.Test(func(v bool) bool { return v }) }

// Equals tests a string attribute against a literal.
func Equals(s String, want string) graph.Tri {
	return s.Test(func(v string) bool { return v == want })
}
