package rules

import "testing"

func TestPattern(t *testing.T) {
	r := &Rule{ID: "aws-s3-versioning-disabled", Tags: []string{"s3", "resilience"}}
	tests := []struct {
		pattern string
		match   bool
		isID    bool
	}{
		{"aws-s3-versioning-disabled", true, true},
		{"AWS-S3-Versioning-Disabled", true, true},
		{"aws-s3-*", true, false},
		{"aws-s?-versioning-*", true, false},
		{"aws-kms-*", false, false},
		{"tag:s3", true, false},
		{"tag:S3", true, false},
		{"tag:kms", false, false},
		{"aws-s3-versioning", false, true},
	}
	for _, tt := range tests {
		p, err := ParsePattern(tt.pattern)
		if err != nil {
			t.Errorf("ParsePattern(%q): %v", tt.pattern, err)
			continue
		}
		if got := p.Matches(r); got != tt.match {
			t.Errorf("%q matches %s = %v, want %v", tt.pattern, r.ID, got, tt.match)
		}
		if p.IsID() != tt.isID {
			t.Errorf("%q IsID = %v, want %v", tt.pattern, p.IsID(), tt.isID)
		}
	}
	for _, bad := range []string{"", "tag:", "aws-[s3", "  "} {
		if _, err := ParsePattern(bad); err == nil {
			t.Errorf("ParsePattern(%q) accepted an invalid pattern", bad)
		}
	}
}

func TestFrameworkNames(t *testing.T) {
	for _, name := range FrameworkNames() {
		f, ok := FrameworkNamed(name)
		if !ok || FrameworkShortName(f) != name {
			t.Errorf("%s: FrameworkNamed = %q, %v; short name back %q", name, f, ok, FrameworkShortName(f))
		}
	}
	if f, ok := FrameworkNamed("CIS-AWS"); !ok || f != FrameworkCIS {
		t.Errorf("names are not case-insensitive: %q %v", f, ok)
	}
	if _, ok := FrameworkNamed("pci"); ok {
		t.Error("an unknown framework was accepted")
	}
}
