package aws

import (
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
	// Logging is whether access logs are delivered: standard logging to
	// a bucket (logging_config, Logging), or a CloudWatch Logs delivery
	// source for the distribution (standard logging v2). Off by default.
	Logging Bool
}

// CacheBehavior is a cache behavior's viewer protocol policy.
type CacheBehavior struct {
	Name string
	// ViewerPolicy is allow-all, redirect-to-https or https-only.
	ViewerPolicy String
}

// CurrentCloudFrontPolicies are the viewer security policies that accept
// only TLS 1.2 or later with current ciphers.
var CurrentCloudFrontPolicies = map[string]bool{"TLSv1.2_2021": true, "TLSv1.2_2025": true, "TLSv1.3_2025": true}

var distributionAdapters = adapters[*Distribution]{
	{graph.Terraform, "aws_cloudfront_distribution", func(_ *Model, r *graph.Resource) *Distribution {
		a := Attrs(r)
		d := &Distribution{Resource: r}
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
		d.Logging = Configured(a.Get("logging_config").Get("bucket"))
		if lc := a.Get("logging_config"); lc.IsSet() && !d.Logging.Set {
			d.Logging.At = lc.Loc()
		}
		return d
	}},
	{graph.CloudFormation, "AWS::CloudFront::Distribution", func(_ *Model, r *graph.Resource) *Distribution {
		cfg := Attrs(r).Get("DistributionConfig")
		d := &Distribution{Resource: r}
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
		d.Logging = Configured(cfg.Get("Logging").Get("Bucket"))
		if !d.Logging.Set {
			d.Logging.At = KeyLoc(cfg)
		}
		return d
	}},
}

// logDeliverySource is a CloudWatch Logs delivery source: the resource
// whose logs it delivers.
type logDeliverySource struct {
	res      *graph.Resource
	resource Field
}

var logDeliverySourceAdapters = adapters[logDeliverySource]{
	{graph.Terraform, "aws_cloudwatch_log_delivery_source", func(_ *Model, r *graph.Resource) logDeliverySource {
		return logDeliverySource{r, Attrs(r).Get("resource_arn")}
	}},
	{graph.CloudFormation, "AWS::Logs::DeliverySource", func(_ *Model, r *graph.Resource) logDeliverySource {
		return logDeliverySource{r, Attrs(r).Get("ResourceArn")}
	}},
}

func buildCloudFront(m *Model) {
	m.CloudFront.Distributions = distributionAdapters.all(m)
	if len(m.CloudFront.Distributions) == 0 {
		return
	}
	sources := logDeliverySourceAdapters.all(m)
	for _, d := range m.CloudFront.Distributions {
		if IsTrue(d.Logging) == graph.True {
			continue
		}
		for _, src := range sources {
			if arn, ok := src.resource.Value.AsString(); ok && !strings.Contains(arn, ":cloudfront:") {
				// The logs of another kind of resource.
				continue
			}
			if t := sameUnitMaybe(targets(m.index, src.res, src.resource, d.Resource, String{}), src.res, d.Resource); t != graph.False {
				if t == graph.True && src.res.Exists == graph.True {
					d.Logging = Known(true, true, src.res.Loc())
				} else {
					d.Logging = UnknownAttr[bool]("delivery source "+src.res.Address+" may deliver its logs", d.Logging.At)
				}
				break
			}
		}
		if IsTrue(d.Logging) == graph.False {
			if w := m.UnreadReceivingWhy(d.Resource, String{}, "a log delivery for it"); w != "" {
				d.Logging = UnknownAttr[bool](w, d.Logging.At)
			}
		}
	}
}

func behaviorName(f Field) string {
	if s, ok := f.Value.AsString(); ok && f.IsSet() {
		return "cache behavior " + s
	}
	return "a cache behavior"
}
