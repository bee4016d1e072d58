package builtin

import (
	"testing"

	"github.com/blindspot-iac/blindspot/rules"
)

func TestRegistryAcceptsEveryRule(t *testing.T) {
	reg, err := rules.NewRegistry(Rules()...)
	if err != nil {
		t.Fatal(err)
	}
	if len(reg.All()) != len(Rules()) {
		t.Errorf("registry has %d rules, want %d", len(reg.All()), len(Rules()))
	}
}
