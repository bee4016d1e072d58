package yamlnode

import (
	"strconv"
	"strings"
	"time"

	"github.com/blindspot-iac/blindspot/internal/nodeslab"
)

// timestampTag is the tag yaml.v3 gives a plain scalar that reads as a
// timestamp; the other tags are nodeslab's.
const timestampTag = "!!timestamp"

// resolveTag is the tag yaml.v3 resolves an untagged plain scalar to
// (its resolve("", value)): YAML 1.1 booleans only as true/false in three
// spellings, null and ~, .inf and .nan, integers in base 10, 16 (0x), 8
// (0o, 0777), 2 (0b) with underscores, floats, and timestamps in the four
// layouts it parses. "<<" (a merge key) is the caller's to decline.
func resolveTag(in string) string {
	if in == "" {
		return nodeslab.NullTag
	}
	switch in[0] {
	case 'y', 'Y', 'n', 'N', 't', 'T', 'f', 'F', 'o', 'O', '~', '<':
		switch in {
		case "true", "True", "TRUE", "false", "False", "FALSE":
			return nodeslab.BoolTag
		case "~", "null", "Null", "NULL":
			return nodeslab.NullTag
		}
		return nodeslab.StrTag
	case '.':
		switch in {
		case ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF":
			return nodeslab.FloatTag
		}
		if _, err := strconv.ParseFloat(in, 64); err == nil {
			return nodeslab.FloatTag
		}
		return nodeslab.StrTag
	case '+', '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		switch in {
		case "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF":
			return nodeslab.FloatTag
		}
		return numberTag(in)
	}
	return nodeslab.StrTag
}

// numberTag resolves a plain scalar starting with a sign or a digit.
func numberTag(in string) string {
	if isTimestamp(in) {
		return timestampTag
	}
	plain := strings.ReplaceAll(in, "_", "")
	if _, err := strconv.ParseInt(plain, 0, 64); err == nil {
		return nodeslab.IntTag
	}
	if _, err := strconv.ParseUint(plain, 0, 64); err == nil {
		return nodeslab.IntTag
	}
	if isYAMLFloat(plain) {
		if _, err := strconv.ParseFloat(plain, 64); err == nil {
			return nodeslab.FloatTag
		}
	}
	switch {
	case strings.HasPrefix(plain, "0b"):
		if _, err := strconv.ParseInt(plain[2:], 2, 64); err == nil {
			return nodeslab.IntTag
		}
		if _, err := strconv.ParseUint(plain[2:], 2, 64); err == nil {
			return nodeslab.IntTag
		}
	case strings.HasPrefix(plain, "-0b"):
		if _, err := strconv.ParseInt("-"+plain[3:], 2, 64); err == nil {
			return nodeslab.IntTag
		}
	}
	switch {
	case strings.HasPrefix(plain, "0o"):
		if _, err := strconv.ParseInt(plain[2:], 8, 64); err == nil {
			return nodeslab.IntTag
		}
		if _, err := strconv.ParseUint(plain[2:], 8, 64); err == nil {
			return nodeslab.IntTag
		}
	case strings.HasPrefix(plain, "-0o"):
		if _, err := strconv.ParseInt("-"+plain[3:], 8, 64); err == nil {
			return nodeslab.IntTag
		}
	}
	return nodeslab.StrTag
}

// isYAMLFloat matches ^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$,
// the floats yaml.v3 accepts.
func isYAMLFloat(s string) bool {
	i := 0
	if i < len(s) && (s[i] == '-' || s[i] == '+') {
		i++
	}
	digits := func() int {
		j := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		return i - j
	}
	if i < len(s) && s[i] == '.' {
		i++
		if digits() == 0 {
			return false
		}
	} else {
		if digits() == 0 {
			return false
		}
		if i < len(s) && s[i] == '.' {
			i++
			digits()
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '-' || s[i] == '+') {
			i++
		}
		if digits() == 0 {
			return false
		}
	}
	return i == len(s)
}

// timestampLayouts are the layouts yaml.v3 tries for a timestamp.
var timestampLayouts = [...]string{
	"2006-1-2T15:4:5.999999999Z07:00",
	"2006-1-2t15:4:5.999999999Z07:00",
	"2006-1-2 15:4:5.999999999",
	"2006-1-2",
}

// isTimestamp reports whether yaml.v3 reads s as a timestamp: four digits
// and a dash, then one of its layouts.
func isTimestamp(s string) bool {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i != 4 || i == len(s) || s[i] != '-' {
		return false
	}
	for _, layout := range timestampLayouts {
		if _, err := time.Parse(layout, s); err == nil {
			return true
		}
	}
	return false
}
