package aws

import "github.com/blindspot-iac/blindspot/graph"

// Lambda holds functions, their permissions and URLs.
type Lambda struct {
	Functions   []*LambdaFunction
	Permissions []*LambdaPermission
	URLs        []*FunctionURL
}

// LambdaFunction is a Lambda function (aws_lambda_function,
// AWS::Lambda::Function or a SAM function).
type LambdaFunction struct {
	Resource *graph.Resource
	// Tracing is the X-Ray tracing mode: Active, or PassThrough (the
	// default), which only passes on a trace a caller started.
	Tracing String
}

// LambdaPermission is a resource-based policy statement of a function.
type LambdaPermission struct {
	Resource      *graph.Resource
	Principal     String
	SourceArn     Bool
	SourceAccount Bool
	PrincipalOrg  Bool
}

// FunctionURL is a function URL (aws_lambda_function_url, AWS::Lambda::Url
// or a SAM function's FunctionUrlConfig).
type FunctionURL struct {
	Resource *graph.Resource
	AuthType String
}

var lambdaFunctionAdapters = adapters[*LambdaFunction]{
	{graph.Terraform, "aws_lambda_function", func(_ *Model, r *graph.Resource) *LambdaFunction {
		cfg := Attrs(r).Get("tracing_config")
		return &LambdaFunction{Resource: r, Tracing: atBlock(StringOf(cfg.Get("mode"), Ptr("PassThrough")), cfg)}
	}},
	{graph.CloudFormation, "AWS::Lambda::Function", func(_ *Model, r *graph.Resource) *LambdaFunction {
		cfg := Attrs(r).Get("TracingConfig")
		return &LambdaFunction{Resource: r, Tracing: atBlock(StringOf(cfg.Get("Mode"), Ptr("PassThrough")), cfg)}
	}},
	// A SAM function's Tracing (its own or from Globals) becomes the
	// function's TracingConfig.Mode.
	{graph.CloudFormation, "AWS::Serverless::Function", func(_ *Model, r *graph.Resource) *LambdaFunction {
		return &LambdaFunction{Resource: r, Tracing: StringOf(Attrs(r).Get("Tracing"), Ptr("PassThrough"))}
	}},
}

var lambdaPermissionAdapters = adapters[*LambdaPermission]{
	{graph.Terraform, "aws_lambda_permission", func(_ *Model, r *graph.Resource) *LambdaPermission {
		a := Attrs(r)
		return &LambdaPermission{Resource: r, Principal: StringOf(a.Get("principal"), nil),
			SourceArn: Configured(a.Get("source_arn")), SourceAccount: Configured(a.Get("source_account")),
			PrincipalOrg: Configured(a.Get("principal_org_id"))}
	}},
	{graph.CloudFormation, "AWS::Lambda::Permission", func(_ *Model, r *graph.Resource) *LambdaPermission {
		a := Attrs(r)
		return &LambdaPermission{Resource: r, Principal: StringOf(a.Get("Principal"), nil),
			SourceArn: Configured(a.Get("SourceArn")), SourceAccount: Configured(a.Get("SourceAccount")),
			PrincipalOrg: Configured(a.Get("PrincipalOrgID"))}
	}},
}

var functionURLAdapters = adapters[[]*FunctionURL]{
	{graph.Terraform, "aws_lambda_function_url", func(_ *Model, r *graph.Resource) []*FunctionURL {
		return []*FunctionURL{{Resource: r, AuthType: StringOf(Attrs(r).Get("authorization_type"), nil)}}
	}},
	{graph.CloudFormation, "AWS::Lambda::Url", func(_ *Model, r *graph.Resource) []*FunctionURL {
		return []*FunctionURL{{Resource: r, AuthType: StringOf(Attrs(r).Get("AuthType"), nil)}}
	}},
	{graph.CloudFormation, "AWS::Serverless::Function", func(_ *Model, r *graph.Resource) []*FunctionURL {
		cfg := Attrs(r).Get("FunctionUrlConfig")
		if !cfg.IsSet() {
			return nil
		}
		return []*FunctionURL{{Resource: r, AuthType: StringOf(cfg.Get("AuthType"), nil)}}
	}},
}

func buildLambda(m *Model) {
	m.Lambda.Functions = lambdaFunctionAdapters.all(m)
	m.Lambda.Permissions = lambdaPermissionAdapters.all(m)
	m.Lambda.URLs = flat(m, functionURLAdapters)
}
