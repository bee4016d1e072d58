package config

import (
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/blindspot-iac/blindspot/internal/spelling"
	"github.com/blindspot-iac/blindspot/parser"
	"github.com/blindspot-iac/blindspot/rules"
)

// The checks below are shared by the configuration reader and the command
// line (through internal/scan), so that a value is accepted or refused the
// same way wherever it is written.

var accountID = regexp.MustCompile(`^\d{12}$`)

// CheckAccountID refuses anything but a 12-digit AWS account ID.
func CheckAccountID(id string) error {
	if !accountID.MatchString(id) {
		return fmt.Errorf("%q is not a 12-digit AWS account ID", id)
	}
	return nil
}

// CheckGlob refuses a path glob that cannot match as written.
func CheckGlob(pattern string) error { return parser.ValidateGlob(pattern) }

// ParseSeverities reads a comma-separated list of severities
// ("high,critical"), case-insensitively.
func ParseSeverities(list string) ([]rules.Severity, error) {
	var out []rules.Severity
	for _, part := range strings.Split(list, ",") {
		if strings.TrimSpace(part) == "" {
			continue
		}
		s, err := rules.ParseSeverity(part)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no severity given (want low, medium, high or critical)")
	}
	return out, nil
}

// UnknownFramework is the error for a compliance framework name that is
// not known.
func UnknownFramework(name string) error {
	names := rules.FrameworkNames()
	best, ok := spelling.Closest(name, names, func(d int) bool { return d <= 3 })
	for _, n := range names {
		if !ok && name != "" && strings.HasPrefix(n, strings.ToLower(name)) {
			best, ok = n, true
		}
	}
	if ok {
		return fmt.Errorf("unknown compliance framework %q (did you mean %q? known: %s)", name, best, strings.Join(names, ", "))
	}
	return fmt.Errorf("unknown compliance framework %q (known: %s)", name, strings.Join(names, ", "))
}

// CheckRulePatterns parses rule patterns (rule IDs, globs over IDs,
// tag:NAME) and checks each against the rules: an ID must name a rule, and
// a glob or a tag must select at least one, because a selection that
// selects nothing is a typo, never an intent. what names where the
// patterns were written ("--rule", "rules.enable").
func CheckRulePatterns(reg *rules.Registry, what string, patterns []string) ([]rules.Pattern, error) {
	var out []rules.Pattern
	var errs []error
	for _, s := range patterns {
		p, err := rules.ParsePattern(s)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", what, err))
			continue
		}
		selects := false
		for _, r := range reg.All() {
			if p.Matches(r) {
				selects = true
				break
			}
		}
		switch {
		case selects:
			out = append(out, p)
		case p.IsID():
			errs = append(errs, fmt.Errorf("%s names unknown rule %q%s", what, s, SuggestRule(reg, p.Text)))
		case p.Tag() != "":
			errs = append(errs, fmt.Errorf("%s: no rule has the tag %q%s", what, p.Tag(), suggestTag(reg, p.Tag())))
		default:
			errs = append(errs, fmt.Errorf("%s: %q matches no rule (see `blindspot rules`)", what, s))
		}
	}
	return out, errors.Join(errs...)
}

// SuggestRule is " (did you mean ...?)" naming the rule closest to id, or
// a pointer to the list of rules.
func SuggestRule(reg *rules.Registry, id string) string {
	var ids []string
	for _, r := range reg.All() {
		ids = append(ids, r.ID)
	}
	if best, ok := ClosestRule(ids, id); ok {
		return fmt.Sprintf(" (did you mean %q?)", best)
	}
	return " (see `blindspot rules`)"
}

// ClosestRule returns the rule ID of ids nearest to id, when one is close
// enough to be a misspelling of it.
func ClosestRule(ids []string, id string) (string, bool) {
	return spelling.Closest(id, ids, func(d int) bool { return d <= max(3, len(id)/5) })
}

func suggestTag(reg *rules.Registry, tag string) string {
	seen := map[string]bool{}
	var tags []string
	for _, r := range reg.All() {
		for _, t := range r.Tags {
			if !seen[t] {
				seen[t] = true
				tags = append(tags, t)
			}
		}
	}
	sort.Strings(tags)
	if best, ok := spelling.Closest(tag, tags, func(d int) bool { return d <= 2 }); ok {
		return fmt.Sprintf(" (did you mean tag:%s?)", best)
	}
	return ""
}
