// Package apigateway holds blindspot's rules for Amazon API Gateway:
// REST APIs, HTTP and WebSocket APIs, and SAM APIs.
package apigateway

import "github.com/blindspot-iac/blindspot/rules"

// Rules returns the package's rules.
func Rules() []*rules.Rule {
	return []*rules.Rule{AccessLoggingDisabled, CacheDisabled, CacheUnencrypted, MethodNoAuth, TLSOutdated, TracingDisabled}
}
