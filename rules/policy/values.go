package policy

import (
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"sync"

	"github.com/google/cel-go/common/types"
	"github.com/google/cel-go/common/types/ref"
	"github.com/google/cel-go/common/types/traits"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/graph/aws"
)

// evalState is the bookkeeping of one evaluation of a condition: the
// unknown values it met and, for values that may take one of several
// values (CloudFormation Fn::If on an unknown condition, a parameter with
// AllowedValues), which one this evaluation uses.
//
// Values are converted to CEL lazily, when the condition reads them, so an
// evaluation pays only for what it reads; an unknown value becomes a CEL
// unknown (types.Unknown) at the moment it is read, carrying a synthetic
// ID that leads back here, to its path and the reason it is unknown.
type evalState struct {
	// unknowns are the unknown values read, in the order first read;
	// byID indexes them once there are many.
	unknowns []unknownAt
	byID     map[int64]int
	// choices fixes the alternative used for values that may take
	// several, by path.
	choices map[string]int
	env     *Env
	run     *RunOptions
	model   *aws.Model
	// account is the object resource.account is bound to, made once per
	// evaluation without an allocation of its own.
	account objVal
	// attrs and tagsVal are the maps resource.attributes and resource.tags
	// are bound to, and tagBuf holds the tags: no value of an evaluation
	// outlives it, so their storage serves every evaluation in turn.
	attrs, tagsVal mapVal
	tagBuf         []tag
}

// unknownAt is one unknown value an evaluation read.
type unknownAt struct {
	id   int64
	path string
	why  string
	// alts is the number of values it may take; 0 when they cannot be
	// enumerated.
	alts int
	// unmapped, when set, is a resource whose account the code does not
	// say: the reason, spelt out only if a result gives it (most
	// resources' accounts are not known, and most such reads are
	// passed over).
	unmapped *graph.Resource
}

// reason is why the value is unknown.
func (at *unknownAt) reason() string {
	if r := at.unmapped; r != nil {
		return noAccountBefore + r.Address + noAccountAfter
	}
	return at.why
}

// Why the account of a resource is not known when the code does not say
// it: noAccountBefore, its address, noAccountAfter.
const (
	noAccountBefore = "the code does not say which account "
	noAccountAfter  = " is deployed to (map it in .blindspot.yaml accounts)"
)

// unknown returns the CEL unknown for the value at path. Unknown IDs are
// negative, so they never meet the IDs of expression nodes when CEL merges
// unknowns.
//
// The unknown of a path is made once per scan (Env.unknowns) and has the
// same ID in every evaluation: each evaluation lists the IDs it read, in
// the order it read them, with why each is unknown, so its answer and
// its reasons do not depend on what other evaluations read.
//
// A value made outside an evaluation (a policy document read from a
// literal string by iamPolicy) has no state; its unknowns carry their
// reason in their attribute trail instead.
func (st *evalState) unknown(path, why string, alts int) ref.Val {
	return st.unknownOf(unknownAt{path: path, why: why, alts: alts})
}

// unknownOf is unknown for at, whose id it sets.
func (st *evalState) unknownOf(at unknownAt) ref.Val {
	if st == nil {
		return types.NewUnknown(foreignUnknown, types.NewAttributeTrail(at.path+": "+at.reason()))
	}
	u, id := st.env.unknowns.of(at.path)
	if u == nil {
		// The scan has met too many paths to keep: one of this
		// evaluation's own, after every path kept.
		id = localUnknowns - int64(len(st.unknowns))
		for _, prev := range st.unknowns {
			if prev.path == at.path {
				id = prev.id
				break
			}
		}
		u = types.NewUnknown(id, types.NewAttributeTrail(at.path))
	}
	if !st.read(id) {
		at.id = id
		st.unknowns = append(st.unknowns, at)
		if st.byID != nil {
			st.byID[id] = len(st.unknowns) - 1
		}
	}
	return u
}

// read reports whether the evaluation has read the unknown id.
func (st *evalState) read(id int64) bool {
	if st.byID != nil {
		_, ok := st.byID[id]
		return ok
	}
	for _, at := range st.unknowns {
		if at.id == id {
			return true
		}
	}
	if len(st.unknowns) >= 16 {
		// Many unknowns (a list of them iterated): a map from now on.
		st.byID = make(map[int64]int, 2*len(st.unknowns))
		for i, at := range st.unknowns {
			st.byID[at.id] = i
		}
	}
	return false
}

// unknownPaths gives each path an unknown that is read there the same
// CEL unknown, made once per scan, with an ID of its own. It keeps at
// most maxUnknownPaths of them.
type unknownPaths struct {
	mu     sync.RWMutex
	byPath map[string]pathUnknown
}

type pathUnknown struct {
	u  *types.Unknown
	id int64
}

// maxUnknownPaths bounds the unknowns a scan keeps. The paths are those of
// attributes, the same in many resources: few thousand at most.
const maxUnknownPaths = 1 << 16

// IDs of unknowns: those of unknownPaths count down from -1, those an
// evaluation makes for itself from localUnknowns; foreignUnknown marks
// those made outside an evaluation.
const (
	localUnknowns  = -1 << 32
	foreignUnknown = -1 << 40
)

// of returns the unknown of path and its ID; nil when the scan keeps too
// many.
func (p *unknownPaths) of(path string) (*types.Unknown, int64) {
	p.mu.RLock()
	pu, ok := p.byPath[path]
	p.mu.RUnlock()
	if ok {
		return pu.u, pu.id
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if pu, ok := p.byPath[path]; ok {
		return pu.u, pu.id
	}
	if len(p.byPath) >= maxUnknownPaths {
		return nil, 0
	}
	if p.byPath == nil {
		p.byPath = map[string]pathUnknown{}
	}
	id := -int64(len(p.byPath)) - 1
	pu = pathUnknown{types.NewUnknown(id, types.NewAttributeTrail(path)), id}
	p.byPath[path] = pu
	return pu.u, pu.id
}

// choose returns the alternative this evaluation uses for a value at path
// that may take n values, or -1 when none is chosen.
func (st *evalState) choose(path string) int {
	if st == nil {
		return -1
	}
	if c, ok := st.choices[path]; ok {
		return c
	}
	return -1
}

// graphValue converts a graph value to CEL. Scalars convert at once;
// lists and objects are wrapped and convert their elements when read.
func (st *evalState) graphValue(v graph.Value, path string) ref.Val {
	switch v.Kind() {
	case graph.KindNull:
		return types.NullValue
	case graph.KindBool:
		b, _ := v.AsBool()
		return types.Bool(b)
	case graph.KindNumber:
		n, _ := v.AsNumber()
		return number(n)
	case graph.KindString:
		s, _ := v.AsString()
		return types.String(s)
	case graph.KindList:
		elems := v.Elems()
		return &listVal{st: st, n: len(elems), vals: elems, path: path}
	case graph.KindObject:
		// The object keeps its own copy of v: taking v's address would
		// move every value converted to the heap.
		m := &mapVal{st: st, path: path, sourceVal: v}
		m.source = &m.sourceVal
		return m
	}
	alts := v.Alternatives()
	if len(alts) > 0 {
		if c := st.choose(path); c >= 0 && c < len(alts) {
			return st.graphValue(alts[c], path)
		}
	}
	return st.unknown(path, v.Why(), len(alts))
}

func isScalar(v graph.Value) bool {
	switch v.Kind() {
	case graph.KindNull, graph.KindBool, graph.KindNumber, graph.KindString:
		return true
	}
	return false
}

func fieldKeys(v graph.Value) []string {
	fs := v.Fields()
	keys := make([]string, len(fs))
	for i, f := range fs {
		keys[i] = f.Key
	}
	return keys
}

// number converts a graph number: whole numbers are CEL ints (ports,
// counts, days), others doubles. Comparisons across the two work
// (cel.CrossTypeNumericComparisons).
func number(n float64) ref.Val {
	if n == math.Trunc(n) && math.Abs(n) < 1<<53 {
		return types.Int(int64(n))
	}
	return types.Double(n)
}

// keyPath appends a map key or field to a path, as a CEL expression would
// write it.
func keyPath(path, key string) string {
	if isIdent(key) {
		if path == "" {
			return key
		}
		return path + "." + key
	}
	return path + "[" + strconv.Quote(key) + "]"
}

func indexPath(path string, i int) string { return path + "[" + strconv.Itoa(i) + "]" }

func isIdent(s string) bool {
	if s == "" {
		return false
	}
	for i, c := range s {
		if c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || i > 0 && c >= '0' && c <= '9' {
			continue
		}
		return false
	}
	return true
}

// listVal is a CEL list whose elements convert when read. Unlike CEL's own
// lists, membership is three-valued: `x in list` is unknown, not false,
// when no element equals x and some element is unknown.
type listVal struct {
	st *evalState
	n  int
	// vals are the elements of a graph list, at path; otherwise elemFn
	// makes them.
	vals   []graph.Value
	path   string
	elemFn func(i int) ref.Val
}

// elem converts element i.
func (l *listVal) elem(i int) ref.Val {
	if l.elemFn != nil {
		return l.elemFn(i)
	}
	e := l.vals[i]
	if isScalar(e) {
		return l.st.graphValue(e, "")
	}
	return l.st.graphValue(e, indexPath(l.path, i))
}

var (
	_ traits.Lister = (*listVal)(nil)
	_ traits.Mapper = (*mapVal)(nil)
)

func (l *listVal) ConvertToNative(t reflect.Type) (any, error) {
	if t.Kind() == reflect.Slice || t.Kind() == reflect.Interface {
		out := make([]any, l.n)
		for i := range l.n {
			v := l.elem(i)
			if types.IsUnknown(v) {
				return nil, fmt.Errorf("list element %d is not known", i)
			}
			nv, err := v.ConvertToNative(reflect.TypeFor[any]())
			if err != nil {
				return nil, err
			}
			out[i] = nv
		}
		return out, nil
	}
	return nil, fmt.Errorf("cannot convert a list to %v", t)
}

func (l *listVal) ConvertToType(t ref.Type) ref.Val {
	switch t {
	case types.ListType:
		return l
	case types.TypeType:
		return types.ListType
	}
	return types.NewErr("type conversion error from list to %s", t.TypeName())
}

func (l *listVal) Equal(other ref.Val) ref.Val {
	o, ok := other.(traits.Lister)
	if !ok {
		if types.IsUnknown(other) {
			return other
		}
		return types.False
	}
	if o.Size() != types.Int(l.n) {
		return types.False
	}
	var unk *types.Unknown
	for i := range l.n {
		eq := l.elem(i).Equal(o.Get(types.Int(i)))
		switch {
		case eq == types.False:
			return types.False
		case types.IsUnknown(eq):
			unk = types.MergeUnknowns(unk, eq.(*types.Unknown))
		}
	}
	if unk != nil {
		return unk
	}
	return types.True
}

func (l *listVal) Type() ref.Type { return types.ListType }
func (l *listVal) Value() any     { return l }
func (l *listVal) Size() ref.Val  { return types.Int(l.n) }

func (l *listVal) Get(index ref.Val) ref.Val {
	i, err := types.IndexOrError(index)
	if err != nil {
		return types.WrapErr(err)
	}
	if i < 0 || i >= l.n {
		return types.NewErr("index out of range: %d", i)
	}
	return l.elem(i)
}

// Contains is true when an element equals x, unknown when none does but
// some element is unknown, false otherwise.
func (l *listVal) Contains(x ref.Val) ref.Val {
	var unk *types.Unknown
	for i := range l.n {
		eq := x.Equal(l.elem(i))
		if eq == types.True {
			return types.True
		}
		if u, ok := eq.(*types.Unknown); ok {
			unk = types.MergeUnknowns(unk, u)
		} else if u, ok := l.elem(i).(*types.Unknown); ok {
			unk = types.MergeUnknowns(unk, u)
		}
	}
	if unk != nil {
		return unk
	}
	return types.False
}

func (l *listVal) Add(other ref.Val) ref.Val {
	o, ok := other.(traits.Lister)
	if !ok {
		return types.MaybeNoSuchOverloadErr(other)
	}
	on := int(o.Size().(types.Int))
	return &listVal{st: l.st, n: l.n + on, elemFn: func(i int) ref.Val {
		if i < l.n {
			return l.elem(i)
		}
		return o.Get(types.Int(i - l.n))
	}}
}

func (l *listVal) Iterator() traits.Iterator {
	return &listIter{l: l}
}

type listIter struct {
	baseIter
	l *listVal
	i int
}

func (it *listIter) HasNext() ref.Val { return types.Bool(it.i < it.l.n) }
func (it *listIter) Next() ref.Val {
	if it.i >= it.l.n {
		return types.NewErr("no more elements")
	}
	it.i++
	return it.l.elem(it.i - 1)
}

// iteratorType is the type of iterators (and of the meter): made once,
// as CEL asks a function's arguments their type at each call.
var iteratorType = types.NewOpaqueType("iterator")

// baseIter supplies the ref.Val methods iterators must have but never use.
type baseIter struct{}

func (baseIter) ConvertToNative(reflect.Type) (any, error) {
	return nil, fmt.Errorf("an iterator has no native form")
}
func (baseIter) ConvertToType(ref.Type) ref.Val { return types.NewErr("an iterator has no type") }
func (baseIter) Equal(ref.Val) ref.Val          { return types.False }
func (baseIter) Type() ref.Type                 { return iteratorType }
func (baseIter) Value() any                     { return nil }

// mapVal is a CEL map with string keys whose values convert when read:
// graph objects, tags and maps of the typed model.
type mapVal struct {
	st   *evalState
	path string
	// source is the graph object the map shows, when it shows one;
	// otherwise keys and findFn give its entries.
	source *graph.Value
	// sourceVal holds the object source points at, when the map was
	// made from a graph value.
	sourceVal graph.Value
	// tags are the entries of resource.tags (tagMap.val).
	tags   []tag
	keys   []string
	findFn func(key string) (ref.Val, bool)
	// open, when set, is the CEL unknown standing for keys that are not
	// known (tags merged from an unknown map): a key not among keys may
	// still be there.
	open ref.Val
}

// find returns the value at key k.
func (m *mapVal) find(k string) (ref.Val, bool) {
	if m.tags != nil {
		return m.findTag(k)
	}
	if m.source == nil {
		return m.findFn(k)
	}
	f, ok := m.source.Get(k)
	if !ok {
		return nil, false
	}
	if isScalar(f) {
		return m.st.graphValue(f, ""), true
	}
	return m.st.graphValue(f, keyPath(m.path, k)), true
}

// keyList returns the keys in order.
func (m *mapVal) keyList() []string {
	switch {
	case m.keys != nil:
	case m.source != nil:
		m.keys = fieldKeys(*m.source)
	case m.tags != nil:
		m.keys = make([]string, len(m.tags))
		for i, t := range m.tags {
			m.keys[i] = t.key
		}
	}
	return m.keys
}

func (m *mapVal) ConvertToNative(t reflect.Type) (any, error) {
	if t.Kind() == reflect.Map || t.Kind() == reflect.Interface {
		out := make(map[string]any, len(m.keyList()))
		for _, k := range m.keyList() {
			v, _ := m.find(k)
			if types.IsUnknown(v) {
				return nil, fmt.Errorf("map value %q is not known", k)
			}
			nv, err := v.ConvertToNative(reflect.TypeFor[any]())
			if err != nil {
				return nil, err
			}
			out[k] = nv
		}
		return out, nil
	}
	return nil, fmt.Errorf("cannot convert a map to %v", t)
}

func (m *mapVal) ConvertToType(t ref.Type) ref.Val {
	switch t {
	case types.MapType:
		return m
	case types.TypeType:
		return types.MapType
	}
	return types.NewErr("type conversion error from map to %s", t.TypeName())
}

func (m *mapVal) Equal(other ref.Val) ref.Val {
	o, ok := other.(traits.Mapper)
	if !ok {
		if types.IsUnknown(other) {
			return other
		}
		return types.False
	}
	if m.open != nil {
		return m.open
	}
	if o.Size() != types.Int(len(m.keyList())) {
		return types.False
	}
	var unk *types.Unknown
	for _, k := range m.keyList() {
		ov, found := o.Find(types.String(k))
		if !found {
			return types.False
		}
		v, _ := m.find(k)
		eq := v.Equal(ov)
		switch {
		case eq == types.False:
			return types.False
		case types.IsUnknown(eq):
			unk = types.MergeUnknowns(unk, eq.(*types.Unknown))
		}
	}
	if unk != nil {
		return unk
	}
	return types.True
}

func (m *mapVal) Type() ref.Type { return types.MapType }
func (m *mapVal) Value() any     { return m }

func (m *mapVal) Size() ref.Val {
	if m.open != nil {
		return m.open
	}
	return types.Int(len(m.keyList()))
}

func (m *mapVal) Find(key ref.Val) (ref.Val, bool) {
	k, ok := key.(types.String)
	if !ok {
		if types.IsUnknown(key) {
			return key, false
		}
		return nil, false
	}
	v, found := m.find(string(k))
	if !found && m.open != nil {
		return m.open, true
	}
	return v, found
}

func (m *mapVal) Get(key ref.Val) ref.Val {
	v, found := m.Find(key)
	if !found {
		if v != nil {
			return v
		}
		return types.NewErr("no such key: %v", key)
	}
	return v
}

// Contains is true for a key the map has (whether or not its value is
// known), unknown for another key of an open map.
func (m *mapVal) Contains(key ref.Val) ref.Val {
	k, ok := key.(types.String)
	if !ok {
		if types.IsUnknown(key) {
			return key
		}
		return types.False
	}
	if _, found := m.find(string(k)); found {
		return types.True
	}
	if m.open != nil {
		return m.open
	}
	return types.False
}

func (m *mapVal) Iterator() traits.Iterator { return &mapIter{m: m} }

type mapIter struct {
	baseIter
	m *mapVal
	i int
}

// An open map yields its unknown last, standing for the keys that are not
// known: exists() is then true when a known key satisfies the predicate
// and unknown otherwise, all() false when a known key fails it.
func (it *mapIter) HasNext() ref.Val {
	n := len(it.m.keyList())
	if it.m.open != nil {
		n++
	}
	return types.Bool(it.i < n)
}

func (it *mapIter) Next() ref.Val {
	it.i++
	switch {
	case it.i <= len(it.m.keyList()):
		return types.String(it.m.keyList()[it.i-1])
	case it.i == len(it.m.keyList())+1 && it.m.open != nil:
		return it.m.open
	}
	return types.NewErr("no more elements")
}

// stringMap makes a mapVal of known strings.
func stringMap(st *evalState, path string, keys []string, vals map[string]ref.Val) *mapVal {
	return &mapVal{st: st, path: path, keys: keys, findFn: func(k string) (ref.Val, bool) {
		v, ok := vals[k]
		return v, ok
	}}
}

// describeUnknown turns the unknowns a result depends on into the reason
// an undetermined result gives: the paths read, each with why it is not
// known, in the order the evaluation met them.
func (st *evalState) describeUnknown(u *types.Unknown) string {
	// Each path is in st.unknowns once (st.unknown makes one ID per
	// path). The reasons are joined once, into one string: a scan gives
	// thousands of them.
	var (
		found [3]int
		n     int
	)
	for i, at := range st.unknowns {
		if _, ok := u.GetAttributeTrails(at.id); !ok {
			continue
		}
		found[n] = i
		if n++; n == len(found) {
			break
		}
	}
	var foreign []*types.AttributeTrail
	if n < len(found) {
		foreign, _ = u.GetAttributeTrails(foreignUnknown)
	}
	why := func(at *unknownAt) string {
		if r := at.reason(); r != "" {
			return r
		}
		return "not known before deployment"
	}
	switch {
	case n == 0 && len(foreign) == 0:
		return "a value it depends on is not known before deployment"
	case n == 1 && len(foreign) == 0:
		at := &st.unknowns[found[0]]
		if r := at.unmapped; r != nil {
			// One string, not the reason and then the sentence.
			return "depends on " + at.path + ": " + noAccountBefore + r.Address + noAccountAfter
		}
		return "depends on " + at.path + ": " + why(at)
	}
	var b strings.Builder
	b.WriteString("depends on ")
	for i := range n {
		if i > 0 {
			b.WriteString("; ")
		}
		at := &st.unknowns[found[i]]
		b.WriteString(at.path)
		b.WriteString(": ")
		b.WriteString(why(at))
	}
	for i, t := range foreign {
		if n+i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(t.Variable())
	}
	return b.String()
}
