package orgview

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/blindspot-iac/blindspot/internal/report"
	"github.com/blindspot-iac/blindspot/internal/scan"
	"github.com/blindspot-iac/blindspot/rules/builtin"
)

// row renders a node's guardrail cells for comparison: one letter per
// guardrail (H held, N not held, U unknown).
func row(n report.OrgNode) string {
	var b strings.Builder
	for _, c := range n.Guardrails {
		switch c.Status {
		case report.Held:
			b.WriteByte('H')
		case report.NotHeld:
			b.WriteByte('N')
		default:
			b.WriteByte('U')
		}
	}
	return b.String()
}

// flatten lists the tree as "indent kind name cells [policies]".
func flatten(n report.OrgNode, depth int, out *[]string) {
	*out = append(*out, strings.Repeat("  ", depth)+n.Kind+" "+n.Name+" "+row(n)+" ["+strings.Join(n.Policies, ", ")+"]")
	for _, c := range n.Children {
		flatten(c, depth+1, out)
	}
}

// TestOrganizationExamples draws the example landing zones and checks the
// tree, the attachments and the guardrail matrix, in both formats.
func TestOrganizationExamples(t *testing.T) {
	root := filepath.Join("..", "..", "examples", "organization")
	tests := []struct {
		path string
		tree []string
		held string
	}{
		{
			path: "terraform/without-guardrails",
			// Columns: leave the organisation, root user, regions,
			// security services, admin roles. The workload guardrails
			// deny leaving on the Workloads OU only; the SCP denying the
			// root user names a Principal, so AWS would reject it.
			tree: []string{
				"root Root NNNNN [deny-root-user]",
				"  ou Security NNNNN []",
				"    account log-archive NNNNN []",
				"    account security-tooling NNNNN []",
				"  ou Workloads HNNNN [workload-guardrails]",
				"    account app-prod HNNNN []",
			},
			held: "NNNNN",
		},
		{
			path: "terraform/with-guardrails",
			tree: []string{
				"root Root HHHHH [baseline-guardrails, ai-services-opt-out]",
				"  ou Security HHHHH []",
				"    account log-archive HHHHH []",
				"    account security-tooling HHHHH []",
				"  ou Workloads HHHHH []",
				"    account app-prod HHHHH []",
			},
			held: "HHHHH",
		},
	}
	// The same organisation in CloudFormation draws the same.
	for _, tt := range tests[:2] {
		tt.path = "cloudformation/" + strings.TrimPrefix(tt.path, "terraform/") + ".yaml"
		tests = append(tests, tt)
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			res, err := scan.Run(context.Background(), scan.Options{Paths: []string{filepath.Join(root, tt.path)}, Rules: builtin.Rules()})
			if err != nil {
				t.Fatal(err)
			}
			v := Build(res.Organization)
			if v == nil || len(v.Orgs) != 1 {
				t.Fatalf("view = %+v", v)
			}
			var got []string
			flatten(v.Orgs[0].Root, 0, &got)
			if strings.Join(got, "\n") != strings.Join(tt.tree, "\n") {
				t.Errorf("tree:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.tree, "\n"))
			}
			if h := row(report.OrgNode{Guardrails: v.Orgs[0].Held}); h != tt.held {
				t.Errorf("organisation-wide %s, want %s", h, tt.held)
			}
			if len(v.Guardrails) != 5 || v.Guardrails[0].RuleID != "aws-org-leave-organization-allowed" {
				t.Errorf("columns = %+v", v.Guardrails)
			}
		})
	}
}
