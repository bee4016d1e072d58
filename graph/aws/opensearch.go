package aws

import (
	"strings"

	"github.com/blindspot-iac/blindspot/graph"
)

// OpenSearch holds Amazon OpenSearch Service domains, including those
// declared with the legacy Elasticsearch Service types.
type OpenSearch struct {
	Domains []*SearchDomain
}

// SearchDomain is an OpenSearch Service (or legacy Elasticsearch Service)
// domain.
type SearchDomain struct {
	Resource *graph.Resource
	// AtRestEncryption and NodeToNode are whether data at rest and traffic
	// between nodes are encrypted (both off by default).
	AtRestEncryption Bool
	NodeToNode       Bool
	// EnforceHTTPS is whether plain HTTP requests are refused: off by
	// default for the API and CloudFormation; Terraform turns it on when
	// domain_endpoint_options is written without it.
	EnforceHTTPS Bool
	// TLSPolicy is the endpoint's TLS security policy;
	// Policy-Min-TLS-1-0-2019-07 by default.
	TLSPolicy String
	// AuditLogs is whether audit logs are published to CloudWatch Logs
	// (off by default).
	AuditLogs Bool
}

// OutdatedSearchTLSPolicy reports whether a domain TLS security policy
// accepts TLS versions before 1.2.
func OutdatedSearchTLSPolicy(p string) bool {
	return strings.HasPrefix(p, "Policy-Min-TLS-1-0") || strings.HasPrefix(p, "Policy-Min-TLS-1-1")
}

var searchDomainAdapters = adapters[*SearchDomain]{
	{graph.Terraform, "aws_opensearch_domain", terraformSearchDomain},
	{graph.Terraform, "aws_elasticsearch_domain", terraformSearchDomain},
	{graph.CloudFormation, "AWS::OpenSearchService::Domain", cloudFormationSearchDomain},
	{graph.CloudFormation, "AWS::Elasticsearch::Domain", cloudFormationSearchDomain},
}

func terraformSearchDomain(_ *Model, r *graph.Resource) *SearchDomain {
	a := Attrs(r)
	endpoint := a.Get("domain_endpoint_options")
	d := &SearchDomain{Resource: r,
		AtRestEncryption: enabledBlock(a.Get("encrypt_at_rest"), "enabled"),
		NodeToNode:       enabledBlock(a.Get("node_to_node_encryption"), "enabled"),
		TLSPolicy:        atBlock(StringOf(endpoint.Get("tls_security_policy"), Ptr("Policy-Min-TLS-1-0-2019-07")), endpoint),
	}
	if endpoint.IsSet() {
		// The provider's default for enforce_https applies only when the
		// block is written.
		d.EnforceHTTPS = atBlock(BoolOf(endpoint.Get("enforce_https"), Ptr(true)), endpoint)
	} else {
		d.EnforceHTTPS = Default(false, r.Loc())
	}
	d.AuditLogs = Default(false, r.Loc())
	for _, opt := range blocksOf(a.Get("log_publishing_options")) {
		switch StringOf(opt.Get("log_type"), nil).Test(func(t string) bool { return t == "AUDIT_LOGS" }) {
		case graph.True:
			// There is at most one block per log type.
			d.AuditLogs = atBlock(BoolOf(opt.Get("enabled"), Ptr(true)), opt)
			return d
		case graph.Unknown:
			d.AuditLogs = UnknownAttr[bool]("whether "+opt.Path+" publishes audit logs is not known", KeyLoc(opt))
		}
	}
	return d
}

func cloudFormationSearchDomain(_ *Model, r *graph.Resource) *SearchDomain {
	a := Attrs(r)
	endpoint := a.Get("DomainEndpointOptions")
	d := &SearchDomain{Resource: r,
		AtRestEncryption: enabledBlock(a.Get("EncryptionAtRestOptions"), "Enabled"),
		NodeToNode:       enabledBlock(a.Get("NodeToNodeEncryptionOptions"), "Enabled"),
		EnforceHTTPS:     atBlock(BoolOf(endpoint.Get("EnforceHTTPS"), Ptr(false)), endpoint),
		TLSPolicy:        atBlock(StringOf(endpoint.Get("TLSSecurityPolicy"), Ptr("Policy-Min-TLS-1-0-2019-07")), endpoint),
	}
	logs := a.Get("LogPublishingOptions")
	d.AuditLogs = atBlock(Default(false, r.Loc()), logs)
	if logs.IsSet() && !logs.Value.IsKnown() {
		d.AuditLogs = UnknownAttr[bool](logs.Value.Why(), KeyLoc(logs))
	} else if audit := logs.Get("AUDIT_LOGS"); audit.IsSet() {
		d.AuditLogs = atBlock(BoolOf(audit.Get("Enabled"), Ptr(false)), audit)
	}
	return d
}

// enabledBlock reads the enabled flag of an options block, off when the
// block or the flag is absent.
func enabledBlock(block Field, flag string) Bool {
	return atBlock(BoolOf(block.Get(flag), Ptr(false)), block)
}

func buildOpenSearch(m *Model) {
	m.OpenSearch.Domains = searchDomainAdapters.all(m)
}
