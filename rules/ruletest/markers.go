package ruletest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/blindspot-iac/blindspot/rules"
)

// expectation is one result a fixture must produce.
type expectation struct {
	file   string
	line   int
	status rules.Status
	rule   string
	// pattern must match the result's message; nil matches any.
	pattern *regexp.Regexp
}

// expectations are a fixture's expectations for every rule.
type expectations struct {
	all []expectation
	// brokenFix, when set, says why the fixes of the fixture are known
	// not to clear its findings.
	brokenFix string
}

// ruleIDs lists the rules the expectations name, sorted.
func (e *expectations) ruleIDs() []string {
	var ids []string
	for _, x := range e.all {
		if !slices.Contains(ids, x.rule) {
			ids = append(ids, x.rule)
		}
	}
	slices.Sort(ids)
	return ids
}

// kindFor is the kind of fixture the expectations make for rule id: bad
// when a finding is expected, unknown when only undetermined results are,
// good otherwise.
func (e *expectations) kindFor(id string) string {
	kind := "good"
	for _, x := range e.all {
		switch {
		case x.rule != id:
		case x.status == rules.Failed:
			return "bad"
		default:
			kind = "unknown"
		}
	}
	return kind
}

// readExpectations reads the expectations and scan arguments of the
// fixture at path: from comments, or from the Metadata of JSON templates.
func readExpectations(path string, isDir bool) (*expectations, []string, error) {
	files := []string{path}
	if isDir {
		files = fixtureFiles(path)
	}
	exp := &expectations{}
	var args []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, nil, err
		}
		var a []string
		if strings.HasSuffix(f, ".json") {
			a, err = jsonExpectations(exp, f, data)
		} else {
			a, err = commentExpectations(exp, f, data)
		}
		if err != nil {
			return nil, nil, err
		}
		args = append(args, a...)
	}
	return exp, args, nil
}

// markerRE finds the start of a marker in a comment.
var markerRE = regexp.MustCompile(`(?:#|//)\s*(want|unknown|args|broken-fix):`)

// ruleIDRE is the shape of a rule ID in a marker.
var ruleIDRE = regexp.MustCompile(`^aws-[a-z0-9]+(?:-[a-z0-9]+)*`)

// commentExpectations adds the markers of a commented file.
func commentExpectations(exp *expectations, file string, data []byte) ([]string, error) {
	var args []string
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for n := 1; sc.Scan(); n++ {
		a, xs, broken, err := parseMarkers(sc.Text())
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %v", file, n, err)
		}
		if broken != "" {
			exp.brokenFix = fmt.Sprintf("%s:%d: %s", file, n, broken)
		}
		args = append(args, a...)
		for _, x := range xs {
			x.file, x.line = filepath.Clean(file), n
			exp.all = append(exp.all, x)
		}
	}
	return args, sc.Err()
}

// parseMarkers reads the markers of one line: the scan arguments, the
// expectations (without file and line) and why fixes are broken.
func parseMarkers(line string) (args []string, xs []expectation, brokenFix string, err error) {
	locs := markerRE.FindAllStringSubmatchIndex(line, -1)
	for i, loc := range locs {
		kind := line[loc[2]:loc[3]]
		end := len(line)
		if i+1 < len(locs) {
			end = locs[i+1][0]
		}
		rest := line[loc[1]:end]
		switch kind {
		case "args":
			args = append(args, strings.Fields(rest)...)
			continue
		case "broken-fix":
			if brokenFix = strings.TrimSpace(rest); brokenFix == "" {
				return nil, nil, "", fmt.Errorf("broken-fix needs the reason")
			}
			continue
		}
		status := rules.Failed
		if kind == "unknown" {
			status = rules.Undetermined
		}
		for {
			rest = strings.TrimLeft(rest, " \t")
			if rest == "" {
				break
			}
			if rest[0] == '"' || rest[0] == '`' {
				lit, err := strconv.QuotedPrefix(rest)
				if err != nil {
					return nil, nil, "", fmt.Errorf("bad message pattern %s", rest)
				}
				if len(xs) == 0 || xs[len(xs)-1].pattern != nil {
					return nil, nil, "", fmt.Errorf("message pattern %s follows no rule ID", lit)
				}
				s, _ := strconv.Unquote(lit)
				re, err := regexp.Compile(s)
				if err != nil {
					return nil, nil, "", fmt.Errorf("message pattern %s: %v", lit, err)
				}
				xs[len(xs)-1].pattern = re
				rest = rest[len(lit):]
				continue
			}
			id := ruleIDRE.FindString(rest)
			if id == "" {
				break
			}
			xs = append(xs, expectation{status: status, rule: id})
			rest = rest[len(id):]
		}
	}
	return args, xs, brokenFix, nil
}

// jsonMarkers are the expectations of a JSON template, in its top-level
// Metadata under "ruletest".
type jsonMarkers struct {
	Args    string                       `json:"args"`
	Want    map[string][]jsonExpectation `json:"want"`
	Unknown map[string][]jsonExpectation `json:"unknown"`
}

// jsonExpectation locates a result by a JSON pointer, with an optional
// message pattern: "/Resources/Bucket" or {"at": "...", "message": "..."}.
type jsonExpectation struct {
	At      string `json:"at"`
	Message string `json:"message"`
}

func (j *jsonExpectation) UnmarshalJSON(data []byte) error {
	if err := json.Unmarshal(data, &j.At); err == nil {
		return nil
	}
	type plain jsonExpectation
	return json.Unmarshal(data, (*plain)(j))
}

// jsonExpectations adds the expectations of a JSON template.
func jsonExpectations(exp *expectations, file string, data []byte) ([]string, error) {
	var doc struct {
		Metadata struct {
			Ruletest *jsonMarkers `json:"ruletest"`
		}
	}
	if err := json.Unmarshal(data, &doc); err != nil || doc.Metadata.Ruletest == nil {
		// Not a template with expectations (or not JSON, which the scan
		// reports).
		return nil, nil
	}
	m := doc.Metadata.Ruletest
	lines, err := jsonLines(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", file, err)
	}
	for _, set := range []struct {
		status rules.Status
		byRule map[string][]jsonExpectation
	}{{rules.Failed, m.Want}, {rules.Undetermined, m.Unknown}} {
		for _, id := range slices.Sorted(maps.Keys(set.byRule)) {
			for _, j := range set.byRule[id] {
				line, ok := lines[j.At]
				if !ok {
					return nil, fmt.Errorf("%s: Metadata.ruletest: %q points at nothing", file, j.At)
				}
				x := expectation{file: filepath.Clean(file), line: line, status: set.status, rule: id}
				if j.Message != "" {
					if x.pattern, err = regexp.Compile(j.Message); err != nil {
						return nil, fmt.Errorf("%s: Metadata.ruletest: message pattern %q: %v", file, j.Message, err)
					}
				}
				exp.all = append(exp.all, x)
			}
		}
	}
	return strings.Fields(m.Args), nil
}

// jsonLines maps the JSON pointer of every member and element of a JSON
// document to the line it starts on: an object member's key, an array
// element's first token. The root ("") is the document's first line.
func jsonLines(data []byte) (map[string]int, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	lines := map[string]int{}
	lineAt := func(offset int64) int {
		for offset < int64(len(data)) && strings.IndexByte(" \t\r\n,:", data[offset]) >= 0 {
			offset++
		}
		return 1 + bytes.Count(data[:offset], []byte("\n"))
	}
	var walk func(ptr string) error
	walk = func(ptr string) error {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		delim, ok := tok.(json.Delim)
		if !ok || delim != '{' && delim != '[' {
			return nil
		}
		for i := 0; dec.More(); i++ {
			child := ptr + "/" + strconv.Itoa(i)
			if delim == '{' {
				start := dec.InputOffset()
				key, err := dec.Token()
				if err != nil {
					return err
				}
				k, _ := key.(string)
				child = ptr + "/" + strings.NewReplacer("~", "~0", "/", "~1").Replace(k)
				lines[child] = lineAt(start)
			} else {
				lines[child] = lineAt(dec.InputOffset())
			}
			if err := walk(child); err != nil {
				return err
			}
		}
		_, err = dec.Token() // the closing delimiter
		return err
	}
	lines[""] = lineAt(0)
	if err := walk(""); err != nil {
		return nil, err
	}
	return lines, nil
}

// result is one result of a checked rule, located in the fixture.
type result struct {
	file    string
	line    int
	status  rules.Status
	rule    string
	message string
}

func (r result) String() string {
	return fmt.Sprintf("%s:%d: %s %s: %s", r.file, r.line, r.status, r.rule, r.message)
}

// match pairs results with expectations line by line and describes the
// results no expectation accepts and the expectations no result meets.
// Expectations with a pattern are tried before those without.
func match(exps []expectation, got []result) []string {
	type key struct {
		file   string
		line   int
		status rules.Status
		rule   string
	}
	pending := map[key][]expectation{}
	for _, x := range exps {
		k := key{x.file, x.line, x.status, x.rule}
		pending[k] = append(pending[k], x)
	}
	for k := range pending {
		slices.SortStableFunc(pending[k], func(a, b expectation) int {
			return boolInt(a.pattern == nil) - boolInt(b.pattern == nil)
		})
	}
	var problems []string
	for _, r := range got {
		k := key{r.file, r.line, r.status, r.rule}
		i := slices.IndexFunc(pending[k], func(x expectation) bool { return x.pattern == nil || x.pattern.MatchString(r.message) })
		if i < 0 {
			problems = append(problems, "unexpected result "+r.String())
			continue
		}
		pending[k] = slices.Delete(pending[k], i, i+1)
	}
	var missed []string
	for k, xs := range pending {
		for _, x := range xs {
			what := fmt.Sprintf("%s:%d: no %s result of %s", k.file, k.line, k.status, k.rule)
			if x.pattern != nil {
				what += fmt.Sprintf(" matching %q", x.pattern)
			}
			missed = append(missed, what)
		}
	}
	slices.Sort(missed)
	return append(problems, missed...)
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
