package report

import (
	"fmt"
	"strings"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/rules"
)

// findingGroup is findings a text report writes once: those of one rule,
// with one message but for the resource address, at one place in the
// source — a module (or a counted resource) instantiated many times.
type findingGroup struct {
	findings []*rules.Finding
	// message is the message written: the first finding's, with its
	// resource address made common to the group.
	message string
	// instances name the group's members when there are several.
	instances []string
}

// groupFindings groups findings (in report order) by rule, status,
// severity, suppression, place and message with the resource address
// left out; each group takes the place of its first finding.
func groupFindings(fs []*rules.Finding) []*findingGroup {
	var out []*findingGroup
	byKey := map[string]*findingGroup{}
	for _, f := range fs {
		k := groupKey(f)
		if g, ok := byKey[k]; ok {
			g.findings = append(g.findings, f)
			continue
		}
		g := &findingGroup{findings: []*rules.Finding{f}, message: f.Message}
		byKey[k] = g
		out = append(out, g)
	}
	for _, g := range out {
		if len(g.findings) < 2 {
			continue
		}
		addrs := make([]string, len(g.findings))
		for i, f := range g.findings {
			addrs[i] = f.Loc.Resource.Address
		}
		common, names := instanceNames(addrs)
		g.instances = names
		if common != "" {
			g.message = strings.ReplaceAll(g.findings[0].Message, addrs[0], common)
		}
	}
	return out
}

func groupKey(f *rules.Finding) string {
	msg := f.Message
	if r := f.Loc.Resource; r != nil && r.Address != "" {
		msg = strings.ReplaceAll(msg, r.Address, "\x00")
	} else {
		// Findings without a resource are never instances of one.
		msg = fmt.Sprintf("%p", f)
	}
	supp := ""
	if s := f.Suppressed; s != nil {
		supp = s.Justification + "\x00" + s.Until + "\x00" + fmt.Sprint(s.Range)
	}
	return strings.Join([]string{f.RuleID, f.Status.String(), f.Severity.String(), f.BaselineState, fmt.Sprint(f.Loc.Range), supp, msg}, "\x01")
}

// relatedLine is a secondary location as a text report writes it.
type relatedLine struct {
	label string
	loc   graph.Range
}

// maxRelatedPerGroup bounds the secondary locations of a group's entry
// that differ between its instances.
const maxRelatedPerGroup = 3

// related returns the secondary locations a group's entry shows: those all
// its findings share, then those that differ (where each instance's value
// was set), naming the instance, without the module calls ("via
// module.x") that the instance list names already.
func (g *findingGroup) related() (lines []relatedLine, more int) {
	seen := map[string]bool{}
	add := func(label string, r rules.Related) bool {
		k := label + "\x00" + fmt.Sprint(r.Loc.Range)
		if seen[k] {
			return false
		}
		seen[k] = true
		lines = append(lines, relatedLine{label: label, loc: r.Loc.Range})
		return true
	}
	for _, r := range g.findings[0].Related {
		if !r.Loc.Range.IsZero() && (len(g.findings) == 1 || sharedRelated(g.findings, r)) {
			add(r.Message, r)
		}
	}
	if len(g.findings) == 1 {
		return lines, 0
	}
	differing := 0
	for i, f := range g.findings {
		for _, r := range f.Related {
			if r.Loc.Range.IsZero() || strings.HasPrefix(r.Message, "via ") || sharedRelated(g.findings, r) {
				continue
			}
			if differing >= maxRelatedPerGroup {
				more++
				continue
			}
			if add(r.Message+" for "+g.instances[i], r) {
				differing++
			}
		}
	}
	return lines, more
}

// sharedRelated reports whether every finding has the related location r.
func sharedRelated(fs []*rules.Finding, r rules.Related) bool {
	for _, f := range fs {
		found := false
		for _, o := range f.Related {
			if o.Message == r.Message && o.Loc.Range == r.Loc.Range {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// instanceNames splits the addresses of a group's resources into the part
// they share and the parts that tell them apart:
// module.a.aws_s3_bucket.this and module.b.aws_s3_bucket.this share
// aws_s3_bucket.this and are module.a and module.b. Addresses that share
// no trailing part (aws_s3_bucket.this[0], aws_s3_bucket.this[1]) are
// named in full, and share the address without its instance key.
func instanceNames(addrs []string) (common string, names []string) {
	parts := make([][]string, len(addrs))
	shortest := -1
	for i, a := range addrs {
		parts[i] = addressParts(a)
		if shortest < 0 || len(parts[i]) < shortest {
			shortest = len(parts[i])
		}
	}
	// The shared suffix stops short of a whole address, so that every
	// instance keeps a name.
	n := 0
	for n < shortest-1 {
		seg := parts[0][len(parts[0])-1-n]
		same := true
		for _, p := range parts[1:] {
			if p[len(p)-1-n] != seg {
				same = false
				break
			}
		}
		if !same {
			break
		}
		n++
	}
	if n > 0 {
		for _, p := range parts {
			names = append(names, strings.Join(p[:len(p)-n], "."))
		}
		return strings.Join(parts[0][len(parts[0])-n:], "."), names
	}
	base := stripKey(addrs[0])
	for _, a := range addrs {
		if stripKey(a) != base {
			base = ""
		}
	}
	return base, append(names, addrs...)
}

// addressParts splits an address at the dots outside brackets and quotes:
// module.x["a.b"].aws_s3_bucket.y is module, x["a.b"], aws_s3_bucket, y.
func addressParts(addr string) []string {
	var out []string
	depth, quoted, start := 0, false, 0
	for i := 0; i < len(addr); i++ {
		switch c := addr[i]; {
		case quoted && c == '\\':
			i++
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == '[':
			depth++
		case c == ']':
			depth--
		case c == '.' && depth == 0:
			out = append(out, addr[start:i])
			start = i + 1
		}
	}
	return append(out, addr[start:])
}

// stripKey removes a trailing instance key: aws_s3_bucket.this[0] is
// aws_s3_bucket.this.
func stripKey(addr string) string {
	if !strings.HasSuffix(addr, "]") {
		return addr
	}
	parts := addressParts(addr)
	last := parts[len(parts)-1]
	if i := strings.IndexByte(last, '['); i > 0 {
		parts[len(parts)-1] = last[:i]
	}
	return strings.Join(parts, ".")
}

// listInstances names a group's instances in prose, the first few in
// full: "module.a, module.b, module.c and 47 more".
func listInstances(names []string) string {
	const shown = 3
	if len(names) <= shown+1 {
		return joinAnd(names)
	}
	return fmt.Sprintf("%s and %d more", strings.Join(names[:shown], ", "), len(names)-shown)
}
