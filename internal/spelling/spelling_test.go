package spelling

import "testing"

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"abc", "", 3}, {"kitten", "sitting", 3}, {"Bucket", "Bucket", 0}, {"exclude", "exlcude", 2},
	}
	for _, tt := range tests {
		if got := Distance(tt.a, tt.b); got != tt.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestClosest(t *testing.T) {
	within := func(n int) func(int) bool { return func(d int) bool { return d <= n } }
	tests := []struct {
		name       string
		candidates []string
		max        int
		want       string
		found      bool
	}{
		{"VersioningConfiguraton", []string{"BucketName", "VersioningConfiguration"}, 3, "VersioningConfiguration", true},
		{"versioningconfiguration", []string{"VersioningConfiguration"}, 0, "VersioningConfiguration", true},
		{"Tags", []string{"Type", "Tagz"}, 1, "Tagz", true},
		{"Nothing", []string{"BucketName"}, 2, "", false},
		{"ab", []string{"ax", "ay"}, 1, "ax", true},
	}
	for _, tt := range tests {
		got, found := Closest(tt.name, tt.candidates, within(tt.max))
		if got != tt.want || found != tt.found {
			t.Errorf("Closest(%q) = %q, %v; want %q, %v", tt.name, got, found, tt.want, tt.found)
		}
	}
}
