package graph

import "fmt"

// Pos is a position in a source file. Line and Column are 1-based; Column
// counts Unicode characters (as HCL and YAML report them). Byte is the
// 0-based byte offset, or -1 when the front end does not know it.
type Pos struct {
	Line   int
	Column int
	Byte   int
}

// Range is a span of a source file. End is exclusive. A zero Range means
// "no position" (for example a value supplied on the command line).
type Range struct {
	File  string
	Start Pos
	End   Pos
}

// IsZero reports whether r carries no position.
func (r Range) IsZero() bool { return r.File == "" && r.Start.Line == 0 }

// String formats r as file:line:column, the form compilers and editors use.
func (r Range) String() string {
	if r.IsZero() {
		return "<no position>"
	}
	return fmt.Sprintf("%s:%d:%d", r.File, r.Start.Line, r.Start.Column)
}

// Contains reports whether the position p lies inside r (same file assumed).
func (r Range) Contains(p Pos) bool {
	if p.Line < r.Start.Line || p.Line > r.End.Line {
		return false
	}
	if p.Line == r.Start.Line && p.Column < r.Start.Column {
		return false
	}
	if p.Line == r.End.Line && p.Column >= r.End.Column {
		return false
	}
	return true
}

// Loc says where a finding or a piece of evidence is: the resource it
// belongs to (nil for file-level facts), the attribute path inside that
// resource ("versioning_configuration.status", "SecurityGroupIngress[1]"),
// and the source range to highlight. Path and Resource together identify the
// place independently of line numbers, which is what stable fingerprints use.
type Loc struct {
	Resource *Resource
	Path     string
	Range    Range
	// Source is where the value at this location was written when that is
	// elsewhere (a tfvars file, a module argument, a parameter default).
	Source Range
}

// Loc returns l itself, so that a Loc can be passed wherever a subject of a
// finding is expected.
func (l Loc) Loc() Loc { return l }
