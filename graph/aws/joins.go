package aws

import (
	"cmp"
	"strings"

	"github.com/blindspot-iac/blindspot/graph"
)

// The joins of split resources to the resource they configure, shared by
// the services: by reference when the split resource refers to its
// target, by literal name otherwise.

// targets reports whether field f of resource from (a bucket argument, a
// security_group_id) designates target, whose literal name is name: True
// by reference or equal literal, False when it clearly designates
// something else, Unknown when it cannot be told.
func targets(ix *Index, from *graph.Resource, f Field, target *graph.Resource, name String) graph.Tri {
	if !f.IsSet() {
		return graph.False
	}
	refs := f.Value.AllRefs()
	for _, ref := range refs {
		if r := ix.Resolve(from, ref); r != nil {
			return graph.TriOf(r == target)
		}
	}
	if lit, ok := f.Value.AsString(); ok {
		if n, known := name.Get(); known {
			return graph.TriOf(n == lit)
		}
		return graph.Unknown
	}
	if f.Value.LiteralText() == "" {
		for _, ref := range refs {
			if isLookup(ref) {
				// A resource looked up, not created, by this code.
				return graph.False
			}
		}
	}
	return graph.Unknown
}

// isLookup reports whether ref is an attribute of a data source that
// looks up an existing resource: not the caller's identity, region or
// partition, from which names are built.
func isLookup(ref graph.Ref) bool {
	switch dataSourceType(ref) {
	case "", "aws_caller_identity", "aws_region", "aws_partition":
		return false
	}
	return true
}

// dataSourceType is the type of the Terraform data source ref reads (in
// any module), or "" when ref is not an attribute of a data source.
func dataSourceType(ref graph.Ref) string {
	i := strings.Index(ref.Address, "data.")
	if i < 0 || i > 0 && ref.Address[i-1] != '.' {
		return ""
	}
	typ, _, _ := strings.Cut(ref.Address[i+len("data."):], ".")
	return typ
}

// ExistsWhy says why whether r is created is not known: its ExistsWhy, or
// a sentence saying so.
func ExistsWhy(r *graph.Resource) string {
	return cmp.Or(r.ExistsWhy, "whether "+r.Address+" is created is not known")
}

// sameUnitMaybe keeps an undetermined target only when the split resource
// is in the same unit as the parent: one in another template or root
// module whose target is not known is not assumed to be about it.
func sameUnitMaybe(t graph.Tri, split, parent *graph.Resource) graph.Tri {
	if t == graph.Unknown && split.Unit != parent.Unit {
		return graph.False
	}
	return t
}

// onlyReferenced is the one resource of the given types that f refers to,
// or nil when there is none or several.
func onlyReferenced(ix *Index, from *graph.Resource, f Field, types ...string) *graph.Resource {
	if !f.IsSet() {
		return nil
	}
	found := ix.Referenced(from, f.Value, types...)
	if len(found) != 1 {
		return nil
	}
	return found[0]
}
