package aws

import (
	"strconv"
	"strings"

	"github.com/blindspot-iac/blindspot/graph"
)

// KeyLoc locates a CloudFormation property whose value is a block (a
// mapping or a sequence) from its key: YAML positions a block at its first
// entry, the line after the key, while the property a finding is about
// starts at the key ("PolicyDocument:"). Scalars, Terraform values and
// values whose key cannot be found keep Field.Loc.
func KeyLoc(f Field) graph.Loc {
	loc := f.Loc()
	if f.Res == nil || f.Res.Format != graph.CloudFormation || !f.Present {
		return loc
	}
	if k := f.Value.Kind(); k != graph.KindObject && k != graph.KindList {
		return loc
	}
	key, ok := keyRange(f.Res.Attributes(), f.Path)
	if !ok || key.IsZero() || key.File != loc.Range.File {
		return loc
	}
	loc.Range = graph.Range{File: key.File, Start: key.Start, End: loc.Range.End}
	if loc.Range.End.Line == 0 {
		loc.Range.End = key.End
	}
	return loc
}

// keyRange finds the key range of the object field at path ("a.b[2].c").
func keyRange(v graph.Value, path string) (graph.Range, bool) {
	var key graph.Range
	for _, seg := range strings.Split(path, ".") {
		name, rest, _ := strings.Cut(seg, "[")
		if v.Kind() == graph.KindList && len(v.Elems()) == 1 && name != "" {
			v = v.Elems()[0]
		}
		found := false
		for _, fl := range v.Fields() {
			if fl.Key == name {
				v, key, found = fl.Value, fl.KeyRange, true
				break
			}
		}
		if !found {
			return graph.Range{}, false
		}
		for rest != "" {
			idx, after, ok := strings.Cut(rest, "]")
			i, err := strconv.Atoi(idx)
			if !ok || err != nil {
				return graph.Range{}, false
			}
			e, ok := v.Index(i)
			if !ok {
				return graph.Range{}, false
			}
			v = e
			rest = strings.TrimPrefix(after, "[")
			key = graph.Range{}
		}
	}
	return key, true
}
