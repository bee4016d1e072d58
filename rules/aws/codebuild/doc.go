// Package codebuild holds blindspot's rules for AWS CodeBuild.
package codebuild

import "github.com/blindspot-iac/blindspot/rules"

// Rules returns the package's rules.
func Rules() []*rules.Rule {
	return []*rules.Rule{ArtifactsUnencrypted}
}
