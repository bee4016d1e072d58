package policy

import (
	"fmt"
	"reflect"
	"sort"
	"strings"
	"unicode"

	"github.com/google/cel-go/common/types"
	"github.com/google/cel-go/common/types/ref"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/graph/aws"
)

// The typed view shows policies the structs of graph/aws that the built-in
// rules read, so that one policy covers Terraform and CloudFormation. It
// is derived from the Go types by reflection, so a property added to the
// model is visible to policies at once; the schema in docs/policies.md is
// generated from the same types and a test keeps it in step.
//
// Go fields map to CEL fields by these rules:
//
//   - names become snake case (BlockPublicACLs -> block_public_acls);
//   - aws.Attr[T] is its value: T when known, a CEL unknown when not, and
//     each possible value in turn when it may take several;
//   - aws.StringSet is a list of strings whose unknown elements are CEL
//     unknowns; graph.Tri is a bool or a CEL unknown;
//   - pointers to structs are objects, absent (has() is false) when nil,
//     unknown when nil and a sibling <Name>Why says a value may apply;
//   - *graph.Resource is the generic resource (blindspot.Resource);
//   - locations (graph.Loc, graph.Range) and the reasons (...Why) that
//     explain unknowns are not fields.

// typedView holds the object types derived from graph/aws.
type typedView struct {
	p       *provider
	structs map[reflect.Type]*structInfo
}

// structInfo is a Go struct type seen as a CEL object type.
type structInfo struct {
	obj    *objType
	goType reflect.Type
	fields []structField
}

// structField is one exposed field of a struct.
type structField struct {
	name   string
	index  int
	goName string
	conv   parentConverter
	// why is the index of the string field explaining an unknown or
	// absent value, or -1.
	why int
}

// converter turns a Go value into CEL; found is false when the value is
// absent (a nil pointer, an unset string set).
type converter func(st *evalState, v reflect.Value, path, why string) (val ref.Val, found bool)

var (
	resourcePtrType = reflect.TypeFor[*graph.Resource]()
	locType         = reflect.TypeFor[graph.Loc]()
	rangeType       = reflect.TypeFor[graph.Range]()
	triType         = reflect.TypeFor[graph.Tri]()
	valueType       = reflect.TypeFor[graph.Value]()
	stringSetType   = reflect.TypeFor[aws.StringSet]()
	fieldType       = reflect.TypeFor[aws.Field]()
	policyType      = reflect.TypeFor[aws.Policy]()
	statementType   = reflect.TypeFor[aws.Statement]()
	stringerType    = reflect.TypeFor[fmt.Stringer]()
)

func newTypedView(p *provider) *typedView {
	return &typedView{p: p, structs: map[reflect.Type]*structInfo{}}
}

// objectName is the CEL name of a graph/aws struct.
func objectName(t reflect.Type) string { return "aws." + t.Name() }

// typeOf returns the CEL type and converter of a Go type, or ok false
// when policies do not see values of that type.
func (tv *typedView) typeOf(t reflect.Type) (*types.Type, converter, bool) {
	switch {
	case t == resourcePtrType:
		return types.NewObjectType(resourceTypeName), func(st *evalState, v reflect.Value, path, why string) (ref.Val, bool) {
			if v.IsNil() {
				if why != "" {
					return st.unknown(path, why, 0), true
				}
				return nil, false
			}
			return st.resourceVal(v.Interface().(*graph.Resource), path), true
		}, true
	case t == locType || t == rangeType || t == fieldType:
		return nil, nil, false
	case t == triType:
		return types.BoolType, func(st *evalState, v reflect.Value, path, why string) (ref.Val, bool) {
			switch v.Interface().(graph.Tri) {
			case graph.True:
				return types.True, true
			case graph.False:
				return types.False, true
			}
			return st.unknown(path, why, 0), true
		}, true
	case t == valueType:
		return types.DynType, func(st *evalState, v reflect.Value, path, _ string) (ref.Val, bool) {
			return st.graphValue(v.Interface().(graph.Value), path), true
		}, true
	case t == stringSetType:
		return types.NewListType(types.StringType), func(st *evalState, v reflect.Value, path, _ string) (ref.Val, bool) {
			return st.stringSet(v.Interface().(aws.StringSet), path)
		}, true
	case isAttr(t):
		return tv.attrType(t)
	}
	if t.Kind() != reflect.Struct && t.Kind() != reflect.Pointer && t.Implements(stringerType) {
		return types.StringType, func(_ *evalState, v reflect.Value, _, _ string) (ref.Val, bool) {
			return types.String(v.Interface().(fmt.Stringer).String()), true
		}, true
	}
	switch t.Kind() {
	case reflect.String:
		return types.StringType, func(_ *evalState, v reflect.Value, _, _ string) (ref.Val, bool) {
			return types.String(v.String()), true
		}, true
	case reflect.Bool:
		return types.BoolType, func(_ *evalState, v reflect.Value, _, _ string) (ref.Val, bool) {
			return types.Bool(v.Bool()), true
		}, true
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return types.IntType, func(_ *evalState, v reflect.Value, _, _ string) (ref.Val, bool) {
			return types.Int(v.Int()), true
		}, true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return types.IntType, func(_ *evalState, v reflect.Value, _, _ string) (ref.Val, bool) {
			return types.Int(int64(v.Uint())), true
		}, true
	case reflect.Float32, reflect.Float64:
		return types.DoubleType, func(_ *evalState, v reflect.Value, _, _ string) (ref.Val, bool) {
			return types.Double(v.Float()), true
		}, true
	case reflect.Slice:
		et, econv, ok := tv.typeOf(t.Elem())
		if !ok {
			return nil, nil, false
		}
		return types.NewListType(et), func(st *evalState, v reflect.Value, path, _ string) (ref.Val, bool) {
			return &listVal{st: st, n: v.Len(), elemFn: func(i int) ref.Val {
				e, found := econv(st, v.Index(i), indexPath(path, i), "")
				if !found {
					return types.NullValue
				}
				return e
			}}, true
		}, true
	case reflect.Map:
		if t.Key().Kind() != reflect.String {
			return nil, nil, false
		}
		vt, vconv, ok := tv.typeOf(t.Elem())
		if !ok {
			return nil, nil, false
		}
		return types.NewMapType(types.StringType, vt), func(st *evalState, v reflect.Value, path, _ string) (ref.Val, bool) {
			keys := make([]string, 0, v.Len())
			for _, k := range v.MapKeys() {
				keys = append(keys, k.String())
			}
			sort.Strings(keys)
			return &mapVal{st: st, path: path, keys: keys, findFn: func(k string) (ref.Val, bool) {
				e := v.MapIndex(reflect.ValueOf(k).Convert(t.Key()))
				if !e.IsValid() {
					return nil, false
				}
				return vconv(st, e, keyPath(path, k), "")
			}}, true
		}, true
	case reflect.Pointer:
		if t.Elem().Kind() != reflect.Struct || t.Elem().PkgPath() != awsPkgPath {
			return nil, nil, false
		}
		info := tv.structOf(t.Elem())
		return info.obj.cel, func(st *evalState, v reflect.Value, path, why string) (ref.Val, bool) {
			if v.IsNil() {
				if why != "" {
					return st.unknown(path, why, 0), true
				}
				return nil, false
			}
			return tv.object(st, info, v, path), true
		}, true
	case reflect.Struct:
		if t.PkgPath() != awsPkgPath {
			return nil, nil, false
		}
		info := tv.structOf(t)
		return info.obj.cel, func(st *evalState, v reflect.Value, path, _ string) (ref.Val, bool) {
			return tv.object(st, info, v, path), true
		}, true
	}
	return nil, nil, false
}

var awsPkgPath = reflect.TypeFor[aws.Model]().PkgPath()

// isAttr reports whether t is an instance of aws.Attr.
func isAttr(t reflect.Type) bool {
	return t.Kind() == reflect.Struct && t.PkgPath() == awsPkgPath && strings.HasPrefix(t.Name(), "Attr[")
}

// attrType is the CEL view of aws.Attr[T]: its value, unknown when it is
// not known, and the chosen alternative when it may take several.
func (tv *typedView) attrType(t reflect.Type) (*types.Type, converter, bool) {
	valuesField, _ := t.FieldByName("Values")
	whyField, _ := t.FieldByName("Why")
	et, econv, ok := tv.typeOf(valuesField.Type.Elem())
	if !ok {
		return nil, nil, false
	}
	return et, func(st *evalState, v reflect.Value, path, _ string) (ref.Val, bool) {
		values := v.FieldByIndex(valuesField.Index)
		why := v.FieldByIndex(whyField.Index).String()
		switch values.Len() {
		case 0:
			return st.unknown(path, why, 0), true
		case 1:
			return econv(st, values.Index(0), path, "")
		}
		if c := st.choose(path); c >= 0 && c < values.Len() {
			return econv(st, values.Index(c), path, "")
		}
		return st.unknown(path, why, values.Len()), true
	}, true
}

// structOf returns the object type of a graph/aws struct, declaring it
// (and the types its fields use) on first use.
func (tv *typedView) structOf(t reflect.Type) *structInfo {
	if info, ok := tv.structs[t]; ok {
		return info
	}
	info := &structInfo{obj: newObjType(objectName(t), ""), goType: t}
	tv.structs[t] = info
	tv.p.register(info.obj)
	whyOf := reasonFields(t)
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() || isReason(f) || skipField(t, f) {
			continue
		}
		ct, conv, ok := tv.typeOf(f.Type)
		if !ok {
			continue
		}
		name := snakeCase(f.Name)
		pconv := func(st *evalState, _, v reflect.Value, path, why string) (ref.Val, bool) {
			return conv(st, v, path, why)
		}
		if hook := fieldHook(t, f.Name); hook != nil {
			pconv = hook(conv)
		}
		info.fields = append(info.fields, structField{name: name, index: i, goName: f.Name, conv: pconv, why: whyOf(f.Name)})
		info.obj.add(name, ct, "")
		info.obj.byName[name].goName = f.Name
	}
	return info
}

// object is the CEL value of the struct v (a pointer or a struct).
func (tv *typedView) object(st *evalState, info *structInfo, v reflect.Value, path string) ref.Val {
	o := new(objVal)
	tv.objectIn(o, st, info, v, path)
	return o
}

// objectIn makes o the CEL value of the struct v.
func (tv *typedView) objectIn(o *objVal, st *evalState, info *structInfo, v reflect.Value, path string) {
	var native any
	if v.Kind() == reflect.Pointer {
		native = v.Interface()
		v = v.Elem()
	} else if v.CanAddr() {
		native = v.Addr().Interface()
	}
	*o = objVal{st: st, typ: info.obj, path: path, native: native, kind: typedObj, info: info, sv: v}
}

// field returns field name of the struct v.
func (info *structInfo) field(st *evalState, v reflect.Value, path, name string) (ref.Val, bool) {
	for _, f := range info.fields {
		if f.name != name {
			continue
		}
		why := ""
		if f.why >= 0 {
			why = v.Field(f.why).String()
		}
		return f.conv(st, v, v.Field(f.index), keyPath(path, name), why)
	}
	return nil, false
}

// isReason reports whether f explains an unknown value rather than being
// one (Why, PolicyWhy, FlowWhy).
func isReason(f reflect.StructField) bool {
	return f.Type.Kind() == reflect.String && strings.HasSuffix(f.Name, "Why")
}

// reasonFields returns, for a field name, the index of the field that
// explains why it is unknown: <Name>Why, or a ...Why field whose stem
// begins the name (FlowWhy for FlowLogged), or Why; -1 when none.
func reasonFields(t reflect.Type) func(name string) int {
	return func(name string) int {
		if f, ok := t.FieldByName(name + "Why"); ok && isReason(f) {
			return f.Index[0]
		}
		for i := range t.NumField() {
			f := t.Field(i)
			if isReason(f) && f.Name != "Why" && strings.HasPrefix(name, strings.TrimSuffix(f.Name, "Why")) {
				return i
			}
		}
		if f, ok := t.FieldByName("Why"); ok && isReason(f) {
			return f.Index[0]
		}
		return -1
	}
}

// skipField leaves out fields that only say how to read others.
func skipField(t reflect.Type, f reflect.StructField) bool {
	switch {
	case t == policyType && (f.Name == "Known" || f.Name == "MinifiedSize"):
		return true
	case t == statementType && f.Name == "ConditionUnknown":
		return true
	case t == stringSetType:
		return true
	}
	return false
}

// fieldHook returns, for fields whose meaning depends on a sibling, a
// converter that reads the parent struct first: a policy's statements are
// unknown when the document is, a statement's conditions when its
// Condition block could not be read.
func fieldHook(t reflect.Type, name string) func(conv converter) parentConverter {
	switch {
	case t == policyType && name == "Statements":
		return func(conv converter) parentConverter {
			return func(st *evalState, parent, v reflect.Value, path, why string) (ref.Val, bool) {
				p := parent.Addr().Interface().(*aws.Policy)
				if !p.Known {
					return st.unknown(path, p.Why, 0), true
				}
				return conv(st, v, path, why)
			}
		}
	case t == statementType && name == "Conditions":
		return func(conv converter) parentConverter {
			return func(st *evalState, parent, v reflect.Value, path, why string) (ref.Val, bool) {
				if parent.Addr().Interface().(*aws.Statement).ConditionUnknown {
					return st.unknown(path, "the statement's Condition block is not known", 0), true
				}
				return conv(st, v, path, why)
			}
		}
	}
	return nil
}

// parentConverter is a converter that also sees the struct holding the
// value.
type parentConverter func(st *evalState, parent, v reflect.Value, path, why string) (ref.Val, bool)

// stringSet converts a string set: known elements, then one CEL unknown
// per unknown element; wholly unknown when the list is.
func (st *evalState) stringSet(s aws.StringSet, path string) (ref.Val, bool) {
	if !s.Set {
		return nil, false
	}
	if s.AllUnknown {
		return st.unknown(path, s.Why, 0), true
	}
	n := len(s.Values) + s.Unknown
	return &listVal{st: st, n: n, elemFn: func(i int) ref.Val {
		if i < len(s.Values) {
			return types.String(s.Values[i])
		}
		return st.unknown(indexPath(path, i), s.Why, 0)
	}}, true
}

// snakeCase turns a Go field name into a policy field name:
// BlockPublicACLs -> block_public_acls, KMSEncrypted -> kms_encrypted,
// CIDRs -> cidrs.
func snakeCase(name string) string {
	rs := []rune(name)
	var b strings.Builder
	for i, r := range rs {
		if i > 0 && unicode.IsUpper(r) {
			prev := rs[i-1]
			nextLower := i+1 < len(rs) && unicode.IsLower(rs[i+1])
			// A plural acronym (ACLs, CIDRs) keeps its s.
			if nextLower && rs[i+1] == 's' && (i+2 == len(rs) || unicode.IsUpper(rs[i+2])) && unicode.IsUpper(prev) {
				nextLower = false
			}
			if unicode.IsLower(prev) || unicode.IsDigit(prev) || unicode.IsUpper(prev) && nextLower {
				b.WriteByte('_')
			}
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}
