package aws

import (
	"strings"

	"github.com/blindspot-iac/blindspot/graph"
)

// APIGatewayService holds API Gateway stages, method settings, methods and
// routes, and custom domain names, of REST APIs (v1) and HTTP and
// WebSocket APIs (v2), SAM APIs included.
type APIGatewayService struct {
	Stages []*APIStage
	// MethodSettings are the per-method settings of REST stages, written
	// on the stage or as resources of their own.
	MethodSettings []*APIMethodSettings
	// Methods are REST API methods and HTTP or WebSocket API routes.
	Methods     []*APIMethod
	DomainNames []*APIDomainName
}

// APIStage is a deployed stage of an API: aws_api_gateway_stage,
// AWS::ApiGateway::Stage, a stage a deployment creates, an
// aws_apigatewayv2_stage, or the stage of a SAM API.
type APIStage struct {
	Resource *graph.Resource
	// Name names the stage in messages.
	Name string
	// REST is true for a REST API stage; false for an HTTP or WebSocket
	// API stage, which has no X-Ray tracing and no cache.
	REST bool
	// AccessLogging is whether access logs are sent to a destination
	// (off by default).
	AccessLogging Bool
	// Tracing is whether X-Ray tracing is on (off by default).
	Tracing Bool
	// CacheCluster is whether the stage has a cache (off by default).
	CacheCluster Bool
	// name and api identify a Terraform stage for split method settings:
	// its stage_name and rest_api_id.
	name, api Field
}

// APIMethodSettings are the settings of a REST stage for some methods
// ("*/*" for all of them).
type APIMethodSettings struct {
	// Resource is where the settings are written.
	Resource *graph.Resource
	// Stage is the stage they apply to; nil when it is not in the scan
	// or cannot be told.
	Stage *APIStage
	// Path is the method path: "*/*", or resource path and HTTP method.
	Path string
	// Caching is whether responses are cached (off by default).
	Caching Bool
	// CacheEncrypted is whether the cached responses are encrypted (off
	// by default).
	CacheEncrypted Bool
}

// APIMethod is a REST API method or an HTTP or WebSocket API route.
type APIMethod struct {
	Resource *graph.Resource
	// Name names it in messages ("GET", "$connect", "POST /orders").
	Name string
	// Authorization is the authorization type: NONE (the default),
	// AWS_IAM, CUSTOM, COGNITO_USER_POOLS or JWT.
	Authorization String
	// APIKeyRequired is whether callers must send an API key (REST and
	// WebSocket APIs; off by default).
	APIKeyRequired Bool
	// Exempt is True for what authorization does not apply to: CORS
	// preflight (OPTIONS) methods, and WebSocket routes other than
	// $connect, which are authorized when the connection is made.
	Exempt graph.Tri
	// ExemptWhy says why Exempt is unknown.
	ExemptWhy string
	// Restricted is True when the API is not reachable by anyone on the
	// internet whatever the method allows: a private REST API, or one
	// whose resource policy limits its callers.
	Restricted graph.Tri
	// RestrictedWhy says why Restricted is unknown.
	RestrictedWhy string
}

// APIDomainName is a custom domain name and the TLS security policy its
// clients must meet.
type APIDomainName struct {
	Resource *graph.Resource
	// SecurityPolicy is TLS_1_2 (the default), TLS_1_0, or an enhanced
	// SecurityPolicy_* policy.
	SecurityPolicy String
}

// OutdatedAPIGatewayTLSPolicy reports whether an API Gateway security policy
// accepts TLS 1.0 or 1.1: the legacy TLS_1_0 policy, or an enhanced
// policy whose minimum version is one of them.
func OutdatedAPIGatewayTLSPolicy(p string) bool {
	p = strings.ToUpper(p)
	return p == "TLS_1_0" || strings.HasPrefix(p, "SECURITYPOLICY_") &&
		(strings.Contains(p, "_1_0_") || strings.Contains(p, "_1_1_"))
}

var apiStageAdapters = adapters[[]*APIStage]{
	{graph.Terraform, "aws_api_gateway_stage", func(_ *Model, r *graph.Resource) []*APIStage {
		a := Attrs(r)
		return []*APIStage{{Resource: r, Name: r.Address, REST: true,
			AccessLogging: accessLogging(a.Get("access_log_settings"), "destination_arn"),
			Tracing:       BoolOf(a.Get("xray_tracing_enabled"), Ptr(false)),
			CacheCluster:  BoolOf(a.Get("cache_cluster_enabled"), Ptr(false)),
			name:          a.Get("stage_name"), api: a.Get("rest_api_id"),
		}}
	}},
	// A deployment given a stage_name creates that stage, with none of
	// the settings a stage resource has (the argument is deprecated for
	// that reason).
	{graph.Terraform, "aws_api_gateway_deployment", func(_ *Model, r *graph.Resource) []*APIStage {
		a := Attrs(r)
		name := a.Get("stage_name")
		if s, ok := name.Value.AsString(); !name.IsSet() || ok && s == "" {
			return nil
		}
		at := name.Loc()
		return []*APIStage{{Resource: r, Name: "stage " + stageLabel(name) + " of " + r.Address, REST: true,
			AccessLogging: Default(false, at), Tracing: Default(false, at), CacheCluster: Default(false, at),
			name: name, api: a.Get("rest_api_id"),
		}}
	}},
	{graph.CloudFormation, "AWS::ApiGateway::Stage", func(_ *Model, r *graph.Resource) []*APIStage {
		a := Attrs(r)
		return []*APIStage{{Resource: r, Name: r.Address, REST: true,
			AccessLogging: accessLogging(a.Get("AccessLogSetting"), "DestinationArn"),
			Tracing:       BoolOf(a.Get("TracingEnabled"), Ptr(false)),
			CacheCluster:  BoolOf(a.Get("CacheClusterEnabled"), Ptr(false)),
		}}
	}},
	// A deployment with a StageName creates the stage StageDescription
	// describes.
	{graph.CloudFormation, "AWS::ApiGateway::Deployment", func(_ *Model, r *graph.Resource) []*APIStage {
		a := Attrs(r)
		name := a.Get("StageName")
		if s, ok := name.Value.AsString(); !name.IsSet() || ok && s == "" {
			return nil
		}
		desc := a.Get("StageDescription")
		return []*APIStage{{Resource: r, Name: "stage " + stageLabel(name) + " of " + r.Address, REST: true,
			AccessLogging: atBlock(accessLogging(desc.Get("AccessLogSetting"), "DestinationArn"), desc),
			Tracing:       atBlock(BoolOf(desc.Get("TracingEnabled"), Ptr(false)), desc),
			CacheCluster:  atBlock(BoolOf(desc.Get("CacheClusterEnabled"), Ptr(false)), desc),
		}}
	}},
	// A SAM API is a REST API and its stage; Globals apply.
	{graph.CloudFormation, "AWS::Serverless::Api", func(_ *Model, r *graph.Resource) []*APIStage {
		a := Attrs(r)
		return []*APIStage{{Resource: r, Name: r.Address, REST: true,
			AccessLogging: accessLogging(a.Get("AccessLogSetting"), "DestinationArn"),
			Tracing:       BoolOf(a.Get("TracingEnabled"), Ptr(false)),
			CacheCluster:  BoolOf(a.Get("CacheClusterEnabled"), Ptr(false)),
		}}
	}},
	{graph.Terraform, "aws_apigatewayv2_stage", func(_ *Model, r *graph.Resource) []*APIStage {
		return []*APIStage{{Resource: r, Name: r.Address,
			AccessLogging: accessLogging(Attrs(r).Get("access_log_settings"), "destination_arn")}}
	}},
	{graph.CloudFormation, "AWS::ApiGatewayV2::Stage", func(_ *Model, r *graph.Resource) []*APIStage {
		return []*APIStage{{Resource: r, Name: r.Address,
			AccessLogging: accessLogging(Attrs(r).Get("AccessLogSettings"), "DestinationArn")}}
	}},
	{graph.CloudFormation, "AWS::Serverless::HttpApi", func(_ *Model, r *graph.Resource) []*APIStage {
		return []*APIStage{{Resource: r, Name: r.Address,
			AccessLogging: accessLogging(Attrs(r).Get("AccessLogSettings"), "DestinationArn")}}
	}},
}

// accessLogging reads the access log destination of a settings block;
// an absent one points at the block when it is written.
func accessLogging(block Field, key string) Bool {
	return atBlock(Configured(block.Get(key)), block)
}

// stageLabel is a stage name for messages.
func stageLabel(f Field) string {
	if s, ok := f.Value.AsString(); ok {
		return s
	}
	return "(name not known)"
}

// apiInlineMethodSettings read the method settings written on a stage:
// MethodSettings of a CloudFormation stage, deployment or SAM API, and
// the stage-wide caching settings of a deployment's StageDescription.
var apiInlineMethodSettingsAdapters = adapters[[]*APIMethodSettings]{
	{graph.CloudFormation, "AWS::ApiGateway::Stage", func(_ *Model, r *graph.Resource) []*APIMethodSettings {
		return cfnMethodSettings(r, Attrs(r).Get("MethodSettings"))
	}},
	{graph.CloudFormation, "AWS::ApiGateway::Deployment", func(_ *Model, r *graph.Resource) []*APIMethodSettings {
		desc := Attrs(r).Get("StageDescription")
		out := cfnMethodSettings(r, desc.Get("MethodSettings"))
		if desc.Get("CachingEnabled").IsSet() || desc.Get("CacheDataEncrypted").IsSet() {
			out = append(out, &APIMethodSettings{Resource: r, Path: "*/*",
				Caching:        atBlock(BoolOf(desc.Get("CachingEnabled"), Ptr(false)), desc),
				CacheEncrypted: atBlock(BoolOf(desc.Get("CacheDataEncrypted"), Ptr(false)), desc),
			})
		}
		return out
	}},
	{graph.CloudFormation, "AWS::Serverless::Api", func(_ *Model, r *graph.Resource) []*APIMethodSettings {
		return cfnMethodSettings(r, Attrs(r).Get("MethodSettings"))
	}},
}

func cfnMethodSettings(r *graph.Resource, list Field) []*APIMethodSettings {
	var out []*APIMethodSettings
	for _, ms := range blocksOf(list) {
		path, _ := ms.Get("ResourcePath").Value.AsString()
		method, _ := ms.Get("HttpMethod").Value.AsString()
		out = append(out, &APIMethodSettings{Resource: r, Path: methodPath(path, method),
			Caching:        atBlock(BoolOf(ms.Get("CachingEnabled"), Ptr(false)), ms),
			CacheEncrypted: atBlock(BoolOf(ms.Get("CacheDataEncrypted"), Ptr(false)), ms),
		})
	}
	return out
}

// methodPath writes a CloudFormation resource path and method as a
// method path ("/*" and "*" are "*/*").
func methodPath(path, method string) string {
	path = strings.TrimPrefix(path, "/")
	if path == "" {
		path = "*"
	}
	if method == "" {
		method = "*"
	}
	return path + "/" + method
}

// splitMethodSettings is an aws_api_gateway_method_settings before it is
// joined to its stage.
type splitMethodSettings struct {
	settings  *APIMethodSettings
	stage     Field
	restAPIID Field
}

var splitMethodSettingsAdapters = adapters[splitMethodSettings]{
	{graph.Terraform, "aws_api_gateway_method_settings", func(_ *Model, r *graph.Resource) splitMethodSettings {
		a := Attrs(r)
		path, _ := a.Get("method_path").Value.AsString()
		s := a.Get("settings")
		return splitMethodSettings{
			settings: &APIMethodSettings{Resource: r, Path: path,
				Caching:        atBlock(BoolOf(s.Get("caching_enabled"), Ptr(false)), s),
				CacheEncrypted: atBlock(BoolOf(s.Get("cache_data_encrypted"), Ptr(false)), s),
			},
			stage: a.Get("stage_name"), restAPIID: a.Get("rest_api_id"),
		}
	}},
}

// apiMethodAdapters read REST methods and v2 routes; the API a method
// belongs to is resolved when it is in the scan.
var apiMethodAdapters = adapters[*APIMethod]{
	{graph.Terraform, "aws_api_gateway_method", func(m *Model, r *graph.Resource) *APIMethod {
		a := Attrs(r)
		return restMethod(m, r, a.Get("http_method"), a.Get("authorization"), a.Get("api_key_required"), a.Get("rest_api_id"))
	}},
	{graph.CloudFormation, "AWS::ApiGateway::Method", func(m *Model, r *graph.Resource) *APIMethod {
		a := Attrs(r)
		return restMethod(m, r, a.Get("HttpMethod"), a.Get("AuthorizationType"), a.Get("ApiKeyRequired"), a.Get("RestApiId"))
	}},
	{graph.Terraform, "aws_apigatewayv2_route", func(m *Model, r *graph.Resource) *APIMethod {
		a := Attrs(r)
		return route(m, r, a.Get("route_key"), a.Get("authorization_type"), a.Get("api_key_required"), a.Get("api_id"))
	}},
	{graph.CloudFormation, "AWS::ApiGatewayV2::Route", func(m *Model, r *graph.Resource) *APIMethod {
		a := Attrs(r)
		return route(m, r, a.Get("RouteKey"), a.Get("AuthorizationType"), a.Get("ApiKeyRequired"), a.Get("ApiId"))
	}},
}

// restMethod reads a REST API method.
func restMethod(m *Model, r *graph.Resource, httpMethod, auth, key, api Field) *APIMethod {
	meth := &APIMethod{Resource: r, Name: r.Address,
		Authorization:  StringOf(auth, Ptr("NONE")),
		APIKeyRequired: BoolOf(key, Ptr(false)),
	}
	verb := StringOf(httpMethod, nil)
	if v, ok := verb.Get(); ok {
		meth.Name = v + " method " + r.Address
	}
	meth.Exempt = EqualFold(verb, "OPTIONS")
	if meth.Exempt == graph.Unknown {
		meth.ExemptWhy = "the HTTP method is not known: " + verb.UnknownReason()
	}
	meth.Restricted, meth.RestrictedWhy = m.restAPIRestricted(r, api)
	return meth
}

// route reads an HTTP or WebSocket API route.
func route(m *Model, r *graph.Resource, routeKey, auth, key, api Field) *APIMethod {
	meth := &APIMethod{Resource: r, Name: r.Address,
		Authorization:  StringOf(auth, Ptr("NONE")),
		APIKeyRequired: BoolOf(key, Ptr(false)),
		Restricted:     graph.False,
	}
	rk := StringOf(routeKey, nil)
	k, known := rk.Get()
	if known {
		meth.Name = "route " + k + " of " + r.Address
	}
	websocket, why := m.websocketAPI(r, api)
	switch {
	case !known:
		meth.Exempt, meth.ExemptWhy = graph.Unknown, "the route key is not known: "+rk.UnknownReason()
	case k == "$connect":
		meth.Exempt = graph.False
	case k == "$disconnect" || strings.HasPrefix(k, "$") && k != "$default":
		// Only WebSocket APIs have these routes.
		meth.Exempt = graph.True
	default:
		meth.Exempt, meth.ExemptWhy = websocket, why
	}
	return meth
}

// apiProtocolAdapters read the protocol of an HTTP or WebSocket API.
var apiProtocolAdapters = adapters[String]{
	{graph.Terraform, "aws_apigatewayv2_api", func(_ *Model, r *graph.Resource) String {
		return StringOf(Attrs(r).Get("protocol_type"), nil)
	}},
	{graph.CloudFormation, "AWS::ApiGatewayV2::Api", func(_ *Model, r *graph.Resource) String {
		return StringOf(Attrs(r).Get("ProtocolType"), nil)
	}},
}

// restAPIAccess is what a REST API's own definition says about who can
// reach it: its endpoint types and its inline resource policy.
type restAPIAccess struct {
	endpointTypes, policy Field
}

var restAPIAccessAdapters = adapters[restAPIAccess]{
	{graph.Terraform, "aws_api_gateway_rest_api", func(_ *Model, r *graph.Resource) restAPIAccess {
		a := Attrs(r)
		return restAPIAccess{endpointTypes: a.Get("endpoint_configuration").Get("types"), policy: a.Get("policy")}
	}},
	{graph.CloudFormation, "AWS::ApiGateway::RestApi", func(_ *Model, r *graph.Resource) restAPIAccess {
		a := Attrs(r)
		return restAPIAccess{endpointTypes: a.Get("EndpointConfiguration").Get("Types"), policy: a.Get("Policy")}
	}},
}

// websocketAPI says whether the v2 API field api names is a WebSocket
// API.
func (m *Model) websocketAPI(from *graph.Resource, api Field) (graph.Tri, string) {
	target := onlyReferenced(m.index, from, api, apiProtocolAdapters.types()...)
	if target == nil {
		return graph.Unknown, "the API of the route is not in the scanned code, so whether it is a WebSocket API is not known"
	}
	p, _ := apiProtocolAdapters.of(m, target)
	t := EqualFold(p, "WEBSOCKET")
	if t == graph.Unknown {
		return t, "the protocol of " + target.Address + " is not known: " + p.UnknownReason()
	}
	return t, ""
}

// restAPIRestricted says whether the REST API field api names is out of
// reach of the internet whatever its methods allow: a private API, or one
// with a resource policy that does not simply allow everyone.
func (m *Model) restAPIRestricted(from *graph.Resource, api Field) (graph.Tri, string) {
	target := onlyReferenced(m.index, from, api, restAPIAccessAdapters.types()...)
	if target == nil {
		if _, literal := api.Value.AsString(); literal || len(api.Value.AllRefs()) > 0 {
			return graph.Unknown, "the REST API of the method is not in the scanned code"
		}
		return graph.Unknown, "the REST API of the method is not known: " + api.Value.Why()
	}
	access, _ := restAPIAccessAdapters.of(m, target)
	types, policy := access.endpointTypes, access.policy
	endpoints := StringsOf(types)
	private := endpoints.Test(func(ts []string) bool {
		for _, t := range ts {
			if strings.EqualFold(t, "PRIVATE") {
				return true
			}
		}
		return false
	})
	if private == graph.True {
		return graph.True, ""
	}
	var docs []*Policy
	if policy.IsSet() {
		docs = append(docs, PolicyOf(policy))
	}
	for _, p := range m.index.OfType("aws_api_gateway_rest_api_policy") {
		f := Attrs(p).Get("rest_api_id")
		if onlyReferenced(m.index, p, f, "aws_api_gateway_rest_api") == target {
			docs = append(docs, PolicyOf(Attrs(p).Get("policy")))
		}
	}
	restricted, why := private, ""
	if private == graph.Unknown {
		why = "the endpoint type of " + target.Address + " is not known: " + endpoints.UnknownReason()
		for _, e := range types.Value.Elems() {
			if !e.IsKnown() {
				why = "the endpoint type of " + target.Address + " is not known: " + e.Why()
				break
			}
		}
	}
	for _, doc := range docs {
		limits := policyLimitsCallers(doc)
		if limits == graph.Unknown && why == "" {
			why = "the resource policy of " + target.Address + " is not known: " + doc.UnknownReason()
		}
		restricted = restricted.Or(limits)
	}
	return restricted, why
}

// policyLimitsCallers is True for a resource policy that does not grant
// everyone access unconditionally: it denies something, or none of its
// statements is public.
func policyLimitsCallers(doc *Policy) graph.Tri {
	if !doc.Known || doc.Invalid != "" {
		return graph.Unknown
	}
	denies := doc.AnyStatement(func(st *Statement) graph.Tri { return st.IsDeny() })
	public := doc.AnyStatement(func(st *Statement) graph.Tri { return st.GrantsPublicAccess() })
	return denies.Or(public.Not())
}

var apiDomainNameAdapters = adapters[[]*APIDomainName]{
	{graph.Terraform, "aws_api_gateway_domain_name", func(_ *Model, r *graph.Resource) []*APIDomainName {
		return []*APIDomainName{{Resource: r, SecurityPolicy: StringOf(Attrs(r).Get("security_policy"), Ptr("TLS_1_2"))}}
	}},
	{graph.Terraform, "aws_apigatewayv2_domain_name", func(_ *Model, r *graph.Resource) []*APIDomainName {
		var out []*APIDomainName
		for _, cfg := range blocksOf(Attrs(r).Get("domain_name_configuration")) {
			out = append(out, &APIDomainName{Resource: r, SecurityPolicy: atBlock(StringOf(cfg.Get("security_policy"), Ptr("TLS_1_2")), cfg)})
		}
		return out
	}},
	{graph.CloudFormation, "AWS::ApiGateway::DomainName", func(_ *Model, r *graph.Resource) []*APIDomainName {
		return []*APIDomainName{{Resource: r, SecurityPolicy: StringOf(Attrs(r).Get("SecurityPolicy"), Ptr("TLS_1_2"))}}
	}},
	{graph.CloudFormation, "AWS::ApiGateway::DomainNameV2", func(_ *Model, r *graph.Resource) []*APIDomainName {
		return []*APIDomainName{{Resource: r, SecurityPolicy: StringOf(Attrs(r).Get("SecurityPolicy"), Ptr("TLS_1_2"))}}
	}},
	{graph.CloudFormation, "AWS::ApiGatewayV2::DomainName", func(_ *Model, r *graph.Resource) []*APIDomainName {
		var out []*APIDomainName
		for _, cfg := range blocksOf(Attrs(r).Get("DomainNameConfigurations")) {
			out = append(out, &APIDomainName{Resource: r, SecurityPolicy: atBlock(StringOf(cfg.Get("SecurityPolicy"), Ptr("TLS_1_2")), cfg)})
		}
		return out
	}},
	// The Domain of a SAM API or HTTP API becomes a domain name.
	{graph.CloudFormation, "AWS::Serverless::Api", func(_ *Model, r *graph.Resource) []*APIDomainName {
		return samDomain(r)
	}},
	{graph.CloudFormation, "AWS::Serverless::HttpApi", func(_ *Model, r *graph.Resource) []*APIDomainName {
		return samDomain(r)
	}},
}

func samDomain(r *graph.Resource) []*APIDomainName {
	d := Attrs(r).Get("Domain")
	if !d.IsSet() {
		return nil
	}
	return []*APIDomainName{{Resource: r, SecurityPolicy: atBlock(StringOf(d.Get("SecurityPolicy"), Ptr("TLS_1_2")), d)}}
}

func buildAPIGateway(m *Model) {
	g := &m.APIGateway
	g.Stages = flat(m, apiStageAdapters)
	g.Methods = apiMethodAdapters.all(m)
	g.DomainNames = flat(m, apiDomainNameAdapters)
	byResource := map[*graph.Resource]*APIStage{}
	for _, s := range g.Stages {
		byResource[s.Resource] = s
	}
	for _, ms := range flat(m, apiInlineMethodSettingsAdapters) {
		ms.Stage = byResource[ms.Resource]
		g.MethodSettings = append(g.MethodSettings, ms)
	}
	for _, split := range splitMethodSettingsAdapters.all(m) {
		split.settings.Stage = m.stageOf(split)
		g.MethodSettings = append(g.MethodSettings, split.settings)
	}
}

// stageOf finds the Terraform stage split method settings apply to: the
// stage their stage_name refers to, or the one stage of the same REST
// API with that name.
func (m *Model) stageOf(s splitMethodSettings) *APIStage {
	r := s.settings.Resource
	var match *APIStage
	for _, st := range m.APIGateway.Stages {
		if st.Resource.Format != graph.Terraform && st.Resource.Format != graph.TerraformPlan {
			continue
		}
		byRef := targets(m.index, r, s.stage, st.Resource, String{})
		if byRef == graph.True {
			return st
		}
		name, ok := st.name.Value.AsString()
		lit, litOK := s.stage.Value.AsString()
		if !ok || !litOK || name != lit || st.Resource.Unit != r.Unit {
			continue
		}
		api := onlyReferenced(m.index, r, s.restAPIID, "aws_api_gateway_rest_api")
		if api == nil || api != onlyReferenced(m.index, st.Resource, st.api, "aws_api_gateway_rest_api") {
			continue
		}
		if match != nil {
			return nil
		}
		match = st
	}
	return match
}
