package policy

import (
	"fmt"
	"reflect"
	"sort"

	"github.com/google/cel-go/common/types"
	"github.com/google/cel-go/common/types/ref"
	"github.com/google/cel-go/common/types/traits"

	"github.com/blindspot-iac/blindspot/graph"
)

// objType is an object type policies see: the generic resource, its
// account, and the typed model's structs. Declaring them to CEL's checker
// makes a misspelled field a type error when the policy is loaded, not a
// silent "no such key" at run time.
type objType struct {
	name   string
	cel    *types.Type
	doc    string
	fields []*objField
	byName map[string]*objField
}

// objField is one field of an object type.
type objField struct {
	name string
	typ  *types.Type
	doc  string
	// goName is the graph/aws field it shows, for the generated schema.
	goName string
	// index is the field's position in its type.
	index int
}

func newObjType(name, doc string) *objType {
	return &objType{name: name, cel: types.NewObjectType(name), doc: doc, byName: map[string]*objField{}}
}

func (t *objType) add(name string, typ *types.Type, doc string) {
	f := &objField{name: name, typ: typ, doc: doc, index: len(t.fields)}
	t.fields = append(t.fields, f)
	t.byName[name] = f
}

// provider answers CEL's questions about blindspot's object types and
// leaves the rest to CEL's standard registry.
type provider struct {
	*types.Registry
	objects map[string]*objType
}

func newProvider() (*provider, error) {
	reg, err := types.NewRegistry()
	if err != nil {
		return nil, fmt.Errorf("CEL type registry: %w", err)
	}
	return &provider{Registry: reg, objects: map[string]*objType{}}, nil
}

func (p *provider) register(t *objType) { p.objects[t.name] = t }

// FindStructType implements types.Provider.
func (p *provider) FindStructType(name string) (*types.Type, bool) {
	if t, ok := p.objects[name]; ok {
		return types.NewTypeTypeWithParam(t.cel), true
	}
	return p.Registry.FindStructType(name)
}

// FindStructFieldNames implements types.Provider.
func (p *provider) FindStructFieldNames(name string) ([]string, bool) {
	if t, ok := p.objects[name]; ok {
		names := make([]string, len(t.fields))
		for i, f := range t.fields {
			names[i] = f.name
		}
		return names, true
	}
	return p.Registry.FindStructFieldNames(name)
}

// FindStructFieldType implements types.Provider. Fields have no IsSet or
// GetFrom: the interpreter then reads them through the values' own
// traits.Mapper methods, which return CEL unknowns for unknown fields.
func (p *provider) FindStructFieldType(name, field string) (*types.FieldType, bool) {
	if t, ok := p.objects[name]; ok {
		f, ok := t.byName[field]
		if !ok {
			return nil, false
		}
		return &types.FieldType{Type: f.typ}, true
	}
	return p.Registry.FindStructFieldType(name, field)
}

// NewValue implements types.Provider: policies read blindspot's objects
// but cannot make them.
func (p *provider) NewValue(name string, fields map[string]ref.Val) ref.Val {
	if _, ok := p.objects[name]; ok {
		return types.NewErr("%s values cannot be created in a policy", name)
	}
	return p.Registry.NewValue(name, fields)
}

// objVal is a value of an object type. Fields convert when read; a field
// whose value is not known reads as a CEL unknown, and so does a test of
// its presence (has()) when whether it is present is not known.
//
// At run time an object behaves as a map from field names to values
// (traits.Mapper), which is how CEL's interpreter reads fields it has no
// accessor for.
type objVal struct {
	st   *evalState
	typ  *objType
	path string
	// What the object shows, by its type: res for the generic resource
	// and its account, info and sv for a struct of the typed model.
	// (Fields, not a closure: an evaluation makes many objects, and a
	// closure would be a second allocation for each.)
	kind objKind
	res  *graph.Resource
	info *structInfo
	sv   reflect.Value
	// native is the Go value behind the object, for functions that need
	// it (a policy document's allows()).
	native any
	// memo keeps the fields read, by position in typ.fields: a condition
	// often reads one several times (resource.tags). Small objects keep
	// it in memoBuf, allocated with them.
	memo    []memoField
	memoBuf [8]memoField
}

type memoField struct {
	v           ref.Val
	found, done bool
}

// field returns a field's value, reading it once.
func (o *objVal) field(name string) (ref.Val, bool) {
	f, ok := o.typ.byName[name]
	if !ok {
		return nil, false
	}
	if o.memo == nil {
		if n := len(o.typ.fields); n <= len(o.memoBuf) {
			o.memo = o.memoBuf[:n]
		} else {
			o.memo = make([]memoField, n)
		}
	}
	m := &o.memo[f.index]
	if !m.done {
		m.v, m.found = o.get(name)
		m.done = true
	}
	return m.v, m.found
}

// get returns the field's value; found is false when the field is
// absent. An absent field whose presence is unknown returns a CEL unknown
// with found true.
func (o *objVal) get(name string) (ref.Val, bool) {
	switch o.kind {
	case typedObj:
		return o.info.field(o.st, o.sv, o.path, name)
	case resourceObj:
		return o.st.resourceField(o.res, o.path, name)
	case accountObj:
		return o.st.accountField(o.res, o.path, name)
	}
	return nil, false
}

// objKind says what an objVal shows.
type objKind uint8

const (
	typedObj objKind = iota
	resourceObj
	accountObj
)

var _ traits.Mapper = (*objVal)(nil)

func (o *objVal) ConvertToNative(t reflect.Type) (any, error) {
	if o.native != nil && reflect.TypeOf(o.native).AssignableTo(t) {
		return o.native, nil
	}
	return nil, fmt.Errorf("%s has no native form %v", o.typ.name, t)
}

func (o *objVal) ConvertToType(t ref.Type) ref.Val {
	if t == types.TypeType {
		return o.typ.cel
	}
	if t.TypeName() == o.typ.name {
		return o
	}
	return types.NewErr("type conversion error from %s to %s", o.typ.name, t.TypeName())
}

// Equal is identity: two objects are equal when they are the same thing.
func (o *objVal) Equal(other ref.Val) ref.Val {
	if types.IsUnknown(other) {
		return other
	}
	oo, ok := other.(*objVal)
	if !ok || oo.typ != o.typ {
		return types.False
	}
	if o.native != nil {
		return types.Bool(o.native == oo.native)
	}
	return types.Bool(o == oo)
}

func (o *objVal) Type() ref.Type { return o.typ.cel }
func (o *objVal) Value() any     { return o.native }

func (o *objVal) Find(key ref.Val) (ref.Val, bool) {
	k, ok := key.(types.String)
	if !ok {
		return nil, false
	}
	return o.field(string(k))
}

func (o *objVal) Get(key ref.Val) ref.Val {
	v, found := o.Find(key)
	if !found {
		return types.NewErr("no such field %v in %s at %s (test it with has() first)", key, o.typ.name, o.path)
	}
	return v
}

func (o *objVal) Contains(key ref.Val) ref.Val {
	v, found := o.Find(key)
	if found && types.IsUnknown(v) {
		return v
	}
	return types.Bool(found)
}

func (o *objVal) Size() ref.Val {
	n := 0
	for _, f := range o.typ.fields {
		if _, found := o.field(f.name); found {
			n++
		}
	}
	return types.Int(n)
}

func (o *objVal) Iterator() traits.Iterator {
	var names []string
	for _, f := range o.typ.fields {
		if _, found := o.field(f.name); found {
			names = append(names, f.name)
		}
	}
	sort.Strings(names)
	return &mapIter{m: &mapVal{keys: names}}
}
