package policy

import (
	"fmt"
	"net/netip"
	"reflect"
	"strconv"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
	"github.com/google/cel-go/cel"
	"github.com/google/cel-go/common/types"
	"github.com/google/cel-go/common/types/ref"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/graph/aws"
)

// Helper is one helper function, as documented in docs/policies.md.
type Helper struct {
	Signature string
	Doc       string
	Example   string
}

// Helpers lists the helper functions policies may call besides CEL's
// standard library and its string extensions.
func Helpers() []Helper {
	return []Helper{
		{"isInternet(string) -> bool", "Whether a CIDR block is the whole internet (`0.0.0.0/0`, `::/0`, any prefix of length 0). A string that is not a CIDR block is not.", `resource.attributes.cidr_blocks.exists(c, isInternet(c))`},
		{"cidrContains(string, string) -> bool", "Whether the CIDR block in the first argument contains the address or CIDR block in the second. Addresses of different families are never contained.", `cidrContains("10.0.0.0/8", "10.1.0.0/16")`},
		{"cidrOverlaps(string, string) -> bool", "Whether two CIDR blocks share an address.", `cidrOverlaps(c, "192.168.0.0/16")`},
		{"portsOverlap(dyn, dyn, dyn, dyn) -> bool", "Whether the inclusive port range from the first two arguments overlaps the range from the last two. Ports may be numbers or numeric strings (CloudFormation writes both); -1 at either end of a range means every port, as in AWS security group rules.", `portsOverlap(rule.from_port, rule.to_port, 22, 22)`},
		{"string.glob(string) -> bool", "Whether the string matches a glob pattern: `*` and `?` within a `/`-separated segment, `**` across segments, `[a-z]` and `{a,b}`. An invalid pattern is an evaluation error.", `resource.address.glob("module.legacy*/**")`},
		{"string.matches(string) -> bool", "CEL's own regular expression match (RE2 syntax), true when the pattern matches any part of the string; anchor it with `^...$` to match all of it.", `resource.attributes.name.matches("^alias/acme-[a-z0-9-]+$")`},
		{"iamPolicy(dyn) -> aws.Policy", "Reads an IAM policy document from a JSON string or a document object (CloudFormation), for the methods below.", `iamPolicy(resource.attributes.policy).public()`},
		{"aws.Policy.allows(string, string) -> bool", "Whether some Allow statement covers the action (first argument) on the resource ARN (second), and no Deny statement without conditions covers it too. Both may use IAM wildcards (`s3:*`, `arn:aws:s3:::bucket/*`). Principals are not considered, and an Allow with conditions counts: it allows in some cases.", `bucket.policy.document.allows("s3:GetObject", "*")`},
		{"aws.Policy.public() -> bool", "Whether some statement allows everyone: an Allow for principal `*` (or a NotPrincipal) without a condition that limits the caller (aws:SourceArn, aws:SourceAccount, aws:PrincipalOrgID, aws:SourceVpce and similar).", `iamPolicy(resource.attributes.policy).public()`},
	}
}

// functions declares the helpers.
func functions(e *Env) []cel.EnvOption {
	policy := e.typed.structOf(policyType).obj.cel
	return []cel.EnvOption{
		cel.Function("isInternet",
			cel.Overload("is_internet_string", []*cel.Type{cel.StringType}, cel.BoolType,
				cel.UnaryBinding(func(v ref.Val) ref.Val {
					p, err := netip.ParsePrefix(strings.TrimSpace(string(v.(types.String))))
					return types.Bool(err == nil && p.Bits() == 0)
				}))),
		cel.Function("cidrContains",
			cel.Overload("cidr_contains_string_string", []*cel.Type{cel.StringType, cel.StringType}, cel.BoolType,
				cel.BinaryBinding(func(a, b ref.Val) ref.Val {
					outer, err := parsePrefix(string(a.(types.String)))
					if err != nil {
						return types.WrapErr(err)
					}
					inner, err := parsePrefix(string(b.(types.String)))
					if err != nil {
						return types.WrapErr(err)
					}
					return types.Bool(outer.Addr().Is4() == inner.Addr().Is4() && outer.Bits() <= inner.Bits() && outer.Contains(inner.Addr()))
				}))),
		cel.Function("cidrOverlaps",
			cel.Overload("cidr_overlaps_string_string", []*cel.Type{cel.StringType, cel.StringType}, cel.BoolType,
				cel.BinaryBinding(func(a, b ref.Val) ref.Val {
					x, err := parsePrefix(string(a.(types.String)))
					if err != nil {
						return types.WrapErr(err)
					}
					y, err := parsePrefix(string(b.(types.String)))
					if err != nil {
						return types.WrapErr(err)
					}
					return types.Bool(x.Overlaps(y))
				}))),
		cel.Function("portsOverlap",
			cel.Overload("ports_overlap_dyn_dyn_dyn_dyn", []*cel.Type{cel.DynType, cel.DynType, cel.DynType, cel.DynType}, cel.BoolType,
				cel.FunctionBinding(func(args ...ref.Val) ref.Val {
					var p [4]int64
					for i, a := range args {
						n, err := port(a)
						if err != nil {
							return types.WrapErr(err)
						}
						p[i] = n
					}
					return types.Bool(portsOverlap(p[0], p[1], p[2], p[3]))
				}))),
		cel.Function("glob",
			cel.MemberOverload("string_glob_string", []*cel.Type{cel.StringType, cel.StringType}, cel.BoolType,
				cel.BinaryBinding(func(s, pattern ref.Val) ref.Val {
					ok, err := doublestar.Match(string(pattern.(types.String)), string(s.(types.String)))
					if err != nil {
						return types.NewErr("glob: bad pattern %q", string(pattern.(types.String)))
					}
					return types.Bool(ok)
				}))),
		cel.Function("iamPolicy",
			cel.Overload("iam_policy_dyn", []*cel.Type{cel.DynType}, policy,
				cel.UnaryBinding(func(v ref.Val) ref.Val { return e.iamPolicy(v) }))),
		cel.Function("allows",
			cel.MemberOverload("policy_allows_string_string", []*cel.Type{policy, cel.StringType, cel.StringType}, cel.BoolType,
				cel.FunctionBinding(func(args ...ref.Val) ref.Val {
					o, pol, errv := policyArg(args[0])
					if errv != nil {
						return errv
					}
					action, resource := string(args[1].(types.String)), string(args[2].(types.String))
					t := allows(pol, action, resource)
					if t != graph.Unknown {
						// Known, as most are: no path to spell out.
						return o.tri(t, "", "")
					}
					return o.tri(t, fmt.Sprintf("%s.allows(%q, %q)", o.path, action, resource), pol.UnknownReason())
				}))),
		cel.Function("public",
			cel.MemberOverload("policy_public", []*cel.Type{policy}, cel.BoolType,
				cel.UnaryBinding(func(v ref.Val) ref.Val {
					o, pol, errv := policyArg(v)
					if errv != nil {
						return errv
					}
					t := pol.AnyStatement((*aws.Statement).GrantsPublicAccess)
					if t != graph.Unknown {
						return o.tri(t, "", "")
					}
					return o.tri(t, o.path+".public()", pol.UnknownReason())
				}))),
	}
}

// parsePrefix reads a CIDR block or a single address.
func parsePrefix(s string) (netip.Prefix, error) {
	s = strings.TrimSpace(s)
	if p, err := netip.ParsePrefix(s); err == nil {
		return p.Masked(), nil
	}
	a, err := netip.ParseAddr(s)
	if err != nil {
		return netip.Prefix{}, fmt.Errorf("%q is neither a CIDR block nor an address", s)
	}
	return netip.PrefixFrom(a, a.BitLen()), nil
}

// port reads a port number written as a number or a numeric string.
func port(v ref.Val) (int64, error) {
	switch x := v.(type) {
	case types.Int:
		return int64(x), nil
	case types.Uint:
		return int64(x), nil
	case types.Double:
		return int64(x), nil
	case types.String:
		n, err := strconv.ParseInt(strings.TrimSpace(string(x)), 10, 64)
		if err != nil {
			return 0, fmt.Errorf("portsOverlap: %q is not a port", string(x))
		}
		return n, nil
	}
	return 0, fmt.Errorf("portsOverlap: a port must be a number, not %s", v.Type().TypeName())
}

// portsOverlap compares inclusive ranges; -1 at either end means every
// port.
func portsOverlap(from, to, otherFrom, otherTo int64) bool {
	norm := func(a, b int64) (int64, int64) {
		if a < 0 || b < 0 {
			return 0, 65535
		}
		if a > b {
			a, b = b, a
		}
		return a, b
	}
	from, to = norm(from, to)
	otherFrom, otherTo = norm(otherFrom, otherTo)
	return from <= otherTo && otherFrom <= to
}

// policyArg unwraps a policy document argument.
func policyArg(v ref.Val) (*objVal, *aws.Policy, ref.Val) {
	o, ok := v.(*objVal)
	if !ok {
		return nil, nil, types.MaybeNoSuchOverloadErr(v)
	}
	pol, ok := o.native.(*aws.Policy)
	if !ok || pol == nil {
		return nil, nil, types.NewErr("not a policy document")
	}
	return o, pol, nil
}

// tri converts a three-valued answer about o to CEL.
func (o *objVal) tri(t graph.Tri, path, why string) ref.Val {
	switch t {
	case graph.True:
		return types.True
	case graph.False:
		return types.False
	}
	return o.st.unknown(path, why, 0)
}

// iamPolicy reads a policy document from a JSON string or an object of
// the resource's attributes.
func (e *Env) iamPolicy(v ref.Val) ref.Val {
	var (
		gv   graph.Value
		path = "iamPolicy(...)"
		st   *evalState
	)
	switch x := v.(type) {
	case types.String:
		return e.typed.object(nil, e.typed.structOf(policyType), reflect.ValueOf(e.documents.parse(string(x))), path)
	case *mapVal:
		if x.source == nil {
			return types.NewErr("iamPolicy takes a JSON string or a policy document from a resource's attributes")
		}
		gv, st, path = *x.source, x.st, "iamPolicy("+x.path+")"
	default:
		return types.NewErr("iamPolicy takes a JSON string or a policy document, not %s", v.Type().TypeName())
	}
	// The document's locations are not used: results point at the
	// resource the condition is about.
	pol := aws.PolicyOf(aws.Field{Res: &graph.Resource{}, Value: gv, Present: true})
	info := e.typed.structOf(policyType)
	return e.typed.object(st, info, reflect.ValueOf(pol), path)
}

// allows is true when some Allow statement covers action on resource and
// no Deny statement without conditions does.
func allows(p *aws.Policy, action, resource string) graph.Tri {
	covers := func(st *aws.Statement) graph.Tri {
		return st.CoversAction(action).And(coversResource(st, resource))
	}
	allowed := p.AnyStatement(func(st *aws.Statement) graph.Tri { return st.IsAllow().And(covers(st)) })
	denied := p.AnyStatement(func(st *aws.Statement) graph.Tri {
		return graph.All(st.IsDeny(), covers(st), st.HasConditions().Not())
	})
	return allowed.And(denied.Not())
}

// coversResource is true when the statement's Resource matches resource,
// or its NotResource does not.
func coversResource(st *aws.Statement, resource string) graph.Tri {
	match := func(p string) bool { return aws.WildcardMatch(p, resource) }
	switch {
	case st.Resource.Set:
		return st.Resource.Any(match)
	case st.NotResource.Set:
		return st.NotResource.Any(match).Not()
	}
	return graph.False
}
