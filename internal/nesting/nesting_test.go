package nesting

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"go.yaml.in/yaml/v3"
)

func rep(s string, n int) string { return strings.Repeat(s, n) }

func TestHCL(t *testing.T) {
	tests := []struct {
		name string
		src  string
		bad  bool
	}{
		{"plain", "resource \"a\" \"b\" {\n  x = [1, 2, {a = 3}]\n  y = !var.a && -1 < 2 ? \"${var.b}\" : null\n}\n", false},
		{"brackets in strings and comments", "a = \"" + rep("[", 1000) + "\" # " + rep("(", 1000) + "\n// " + rep("{", 1000) + "\n/* " + rep("[", 1000) + " */\n", false},
		{"brackets in a heredoc", "a = <<EOF\n" + rep("[", 1000) + "\nEOF\nb = 1\n", false},
		{"indented heredoc", "a = <<-EOF\n  " + rep("{", 1000) + "\n  EOF\n", false},
		{"deep brackets", "a = " + rep("[", 300) + rep("]", 300), true},
		{"deep blocks", rep("a {\n", 300) + rep("}\n", 300), true},
		{"deep parentheses", "a = " + rep("(", 300) + "1" + rep(")", 300), true},
		{"many siblings", "a = [" + rep("[1],", 100000) + "]", false},
		{"unary run", "a = " + rep("!", 5000) + "true", true},
		{"negation run", "a = " + rep("-", 5000) + "1", true},
		{"conditional chain", "a = " + rep("x ? 1 : ", 5000) + "2", true},
		{"binary chain", "a = 1" + rep(" + 1", 5000), true},
		{"index chain", "a = b" + rep("[c]", 5000), true},
		{"long chain split by commas", "a = [" + rep("1 + 1, ", 5000) + "]", false},
		{"long chains on separate lines", rep("a = 1 + 1 + 1\n", 5000), false},
		{"dashes in names", "a = " + rep("my-name-is-long-", 1000) + "x", false},
		{"interpolation nesting", "a = \"" + rep("${\"", 300) + rep("\"}", 300) + "\"", true},
		{"directive nesting", "a = \"" + rep("%{ if x }", 300) + rep("%{ endif }", 300) + "\"", true},
		{"directives in sequence", "a = \"" + rep("%{ if x }y%{ endif }", 1000) + "\"", false},
		{"long heredoc", "a = <<EOF\n" + rep("line\n", 10000) + "EOF\n", true},
		{"heredoc of 1000 lines", "a = <<EOF\n" + rep("a line of sixty characters, as a shell script might have..\n", 1000) + "EOF\n", false},
		{"many escapes", "a = \"" + rep("$${x}", 10000) + "\"", true},
		{"huge exponent", "a = 1e600000000", true},
		{"big but fine number", "a = 1e300", false},
		{"many digits", "a = " + rep("9", 5000), true},
	}
	for _, tt := range tests {
		err := HCL([]byte(tt.src))
		var e *Error
		if tt.bad != (err != nil) || err != nil && !errors.As(err, &e) {
			t.Errorf("%s: HCL() = %v, want error %v", tt.name, err, tt.bad)
		}
		if !tt.bad && len(tt.src) < 1<<20 {
			// What passes must parse and evaluate without trouble.
			f, _ := hclsyntax.ParseConfig([]byte(tt.src), "x.tf", hcl.InitialPos)
			if f != nil {
				attrs, _ := f.Body.JustAttributes()
				for _, a := range attrs {
					a.Expr.Value(nil)
				}
			}
		}
	}
}

// The limits are safe: what passes them parses and evaluates.
func TestAtTheLimits(t *testing.T) {
	srcs := []string{
		"a = " + rep("[", MaxDepth-2) + rep("]", MaxDepth-2),
		"a = " + rep("!", MaxChain-10) + "true",
		"a = " + rep("true ? ", MaxChain/2-10) + "1" + rep(" : 2", MaxChain/2-10),
		"a = 1" + rep("+1", MaxChain-10),
	}
	for _, src := range srcs {
		if err := HCL([]byte(src)); err != nil {
			t.Fatalf("HCL(%.40q...) = %v", src, err)
		}
		f, diags := hclsyntax.ParseConfig([]byte(src), "x.tf", hcl.InitialPos)
		if diags.HasErrors() {
			t.Fatalf("parse %.40q: %v", src, diags)
		}
		attrs, _ := f.Body.JustAttributes()
		if _, diags := attrs["a"].Expr.Value(nil); diags.HasErrors() {
			t.Fatalf("eval %.40q: %v", src, diags)
		}
	}
}

func TestTemplate(t *testing.T) {
	if err := Template([]byte(rep("#!/bin/sh\necho ${x} [ -f y ] && {\n", 200))); err != nil {
		t.Errorf("a script template: %v", err)
	}
	if err := Template([]byte(rep("x\n", 20000))); err == nil {
		t.Error("a 20,000-line template passed")
	}
	if err := Template([]byte(rep("%{ for x in y }", 300))); err == nil {
		t.Error("300 nested for directives passed")
	}
}

func TestJSON(t *testing.T) {
	tests := []struct {
		name      string
		src       string
		templates bool
		bad       bool
	}{
		{"plain", `{"resource": {"a": {"b": {"x": [1, 2, "${var.x}"]}}}}`, true, false},
		{"deep", rep("[", 300) + rep("]", 300), false, true},
		{"deep objects", rep(`{"a":`, 300) + "1" + rep("}", 300), false, true},
		{"brackets in strings", `{"a": "` + rep("[", 1000) + `"}`, true, false},
		{"operator chain in a template", `{"a": "${` + rep("!", 5000) + `true}"}`, true, true},
		{"the same without templates", `{"a": "${` + rep("!", 5000) + `true}"}`, false, false},
		{"escaped interpolation", `{"a": "\u0024{` + rep("(", 300) + `}"}`, true, true},
		{"lines in a string", `{"a": "` + rep(`x\n`, 20000) + `"}`, true, true},
		{"huge exponent", `{"a": 1e999999}`, false, true},
		{"one for in a string", `{"a": "${[for x in var.y : x]}"}`, true, false},
		{"nested fors in a string", `{"a": "${[for x in var.y : [for z in var.y : z]]}"}`, true, true},
		{"not JSON", `{"a": `, true, false},
	}
	for _, tt := range tests {
		if err := JSON([]byte(tt.src), tt.templates); tt.bad != (err != nil) {
			t.Errorf("%s: JSON() = %v, want error %v", tt.name, err, tt.bad)
		}
	}
}

func TestYAML(t *testing.T) {
	deepBlock := ""
	for i := 0; i < 300; i++ {
		deepBlock += rep(" ", i) + "a:\n"
	}
	tests := []struct {
		name string
		src  string
		bad  bool
	}{
		{"template", "Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      Tags: [{Key: a, Value: b}]\n", false},
		{"deep flow", "a: " + rep("[", 300) + rep("]", 300), true},
		{"deep flow objects", "a: " + rep("{a: ", 300) + "1" + rep("}", 300), true},
		{"deep JSON", rep(`{"a":`, 300) + "1" + rep("}", 300), true},
		{"deep block", deepBlock, true},
		{"compact sequences at the start", rep("- ", 300) + "x\n", true},
		{"brackets in quotes", "a: \"" + rep("[", 1000) + "\"\nb: '" + rep("{", 1000) + "'\n", false},
		{"brackets in plain scalars", rep("a: x[y\n", 1000), false},
		{"brackets in a comment", "a: 1 # " + rep("[", 1000) + "\n", false},
		{"brackets in a block scalar", "a: |\n  " + rep("[", 1000) + "\n  " + rep("{", 1000) + "\nb: 1\n", false},
		{"a Sub block scalar", "a: !Sub |\n  " + rep("{", 1000) + "\nb: 1\n", false},
		{"apostrophes", rep("a: it's [fine\n", 1000), false},
		{"multi-line quotes", "a: \"x\n  " + rep("[", 1000) + "\"\n", false},
		{"many siblings", rep("- [a, b]\n", 100000), false},
	}
	for _, tt := range tests {
		err := YAML([]byte(tt.src))
		if tt.bad != (err != nil) {
			t.Errorf("%s: YAML() = %v, want error %v", tt.name, err, tt.bad)
		}
		if !tt.bad {
			var n yaml.Node
			_ = yaml.Unmarshal([]byte(tt.src), &n)
		}
	}
}

// The checks are linear: megabytes take milliseconds, whatever they hold.
func TestLinear(t *testing.T) {
	inputs := map[string][]byte{
		"brackets":  []byte(rep("[1]", 1<<20)),
		"strings":   []byte(rep("a = \"x\"\n", 1<<19)),
		"heredocs":  []byte(rep("a = <<EOF\nx\nEOF\n", 1<<17)),
		"comments":  []byte(rep("/* x */ # y\n", 1<<18)),
		"operators": []byte(rep("a = 1+1\n", 1<<19)),
	}
	for name, src := range inputs {
		start := time.Now()
		_ = HCL(src)
		_ = YAML(src)
		// Quadratic work on megabytes would take hours; linear takes
		// milliseconds (seconds on a loaded machine).
		if d := time.Since(start); d > 30*time.Second {
			t.Errorf("%s: %d bytes took %v", name, len(src), d)
		}
	}
}
