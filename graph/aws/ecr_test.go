package aws

import "testing"

func TestRepositoryFilterMatches(t *testing.T) {
	tests := []struct {
		filter, name string
		want         bool
	}{
		{"*", "app", true},
		{"prod-*", "prod-api", true},
		{"prod-*", "dev-api", false},
		{"*-api", "prod-api", true},
		{"*-api", "prod-api-v2", false},
		{"prod*api", "prod-orders-api", true},
		{"a*b*c", "abcbc", true},
		{"ab*ba", "aba", false},
		{"orders", "team/orders-api", true}, // no wildcard: contains
		{"orders", "payments", false},
	}
	for _, tt := range tests {
		if got := RepositoryFilterMatches(tt.filter, tt.name); got != tt.want {
			t.Errorf("RepositoryFilterMatches(%q, %q) = %v, want %v", tt.filter, tt.name, got, tt.want)
		}
	}
}
