package report

import (
	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/internal/findingtest"
	"github.com/blindspot-iac/blindspot/rules"
)

// extraFindings exercise the text report's source display: a tab-indented
// line, a range over several lines, and a file that does not exist.
func extraFindings(dir string) []rules.Finding {
	return []rules.Finding{
		{
			RuleID: "aws-s3-versioning-disabled", Severity: rules.Medium, Status: rules.Failed,
			Message: "tab-indented", Loc: graph.Loc{Range: findingtest.Range(dir+"/tabs.tf", 3, 13, 3, 18)},
		},
		{
			RuleID: "aws-s3-versioning-disabled", Severity: rules.Medium, Status: rules.Failed,
			Message: "multi-line", Loc: graph.Loc{Range: findingtest.Range(dir+"/tabs.tf", 2, 2, 4, 3)},
		},
		{
			RuleID: "aws-s3-versioning-disabled", Severity: rules.Medium, Status: rules.Failed,
			Message: "in a file that is gone", Loc: graph.Loc{Range: findingtest.Range(dir+"/gone.tf", 3, 1, 3, 5)},
		},
	}
}
