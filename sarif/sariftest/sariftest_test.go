package sariftest

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

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

// TestEmbeddedSchemaIsShared: the embedded schema is the project's shared
// copy (../shared/sarif), so every test validates against the same file.
func TestEmbeddedSchemaIsShared(t *testing.T) {
	shared := filepath.Join("..", "..", "..", "shared", "sarif", "sarif-schema-2.1.0.json")
	want, err := os.ReadFile(shared)
	if err != nil {
		t.Skipf("shared schema not available: %v", err)
	}
	if !bytes.Equal(schemaJSON, want) {
		t.Errorf("testdata/sarif-schema-2.1.0.json differs from %s", shared)
	}
}

// TestCheckRejectsNull: null where the schema wants an object or a string
// is an error (go-sarif writes null for some unset members).
func TestCheckRejectsNull(t *testing.T) {
	doc := `{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[{"message":{"text":"m"},"suppressions":[{"kind":"inSource","location":null}]}]}]}`
	if Check([]byte(doc)) == nil {
		t.Errorf("a null suppression location passed")
	}
}
