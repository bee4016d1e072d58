package aws

import (
	"cmp"
	"strconv"
	"strings"

	"github.com/blindspot-iac/blindspot/graph"
)

// ELB holds load balancer listeners and Classic Load Balancer TLS
// negotiation policies.
type ELB struct {
	Listeners []*Listener
	// ClassicTLSPolicies are SSLNegotiationPolicyType policies of Classic
	// Load Balancers (aws_load_balancer_policy, aws_lb_ssl_negotiation_policy,
	// the Policies property of AWS::ElasticLoadBalancing::LoadBalancer).
	ClassicTLSPolicies []*ClassicTLSPolicy
}

// ClassicTLSPolicy is a Classic Load Balancer TLS negotiation policy.
type ClassicTLSPolicy struct {
	Resource *graph.Resource
	At       graph.Loc
	// Outdated is whether it enables SSLv3, TLS 1.0 or 1.1, directly or
	// through an outdated reference security policy.
	Outdated Bool
	// What names the setting that makes it outdated.
	What string
}

// Loc locates the policy.
func (c *ClassicTLSPolicy) Loc() graph.Loc { return c.At }

// UnknownReason says why the policy's protocols are not known.
func (c *ClassicTLSPolicy) UnknownReason() string { return c.Outdated.Why }

// Listener is an Application or Network Load Balancer listener.
type Listener struct {
	Resource *graph.Resource
	// Classic is true for a listener of a Classic Load Balancer, whose
	// TLS settings are negotiation policies (ClassicTLSPolicies).
	Classic bool
	// Protocol is HTTP, HTTPS, TCP, TLS, UDP, TCP_UDP or GENEVE.
	Protocol String
	// SSLPolicy is the security policy of HTTPS and TLS listeners
	// (ELBSecurityPolicy-2016-08 when unset).
	SSLPolicy String
	// RedirectsToHTTPS is whether the default action redirects to HTTPS.
	RedirectsToHTTPS Bool
}

// outdatedTLSPolicies are predefined ELB security policies that still
// accept TLS 1.0 or 1.1.
var outdatedTLSPolicies = []string{
	"ELBSecurityPolicy-2016-08", "ELBSecurityPolicy-2015-05", "ELBSecurityPolicy-FS-2018-06",
	"ELBSecurityPolicy-TLS-1-0-", "ELBSecurityPolicy-TLS-1-1-", "ELBSecurityPolicy-FS-1-1-",
	"ELBSecurityPolicy-TLS13-1-0-", "ELBSecurityPolicy-TLS13-1-1-",
}

// OutdatedTLSPolicy reports whether an ELB security policy accepts TLS 1.0
// or 1.1.
func OutdatedTLSPolicy(name string) bool {
	// Dated predefined policies from before the TLS 1.2 series
	// (ELBSecurityPolicy-2011-08 ... ELBSecurityPolicy-2016-08) all accept
	// TLS 1.0.
	if rest, ok := strings.CutPrefix(name, "ELBSecurityPolicy-"); ok && len(rest) == 7 && rest[4] == '-' {
		if year, err := strconv.Atoi(rest[:4]); err == nil && year >= 2011 && year <= 2016 {
			return true
		}
	}
	for _, p := range outdatedTLSPolicies {
		if name == p || strings.HasSuffix(p, "-") && strings.HasPrefix(name, p) {
			return true
		}
	}
	return false
}

// listenerAdapters read the listeners of Application, Network and Gateway
// Load Balancers.
var listenerAdapters = adapters[*Listener]{
	{graph.Terraform, "aws_lb_listener", terraformListener},
	{graph.Terraform, "aws_alb_listener", terraformListener},
	{graph.CloudFormation, "AWS::ElasticLoadBalancingV2::Listener", func(m *Model, r *graph.Resource) *Listener {
		a := Attrs(r)
		l := &Listener{Resource: r,
			Protocol:  StringOf(a.Get("Protocol"), nil),
			SSLPolicy: StringOf(a.Get("SslPolicy"), Ptr("ELBSecurityPolicy-2016-08")),
			RedirectsToHTTPS: redirectsToHTTPS(r, blocksOf(a.Get("DefaultActions")),
				redirectKeys{"Type", "RedirectConfig", "Protocol"}),
		}
		if !a.Get("Protocol").IsSet() {
			l.Protocol = unsetListenerProtocol(m, r, a.Get("LoadBalancerArn"), l.Protocol)
		}
		return l
	}},
}

func terraformListener(m *Model, r *graph.Resource) *Listener {
	a := Attrs(r)
	l := &Listener{Resource: r,
		Protocol: StringOf(a.Get("protocol"), nil),
		// An empty ssl_policy is not sent: the listener gets AWS's default.
		SSLPolicy: StringOf(unsentWhenEmpty(a.Get("ssl_policy")), Ptr("ELBSecurityPolicy-2016-08")),
		RedirectsToHTTPS: redirectsToHTTPS(r, blocksOf(a.Get("default_action")),
			redirectKeys{"type", "redirect", "protocol"}),
	}
	if !a.Get("protocol").IsSet() && !a.Get("certificate_arn").IsSet() {
		l.Protocol = unsetListenerProtocol(m, r, a.Get("load_balancer_arn"), Default("HTTP", r.Loc()))
	}
	return l
}

// loadBalancerTypeAdapters read the type of a load balancer: application
// (the default), network or gateway.
var loadBalancerTypeAdapters = adapters[String]{
	{graph.Terraform, "aws_lb", terraformLoadBalancerType},
	{graph.Terraform, "aws_alb", terraformLoadBalancerType},
	{graph.CloudFormation, "AWS::ElasticLoadBalancingV2::LoadBalancer", func(_ *Model, r *graph.Resource) String {
		return StringOf(Attrs(r).Get("Type"), Ptr("application"))
	}},
}

func terraformLoadBalancerType(_ *Model, r *graph.Resource) String {
	return StringOf(Attrs(r).Get("load_balancer_type"), Ptr("application"))
}

// classicLB is a Classic Load Balancer before the negotiation policies
// attached by other resources are joined.
type classicLB struct {
	res *graph.Resource
	// name is the name other resources attach policies by; unset when
	// policies are attached in the load balancer itself.
	name      String
	listeners []classicListener
	// attached is whether the load balancer itself attaches a negotiation
	// policy to its listeners, and why that is not known.
	attached graph.Tri
	why      string
	// policies are the negotiation policies it defines.
	policies []*ClassicTLSPolicy
}

// classicListener is a listener of a Classic Load Balancer.
type classicListener struct {
	listener *Listener
	block    Field
	// ownPolicies is true when the listener names its policies itself.
	ownPolicies bool
}

// classicLBAdapters read Classic Load Balancers. They cannot redirect: an
// HTTP listener serves HTTP.
var classicLBAdapters = adapters[classicLB]{
	{graph.Terraform, "aws_elb", func(_ *Model, r *graph.Resource) classicLB {
		a := Attrs(r)
		lb := classicLB{res: r, name: StringOf(a.Get("name"), nil), attached: graph.False}
		for _, b := range blocksOf(a.Get("listener")) {
			lb.listeners = append(lb.listeners, classicListenerOf(r, b, b.Get("lb_protocol"), false))
		}
		return lb
	}},
	{graph.CloudFormation, "AWS::ElasticLoadBalancing::LoadBalancer", func(_ *Model, r *graph.Resource) classicLB {
		a := Attrs(r)
		lb := classicLB{res: r, attached: graph.False}
		for _, b := range blocksOf(a.Get("Listeners")) {
			lb.listeners = append(lb.listeners, classicListenerOf(r, b, b.Get("Protocol"), b.Get("PolicyNames").IsSet()))
		}
		policies := a.Get("Policies")
		if _, ok := policies.Blocks(); policies.IsSet() && !ok {
			lb.attached, lb.why = graph.Unknown, "the policies of "+r.Address+" are not known"
		}
		for _, pol := range blocksOf(policies) {
			t := EqualFold(StringOf(pol.Get("PolicyType"), nil), "SSLNegotiationPolicyType")
			if t == graph.Unknown && lb.attached == graph.False {
				lb.why = "the type of a policy of " + r.Address + " is not known"
			}
			lb.attached = lb.attached.Or(t)
		}
		for _, pol := range blocksOf(policies) {
			if EqualFold(StringOf(pol.Get("PolicyType"), nil), "SSLNegotiationPolicyType") != graph.True {
				continue
			}
			lb.policies = append(lb.policies, classicPolicy(r, KeyLoc(pol), blocksOf(pol.Get("Attributes")), "Name", "Value"))
		}
		return lb
	}},
}

func classicListenerOf(r *graph.Resource, b, protocol Field, ownPolicies bool) classicListener {
	return classicListener{block: b, ownPolicies: ownPolicies, listener: &Listener{Resource: r, Classic: true,
		Protocol:         Map(StringOf(protocol, nil), strings.ToUpper),
		SSLPolicy:        UnknownAttr[string]("Classic Load Balancer policies are checked separately", KeyLoc(b)),
		RedirectsToHTTPS: Default(false, KeyLoc(b))}}
}

// classicAttachment is a resource attaching a negotiation policy to a
// Classic Load Balancer it names.
type classicAttachment struct {
	res *graph.Resource
	lb  Field
}

var classicAttachmentAdapters = adapters[classicAttachment]{
	{graph.Terraform, "aws_load_balancer_listener_policy", func(_ *Model, r *graph.Resource) classicAttachment {
		return classicAttachment{r, Attrs(r).Get("load_balancer_name")}
	}},
	{graph.Terraform, "aws_lb_ssl_negotiation_policy", func(_ *Model, r *graph.Resource) classicAttachment {
		return classicAttachment{r, Attrs(r).Get("load_balancer")}
	}},
}

// classicTLSPolicyAdapters read the negotiation policies defined by
// resources of their own.
var classicTLSPolicyAdapters = adapters[[]*ClassicTLSPolicy]{
	{graph.Terraform, "aws_load_balancer_policy", func(_ *Model, r *graph.Resource) []*ClassicTLSPolicy {
		a := Attrs(r)
		if EqualFold(StringOf(a.Get("policy_type_name"), nil), "SSLNegotiationPolicyType") != graph.True {
			return nil
		}
		return []*ClassicTLSPolicy{classicPolicy(r, r.Loc(), blocksOf(a.Get("policy_attribute")), "name", "value")}
	}},
	// The older aws_lb_ssl_negotiation_policy is always a negotiation policy.
	{graph.Terraform, "aws_lb_ssl_negotiation_policy", func(_ *Model, r *graph.Resource) []*ClassicTLSPolicy {
		return []*ClassicTLSPolicy{classicPolicy(r, r.Loc(), blocksOf(Attrs(r).Get("attribute")), "name", "value")}
	}},
}

func buildELB(m *Model) {
	m.ELB.Listeners = listenerAdapters.all(m)
	attachments := classicAttachmentAdapters.all(m)
	for _, s := range attachments {
		m.targets = append(m.targets, s.lb)
	}
	for _, lb := range classicLBAdapters.all(m) {
		m.names = append(m.names, lb.name)
		attached, why := lb.attached, lb.why
		for _, s := range attachments {
			// As for other split resources, one in another unit whose load
			// balancer is not known is not assumed to be attached to this one.
			t := sameUnitMaybe(targets(m.index, s.res, s.lb, lb.res, lb.name), s.res, lb.res)
			if t == graph.Unknown && attached == graph.False {
				why = "the load balancer of " + s.res.Address + " is not known, so its policy may be attached to " + lb.res.Address
			}
			attached = attached.Or(t)
		}
		for _, l := range lb.listeners {
			m.ELB.Listeners = append(m.ELB.Listeners, l.listener)
			secure := l.listener.Protocol.Test(func(s string) bool { return s == "HTTPS" || s == "SSL" })
			if secure == graph.False || l.ownPolicies {
				continue
			}
			if def := classicDefaultPolicy(lb.res, l.block, secure, attached, why); def != nil {
				m.ELB.ClassicTLSPolicies = append(m.ELB.ClassicTLSPolicies, def)
			}
		}
		m.ELB.ClassicTLSPolicies = append(m.ELB.ClassicTLSPolicies, lb.policies...)
	}
	m.ELB.ClassicTLSPolicies = append(m.ELB.ClassicTLSPolicies, flat(m, classicTLSPolicyAdapters)...)
}

// unsetListenerProtocol is the protocol of a listener that does not set
// one. It depends on the type of its load balancer: a Gateway Load Balancer
// listener takes none (it carries GENEVE), a Network Load Balancer listener
// must name its own, and an Application Load Balancer listener gets
// fallback (HTTP in Terraform), which also applies when the load balancer
// is not in the scanned code.
func unsetListenerProtocol(m *Model, r *graph.Resource, arn Field, fallback String) String {
	lbs := m.index.Referenced(r, arn.Value, loadBalancerTypeAdapters.types()...)
	if len(lbs) != 1 {
		return fallback
	}
	lb := lbs[0]
	typ, _ := loadBalancerTypeAdapters.of(m, lb)
	switch t, ok := typ.Get(); {
	case !ok:
		return UnknownAttr[string](cmp.Or(typ.Why, "the type of "+lb.Address+" may take several values"), fallback.At)
	case t == "gateway":
		return Default("GENEVE", fallback.At)
	case t == "network":
		return UnknownAttr[string]("listener "+r.Address+" of Network Load Balancer "+lb.Address+" does not set its protocol", fallback.At)
	}
	return fallback
}

// classicDefaultPolicy returns, for an HTTPS or SSL listener of a Classic
// Load Balancer that no negotiation policy is attached to, the default
// policy Elastic Load Balancing gives it (ELBSecurityPolicy-2016-08, which
// accepts TLS 1.0); nil when a policy is attached. Policies attached by
// another resource count for every listener of the load balancer, and one
// whose load balancer cannot be told makes the answer unknown (why).
func classicDefaultPolicy(lb *graph.Resource, listener Field, secure, attached graph.Tri, why string) *ClassicTLSPolicy {
	const what = "no negotiation policy is attached, so the default ELBSecurityPolicy-2016-08 applies"
	at := KeyLoc(listener)
	outdated := secure.And(attached.Not())
	switch outdated {
	case graph.False:
		return nil
	case graph.True:
		return &ClassicTLSPolicy{Resource: lb, At: at, Outdated: Known(true, false, at), What: what}
	}
	if why == "" {
		why = "the protocol of a listener of " + lb.Address + " is not known"
	}
	return &ClassicTLSPolicy{Resource: lb, At: at, Outdated: UnknownAttr[bool](why, at), What: what}
}

// outdatedProtocols are the SSLNegotiationPolicyType attributes that enable
// protocol versions with known weaknesses.
var outdatedProtocols = map[string]bool{"Protocol-SSLv2": true, "Protocol-SSLv3": true, "Protocol-TLSv1": true, "Protocol-TLSv1.1": true}

func classicPolicy(r *graph.Resource, at graph.Loc, attrs []Field, nameKey, valueKey string) *ClassicTLSPolicy {
	p := &ClassicTLSPolicy{Resource: r, At: at, Outdated: Default(false, at)}
	for _, attr := range attrs {
		name, _ := attr.Get(nameKey).Value.AsString()
		value := StringOf(attr.Get(valueKey), nil)
		var bad graph.Tri
		switch {
		case outdatedProtocols[name]:
			bad = EqualFold(value, "true")
		case name == "Reference-Security-Policy":
			bad = value.Test(OutdatedTLSPolicy)
		default:
			continue
		}
		switch bad {
		case graph.True:
			p.Outdated, p.What = Known(true, true, attr.Loc()), name
			p.At = attr.Loc()
			return p
		case graph.Unknown:
			if IsTrue(p.Outdated) == graph.False {
				p.Outdated, p.At = UnknownAttr[bool](value.Why, attr.Loc()), attr.Loc()
			}
		}
	}
	return p
}

// redirectKeys name the settings of a listener action in one format.
type redirectKeys struct{ typ, redirect, protocol string }

// redirectsToHTTPS reads whether a listener's default actions redirect to
// HTTPS.
func redirectsToHTTPS(r *graph.Resource, actions []Field, k redirectKeys) Bool {
	result := Default(false, r.Loc())
	for _, act := range actions {
		typ, proto := act.Get(k.typ), act.Get(k.redirect).Get(k.protocol)
		isRedirect := EqualFold(StringOf(typ, nil), "redirect")
		toHTTPS := EqualFold(StringOf(proto, Ptr("#{protocol}")), "HTTPS")
		switch t := isRedirect.And(toHTTPS); t {
		case graph.True:
			return Known(true, true, KeyLoc(act))
		case graph.Unknown:
			result = UnknownAttr[bool](cmp.Or(StringOf(typ, nil).Why, StringOf(proto, nil).Why, "the listener's default action is not known"), KeyLoc(act))
		}
	}
	return result
}
