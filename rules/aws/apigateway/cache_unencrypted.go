package apigateway

import (
	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// CacheUnencrypted flags method settings that cache responses without
// encrypting them.
var CacheUnencrypted = &rules.Rule{
	ID:       "aws-apigateway-cache-unencrypted",
	Title:    "API Gateway caches responses without encrypting them",
	Severity: rules.Medium,
	Description: "Method settings that turn caching on keep copies of responses (which may hold personal data, " +
		"tokens or anything else the API returns) in the stage's cache; unless the cached data is encrypted (off " +
		"by default), it is stored in clear. Each method setting that caches without encryption is reported: " +
		"those of CloudFormation stages, deployments' stage descriptions and SAM APIs, and " +
		"aws_api_gateway_method_settings. Settings of a stage known to have no cache cluster cache nothing and " +
		"are not reported.",
	Remediation: rules.Remediation{
		Text: "Encrypt the cache data wherever caching is enabled (cache_data_encrypted / CacheDataEncrypted).",
		Terraform: `resource "aws_api_gateway_method_settings" "all" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  stage_name  = aws_api_gateway_stage.prod.stage_name
  method_path = "*/*"

  settings {
    caching_enabled      = true
    cache_data_encrypted = true
    cache_ttl_in_seconds = 300
  }
}`,
		CloudFormation: `Prod:
  Type: AWS::ApiGateway::Stage
  Properties:
    RestApiId: !Ref Api
    DeploymentId: !Ref Deployment
    StageName: prod
    CacheClusterEnabled: true
    MethodSettings:
      - ResourcePath: "/*"
        HttpMethod: "*"
        CachingEnabled: true
        CacheDataEncrypted: true`,
	},
	References: []string{
		"https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-caching.html",
		"https://docs.aws.amazon.com/apigateway/latest/developerguide/data-protection-encryption.html",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/apigateway-controls.html#apigateway-5",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkSecurityHub, ID: "APIGateway.5"},
		{Framework: rules.FrameworkConfig, ID: "api-gw-cache-enabled-and-encrypted"},
		{Framework: rules.FrameworkNIST, ID: "PR.DS-01"},
		{Framework: rules.FrameworkISO, ID: "A.8.24"},
	},
	Tags:      []string{"apigateway", "encryption"},
	Precision: "very-high",
	Check: func(p *rules.Pass) {
		for _, ms := range p.AWS.APIGateway.MethodSettings {
			cond := aws.IsTrue(ms.Caching).And(aws.IsTrue(ms.CacheEncrypted).Not())
			subject := rules.Subject(ms.CacheEncrypted)
			where := ms.Resource.Address
			if s := ms.Stage; s != nil {
				// A stage without a cache cluster caches nothing.
				where = stageName(s)
				cluster := aws.IsTrue(s.CacheCluster)
				if cluster == graph.Unknown && cond != graph.False {
					subject = rules.Because(ms.CacheEncrypted, "whether "+where+" has a cache cluster is not known: "+s.CacheCluster.UnknownReason())
				}
				cond = cond.And(cluster)
			}
			p.ReportIf(cond, subject, "API Gateway caches the responses of %s (%s) without encrypting them", where, ms.Path)
		}
	},
}
