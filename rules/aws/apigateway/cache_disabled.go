package apigateway

import (
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// CacheDisabled flags REST stages without a cache.
var CacheDisabled = &rules.Rule{
	ID:       "aws-apigateway-cache-disabled",
	Title:    "API Gateway REST stage has no response cache",
	Severity: rules.Low,
	Description: "A REST API stage has no cache unless one is provisioned (off by default): every request reaches " +
		"the integration behind it, so a flood of identical requests costs the backend (a Lambda function's " +
		"concurrency, a database) as much as distinct ones, and an API that could absorb it with cached " +
		"responses does not. This is a resilience setting, not a fix for every API: responses that differ per " +
		"caller need per-caller cache keys, or no cache. HTTP and WebSocket APIs have no cache and are not " +
		"checked. Cached data should be encrypted (aws-apigateway-cache-unencrypted).",
	Remediation: rules.Remediation{
		Text: "Provision a cache for the stage, choose which methods cache (GET by default) and for how long, and " +
			"encrypt the cached data.",
		Terraform: `resource "aws_api_gateway_stage" "prod" {
  rest_api_id           = aws_api_gateway_rest_api.api.id
  deployment_id         = aws_api_gateway_deployment.api.id
  stage_name            = "prod"
  cache_cluster_enabled = true
  cache_cluster_size    = "0.5"
}`,
		CloudFormation: `Prod:
  Type: AWS::ApiGateway::Stage
  Properties:
    RestApiId: !Ref Api
    DeploymentId: !Ref Deployment
    StageName: prod
    CacheClusterEnabled: true
    CacheClusterSize: "0.5"`,
	},
	References: []string{
		"https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-caching.html",
		"https://docs.aws.amazon.com/wellarchitected/latest/reliability-pillar/rel_mitigate_interaction_failure_throttle_requests.html",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkNIST, ID: "PR.IR-04"},
		{Framework: rules.FrameworkISO, ID: "A.8.6"},
	},
	Tags:      []string{"apigateway", "availability"},
	Precision: "very-high",
	Check: func(p *rules.Pass) {
		for _, s := range p.AWS.APIGateway.Stages {
			if !s.REST {
				continue
			}
			p.ReportIf(aws.IsTrue(s.CacheCluster).Not(), s.CacheCluster,
				"API Gateway %s has no response cache", stageName(s))
		}
	},
}
