package aws

import (
	"strconv"
	"strings"

	"github.com/blindspot-iac/blindspot/graph"
)

// CloudFront holds CloudFront distributions.
type CloudFront struct {
	Distributions []*Distribution
}

// Distribution is a CloudFront distribution's viewer-facing settings.
type Distribution struct {
	Resource *graph.Resource
	// Behaviors are the default and ordered cache behaviors.
	Behaviors []*CacheBehavior
	// DefaultCertificate is whether the *.cloudfront.net certificate is
	// used (it is when no viewer certificate is configured).
	DefaultCertificate Bool
	// MinimumProtocol is the viewer security policy (TLSv1 by default).
	MinimumProtocol String
	// WebACL is whether a WAF web ACL is associated.
	WebACL Bool
}

// CacheBehavior is a cache behavior's viewer protocol policy.
type CacheBehavior struct {
	Name string
	// ViewerPolicy is allow-all, redirect-to-https or https-only.
	ViewerPolicy String
}

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

// CurrentCloudFrontPolicies are the viewer security policies that accept
// only TLS 1.2 or later with current ciphers.
var CurrentCloudFrontPolicies = map[string]bool{"TLSv1.2_2021": true, "TLSv1.2_2025": true, "TLSv1.3_2025": true}

func buildEdge(m *Model) {
	for _, r := range m.index.OfType("aws_cloudfront_distribution", "AWS::CloudFront::Distribution") {
		a := Attrs(r)
		d := &Distribution{Resource: r}
		if r.Format == graph.CloudFormation {
			cfg := a.Get("DistributionConfig")
			d.Behaviors = append(d.Behaviors, &CacheBehavior{Name: "default cache behavior",
				ViewerPolicy: StringOf(cfg.Get("DefaultCacheBehavior").Get("ViewerProtocolPolicy"), nil)})
			for _, b := range blocksOf(cfg.Get("CacheBehaviors")) {
				d.Behaviors = append(d.Behaviors, &CacheBehavior{Name: behaviorName(b.Get("PathPattern")),
					ViewerPolicy: StringOf(b.Get("ViewerProtocolPolicy"), nil)})
			}
			vc := cfg.Get("ViewerCertificate")
			custom := vc.Get("AcmCertificateArn").IsSet() || vc.Get("IamCertificateId").IsSet()
			d.DefaultCertificate = atBlock(BoolOf(vc.Get("CloudFrontDefaultCertificate"), Ptr(!custom)), vc)
			d.MinimumProtocol = atBlock(StringOf(vc.Get("MinimumProtocolVersion"), Ptr("TLSv1")), vc)
			d.WebACL = Configured(cfg.Get("WebACLId"))
			if !d.WebACL.Set {
				d.WebACL.At = KeyLoc(cfg)
			}
		} else {
			d.Behaviors = append(d.Behaviors, &CacheBehavior{Name: "default cache behavior",
				ViewerPolicy: StringOf(a.Get("default_cache_behavior").Get("viewer_protocol_policy"), nil)})
			for _, b := range blocksOf(a.Get("ordered_cache_behavior")) {
				d.Behaviors = append(d.Behaviors, &CacheBehavior{Name: behaviorName(b.Get("path_pattern")),
					ViewerPolicy: StringOf(b.Get("viewer_protocol_policy"), nil)})
			}
			vc := a.Get("viewer_certificate")
			d.DefaultCertificate = atBlock(BoolOf(vc.Get("cloudfront_default_certificate"), Ptr(false)), vc)
			d.MinimumProtocol = atBlock(StringOf(vc.Get("minimum_protocol_version"), Ptr("TLSv1")), vc)
			d.WebACL = Configured(a.Get("web_acl_id"))
		}
		m.CloudFront.Distributions = append(m.CloudFront.Distributions, d)
	}

	for _, r := range m.index.OfType("aws_lb_listener", "aws_alb_listener", "AWS::ElasticLoadBalancingV2::Listener") {
		a := Attrs(r)
		l := &Listener{Resource: r}
		var actions []Field
		if r.Format == graph.CloudFormation {
			l.Protocol = StringOf(a.Get("Protocol"), nil)
			if !a.Get("Protocol").IsSet() {
				l.Protocol = unsetListenerProtocol(m.index, r, a.Get("LoadBalancerArn"), l.Protocol)
			}
			l.SSLPolicy = StringOf(a.Get("SslPolicy"), Ptr("ELBSecurityPolicy-2016-08"))
			actions = blocksOf(a.Get("DefaultActions"))
		} else {
			l.Protocol = StringOf(a.Get("protocol"), nil)
			if !a.Get("protocol").IsSet() && !a.Get("certificate_arn").IsSet() {
				l.Protocol = unsetListenerProtocol(m.index, r, a.Get("load_balancer_arn"), Default("HTTP", r.Loc()))
			}
			l.SSLPolicy = StringOf(a.Get("ssl_policy"), Ptr("ELBSecurityPolicy-2016-08"))
			actions = blocksOf(a.Get("default_action"))
		}
		l.RedirectsToHTTPS = redirectsToHTTPS(r, actions)
		m.ELB.Listeners = append(m.ELB.Listeners, l)
	}

	// Classic Load Balancers cannot redirect: an HTTP listener serves HTTP.
	for _, r := range m.index.OfType("aws_elb", "AWS::ElasticLoadBalancing::LoadBalancer") {
		a := Attrs(r)
		listeners, proto := a.Get("listener"), "lb_protocol"
		if r.Format == graph.CloudFormation {
			listeners, proto = a.Get("Listeners"), "Protocol"
		}
		for _, b := range blocksOf(listeners) {
			p := b.Get(proto)
			l := &Listener{Resource: r, Protocol: Map(StringOf(p, nil), strings.ToUpper),
				SSLPolicy:        UnknownAttr[string]("Classic Load Balancer policies are checked separately", KeyLoc(b)),
				RedirectsToHTTPS: Default(false, KeyLoc(b))}
			m.ELB.Listeners = append(m.ELB.Listeners, l)
			secure := l.Protocol.Test(func(s string) bool { return s == "HTTPS" || s == "SSL" })
			if secure == graph.False {
				continue
			}
			if def := classicDefaultPolicy(m.index, r, b, secure); def != nil {
				m.ELB.ClassicTLSPolicies = append(m.ELB.ClassicTLSPolicies, def)
			}
		}
		if r.Format == graph.CloudFormation {
			for _, pol := range blocksOf(a.Get("Policies")) {
				if EqualFold(StringOf(pol.Get("PolicyType"), nil), "SSLNegotiationPolicyType") != graph.True {
					continue
				}
				m.ELB.ClassicTLSPolicies = append(m.ELB.ClassicTLSPolicies, classicPolicy(r, KeyLoc(pol), blocksOf(pol.Get("Attributes")), "Name", "Value"))
			}
		}
	}
	for _, r := range m.index.OfType("aws_load_balancer_policy") {
		a := Attrs(r)
		if EqualFold(StringOf(a.Get("policy_type_name"), nil), "SSLNegotiationPolicyType") != graph.True {
			continue
		}
		m.ELB.ClassicTLSPolicies = append(m.ELB.ClassicTLSPolicies, classicPolicy(r, r.Loc(), blocksOf(a.Get("policy_attribute")), "name", "value"))
	}
	// The older aws_lb_ssl_negotiation_policy is always a negotiation policy.
	for _, r := range m.index.OfType("aws_lb_ssl_negotiation_policy") {
		m.ELB.ClassicTLSPolicies = append(m.ELB.ClassicTLSPolicies, classicPolicy(r, r.Loc(), blocksOf(Attrs(r).Get("attribute")), "name", "value"))
	}
}

// unsetListenerProtocol is the protocol of a listener that does not set
// one. It depends on the type of its load balancer: a Gateway Load Balancer
// listener takes none (it carries GENEVE), a Network Load Balancer listener
// must name its own, and an Application Load Balancer listener gets
// fallback (HTTP in Terraform), which also applies when the load balancer
// is not in the scanned code.
func unsetListenerProtocol(ix *Index, r *graph.Resource, arn Field, fallback String) String {
	lbs := ix.Referenced(r, arn.Value, "aws_lb", "aws_alb", "AWS::ElasticLoadBalancingV2::LoadBalancer")
	if len(lbs) != 1 {
		return fallback
	}
	lb := lbs[0]
	typ := StringOf(Attrs(lb).Get("load_balancer_type"), Ptr("application"))
	if lb.Format == graph.CloudFormation {
		typ = StringOf(Attrs(lb).Get("Type"), Ptr("application"))
	}
	switch t, ok := typ.Get(); {
	case !ok:
		return UnknownAttr[string](firstWhy(typ.Why, "the type of "+lb.Address+" may take several values"), fallback.At)
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
// whose load balancer cannot be told makes the answer unknown.
func classicDefaultPolicy(ix *Index, lb *graph.Resource, listener Field, secure graph.Tri) *ClassicTLSPolicy {
	const what = "no negotiation policy is attached, so the default ELBSecurityPolicy-2016-08 applies"
	at := KeyLoc(listener)
	attached, why := graph.False, ""
	if lb.Format == graph.CloudFormation {
		if listener.Get("PolicyNames").IsSet() {
			return nil
		}
		policies := Attrs(lb).Get("Policies")
		if _, ok := policies.Blocks(); policies.IsSet() && !ok {
			attached, why = graph.Unknown, "the policies of "+lb.Address+" are not known"
		}
		for _, pol := range blocksOf(policies) {
			t := EqualFold(StringOf(pol.Get("PolicyType"), nil), "SSLNegotiationPolicyType")
			if t == graph.Unknown && attached == graph.False {
				why = "the type of a policy of " + lb.Address + " is not known"
			}
			attached = attached.Or(t)
		}
	} else {
		name := StringOf(Attrs(lb).Get("name"), nil)
		for _, r := range ix.OfType("aws_load_balancer_listener_policy", "aws_lb_ssl_negotiation_policy") {
			key := "load_balancer_name"
			if r.Type == "aws_lb_ssl_negotiation_policy" {
				key = "load_balancer"
			}
			// As for other split resources, one in another unit whose load
			// balancer is not known is not assumed to be attached to this one.
			t := sameUnitMaybe(targets(ix, r, Attrs(r).Get(key), lb, name), r, lb)
			if t == graph.Unknown && attached == graph.False {
				why = "the load balancer of " + r.Address + " is not known, so its policy may be attached to " + lb.Address
			}
			attached = attached.Or(t)
		}
	}
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

// redirectsToHTTPS reads whether a listener's default actions redirect to
// HTTPS.
func redirectsToHTTPS(r *graph.Resource, actions []Field) Bool {
	result := Default(false, r.Loc())
	for _, act := range actions {
		typ, redirect := act.Get("type"), act.Get("redirect")
		if r.Format == graph.CloudFormation {
			typ, redirect = act.Get("Type"), act.Get("RedirectConfig")
		}
		isRedirect := EqualFold(StringOf(typ, nil), "redirect")
		proto := redirect.Get("protocol")
		if r.Format == graph.CloudFormation {
			proto = redirect.Get("Protocol")
		}
		toHTTPS := EqualFold(StringOf(proto, Ptr("#{protocol}")), "HTTPS")
		switch t := isRedirect.And(toHTTPS); t {
		case graph.True:
			return Known(true, true, KeyLoc(act))
		case graph.Unknown:
			result = UnknownAttr[bool](firstWhy(StringOf(typ, nil).Why, StringOf(proto, nil).Why, "the listener's default action is not known"), KeyLoc(act))
		}
	}
	return result
}

func firstWhy(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

func behaviorName(f Field) string {
	if s, ok := f.Value.AsString(); ok && f.IsSet() {
		return "cache behavior " + s
	}
	return "a cache behavior"
}
