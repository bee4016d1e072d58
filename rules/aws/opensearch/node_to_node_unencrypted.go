package opensearch

import (
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// NodeToNodeUnencrypted flags domains whose nodes talk to each other in
// clear.
var NodeToNodeUnencrypted = &rules.Rule{
	ID:       "aws-opensearch-node-to-node-unencrypted",
	Title:    "OpenSearch domain does not encrypt traffic between its nodes",
	Severity: rules.High,
	Description: "Inside a domain's VPC, nodes exchange documents, search results and cluster state in clear text " +
		"unless node-to-node encryption is on, which it is not by default. With it, that traffic uses TLS, which " +
		"fine-grained access control also requires. The rule reads " + domainTypes + ".",
	Remediation: rules.Remediation{
		Text: "Enable node-to-node encryption.",
		Terraform: `resource "aws_opensearch_domain" "this" {
  domain_name    = "search"
  engine_version = "OpenSearch_2.13"
  node_to_node_encryption {
    enabled = true
  }
}`,
		CloudFormation: `Domain:
  Type: AWS::OpenSearchService::Domain
  Properties:
    EngineVersion: OpenSearch_2.13
    NodeToNodeEncryptionOptions:
      Enabled: true`,
	},
	References: []string{
		"https://docs.aws.amazon.com/opensearch-service/latest/developerguide/ntn.html",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/opensearch-controls.html#opensearch-3",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/es-controls.html#es-3",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkSecurityHub, ID: "Opensearch.3"},
		{Framework: rules.FrameworkSecurityHub, ID: "ES.3"},
		{Framework: rules.FrameworkConfig, ID: "opensearch-node-to-node-encryption-check"},
		{Framework: rules.FrameworkConfig, ID: "elasticsearch-node-to-node-encryption-check"},
		{Framework: rules.FrameworkNIST, ID: "PR.DS-02"},
		{Framework: rules.FrameworkISO, ID: "A.8.24"},
	},
	Tags:      []string{"opensearch", "elasticsearch", "encryption-in-transit"},
	Precision: "very-high",
	Check: func(p *rules.Pass) {
		for _, d := range p.AWS.OpenSearch.Domains {
			if f := p.ReportIf(aws.IsTrue(d.NodeToNode).Not(), d.NodeToNode, "OpenSearch domain %s does not encrypt traffic between its nodes", d.Resource.Address); f != nil {
				rules.FixLiteral(f, d.NodeToNode.At, d.NodeToNode.Set, "Encrypt node-to-node traffic", "true")
			}
		}
	},
}
