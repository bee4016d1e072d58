package aws

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/blindspot-iac/blindspot/graph"
)

// Policy is an IAM policy document: an identity policy, a resource policy
// (bucket, key, queue, topic), a role trust policy, or a service control
// policy. It is read from a JSON string (heredoc, jsonencode, file(),
// aws_iam_policy_document) or from an object (CloudFormation).
type Policy struct {
	// At locates the attribute holding the document.
	At graph.Loc
	// Known is false when the document itself is not known; Why says why.
	Known bool
	Why   string
	// Invalid is set when the document is known but is not a policy (bad
	// JSON, no Statement); it says what is wrong.
	Invalid    string
	Version    string
	Statements []*Statement
	// Text is the JSON text when the document was written as a string
	// (empty for CloudFormation objects); MinifiedSize is the number of
	// characters without whitespace outside strings, which is what AWS
	// counts against policy size quotas (-1 when unknown).
	Text         string
	MinifiedSize int
}

// Statement is one policy statement.
type Statement struct {
	At  graph.Loc
	Sid string
	// Effect is "Allow" or "Deny" (AWS is case-sensitive); anything else
	// makes the policy invalid.
	Effect String
	// Action and NotAction (one of them is set in a valid statement).
	Action, NotAction StringSet
	// Resource and NotResource.
	Resource, NotResource StringSet
	// Principal and NotPrincipal are nil when absent.
	Principal, NotPrincipal *Principal
	// Conditions in document order.
	Conditions []Condition
	// ConditionUnknown is true when the Condition block could not be read.
	ConditionUnknown bool
}

// Principal is the Principal (or NotPrincipal) element.
type Principal struct {
	At graph.Loc
	// Wildcard is true for "Principal": "*" and {"AWS": "*"}.
	Wildcard graph.Tri
	// ByType maps AWS, Service, Federated, CanonicalUser to their values.
	ByType map[string]StringSet
}

// Condition is one operator/key/values triple of a Condition block.
type Condition struct {
	At graph.Loc
	// Operator as written ("StringEquals", "ForAnyValue:StringLike",
	// "BoolIfExists").
	Operator string
	// Key as written; compare with EqualFold, condition keys are
	// case-insensitive.
	Key    string
	Values StringSet
}

// StringSet is a list of strings in which some elements, or the whole
// list, may be unknown.
type StringSet struct {
	At graph.Loc
	// Set is true when the element is present.
	Set bool
	// Values are the known elements.
	Values []string
	// Unknown counts unknown elements; AllUnknown means the list itself
	// is unknown.
	Unknown    int
	AllUnknown bool
	Why        string
	// RefDerived counts the unknown elements (or the unknown list) that
	// are references to attributes of other resources: an ARN or ID known
	// only after apply, which is never a bare wildcard.
	RefDerived int
}

// anyWildcard is True when an element is exactly "*"; unknown elements
// derived from resource attributes are not.
func (s StringSet) anyWildcard() graph.Tri {
	t := s.Any(func(v string) bool { return v == "*" })
	if t == graph.Unknown && s.RefDerived > 0 && s.RefDerived == s.Unknown+boolInt(s.AllUnknown) {
		return graph.False
	}
	return t
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// Loc locates the set.
func (s StringSet) Loc() graph.Loc { return s.At }

// UnknownReason says why the set is not fully known.
func (s StringSet) UnknownReason() string { return s.Why }

// Any is True when some element satisfies pred, False when every element
// is known and none does, Unknown otherwise.
func (s StringSet) Any(pred func(string) bool) graph.Tri {
	for _, v := range s.Values {
		if pred(v) {
			return graph.True
		}
	}
	if s.AllUnknown || s.Unknown > 0 {
		return graph.Unknown
	}
	return graph.False
}

// All is True when every element is known and satisfies pred (and there
// is at least one), False when a known element does not, Unknown otherwise.
func (s StringSet) All(pred func(string) bool) graph.Tri {
	for _, v := range s.Values {
		if !pred(v) {
			return graph.False
		}
	}
	if s.AllUnknown || s.Unknown > 0 {
		return graph.Unknown
	}
	return graph.TriOf(len(s.Values) > 0)
}

// Contains tests for an element equal to x, case-insensitively.
func (s StringSet) Contains(x string) graph.Tri {
	return s.Any(func(v string) bool { return strings.EqualFold(v, x) })
}

// IsAllow is True for Allow statements.
func (st *Statement) IsAllow() graph.Tri {
	return st.Effect.Test(func(e string) bool { return e == "Allow" })
}

// IsDeny is True for Deny statements.
func (st *Statement) IsDeny() graph.Tri {
	return st.Effect.Test(func(e string) bool { return e == "Deny" })
}

// CoversAction is True when the statement's actions include action
// (Action matching it, or NotAction not matching it).
func (st *Statement) CoversAction(action string) graph.Tri {
	if st.Action.Set {
		return st.Action.Any(func(p string) bool { return WildcardMatch(p, action) })
	}
	if st.NotAction.Set {
		return st.NotAction.Any(func(p string) bool { return WildcardMatch(p, action) }).Not()
	}
	return graph.False
}

// CoversAllResources is True when the statement applies to every resource
// ("*" in Resource, or a NotResource).
func (st *Statement) CoversAllResources() graph.Tri {
	if st.Resource.Set {
		return st.Resource.anyWildcard()
	}
	return graph.TriOf(st.NotResource.Set)
}

// HasConditions is True when the statement has a Condition block.
func (st *Statement) HasConditions() graph.Tri {
	if st.ConditionUnknown {
		return graph.Unknown
	}
	return graph.TriOf(len(st.Conditions) > 0)
}

// ConditionsOn returns the conditions on key (case-insensitive).
func (st *Statement) ConditionsOn(key string) []Condition {
	var out []Condition
	for _, c := range st.Conditions {
		if strings.EqualFold(c.Key, key) {
			out = append(out, c)
		}
	}
	return out
}

// WildcardMatch matches an IAM pattern (with * and ?) against a value,
// case-insensitively, as IAM matches actions. ASCII text (actions,
// resource types: a wildcard policy matches every resource of a scan) is
// compared byte by byte with its letters lowered, without lower-cased
// copies; other text is lower-cased first.
func WildcardMatch(pattern, value string) bool {
	if !isASCII(pattern) || !isASCII(value) {
		pattern, value = strings.ToLower(pattern), strings.ToLower(value)
	}
	return globMatch(pattern, value)
}

// globMatch matches pattern p against v, ASCII letters compared
// case-insensitively: an iterative glob match with backtracking on the
// last star.
func globMatch(p, v string) bool {
	pi, vi, star, mark := 0, 0, -1, 0
	for vi < len(v) {
		switch {
		case pi < len(p) && (p[pi] == '?' || lowerASCII(p[pi]) == lowerASCII(v[vi])):
			pi++
			vi++
		case pi < len(p) && p[pi] == '*':
			star, mark = pi, vi
			pi++
		case star >= 0:
			pi = star + 1
			mark++
			vi = mark
		default:
			return false
		}
	}
	for pi < len(p) && p[pi] == '*' {
		pi++
	}
	return pi == len(p)
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

func isASCII(s string) bool {
	for i := range len(s) {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// PolicyOf reads the policy document in field f.
func PolicyOf(f Field) *Policy {
	pol := &Policy{At: KeyLoc(f), MinifiedSize: -1}
	if !f.IsSet() {
		pol.Known = true
		pol.Invalid = "no policy document"
		return pol
	}
	v := f.Value
	if !v.IsKnown() {
		pol.Why = v.Why()
		return pol
	}
	if s, ok := v.AsString(); ok && v.Kind() == graph.KindString {
		pol.Text = s
		pol.MinifiedSize = MinifiedLength(s)
		decoded, err := DecodeJSON(s, v.Range)
		if err != nil {
			pol.Known = true
			pol.Invalid = "the policy is not valid JSON: " + err.Error()
			return pol
		}
		v = decoded
		f = Field{Res: f.Res, Path: f.Path, Value: v, Present: true}
	} else if v.Kind() == graph.KindObject {
		if n, ok := minifiedSize(v); ok {
			pol.MinifiedSize = n
		}
	}
	pol.Known = true
	if v.Kind() != graph.KindObject {
		pol.Invalid = "the policy is not a JSON object"
		return pol
	}
	pol.Version, _ = f.Get("Version").Value.AsString()
	stmts := f.Get("Statement")
	if !stmts.IsSet() {
		pol.Invalid = "the policy has no Statement"
		return pol
	}
	if !stmts.Value.IsKnown() {
		pol.Known = false
		pol.Why = stmts.Value.Why()
		return pol
	}
	blocks, _ := stmts.Blocks()
	for _, b := range blocks {
		if !b.Value.IsKnown() {
			pol.Known = false
			pol.Why = b.Value.Why()
			return pol
		}
		pol.Statements = append(pol.Statements, statementOf(b))
	}
	return pol
}

func statementOf(b Field) *Statement {
	st := &Statement{At: b.Loc()}
	st.Sid, _ = b.Get("Sid").Value.AsString()
	st.Effect = StringOf(b.Get("Effect"), nil)
	st.Action = stringSetOf(b.Get("Action"))
	st.NotAction = stringSetOf(b.Get("NotAction"))
	st.Resource = stringSetOf(b.Get("Resource"))
	st.NotResource = stringSetOf(b.Get("NotResource"))
	st.Principal = principalOf(b.Get("Principal"))
	st.NotPrincipal = principalOf(b.Get("NotPrincipal"))
	cond := b.Get("Condition")
	if cond.IsSet() {
		if !cond.Value.IsKnown() || cond.Value.Kind() != graph.KindObject {
			st.ConditionUnknown = true
		} else {
			for _, op := range cond.Value.Fields() {
				opField := Field{Res: b.Res, Path: cond.Path + "." + op.Key, Value: op.Value, Present: true}
				if op.Value.Kind() != graph.KindObject {
					st.ConditionUnknown = true
					continue
				}
				for _, kv := range op.Value.Fields() {
					kf := opField.Get(kv.Key)
					st.Conditions = append(st.Conditions, Condition{At: kf.Loc(), Operator: op.Key, Key: kv.Key, Values: stringSetOf(kf)})
				}
			}
		}
	}
	return st
}

func stringSetOf(f Field) StringSet {
	s := StringSet{At: KeyLoc(f), Set: f.IsSet()}
	if !s.Set {
		return s
	}
	v := f.Value
	if !v.IsKnown() {
		s.AllUnknown, s.Why = true, v.Why()
		if len(v.Refs()) > 0 || notBareWildcard(v) {
			s.RefDerived = 1
		}
		return s
	}
	elems := []graph.Value{v}
	if v.Kind() == graph.KindList {
		elems = v.Elems()
	}
	for _, e := range elems {
		if str, ok := e.AsString(); ok && e.IsKnown() {
			s.Values = append(s.Values, str)
			continue
		}
		s.Unknown++
		if !e.IsKnown() && (len(e.AllRefs()) > 0 || notBareWildcard(e)) {
			s.RefDerived++
		}
		if s.Why == "" {
			s.Why = e.Why()
		}
	}
	return s
}

// notBareWildcard reports whether an unknown string is certainly not "*":
// a template with literal text around its unknown parts.
func notBareWildcard(v graph.Value) bool {
	lit := v.LiteralText()
	return lit != "" && strings.Trim(lit, "*") != ""
}

func principalOf(f Field) *Principal {
	if !f.IsSet() {
		return nil
	}
	p := &Principal{At: KeyLoc(f), ByType: map[string]StringSet{}}
	v := f.Value
	switch {
	case !v.IsKnown():
		p.Wildcard = graph.Unknown
		if notBareWildcard(v) {
			p.Wildcard = graph.False
		}
	case v.Kind() == graph.KindString:
		s, _ := v.AsString()
		p.Wildcard = graph.TriOf(s == "*")
		p.ByType["AWS"] = stringSetOf(f)
	case v.Kind() == graph.KindObject:
		for _, fl := range v.Fields() {
			p.ByType[fl.Key] = stringSetOf(f.Get(fl.Key))
		}
		p.Wildcard = graph.False
		if aws, ok := p.ByType["AWS"]; ok {
			p.Wildcard = aws.anyWildcard()
		}
	default:
		p.Wildcard = graph.Unknown
	}
	return p
}

// DecodeJSON parses JSON text into a Value whose every node carries r (a
// string value has no positions inside it).
func DecodeJSON(text string, r graph.Range) (graph.Value, error) {
	dec := json.NewDecoder(strings.NewReader(text))
	dec.UseNumber()
	var x any
	if err := dec.Decode(&x); err != nil {
		return graph.Value{}, err
	}
	if dec.More() {
		return graph.Value{}, fmt.Errorf("unexpected content after the JSON document")
	}
	return fromJSON(x, r), nil
}

func fromJSON(x any, r graph.Range) graph.Value {
	switch t := x.(type) {
	case nil:
		return graph.Null(r)
	case bool:
		return graph.Bool(t, r)
	case json.Number:
		f, err := t.Float64()
		if err != nil {
			return graph.String(t.String(), r)
		}
		return graph.Number(f, r)
	case string:
		return graph.String(t, r)
	case []any:
		elems := make([]graph.Value, len(t))
		for i, e := range t {
			elems[i] = fromJSON(e, r)
		}
		return graph.List(elems, r)
	case map[string]any:
		keys := slices.Sorted(maps.Keys(t))
		fields := make([]graph.Field, len(keys))
		for i, k := range keys {
			fields[i] = graph.Field{Key: k, KeyRange: r, Value: fromJSON(t[k], r)}
		}
		return graph.Object(fields, r)
	}
	return graph.UnknownValue("unsupported JSON value", r)
}

// MinifiedLength counts the characters of JSON text without the whitespace
// outside strings.
func MinifiedLength(text string) int {
	n, inString, escaped := 0, false, false
	for _, c := range text {
		switch {
		case inString:
			n++
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
		case c == '"':
			inString = true
			n++
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
		default:
			n++
		}
	}
	return n
}

// minifiedSize is the number of bytes of v, a known value, written as
// minified JSON with strings escaped as encoding/json escapes them (HTML
// characters included), counted without writing them; ok is false for an
// unknown value.
func minifiedSize(v graph.Value) (n int, ok bool) {
	switch v.Kind() {
	case graph.KindNull:
		return len("null"), true
	case graph.KindBool, graph.KindNumber:
		s, _ := v.AsString()
		return len(s), true
	case graph.KindString:
		s, _ := v.AsString()
		return jsonStringSize(s), true
	case graph.KindList:
		elems := v.Elems()
		n = len("[]") + max(len(elems)-1, 0)
		for _, e := range elems {
			m, ok := minifiedSize(e)
			if !ok {
				return 0, false
			}
			n += m
		}
		return n, true
	case graph.KindObject:
		fields := v.Fields()
		n = len("{}") + max(len(fields)-1, 0)
		for _, f := range fields {
			m, ok := minifiedSize(f.Value)
			if !ok {
				return 0, false
			}
			n += jsonStringSize(f.Key) + len(":") + m
		}
		return n, true
	}
	return 0, false
}

// jsonStringSize is len(json.Marshal(s)): s quoted, with quotes,
// backslashes, control characters, <, > and &, invalid UTF-8 (as U+FFFD),
// U+2028 and U+2029 escaped.
func jsonStringSize(s string) int {
	n := len(`""`)
	for i := 0; i < len(s); {
		if b := s[i]; b < utf8.RuneSelf {
			switch {
			case b == '"' || b == '\\' || b == '\b' || b == '\f' || b == '\n' || b == '\r' || b == '\t':
				n += 2
			case b < 0x20 || b == '<' || b == '>' || b == '&':
				n += len(`\u0000`)
			default:
				n++
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || r == '\u2028' || r == '\u2029' {
			n += len(`\u0000`)
		} else {
			n += size
		}
		i += size
	}
	return n
}

// CoversEveryAction is True when the statement's Action holds a pattern
// that matches every action of every service ("*", "*:*"). A NotAction
// statement covers everything except what it lists, which is not every
// action.
func (st *Statement) CoversEveryAction() graph.Tri {
	if !st.Action.Set {
		return graph.False
	}
	return st.Action.Any(func(p string) bool {
		return strings.Trim(p, "*") == "" || p == "*:*"
	})
}

// limitingConditionKeys are the global and service condition keys that
// restrict who can use a statement: the calling principal, its account or
// organisation, or where the request comes from. A statement granting
// access to "*" under a positive condition on one of them is not public.
// Keys that say how the request is made (aws:SecureTransport,
// aws:MultiFactorAuthPresent) or that any caller can supply
// (sts:ExternalId) do not limit who.
var limitingConditionKeys = map[string]bool{
	"aws:sourcearn":             true,
	"aws:sourceaccount":         true,
	"aws:sourceowner":           true,
	"aws:sourceorgid":           true,
	"aws:sourceorgpaths":        true,
	"aws:sourcevpc":             true,
	"aws:sourcevpce":            true,
	"aws:sourceip":              true,
	"aws:vpcsourceip":           true,
	"aws:principalorgid":        true,
	"aws:principalorgpaths":     true,
	"aws:principalaccount":      true,
	"aws:principalarn":          true,
	"aws:principalservicename":  true,
	"aws:userid":                true,
	"aws:username":              true,
	"kms:calleraccount":         true,
	"s3:dataaccesspointaccount": true,
	"s3:dataaccesspointarn":     true,
}

// IsLimitingConditionKey reports whether a condition key restricts who can
// use a statement (see LimitsCaller).
func IsLimitingConditionKey(key string) bool {
	return limitingConditionKeys[strings.ToLower(key)]
}

// LimitsCaller is True when the statement has a condition that restricts
// the caller to specific principals, accounts, organisations, networks or
// source resources: a positive operator (StringEquals, StringLike,
// ArnEquals, ArnLike, IpAddress, and their ForAnyValue forms) on a limiting
// key with a value that is not a wildcard. Negated operators, IfExists
// forms (which pass when the key is absent) and ForAllValues forms (which
// pass on an empty set) do not limit.
func (st *Statement) LimitsCaller() graph.Tri {
	result := graph.False
	if st.ConditionUnknown {
		result = graph.Unknown
	}
	for _, c := range st.Conditions {
		result = result.Or(c.limitsCaller())
	}
	return result
}

func (c Condition) limitsCaller() graph.Tri {
	if !IsLimitingConditionKey(c.Key) {
		return graph.False
	}
	op := strings.ToLower(c.Operator)
	if strings.HasPrefix(op, "forallvalues:") || strings.HasSuffix(op, "ifexists") {
		return graph.False
	}
	op = strings.TrimPrefix(op, "foranyvalue:")
	var wildcard func(string) bool
	switch op {
	case "stringequals", "stringequalsignorecase", "arnequals":
		// Exact matches: whatever the value, it names someone. An
		// unknown value (an account ID known after apply) still limits.
		if len(c.Values.Values) == 0 && !c.Values.AllUnknown && c.Values.Unknown == 0 {
			return graph.False
		}
		return graph.True
	case "stringlike", "arnlike":
		wildcard = func(v string) bool { return strings.Trim(v, "*?") == "" || v == "arn:aws:*" || v == "arn:*" }
	case "ipaddress":
		wildcard = IsInternet
	default:
		return graph.False
	}
	if len(c.Values.Values) == 0 && !c.Values.AllUnknown && c.Values.Unknown == 0 {
		return graph.False
	}
	// A Like pattern or address range limits only if no value is a
	// wildcard; an unknown value might be one.
	return c.Values.All(func(v string) bool { return !wildcard(v) })
}

// PrincipalAt locates the statement's Principal (or NotPrincipal), where
// a finding about whom it grants access to points; the statement itself
// when it has neither.
func (st *Statement) PrincipalAt() graph.Loc {
	switch {
	case st.Principal != nil:
		return st.Principal.At
	case st.NotPrincipal != nil:
		return st.NotPrincipal.At
	}
	return st.At
}

// GrantsPublicAccess is True when the statement allows everyone: an Allow
// with a wildcard principal ("*", {"AWS": "*"}) or a NotPrincipal (every
// principal but those listed), and no condition that limits the caller.
// Identity policies (no principal) never grant public access.
func (st *Statement) GrantsPublicAccess() graph.Tri {
	var anyone graph.Tri
	switch {
	case st.Principal != nil:
		anyone = st.Principal.Wildcard
	case st.NotPrincipal != nil:
		anyone = graph.True
	default:
		anyone = graph.False
	}
	return st.IsAllow().And(anyone).And(st.LimitsCaller().Not())
}

// Loc locates the policy document.
func (p *Policy) Loc() graph.Loc { return p.At }

// UnknownReason says why the document, or whether it satisfies a test, is
// not known.
func (p *Policy) UnknownReason() string {
	switch {
	case p.Invalid != "":
		return p.Invalid
	case p.Why != "":
		return p.Why
	}
	return "a statement of the policy is not known"
}

// AnyStatement is True when some statement satisfies test, False when the
// document is known, valid and none does, and Unknown otherwise (an
// unknown or invalid document is not known to hold anything).
func (p *Policy) AnyStatement(test func(*Statement) graph.Tri) graph.Tri {
	result := graph.False
	for _, st := range p.Statements {
		result = result.Or(test(st))
	}
	if result == graph.True {
		return result
	}
	if !p.Known || p.Invalid != "" {
		return graph.Unknown
	}
	return result
}

// AppliesToEveryone is True when the statement's principal is everyone
// ("*" or {"AWS": "*"}).
func (st *Statement) AppliesToEveryone() graph.Tri {
	if st.Principal == nil {
		return graph.False
	}
	return st.Principal.Wildcard
}

// DeniesInsecureTransport is True for a statement that denies every
// principal every action of the given service prefix ("s3") when
// aws:SecureTransport is false, the form AWS documents for requiring
// HTTPS. A deny on the TLS version alone does not refuse plain HTTP (the
// key is absent there, and a numeric condition on an absent key does not
// match), so it does not count.
func (st *Statement) DeniesInsecureTransport(service string) graph.Tri {
	cond := graph.False
	if st.ConditionUnknown {
		cond = graph.Unknown
	}
	for _, c := range st.ConditionsOn("aws:SecureTransport") {
		switch strings.ToLower(c.Operator) {
		case "bool", "boolifexists":
			cond = cond.Or(c.Values.Contains("false"))
		}
	}
	return graph.All(st.IsDeny(), st.AppliesToEveryone(), st.CoversAction(service+":*"), cond)
}

// DeniesAction is True for a Deny statement that covers action on every
// resource, whatever its conditions (a guardrail usually exempts an
// administrator role by condition).
func (st *Statement) DeniesAction(action string) graph.Tri {
	return graph.All(st.IsDeny(), st.CoversAction(action), st.CoversAllResources())
}

// baseOperator strips the set and IfExists qualifiers from a condition
// operator and lower-cases it ("ForAnyValue:StringLikeIfExists" ->
// "stringlike").
func baseOperator(op string) string {
	op = strings.ToLower(op)
	if i := strings.Index(op, ":"); i >= 0 {
		op = op[i+1:]
	}
	return strings.TrimSuffix(op, "ifexists")
}

// DeniesRootUser is True for a Deny statement on every action (Action "*"
// or a NotAction list) under a StringLike or ArnLike condition on
// aws:PrincipalArn matching the root user of any account
// ("arn:aws:iam::*:root"), the form AWS documents for restricting the root
// user of member accounts.
func (st *Statement) DeniesRootUser() graph.Tri {
	if st.ExemptsOnly("aws:PrincipalArn") == graph.False {
		return graph.False
	}
	every := st.CoversEveryAction()
	if st.NotAction.Set {
		every = graph.True
	}
	cond := graph.False
	if st.ConditionUnknown {
		cond = graph.Unknown
	}
	for _, c := range st.ConditionsOn("aws:PrincipalArn") {
		switch baseOperator(c.Operator) {
		case "stringlike", "arnlike":
			cond = cond.Or(c.Values.Any(func(v string) bool {
				return WildcardMatch(v, "arn:aws:iam::123456789012:root")
			}))
		}
	}
	return graph.All(st.IsDeny(), every, cond)
}

// RestrictsRegion is True for a Deny statement under a negated string
// condition on aws:RequestedRegion (StringNotEquals, StringNotLike): it
// denies requests to regions other than those listed.
func (st *Statement) RestrictsRegion() graph.Tri {
	cond := graph.False
	if st.ConditionUnknown {
		cond = graph.Unknown
	}
	for _, c := range st.ConditionsOn("aws:RequestedRegion") {
		switch baseOperator(c.Operator) {
		case "stringnotequals", "stringnotequalsignorecase", "stringnotlike":
			cond = graph.True
		}
	}
	return graph.All(st.IsDeny(), cond, st.ExemptsOnly("aws:RequestedRegion"))
}

// DeniesOnRoles is True for a Deny statement that covers every one of
// actions on IAM roles: its Resource holds "*" or a role ARN pattern
// ("arn:aws:iam::*:role/org-admin/*").
func (st *Statement) DeniesOnRoles(actions ...string) graph.Tri {
	t := st.IsDeny()
	for _, a := range actions {
		t = t.And(st.CoversAction(a))
	}
	res := graph.TriOf(st.NotResource.Set)
	if st.Resource.Set {
		res = st.Resource.Any(func(v string) bool {
			return v == "*" || strings.Contains(strings.ToLower(v), ":role/")
		})
	}
	return t.And(res)
}

// ExemptsOnly is True when every condition of the statement, other than
// those on the keys in ignore, only carves out exceptions: a negated
// operator (StringNotEquals, StringNotLike, ArnNotLike, ...) on a key that
// identifies the caller (aws:PrincipalArn, aws:PrincipalTag/team, ...),
// Null, or aws:ViaAWSService being false. A negated condition on another
// key (aws:RequestedRegion, aws:SourceIp) limits the Deny to some
// requests. A Deny under such conditions still
// applies to everyone else; a Deny under a positive condition
// (StringEquals aws:PrincipalArn on one role) applies only to the requests
// that match it.
func (st *Statement) ExemptsOnly(ignore ...string) graph.Tri {
	if st.ConditionUnknown {
		return graph.Unknown
	}
	result := graph.True
next:
	for _, c := range st.Conditions {
		for _, k := range ignore {
			if strings.EqualFold(c.Key, k) {
				continue next
			}
		}
		op := baseOperator(c.Operator)
		switch {
		case strings.Contains(op, "not") && identifiesCaller(c.Key), op == "null":
		case op == "bool" && strings.EqualFold(c.Key, "aws:ViaAWSService"):
			result = result.And(c.Values.All(func(v string) bool { return strings.EqualFold(v, "false") }))
		default:
			return graph.False
		}
	}
	return result
}

// identifiesCaller reports whether a condition key names who makes the
// request: the principal, its account, organisation or tags.
func identifiesCaller(key string) bool {
	k := strings.ToLower(key)
	return strings.HasPrefix(k, "aws:principal") || k == "aws:userid" || k == "aws:username" ||
		strings.HasPrefix(k, "aws:sourceidentity")
}
