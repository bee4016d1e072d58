package graph

import "sort"

// UnreadReason says why the code of a module call was not read.
type UnreadReason uint8

// Why a module's code was not read.
const (
	// NotDownloaded: a remote module (registry, git, https, ...) that
	// terraform init has not downloaded, nor --download-modules.
	NotDownloaded UnreadReason = iota + 1
	// SourceMissing: a local module whose directory does not exist.
	SourceMissing
	// SourceOutsidePackage: a local source in a downloaded module that
	// leaves the module's package.
	SourceOutsidePackage
)

// String names the reason as diagnostics do.
func (r UnreadReason) String() string {
	switch r {
	case NotDownloaded:
		return "not downloaded"
	case SourceMissing:
		return "missing"
	case SourceOutsidePackage:
		return "outside its package"
	}
	return "unknown"
}

// UnreadModule is one instance of a module call whose code the scan could
// not read. Whatever the module would create is unknown: rules that check
// that something exists answer Unknown where such a module could have
// created it, judged by the arguments it receives and the providers it is
// given, never by its name.
type UnreadModule struct {
	// Unit is the Unit.Path the call was evaluated in.
	Unit string
	// Address is the call's address with its instance key and the
	// callers' (module.a["x"].module.b).
	Address string
	// Source is the source argument as written, Version the version
	// constraint ("" when none).
	Source  string
	Version string
	// Dir is the directory a local source names (for SourceMissing).
	Dir    string
	Reason UnreadReason
	// Failure says why --download-modules could not download it.
	Failure string
	// Range is the source argument; the call's block is the last of Calls.
	Range Range
	// Calls is the module call chain from the root, ending with this call.
	Calls []Call
	// Exists is the existence of this instance (count, for_each, and the
	// callers' own).
	Exists    Tri
	ExistsWhy string
	// Args are the call's arguments as evaluated in the caller (an object;
	// source, version, count, for_each, providers and depends_on left
	// out), with the references they were derived from.
	Args Value
	// Providers are the provider configurations the module receives, by
	// the name the module knows them by ("aws", "aws.member"): those the
	// providers argument lists (ProvidersGiven), or else the caller's
	// default configurations. A name the caller has no configuration block
	// for maps to nil.
	Providers      map[string]*Provider
	ProvidersGiven bool
}

// Refers reports whether the call's arguments were derived from the
// resource at address (in the same unit).
func (m *UnreadModule) Refers(address string) bool {
	for _, r := range m.Args.AllRefs() {
		if r.Address == address {
			return true
		}
	}
	return false
}

// Passes reports whether one of the call's arguments holds s as a known
// string, anywhere inside it: a literal name or ARN the module may use to
// find a resource.
func (m *UnreadModule) Passes(s string) bool {
	found := false
	m.Args.walk(func(v Value) {
		if v.kind == KindString && v.str == s {
			found = true
		}
	})
	return found
}

// sortUnreadModules orders calls by unit, then by position.
func sortUnreadModules(ms []*UnreadModule) {
	sort.SliceStable(ms, func(i, j int) bool {
		a, b := ms[i], ms[j]
		if a.Unit != b.Unit {
			return a.Unit < b.Unit
		}
		if c := compareRange(a.Range, b.Range); c != 0 {
			return c < 0
		}
		return a.Address < b.Address
	})
}
