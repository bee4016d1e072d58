package aws

import (
	"reflect"
	"testing"
)

func TestLinkedGroups(t *testing.T) {
	tests := []struct {
		name  string
		links []Links
		want  [][]int
	}{
		{"no links", []Links{{}, {Names: []string{"a"}}, {Targets: []string{"b"}}}, nil},
		{"target names a bucket of another unit", []Links{
			{Names: []string{"logs"}}, {}, {Targets: []string{"logs"}},
		}, [][]int{{0, 2}}},
		{"a name held twice joins both holders to the unit naming it", []Links{
			{Names: []string{"logs"}}, {Targets: []string{"logs"}}, {Names: []string{"logs"}}, {Names: []string{"other"}},
		}, [][]int{{0, 1, 2}}},
		{"a name held twice but named by no split links nothing", []Links{
			{Names: []string{"logs"}}, {Names: []string{"logs"}},
		}, nil},
		{"a unit naming its own bucket", []Links{{Names: []string{"logs"}, Targets: []string{"logs"}}, {}}, nil},
		{"account settings do not group units", []Links{
			{Accounts: []string{"111111111111"}}, {Settings: []AccountSetting{{Account: "111111111111"}}},
		}, nil},
		{"groups chain through shared units", []Links{
			{Names: []string{"a"}}, {Targets: []string{"a", "b"}}, {Names: []string{"b"}}, {Targets: []string{"c"}}, {Names: []string{"c"}},
		}, [][]int{{0, 1, 2}, {3, 4}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := LinkedGroups(tt.links); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("LinkedGroups = %v, want %v", got, tt.want)
			}
		})
	}
}
