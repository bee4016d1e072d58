package parser

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/blindspot-iac/blindspot/internal/jsonnode"
	"github.com/blindspot-iac/blindspot/internal/nesting"
	"github.com/blindspot-iac/blindspot/internal/yamlnode"
)

// templateVersion is the only AWSTemplateFormatVersion CloudFormation
// accepts.
const templateVersion = "2010-09-09"

// Classify decides what a YAML or JSON file is from its content: a
// CloudFormation template, a Terraform plan (terraform show -json output),
// or neither (0).
//
// A file is a template when its AWSTemplateFormatVersion is exactly
// 2010-09-09, or when its top-level Resources is a mapping of
// resources with a Type, some of them AWS::, Custom:: or Alexa:: strings
// (see templateResources). Files that merely look alike are not
// templates: CodeDeploy's appspec.yaml (Resources is a list),
// org-formation files (2010-09-09-OC, OC:: types), Serverless Framework
// and Kubernetes files, fragments of a template. A file that declares the
// version but does not parse is a template, so that its parse error is
// reported instead of silently skipped.
func Classify(name string, data []byte) Kind {
	kind, _ := classify(name, data)
	return kind
}

// classify is Classify, saying why a file that looks like a template is
// not one ("" when it does not look like one at all).
func classify(name string, data []byte) (Kind, string) {
	if kind := classifyQuickly(name, data); kind != 0 {
		return kind, ""
	}
	mayHaveTypes := bytes.Contains(data, []byte("Resources")) &&
		(bytes.Contains(data, []byte("AWS::")) || bytes.Contains(data, []byte("Custom::")) || bytes.Contains(data, []byte("Alexa::")))
	if !mayHaveTypes && !bytes.Contains(data, []byte("AWSTemplateFormatVersion")) {
		return 0, ""
	}
	top, ok := jsonnode.Parse(data)
	if !ok {
		top, ok = yamlnode.Parse(data)
	}
	if !ok {
		if nesting.YAML(data) != nil {
			// Too deep to parse safely: loading it as a template reports
			// why, instead of skipping it silently.
			return CloudFormationTemplate, ""
		}
		var doc yaml.Node
		if err := yaml.Unmarshal(data, &doc); err != nil {
			if mentionsResourceTypes(data) {
				return 0, fmt.Sprintf("it does not parse (%v) and declares no AWSTemplateFormatVersion", err)
			}
			return 0, ""
		}
		if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
			return 0, ""
		}
		top = doc.Content[0]
	}
	var resources *yaml.Node
	version := ""
	for i := 0; i+1 < len(top.Content); i += 2 {
		key, val := top.Content[i].Value, top.Content[i+1]
		switch key {
		case "AWSTemplateFormatVersion":
			if val.Kind == yaml.ScalarNode && val.Value == templateVersion {
				return CloudFormationTemplate, ""
			}
			version = fmt.Sprintf("its AWSTemplateFormatVersion is %q, not %s", scalarText(val), templateVersion)
		case "Resources":
			resources = val
		}
	}
	if resources == nil {
		return 0, version
	}
	if ok, why := templateResources(resources); !ok {
		if version != "" {
			why = version + ", and " + why
		}
		return 0, why
	}
	return CloudFormationTemplate, ""
}

// templateResources reports whether a Resources node is a template's: a
// non-empty mapping whose entries (Fn::ForEach::... aside) are mappings
// with a Type, at least one of them an AWS::, Custom:: or Alexa:: string
// (others may be macro or preprocessor types), and none of org-formation's
// OC:: types; otherwise it says why not.
func templateResources(n *yaml.Node) (bool, string) {
	if n.Kind != yaml.MappingNode {
		return false, "its Resources is not a mapping"
	}
	cfnTypes := 0
	for i := 0; i+1 < len(n.Content); i += 2 {
		name, r := n.Content[i].Value, n.Content[i+1]
		if strings.HasPrefix(name, "Fn::ForEach::") {
			continue
		}
		var typ *yaml.Node
		if r.Kind == yaml.MappingNode {
			for j := 0; j+1 < len(r.Content); j += 2 {
				if r.Content[j].Value == "Type" {
					typ = r.Content[j+1]
				}
			}
		}
		switch {
		case typ == nil:
			return false, fmt.Sprintf("its resource %s has no Type", name)
		case typ.Kind != yaml.ScalarNode || typ.Tag != "!!str":
			// A preprocessor's (!Rain::Module) or a macro's type.
		case strings.HasPrefix(typ.Value, "OC::"):
			return false, fmt.Sprintf("its resource %s has the org-formation type %s", name, typ.Value)
		case resourceTypePrefix(typ.Value):
			cfnTypes++
		}
	}
	if cfnTypes == 0 {
		return false, "none of its Resources has an AWS::, Custom:: or Alexa:: type"
	}
	return true, ""
}

func resourceTypePrefix(t string) bool {
	return strings.HasPrefix(t, "AWS::") || strings.HasPrefix(t, "Custom::") || strings.HasPrefix(t, "Alexa::")
}

func scalarText(n *yaml.Node) string {
	if n.Kind == yaml.ScalarNode {
		return n.Value
	}
	return "not a string"
}

// classifyQuickly recognises plans, and templates by their
// AWSTemplateFormatVersion line, without parsing. It returns 0 when it
// cannot tell.
func classifyQuickly(name string, data []byte) Kind {
	if strings.HasSuffix(strings.ToLower(name), ".json") && bytes.Contains(data, []byte(`"planned_values"`)) && bytes.Contains(data, []byte(`"format_version"`)) {
		return TerraformPlan
	}
	if hasVersionLine(data) {
		return CloudFormationTemplate
	}
	return 0
}

// hasVersionLine reports whether versionLine matches a line of data: it
// is matched against the lines that hold AWSTemplateFormatVersion only,
// not the whole file (its start, a file's first lines, is most of what a
// template's head holds).
func hasVersionLine(data []byte) bool {
	key := []byte("AWSTemplateFormatVersion")
	for from := 0; ; {
		i := bytes.Index(data[from:], key)
		if i < 0 {
			return false
		}
		i += from
		start := bytes.LastIndexByte(data[:i], '\n') + 1
		end := bytes.IndexByte(data[i:], '\n')
		if end < 0 {
			end = len(data)
		} else {
			end += i
		}
		if versionLine.Match(data[start:end]) {
			return true
		}
		from = end
	}
}

// versionLine matches AWSTemplateFormatVersion: 2010-09-09 as a top-level
// YAML key, or as a JSON key on a line of its own or after the opening
// brace, with the value quoted or not and nothing but a comment, or a
// comma and what follows, after it.
var versionLine = regexp.MustCompile(`(?m)^(?:AWSTemplateFormatVersion|[ \t]*\{?[ \t]*"AWSTemplateFormatVersion")[ \t]*:[ \t]*(?:"2010-09-09"|'2010-09-09'|2010-09-09)[ \t]*(?:,.*|#.*)?\r?$`)

// mentionsResourceTypes reports whether a file that does not parse has a
// line that reads like a template resource's Type.
func mentionsResourceTypes(data []byte) bool {
	return resourceTypeLine.Match(data)
}

var resourceTypeLine = regexp.MustCompile(`(?m)^\s*"?Type"?\s*:\s*["']?(?:AWS|Custom|Alexa)::`)
