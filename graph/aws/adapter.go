package aws

import (
	"slices"

	"github.com/blindspot-iac/blindspot/graph"
)

// An adapter reads the resources of one native type, written in one
// format, into a part of the model: a bucket, a trail, a security group
// rule. It is the one place where that type's properties are read in that
// format.
type adapter[T any] struct {
	// format is the schema the resource's attributes follow
	// (graph.Terraform also reads plans; see schema).
	format graph.Format
	// typ is the native resource type ("aws_s3_bucket", "AWS::S3::Bucket").
	typ string
	// read reads one resource. It may consult the model built so far (the
	// index, to resolve references).
	read func(m *Model, r *graph.Resource) T
}

// adapters is a table of the adapters that fill one part of the model,
// at most one per format and native type. A new front end adds rows;
// the code that joins the parts and the rules reading them do not change.
type adapters[T any] []adapter[T]

// schema is the format whose attribute names a resource of format f
// follows: a Terraform plan holds the attributes of the configuration.
func schema(f graph.Format) graph.Format {
	if f == graph.TerraformPlan {
		return graph.Terraform
	}
	return f
}

// types lists the native types the table reads, in table order.
func (t adapters[T]) types() []string {
	var out []string
	for _, a := range t {
		if !slices.Contains(out, a.typ) {
			out = append(out, a.typ)
		}
	}
	return out
}

// reads reports whether the table has an adapter for native type t.
func (t adapters[T]) reads(typ string) bool {
	return slices.ContainsFunc(t, func(a adapter[T]) bool { return a.typ == typ })
}

// each calls fn with what the adapter of each resource of the table's
// types reads, in graph order.
func (t adapters[T]) each(m *Model, fn func(T)) {
	for _, r := range t.resources(m.index) {
		if v, ok := t.of(m, r); ok {
			fn(v)
		}
	}
}

// resources are the resources of the types t reads, in graph order, as
// ix.OfType(t.types()...) returns them. Most units hold resources of one
// format only, so most services find one type or none: those need neither
// the list of types nor a merged, sorted copy, which Build would otherwise
// make for every service of every unit.
func (t adapters[T]) resources(ix *Index) []*graph.Resource {
	first := ""
	for _, a := range t {
		if a.typ == first || len(ix.byType[a.typ]) == 0 {
			continue
		}
		if first != "" {
			return ix.OfType(t.types()...)
		}
		first = a.typ
	}
	if first == "" {
		return nil
	}
	if rs := ix.byType[first]; slices.IsSortedFunc(rs, graphOrder) {
		return rs
	}
	return ix.OfType(t.types()...)
}

// of reads r with the table's adapter for its format and type; ok is
// false when the table has none.
func (t adapters[T]) of(m *Model, r *graph.Resource) (v T, ok bool) {
	for _, a := range t {
		if a.typ == r.Type && a.format == schema(r.Format) {
			return a.read(m, r), true
		}
	}
	return v, false
}

// all returns what the table's adapters read, in graph order.
func (t adapters[T]) all(m *Model) []T {
	var out []T
	t.each(m, func(v T) { out = append(out, v) })
	return out
}

// flat returns what a table whose adapters read several parts from one
// resource (the replicas of a table, the block devices of an instance)
// reads, in graph order.
func flat[E any](m *Model, t adapters[[]E]) []E {
	var out []E
	t.each(m, func(v []E) { out = append(out, v...) })
	return out
}
