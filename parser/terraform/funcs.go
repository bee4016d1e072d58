package terraform

import (
	"bytes"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"math/big"
	"net/netip"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/bmatcuk/doublestar/v4"
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/customdecode"
	"github.com/hashicorp/hcl/v2/ext/tryfunc"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
	"go.yaml.in/yaml/v3"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/ianaindex"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/internal/budget"
	"github.com/blindspot-iac/blindspot/internal/nesting"
	"github.com/blindspot-iac/blindspot/internal/sandbox"
)

// unknownAtApply lists functions whose result Terraform knows only when it
// applies the plan.
var unknownAtApply = map[string]cty.Type{
	"timestamp": cty.String, "uuid": cty.String, "uuidv5": cty.String, "bcrypt": cty.String,
	"plantimestamp": cty.String,
}

// functions returns the function table for a module: go-cty's standard
// library where it behaves as Terraform's functions do, and our own
// implementations of the rest, written from Terraform's documentation.
// file() and templatefile() resolve relative paths against workDir, the
// root module's directory where Terraform runs, and read only inside root.
func functions(workDir string, root *sandbox.Root, marked *bool, b *budget.Budget) map[string]function.Function {
	fs := unbudgeted(workDir, root, marked, b)
	budgetFunctions(fs, b)
	return fs
}

// unbudgeted is functions' table before the functions whose output may be
// large are wrapped for the budget: the functions that hold nothing of
// the unit, shared by every table, and the unit's own.
func unbudgeted(workDir string, root *sandbox.Root, marked *bool, b *budget.Budget) map[string]function.Function {
	fs := make(map[string]function.Function, len(sharedFunctions)+16)
	maps.Copy(fs, sharedFunctions)
	fs["try"] = tryFunc()
	fs["sensitive"] = markFunc(true, marked)
	fs["nonsensitive"] = markFunc(false, marked)
	fs["filemd5"] = fileHashFunc(workDir, root, func(b []byte) []byte { h := md5.Sum(b); return h[:] })
	fs["filesha1"] = fileHashFunc(workDir, root, func(b []byte) []byte { h := sha1.Sum(b); return h[:] })
	fs["filesha256"] = fileHashFunc(workDir, root, func(b []byte) []byte { h := sha256.Sum256(b); return h[:] })
	fs["fileset"] = filesetFunc(workDir, root, b)
	fs["file"] = fileFunc(workDir, root, false)
	fs["filebase64"] = fileFunc(workDir, root, true)
	fs["fileexists"] = fileExistsFunc(workDir, root)
	fs["templatefile"] = templateFileFunc(workDir, root, fs)
	fs["templatestring"] = templateStringFunc(fs)
	return fs
}

// sharedFunctions are the functions that hold nothing of a unit: go-cty's
// standard library where it behaves as Terraform's functions do, and our
// own implementations of the rest, written from Terraform's documentation.
// Built once; never changed.
var sharedFunctions = func() map[string]function.Function {
	fs := map[string]function.Function{
		"abs": stdlib.AbsoluteFunc, "ceil": stdlib.CeilFunc, "floor": stdlib.FloorFunc,
		"log": stdlib.LogFunc, "max": stdlib.MaxFunc, "min": stdlib.MinFunc, "pow": stdlib.PowFunc,
		"signum": stdlib.SignumFunc, "parseint": stdlib.ParseIntFunc,
		"chomp": stdlib.ChompFunc, "format": stdlib.FormatFunc, "formatlist": stdlib.FormatListFunc,
		"indent": stdlib.IndentFunc, "join": stdlib.JoinFunc, "lower": stdlib.LowerFunc, "upper": stdlib.UpperFunc,
		"regex": stdlib.RegexFunc, "regexall": stdlib.RegexAllFunc, "split": stdlib.SplitFunc,
		"strrev": stdlib.ReverseFunc, "substr": stdlib.SubstrFunc, "title": stdlib.TitleFunc,
		"trim": stdlib.TrimFunc, "trimprefix": stdlib.TrimPrefixFunc, "trimsuffix": stdlib.TrimSuffixFunc,
		"trimspace": stdlib.TrimSpaceFunc,
		"chunklist": stdlib.ChunklistFunc, "coalesce": coalesceFunc, "coalescelist": stdlib.CoalesceListFunc,
		"compact": stdlib.CompactFunc, "concat": stdlib.ConcatFunc, "contains": stdlib.ContainsFunc,
		"distinct": stdlib.DistinctFunc, "element": stdlib.ElementFunc, "flatten": stdlib.FlattenFunc,
		"index": stdlib.IndexFunc, "keys": stdlib.KeysFunc, "length": lengthFunc, "lookup": lookupFunc,
		"merge": stdlib.MergeFunc, "range": stdlib.RangeFunc, "reverse": stdlib.ReverseListFunc,
		"setintersection": stdlib.SetIntersectionFunc, "setproduct": stdlib.SetProductFunc,
		"setsubtract": stdlib.SetSubtractFunc, "setunion": stdlib.SetUnionFunc, "slice": stdlib.SliceFunc,
		"sort": stdlib.SortFunc, "values": stdlib.ValuesFunc, "zipmap": stdlib.ZipmapFunc,
		"csvdecode": stdlib.CSVDecodeFunc, "jsondecode": stdlib.JSONDecodeFunc, "jsonencode": stdlib.JSONEncodeFunc,
		"formatdate": stdlib.FormatDateFunc, "timeadd": stdlib.TimeAddFunc,
		"tobool": stdlib.MakeToFunc(cty.Bool), "tolist": stdlib.MakeToFunc(cty.List(cty.DynamicPseudoType)),
		"tomap": stdlib.MakeToFunc(cty.Map(cty.DynamicPseudoType)), "tonumber": stdlib.MakeToFunc(cty.Number),
		"toset": stdlib.MakeToFunc(cty.Set(cty.DynamicPseudoType)), "tostring": stdlib.MakeToFunc(cty.String),
		"can":         tryfunc.CanFunc,
		"replace":     replaceFunc,
		"one":         oneFunc,
		"sum":         sumFunc,
		"alltrue":     boolReduceFunc(true),
		"anytrue":     boolReduceFunc(false),
		"startswith":  stringPredicateFunc(strings.HasPrefix),
		"endswith":    stringPredicateFunc(strings.HasSuffix),
		"strcontains": stringPredicateFunc(strings.Contains),
		"transpose":   transposeFunc,
		"base64encode": stringFunc(func(s string) (string, error) {
			return base64.StdEncoding.EncodeToString([]byte(s)), nil
		}),
		"base64decode": stringFunc(func(s string) (string, error) {
			b, err := base64.StdEncoding.DecodeString(s)
			if err != nil {
				return "", fmt.Errorf("invalid base64: %w", err)
			}
			if !utf8.Valid(b) {
				return "", fmt.Errorf("decoded base64 is not UTF-8")
			}
			return string(b), nil
		}),
		"md5":        hashFunc(func(b []byte) []byte { h := md5.Sum(b); return h[:] }),
		"sha1":       hashFunc(func(b []byte) []byte { h := sha1.Sum(b); return h[:] }),
		"sha256":     hashFunc(func(b []byte) []byte { h := sha256.Sum256(b); return h[:] }),
		"urlencode":  stringFunc(func(s string) (string, error) { return urlEncode(s), nil }),
		"basename":   stringFunc(func(s string) (string, error) { return filepath.Base(s), nil }),
		"dirname":    stringFunc(func(s string) (string, error) { return filepath.Dir(s), nil }),
		"yamlencode": yamlEncodeFunc,
		"yamldecode": yamlDecodeFunc,
		"cidrhost":   cidrHostFunc,
		"cidrnetmask": stringFunc(func(s string) (string, error) {
			p, err := netip.ParsePrefix(s)
			if err != nil || !p.Addr().Is4() {
				return "", fmt.Errorf("invalid IPv4 CIDR %q", s)
			}
			mask := net4Mask(p.Bits())
			return mask, nil
		}),
		"cidrsubnet":  cidrSubnetFunc,
		"cidrsubnets": cidrSubnetsFunc,
		"pathexpand": stringFunc(func(p string) (string, error) {
			// The home directory of whoever runs Terraform is not known here.
			if p == "~" || strings.HasPrefix(p, "~/") {
				return "", fmt.Errorf("the home directory is not known before apply")
			}
			return p, nil
		}),
		"textencodebase64": textEncodeBase64Func,
		"textdecodebase64": textDecodeBase64Func,
	}
	for name, ty := range unknownAtApply {
		fs[name] = unknownFunc(ty)
	}
	return fs
}()

// abspathFunc is Terraform's abspath: a relative path is taken from dir,
// the directory Terraform runs in (the root module's), not from wherever
// blindspot was started; the result has forward slashes.
func abspathFunc(dir string) function.Function {
	return stringFunc(func(p string) (string, error) {
		if !filepath.IsAbs(p) {
			p = filepath.Join(dir, p)
		}
		return filepath.ToSlash(filepath.Clean(p)), nil
	})
}

// lengthFunc is Terraform's length: of a string, a collection or a
// structure.
var lengthFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "value", Type: cty.DynamicPseudoType, AllowDynamicType: true, AllowUnknown: true, AllowMarked: true}},
	Type:   function.StaticReturnType(cty.Number),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		v, marks := args[0].Unmark()
		ty := v.Type()
		switch {
		case ty == cty.DynamicPseudoType || !v.IsKnown():
			return cty.UnknownVal(cty.Number).WithMarks(marks), nil
		case v.IsNull():
			return cty.NilVal, fmt.Errorf("argument must not be null")
		case ty == cty.String:
			return cty.NumberIntVal(int64(utf8.RuneCountInString(v.AsString()))).WithMarks(marks), nil
		case ty.IsListType() || ty.IsSetType() || ty.IsMapType() || ty.IsTupleType() || ty.IsObjectType():
			return cty.NumberIntVal(int64(v.LengthInt())).WithMarks(marks), nil
		}
		return cty.NilVal, fmt.Errorf("argument must be a string, a collection type, or a structural type")
	},
})

// coalesceFunc is Terraform's coalesce: the first argument that is neither
// null nor an empty string.
// tryFunc is Terraform's try: the value of the first argument that
// evaluates without errors (unknown when that value is not wholly known).
// HCL's tryfunc evaluates the arguments twice, once for the return type
// and again for the value; this one keeps the value worked out for the
// type until the call takes it, so each argument is evaluated once. When
// every argument fails, tryfunc itself gives the error, word for word.
// A function table serves one unit, evaluated by one goroutine.
func tryFunc() function.Function {
	var last struct {
		first *customdecode.ExpressionClosure
		val   cty.Value
	}
	return function.New(&function.Spec{
		VarParam: &function.Parameter{Name: "expressions", Type: customdecode.ExpressionClosureType},
		Type: func(args []cty.Value) (cty.Type, error) {
			for _, arg := range args {
				v, diags := customdecode.ExpressionClosureFromVal(arg).Value()
				if diags.HasErrors() {
					continue
				}
				if !v.IsWhollyKnown() {
					v = cty.DynamicVal
				}
				last.first, last.val = customdecode.ExpressionClosureFromVal(args[0]), v
				return v.Type(), nil
			}
			return tryfunc.TryFunc.ReturnTypeForValues(args)
		},
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			// The call that asked for the type is the one taking the
			// value: nothing is evaluated between the two.
			if len(args) > 0 && last.first != nil && last.first == customdecode.ExpressionClosureFromVal(args[0]) {
				v := last.val
				last.first, last.val = nil, cty.NilVal
				return v, nil
			}
			return tryfunc.TryFunc.Call(args)
		},
	})
}

var coalesceFunc = function.New(&function.Spec{
	VarParam: &function.Parameter{Name: "vals", Type: cty.DynamicPseudoType, AllowUnknown: true, AllowDynamicType: true, AllowNull: true, AllowMarked: true},
	Type:     function.StaticReturnType(cty.DynamicPseudoType),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		for _, a := range args {
			v, _ := a.Unmark()
			if !v.IsKnown() {
				return cty.DynamicVal, nil
			}
			if v.IsNull() || v.Type() == cty.String && v.AsString() == "" {
				continue
			}
			return a, nil
		}
		return cty.NilVal, fmt.Errorf("no non-null, non-empty-string arguments")
	},
})

// lookupFunc is Terraform's lookup: the default may be null, and it is
// returned when the key is absent.
var lookupFunc = function.New(&function.Spec{
	Params: []function.Parameter{
		{Name: "inputMap", Type: cty.DynamicPseudoType, AllowMarked: true, AllowUnknown: true},
		{Name: "key", Type: cty.String, AllowMarked: true},
	},
	VarParam: &function.Parameter{Name: "default", Type: cty.DynamicPseudoType, AllowUnknown: true, AllowDynamicType: true, AllowNull: true, AllowMarked: true},
	Type:     function.StaticReturnType(cty.DynamicPseudoType),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		if len(args) > 3 {
			return cty.NilVal, fmt.Errorf("lookup takes at most three arguments")
		}
		m, marks := args[0].Unmark()
		key, keyMarks := args[1].Unmark()
		if !m.IsKnown() {
			return cty.DynamicVal.WithMarks(marks), nil
		}
		ty := m.Type()
		if m.IsNull() || !(ty.IsMapType() || ty.IsObjectType()) {
			return cty.NilVal, fmt.Errorf("the first argument must be a map or an object")
		}
		k := key.AsString()
		if ty.IsObjectType() && ty.HasAttribute(k) {
			return m.GetAttr(k).WithMarks(marks).WithMarks(keyMarks), nil
		}
		if ty.IsMapType() {
			has := m.HasIndex(cty.StringVal(k))
			if !has.IsKnown() {
				return cty.DynamicVal.WithMarks(marks), nil
			}
			if has.True() {
				return m.Index(cty.StringVal(k)).WithMarks(marks).WithMarks(keyMarks), nil
			}
		}
		if len(args) == 3 {
			return args[2], nil
		}
		return cty.NilVal, fmt.Errorf("the map has no key %q and no default was given", k)
	},
})

func unknownFunc(ty cty.Type) function.Function {
	return function.New(&function.Spec{
		VarParam: &function.Parameter{Name: "args", Type: cty.DynamicPseudoType, AllowUnknown: true, AllowNull: true, AllowDynamicType: true, AllowMarked: true},
		Type:     function.StaticReturnType(ty),
		Impl: func([]cty.Value, cty.Type) (cty.Value, error) {
			return cty.UnknownVal(ty), nil
		},
	})
}

func stringFunc(f func(string) (string, error)) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "str", Type: cty.String}},
		Type:   function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			s, err := f(args[0].AsString())
			if err != nil {
				return cty.NilVal, err
			}
			return cty.StringVal(s), nil
		},
	})
}

func hashFunc(h func([]byte) []byte) function.Function {
	return stringFunc(func(s string) (string, error) { return hex.EncodeToString(h([]byte(s))), nil })
}

func stringPredicateFunc(f func(s, part string) bool) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "str", Type: cty.String}, {Name: "part", Type: cty.String}},
		Type:   function.StaticReturnType(cty.Bool),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			return cty.BoolVal(f(args[0].AsString(), args[1].AsString())), nil
		},
	})
}

// replaceFunc is Terraform's replace: a substring wrapped in slashes is a
// regular expression.
var replaceFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "str", Type: cty.String}, {Name: "substr", Type: cty.String}, {Name: "replace", Type: cty.String}},
	Type:   function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		s, sub, rep := args[0].AsString(), args[1].AsString(), args[2].AsString()
		if len(sub) > 1 && sub[0] == '/' && sub[len(sub)-1] == '/' {
			re, err := regexp.Compile(sub[1 : len(sub)-1])
			if err != nil {
				return cty.NilVal, fmt.Errorf("invalid regular expression: %w", err)
			}
			return cty.StringVal(re.ReplaceAllString(s, rep)), nil
		}
		return cty.StringVal(strings.ReplaceAll(s, sub, rep)), nil
	},
})

var oneFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "list", Type: cty.DynamicPseudoType}},
	Type: func(args []cty.Value) (cty.Type, error) {
		ty := args[0].Type()
		switch {
		case ty.IsListType() || ty.IsSetType():
			return ty.ElementType(), nil
		case ty.IsTupleType():
			if n := len(ty.TupleElementTypes()); n == 1 {
				return ty.TupleElementTypes()[0], nil
			} else if n == 0 {
				return cty.DynamicPseudoType, nil
			}
			return cty.NilType, fmt.Errorf("must be a list, set, or tuple value with either zero or one elements")
		}
		return cty.NilType, fmt.Errorf("must be a list, set, or tuple value with either zero or one elements")
	},
	Impl: func(args []cty.Value, ty cty.Type) (cty.Value, error) {
		v := args[0]
		switch n := v.LengthInt(); n {
		case 0:
			return cty.NullVal(ty), nil
		case 1:
			it := v.ElementIterator()
			it.Next()
			_, e := it.Element()
			return e, nil
		}
		return cty.NilVal, fmt.Errorf("must be a list, set, or tuple value with either zero or one elements")
	},
})

var sumFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "list", Type: cty.DynamicPseudoType}},
	Type:   function.StaticReturnType(cty.Number),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		v := args[0]
		if !v.CanIterateElements() || v.LengthInt() == 0 {
			return cty.NilVal, fmt.Errorf("cannot sum an empty list or a non-collection")
		}
		total := new(big.Float)
		for it := v.ElementIterator(); it.Next(); {
			_, e := it.Element()
			n, err := convert.Convert(e, cty.Number)
			if err != nil || n.IsNull() {
				return cty.NilVal, fmt.Errorf("sum can only add numbers")
			}
			total.Add(total, n.AsBigFloat())
		}
		return cty.NumberVal(total), nil
	},
})

func boolReduceFunc(all bool) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "list", Type: cty.List(cty.Bool)}},
		Type:   function.StaticReturnType(cty.Bool),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			for it := args[0].ElementIterator(); it.Next(); {
				_, e := it.Element()
				if e.IsNull() {
					continue
				}
				if e.True() != all {
					return cty.BoolVal(!all), nil
				}
			}
			return cty.BoolVal(all), nil
		},
	})
}

var transposeFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "values", Type: cty.Map(cty.List(cty.String))}},
	Type:   function.StaticReturnType(cty.Map(cty.List(cty.String))),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		out := map[string][]cty.Value{}
		for it := args[0].ElementIterator(); it.Next(); {
			k, list := it.Element()
			for li := list.ElementIterator(); li.Next(); {
				_, v := li.Element()
				out[v.AsString()] = append(out[v.AsString()], k)
			}
		}
		m := map[string]cty.Value{}
		for k, vs := range out {
			m[k] = cty.ListVal(vs)
		}
		if len(m) == 0 {
			return cty.MapValEmpty(cty.List(cty.String)), nil
		}
		return cty.MapVal(m), nil
	},
})

func urlEncode(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("-._~", c) >= 0 {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

// readInside reads a file for file() and templatefile(): relative paths are
// relative to the working directory as in Terraform (modules use
// path.module), and nothing outside the scan root is read.
func readInside(workDir string, root *sandbox.Root, path string) ([]byte, error) {
	full := path
	if !filepath.IsAbs(full) {
		full = filepath.Join(workDir, full)
	}
	data, err := root.ReadFile(full, maxFileSize)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("no file %s", full)
	case err != nil:
		return nil, fmt.Errorf("%s is not read: %s", path, readError(err))
	}
	return data, nil
}

func fileFunc(workDir string, root *sandbox.Root, asBase64 bool) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}},
		Type:   function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			data, err := readInside(workDir, root, args[0].AsString())
			if err != nil {
				return cty.NilVal, err
			}
			if asBase64 {
				return cty.StringVal(base64.StdEncoding.EncodeToString(data)), nil
			}
			if !utf8.Valid(data) {
				return cty.NilVal, fmt.Errorf("%s is not UTF-8 text", args[0].AsString())
			}
			return cty.StringVal(string(data)), nil
		},
	})
}

// markFunc is sensitive() (mark) and nonsensitive() (unmark).
func markFunc(mark bool, marked *bool) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "value", Type: cty.DynamicPseudoType, AllowUnknown: true, AllowNull: true, AllowDynamicType: true, AllowMarked: true}},
		Type:   func(args []cty.Value) (cty.Type, error) { return args[0].Type(), nil },
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			if mark {
				*marked = true
				return args[0].Mark(sensitiveMark), nil
			}
			v, _ := args[0].Unmark()
			return v, nil
		},
	})
}

func fileHashFunc(workDir string, root *sandbox.Root, h func([]byte) []byte) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}},
		Type:   function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			data, err := readInside(workDir, root, args[0].AsString())
			if err != nil {
				return cty.NilVal, err
			}
			return cty.StringVal(hex.EncodeToString(h(data))), nil
		},
	})
}

// filesetFunc is fileset(path, pattern): the regular files under path
// matching a glob (** for any number of directories), relative to path,
// within the scan root.
func filesetFunc(workDir string, root *sandbox.Root, b *budget.Budget) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}, {Name: "pattern", Type: cty.String}},
		Type:   function.StaticReturnType(cty.Set(cty.String)),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			base := args[0].AsString()
			if !filepath.IsAbs(base) {
				base = filepath.Join(workDir, base)
			}
			rel, err := root.Rel(base)
			if err != nil {
				return cty.NilVal, fmt.Errorf("%s is not read: %s", args[0].AsString(), readError(err))
			}
			pattern := args[1].AsString()
			if !doublestar.ValidatePattern(pattern) {
				return cty.NilVal, fmt.Errorf("invalid pattern %q", pattern)
			}
			dir, err := fs.Sub(root.FS(), rel)
			if err != nil {
				return cty.NilVal, fmt.Errorf("%s is not read: %s", args[0].AsString(), readError(err))
			}
			var out []cty.Value
			var walkErr error
			err = doublestar.GlobWalk(dir, pattern, func(p string, d fs.DirEntry) error {
				if !b.Values(1, graph.Range{}) {
					walkErr = errors.New(budget.Reason("fileset"))
					return fs.SkipAll
				}
				if info, err := fs.Stat(dir, p); err == nil && info.Mode().IsRegular() {
					out = append(out, cty.StringVal(p))
				}
				return nil
			}, doublestar.WithNoFollow())
			if walkErr != nil {
				return cty.NilVal, walkErr
			}
			if err != nil {
				return cty.NilVal, fmt.Errorf("fileset %s: %v", args[0].AsString(), unwrap(err))
			}
			if len(out) == 0 {
				return cty.SetValEmpty(cty.String), nil
			}
			return cty.SetVal(out), nil
		},
	})
}

// fileExistsFunc is fileexists: whether a regular file exists at a path
// inside the scan root; a path outside it is an error, not false, so that
// its value is unknown.
func fileExistsFunc(workDir string, root *sandbox.Root) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}},
		Type:   function.StaticReturnType(cty.Bool),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			full := args[0].AsString()
			if !filepath.IsAbs(full) {
				full = filepath.Join(workDir, full)
			}
			info, err := root.Stat(full)
			switch {
			case errors.Is(err, fs.ErrNotExist):
				return cty.False, nil
			case err != nil:
				return cty.NilVal, fmt.Errorf("%s is not read: %s", args[0].AsString(), readError(err))
			case info.IsDir():
				return cty.NilVal, fmt.Errorf("%s is a directory", args[0].AsString())
			}
			return cty.BoolVal(info.Mode().IsRegular()), nil
		},
	})
}

// templateFileFunc renders a template file with the given variables and the
// same functions (except templatefile itself, as Terraform forbids
// recursion).
func templateFileFunc(workDir string, root *sandbox.Root, fs map[string]function.Function) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}, {Name: "vars", Type: cty.DynamicPseudoType}},
		Type:   function.StaticReturnType(cty.DynamicPseudoType),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			path := args[0].AsString()
			data, err := readInside(workDir, root, path)
			if err != nil {
				return cty.NilVal, err
			}
			if err := nesting.Template(data); err != nil {
				return cty.NilVal, fmt.Errorf("template %s is not evaluated: %v", path, err)
			}
			return renderTemplate(path, data, args[1], fs)
		},
	})
}

// templateStringFunc is Terraform's templatestring: a template held in a
// string value (read from a data source or a file) rendered with vars.
func templateStringFunc(fs map[string]function.Function) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "template", Type: cty.String}, {Name: "vars", Type: cty.DynamicPseudoType}},
		Type:   function.StaticReturnType(cty.DynamicPseudoType),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			return renderTemplate("templatestring", []byte(args[0].AsString()), args[1], fs)
		},
	})
}

// renderTemplate evaluates template source src with the variables in vars
// and the given functions, less the template functions themselves (as
// Terraform forbids recursion).
func renderTemplate(name string, src []byte, vars cty.Value, fs map[string]function.Function) (cty.Value, error) {
	expr, diags := hclsyntax.ParseTemplate(src, name, hcl.Pos{Line: 1, Column: 1})
	if diags.HasErrors() {
		return cty.NilVal, fmt.Errorf("template %s: %s", name, diags.Error())
	}
	instrument(expr)
	values := map[string]cty.Value{}
	if !vars.IsKnown() {
		return cty.DynamicVal, nil
	}
	if !vars.IsNull() && (vars.Type().IsObjectType() || vars.Type().IsMapType()) {
		values = vars.AsValueMap()
	}
	inner := make(map[string]function.Function, len(fs))
	for k, f := range fs {
		if k != "templatefile" && k != "templatestring" {
			inner[k] = f
		}
	}
	val, diags := expr.Value(&hcl.EvalContext{Variables: values, Functions: inner})
	if diags.HasErrors() {
		return cty.NilVal, fmt.Errorf("template %s: %s", name, diags.Error())
	}
	return val, nil
}

// textEncodeBase64Func is Terraform's textencodebase64: the string encoded
// in a named character encoding (UTF-16LE for Windows user data), in
// base64.
var textEncodeBase64Func = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "string", Type: cty.String}, {Name: "encoding", Type: cty.String}},
	Type:   function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		enc, err := textEncoding(args[1].AsString())
		if err != nil {
			return cty.NilVal, err
		}
		out, err := enc.NewEncoder().String(args[0].AsString())
		if err != nil {
			return cty.NilVal, fmt.Errorf("the string cannot be encoded in %s: %w", args[1].AsString(), err)
		}
		return cty.StringVal(base64.StdEncoding.EncodeToString([]byte(out))), nil
	},
})

// textDecodeBase64Func is Terraform's textdecodebase64, the inverse of
// textencodebase64.
var textDecodeBase64Func = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "source", Type: cty.String}, {Name: "encoding", Type: cty.String}},
	Type:   function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		enc, err := textEncoding(args[1].AsString())
		if err != nil {
			return cty.NilVal, err
		}
		raw, err := base64.StdEncoding.DecodeString(args[0].AsString())
		if err != nil {
			return cty.NilVal, fmt.Errorf("invalid base64: %w", err)
		}
		out, err := enc.NewDecoder().Bytes(raw)
		if err != nil {
			return cty.NilVal, fmt.Errorf("the bytes are not valid %s: %w", args[1].AsString(), err)
		}
		return cty.StringVal(string(out)), nil
	},
})

// textEncoding finds a character encoding by its IANA name.
func textEncoding(name string) (encoding.Encoding, error) {
	enc, err := ianaindex.IANA.Encoding(name)
	if err != nil || enc == nil {
		return nil, fmt.Errorf("%q is not a supported character encoding", name)
	}
	return enc, nil
}

var yamlEncodeFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "value", Type: cty.DynamicPseudoType}},
	Type:   function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		if !args[0].IsWhollyKnown() {
			return cty.UnknownVal(cty.String), nil
		}
		var buf bytes.Buffer
		enc := yaml.NewEncoder(&buf)
		enc.SetIndent(2)
		if err := enc.Encode(ctyToGo(args[0])); err != nil {
			return cty.NilVal, err
		}
		return cty.StringVal(buf.String()), nil
	},
})

var yamlDecodeFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "src", Type: cty.String}},
	Type:   function.StaticReturnType(cty.DynamicPseudoType),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		var v any
		if err := yaml.Unmarshal([]byte(args[0].AsString()), &v); err != nil {
			return cty.NilVal, fmt.Errorf("invalid YAML: %w", err)
		}
		return goToCty(v), nil
	},
})

func ctyToGo(v cty.Value) any {
	if v.IsNull() {
		return nil
	}
	ty := v.Type()
	switch {
	case ty == cty.String:
		return v.AsString()
	case ty == cty.Bool:
		return v.True()
	case ty == cty.Number:
		if i, acc := v.AsBigFloat().Int64(); acc == big.Exact {
			return i
		}
		f, _ := v.AsBigFloat().Float64()
		return f
	case ty.IsListType() || ty.IsSetType() || ty.IsTupleType():
		var out []any
		for it := v.ElementIterator(); it.Next(); {
			_, e := it.Element()
			out = append(out, ctyToGo(e))
		}
		return out
	case ty.IsMapType() || ty.IsObjectType():
		out := map[string]any{}
		for k, e := range v.AsValueMap() {
			out[k] = ctyToGo(e)
		}
		return out
	}
	return nil
}

func goToCty(v any) cty.Value {
	switch x := v.(type) {
	case nil:
		return cty.NullVal(cty.DynamicPseudoType)
	case string:
		return cty.StringVal(x)
	case bool:
		return cty.BoolVal(x)
	case int:
		return cty.NumberIntVal(int64(x))
	case int64:
		return cty.NumberIntVal(x)
	case uint64:
		return cty.NumberUIntVal(x)
	case float64:
		return cty.NumberFloatVal(x)
	case []any:
		elems := make([]cty.Value, len(x))
		for i, e := range x {
			elems[i] = goToCty(e)
		}
		return cty.TupleVal(elems)
	case map[string]any:
		m := map[string]cty.Value{}
		for k, e := range x {
			m[k] = goToCty(e)
		}
		return cty.ObjectVal(m)
	case map[any]any:
		m := map[string]cty.Value{}
		for k, e := range x {
			m[fmt.Sprint(k)] = goToCty(e)
		}
		return cty.ObjectVal(m)
	}
	return cty.StringVal(fmt.Sprint(v))
}

// IP address arithmetic for the cidr functions.

func prefixOf(s string) (netip.Prefix, error) {
	p, err := netip.ParsePrefix(s)
	if err != nil {
		return netip.Prefix{}, fmt.Errorf("invalid CIDR %q", s)
	}
	return p.Masked(), nil
}

func addrAdd(p netip.Prefix, offset *big.Int) (netip.Addr, error) {
	n := new(big.Int).SetBytes(p.Addr().AsSlice())
	n.Add(n, offset)
	size := p.Addr().BitLen() / 8
	if n.Sign() < 0 || n.BitLen() > size*8 {
		return netip.Addr{}, fmt.Errorf("address out of range")
	}
	a, _ := netip.AddrFromSlice(n.FillBytes(make([]byte, size)))
	if !p.Contains(a) {
		return netip.Addr{}, fmt.Errorf("host number out of range for %s", p)
	}
	return a, nil
}

func subnet(base string, newbits, num int64) (string, error) {
	p, err := prefixOf(base)
	if err != nil {
		return "", err
	}
	bits := p.Bits() + int(newbits)
	if newbits < 0 || bits > p.Addr().BitLen() {
		return "", fmt.Errorf("cannot extend prefix %s by %d bits", base, newbits)
	}
	if num < 0 || (newbits < 63 && num >= int64(1)<<newbits) {
		return "", fmt.Errorf("subnet number %d does not fit in %d bits", num, newbits)
	}
	offset := new(big.Int).Lsh(big.NewInt(num), uint(p.Addr().BitLen()-bits))
	a, err := addrAdd(p, offset)
	if err != nil {
		return "", err
	}
	return netip.PrefixFrom(a, bits).String(), nil
}

var cidrSubnetFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "prefix", Type: cty.String}, {Name: "newbits", Type: cty.Number}, {Name: "netnum", Type: cty.Number}},
	Type:   function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		nb, _ := args[1].AsBigFloat().Int64()
		nn, _ := args[2].AsBigFloat().Int64()
		s, err := subnet(args[0].AsString(), nb, nn)
		if err != nil {
			return cty.NilVal, err
		}
		return cty.StringVal(s), nil
	},
})

var cidrSubnetsFunc = function.New(&function.Spec{
	Params:   []function.Parameter{{Name: "prefix", Type: cty.String}},
	VarParam: &function.Parameter{Name: "newbits", Type: cty.Number},
	Type:     function.StaticReturnType(cty.List(cty.String)),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		p, err := prefixOf(args[0].AsString())
		if err != nil {
			return cty.NilVal, err
		}
		total := p.Addr().BitLen()
		next := new(big.Int).SetBytes(p.Addr().AsSlice())
		start := new(big.Int).Set(next)
		var out []cty.Value
		for _, a := range args[1:] {
			nb, _ := a.AsBigFloat().Int64()
			bits := p.Bits() + int(nb)
			if nb < 1 || bits > total {
				return cty.NilVal, fmt.Errorf("cannot extend %s by %d bits", p, nb)
			}
			size := new(big.Int).Lsh(big.NewInt(1), uint(total-bits))
			// Align the next address to the subnet size.
			rem := new(big.Int).Mod(new(big.Int).Sub(next, start), size)
			if rem.Sign() != 0 {
				next.Add(next, new(big.Int).Sub(size, rem))
			}
			addr, err := addrAdd(p, new(big.Int).Sub(next, start))
			if err != nil {
				return cty.NilVal, fmt.Errorf("not enough room in %s", p)
			}
			out = append(out, cty.StringVal(netip.PrefixFrom(addr, bits).String()))
			next.Add(next, size)
		}
		if len(out) == 0 {
			return cty.ListValEmpty(cty.String), nil
		}
		return cty.ListVal(out), nil
	},
})

var cidrHostFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "prefix", Type: cty.String}, {Name: "hostnum", Type: cty.Number}},
	Type:   function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		p, err := prefixOf(args[0].AsString())
		if err != nil {
			return cty.NilVal, err
		}
		n, _ := args[1].AsBigFloat().Int(nil)
		if n.Sign() < 0 {
			size := new(big.Int).Lsh(big.NewInt(1), uint(p.Addr().BitLen()-p.Bits()))
			n.Add(n, size)
		}
		a, err := addrAdd(p, n)
		if err != nil {
			return cty.NilVal, err
		}
		return cty.StringVal(a.String()), nil
	},
})

func net4Mask(bits int) string {
	var m uint32
	if bits > 0 {
		m = ^uint32(0) << (32 - bits)
	}
	return fmt.Sprintf("%d.%d.%d.%d", m>>24, m>>16&0xff, m>>8&0xff, m&0xff)
}

// sortedNames lists a function table's names, for tests and messages.
func sortedNames(fs map[string]function.Function) []string {
	names := make([]string, 0, len(fs))
	for n := range fs {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
