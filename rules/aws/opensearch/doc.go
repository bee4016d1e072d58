// Package opensearch holds blindspot's rules for Amazon OpenSearch
// Service, including domains declared with the legacy Elasticsearch
// Service resource types.
package opensearch

import "github.com/blindspot-iac/blindspot/rules"

// Rules returns the package's rules.
func Rules() []*rules.Rule {
	return []*rules.Rule{Unencrypted, NodeToNodeUnencrypted, HTTPSNotEnforced, TLSOutdated, AuditLoggingDisabled}
}

// Both resource types, which every rule of the package reads.
const domainTypes = "aws_opensearch_domain, aws_elasticsearch_domain, AWS::OpenSearchService::Domain and AWS::Elasticsearch::Domain"
