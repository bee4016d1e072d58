package modfetch

import (
	"regexp"
	"strings"
	"testing"
)

// The registry's name rules, as regular expressions (Terraform's
// documentation states them so): the hand-written checks must agree with
// them on every string of up to four characters from an alphabet with
// each class in it, and at the length limits.
func TestRegistryNamesAgreeWithTheirGrammar(t *testing.T) {
	name := regexp.MustCompile(`^[0-9A-Za-z](?:[0-9A-Za-z_-]{0,62}[0-9A-Za-z])?$`)
	provider := regexp.MustCompile(`^[0-9a-z]{1,64}$`)
	check := func(s string) {
		if got, want := isRegistryName(s), name.MatchString(s); got != want {
			t.Errorf("isRegistryName(%q) = %v, want %v", s, got, want)
		}
		if got, want := isRegistryProvider(s), provider.MatchString(s); got != want {
			t.Errorf("isRegistryProvider(%q) = %v, want %v", s, got, want)
		}
	}
	var all func(prefix string, n int)
	all = func(prefix string, n int) {
		check(prefix)
		if n == 0 {
			return
		}
		for _, c := range "aZ09-_.é" {
			all(prefix+string(c), n-1)
		}
	}
	all("", 4)
	for _, n := range []int{63, 64, 65} {
		check(strings.Repeat("a", n))
		check("a" + strings.Repeat("-", n-2) + "b")
		check(strings.Repeat("Z", n))
	}
}
