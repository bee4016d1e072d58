package aws

import (
	"strings"
	"testing"

	"github.com/blindspot-iac/blindspot/graph"
)

func obj(kv ...any) graph.Value {
	var fields []graph.Field
	for i := 0; i+1 < len(kv); i += 2 {
		fields = append(fields, graph.Field{Key: kv[i].(string), Value: kv[i+1].(graph.Value)})
	}
	return graph.Object(fields, graph.Range{})
}

func TestAccountsFromProviders(t *testing.T) {
	mgmt := &graph.Provider{Unit: "root", Name: "aws", Address: "aws", Attrs: obj("region", str("eu-west-1"))}
	member := &graph.Provider{Unit: "root", Name: "aws", Alias: "prod", Address: "aws.prod", Attrs: obj(
		"region", str("eu-central-1"),
		"assume_role", list(obj("role_arn", str("arn:aws:iam::333333333333:role/OrganizationAccountAccessRole"))),
	)}
	pinned := &graph.Provider{Unit: "root", Name: "aws", Alias: "pinned", Address: "aws.pinned", Attrs: obj(
		"allowed_account_ids", list(str("111111111111")),
	)}
	org := tfResource("aws_organizations_organization", "this", nil)
	org.Provider = mgmt
	inMgmt := tfResource("aws_instance", "jump", nil)
	inMgmt.Provider = mgmt
	inMember := tfResource("aws_instance", "app", nil)
	inMember.Provider, inMember.ProviderRef = member, "aws.prod"
	inPinned := tfResource("aws_sqs_queue", "q", nil)
	inPinned.Provider, inPinned.ProviderRef = pinned, "aws.pinned"
	g := &graph.Graph{Providers: []*graph.Provider{mgmt, member, pinned}, Resources: []*graph.Resource{org, inMgmt, inMember, inPinned}}

	for _, tc := range []struct {
		name    string
		opts    Options
		r       *graph.Resource
		want    graph.Tri
		account string
		region  string
		reason  string
	}{
		{"provider managing the organisation", Options{}, inMgmt, graph.True, "", "eu-west-1", "also manages aws_organizations_organization.this"},
		{"member-account alias", Options{}, inMember, graph.False, "333333333333", "eu-central-1", "assumes a role in account 333333333333"},
		{"pinned provider, management account unknown", Options{}, inPinned, graph.Unknown, "111111111111", "", "does not say which account"},
		{"pinned provider, management account given", Options{ManagementAccountIDs: []string{"111111111111"}}, inPinned, graph.True, "111111111111", "", "allows only account 111111111111"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := Build(g, tc.opts).Accounts.Of(tc.r)
			if d.Management != tc.want || d.AccountID != tc.account || d.Region != tc.region || !strings.Contains(d.Reason, tc.reason) {
				t.Errorf("got %v account %q region %q (%s); want %v account %q region %q (%s)",
					d.Management, d.AccountID, d.Region, d.Reason, tc.want, tc.account, tc.region, tc.reason)
			}
		})
	}
}
