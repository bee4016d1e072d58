package sariftest

import "testing"

func TestCheck(t *testing.T) {
	tests := []struct {
		name  string
		doc   string
		valid bool
	}{
		{"minimal run", `{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[]}]}`, true},
		{"wrong version", `{"version":"2.0.0","runs":[]}`, false},
		{"bad level", `{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[{"message":{"text":"m"},"level":"fatal"}]}]}`, false},
		{"not json", `{`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Check([]byte(tt.doc))
			if (err == nil) != tt.valid {
				t.Errorf("Check = %v, want valid=%v", err, tt.valid)
			}
		})
	}
}
