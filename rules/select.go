package rules

import (
	"fmt"
	"path"
	"slices"
	"strings"
)

// Pattern selects rules: an exact rule ID ("aws-s3-versioning-disabled"),
// a glob over IDs ("aws-s3-*", "aws-org-?cp-*", with path.Match syntax) or
// a tag ("tag:encryption").
type Pattern struct {
	// Text is the pattern as written.
	Text string
	tag  string
	glob bool
}

// ParsePattern reads a rule pattern. Patterns are case-insensitive, as
// rule IDs and tags are lower case.
func ParsePattern(s string) (Pattern, error) {
	text := strings.TrimSpace(s)
	lower := strings.ToLower(text)
	if tag, ok := strings.CutPrefix(lower, "tag:"); ok {
		if tag == "" {
			return Pattern{}, fmt.Errorf("%q names no tag (write tag:NAME)", s)
		}
		return Pattern{Text: text, tag: tag}, nil
	}
	if lower == "" {
		return Pattern{}, fmt.Errorf("empty rule pattern")
	}
	p := Pattern{Text: lower, glob: strings.ContainsAny(lower, "*?[")}
	if p.glob {
		if _, err := path.Match(lower, ""); err != nil {
			return Pattern{}, fmt.Errorf("%q is not a valid glob: %v", s, err)
		}
	}
	return p, nil
}

// IsID reports whether the pattern is one exact rule ID.
func (p Pattern) IsID() bool { return p.tag == "" && !p.glob }

// Tag returns the tag a tag pattern selects ("" for others).
func (p Pattern) Tag() string { return p.tag }

// Matches reports whether r is selected by p.
func (p Pattern) Matches(r *Rule) bool {
	switch {
	case p.tag != "":
		return slices.Contains(r.Tags, p.tag)
	case p.glob:
		ok, _ := path.Match(p.Text, r.ID)
		return ok
	}
	return r.ID == p.Text
}

// MatchesAny reports whether some pattern of ps selects r.
func MatchesAny(ps []Pattern, r *Rule) bool {
	return slices.ContainsFunc(ps, func(p Pattern) bool { return p.Matches(r) })
}

// Compliance frameworks by the short names used on the command line and in
// the configuration (--compliance cis-aws).
var frameworkNames = []struct{ name, framework string }{
	{"cis-aws", FrameworkCIS},
	{"aws-security-hub", FrameworkSecurityHub},
	{"aws-config", FrameworkConfig},
	{"nist-csf", FrameworkNIST},
	{"iso-27001", FrameworkISO},
}

// FrameworkNamed returns the framework a short name stands for
// (case-insensitive).
func FrameworkNamed(name string) (string, bool) {
	n := strings.ToLower(strings.TrimSpace(name))
	for _, f := range frameworkNames {
		if f.name == n {
			return f.framework, true
		}
	}
	return "", false
}

// FrameworkNames lists the short names of the compliance frameworks.
func FrameworkNames() []string {
	out := make([]string, len(frameworkNames))
	for i, f := range frameworkNames {
		out[i] = f.name
	}
	return out
}

// FrameworkShortName is the short name of a framework, or the framework
// itself when it has none.
func FrameworkShortName(framework string) string {
	for _, f := range frameworkNames {
		if f.framework == framework {
			return f.name
		}
	}
	return framework
}

// Controls returns the IDs of r's controls in framework, in the order the
// rule lists them.
func (r *Rule) Controls(framework string) []string {
	var out []string
	for _, c := range r.Compliance {
		if c.Framework == framework {
			out = append(out, c.ID)
		}
	}
	return out
}
