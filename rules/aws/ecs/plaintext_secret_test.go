package ecs

import (
	"slices"
	"testing"
)

func TestSecretName(t *testing.T) {
	tests := []struct {
		name string
		want bool
	}{
		{"DB_PASSWORD", true},
		{"dbPassword", true},
		{"GITHUB_TOKEN", true},
		{"api-key", true},
		{"AWS_SECRET_ACCESS_KEY", true},
		{"AWS_ACCESS_KEY_ID", true},
		{"DB_PASSWORD_ARN", false},
		{"dbPasswordArn", false},
		{"TOKEN_URL", false},
		{"PASSWORD_MIN_LENGTH", false},
		{"SECRET_ID", false},
		{"DB_HOST", false},
		{"LOG_LEVEL", false},
	}
	for _, tt := range tests {
		if got := secretName(tt.name); got != tt.want {
			t.Errorf("secretName(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestNameWords(t *testing.T) {
	tests := []struct {
		name string
		want []string
	}{
		{"DB_PASSWORD_ARN", []string{"db", "password", "arn"}},
		{"dbPasswordArn", []string{"db", "password", "arn"}},
		{"api-key.v2", []string{"api", "key", "v2"}},
		{"", nil},
	}
	for _, tt := range tests {
		if got := nameWords(tt.name); !slices.Equal(got, tt.want) {
			t.Errorf("nameWords(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestPointsAtSecret(t *testing.T) {
	tests := []struct {
		value string
		want  bool
	}{
		{"", true},
		{"true", true},
		{"12", true},
		{"arn:aws:secretsmanager:eu-west-1:111122223333:secret:db", true},
		{"https://auth.example.com/token", true},
		{"/run/secrets/db", true},
		{"https://user:hunter2@db.example.com/app", false},
		{"hunter2", false},
		{"correct horse battery staple", false},
	}
	for _, tt := range tests {
		if got := pointsAtSecret(tt.value); got != tt.want {
			t.Errorf("pointsAtSecret(%q) = %v, want %v", tt.value, got, tt.want)
		}
	}
}
