// Command cfncatalog writes parser/cloudformation's resource catalogue:
// every CloudFormation resource type with its property names. The front
// end uses it to warn about unknown resource types and misspelled
// properties without linking a multi-megabyte specification into
// blindspot.
//
// CloudFormation types come from the npm package @aws-cdk/aws-service-spec
// at a pinned version (see spec.go), which follows the CloudFormation
// registry weekly. SAM types (AWS::Serverless::*) come from goformation's
// SAM schema, with the few properties SAM gained since. By default the
// package is fetched with `npm pack` (from npm's cache when it is there);
// -spec names a tarball already downloaded, so no npm is needed.
//
// Run it with go generate ./parser/cloudformation.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"go/format"
	"log"
	"os"
	"sort"
	"strings"

	"github.com/awslabs/goformation/v7/schema"
)

// goformationVersion is the goformation release whose SAM schema is read;
// it must match go.mod.
const goformationVersion = "v7.14.9"

// samPrefix marks the types the SAM transform defines.
const samPrefix = "AWS::Serverless::"

// supplement lists what CloudFormation and SAM accept that neither source
// has, each checked against the CloudFormation or SAM reference (or the
// SAM translator's schema) and met in AWS's own sample templates. "*"
// means the type's properties are not checked.
var supplement = map[string][]string{
	// A custom resource takes any properties besides ServiceToken: they
	// are passed to the function or topic that implements it.
	"AWS::CloudFormation::CustomResource": {"*"},
	// Documented in the CloudFormation reference; the CDK specification
	// still carries the legacy property list of RecordSet.
	"AWS::Route53::RecordSet": {"GeoProximityLocation"},
	// SAM resources and properties newer than goformation's SAM schema.
	"AWS::Serverless::Api":              {"ApiKeySourceType"},
	"AWS::Serverless::CapacityProvider": {"*"},
	"AWS::Serverless::Connector":        {"*"},
	"AWS::Serverless::Function": {"AutoPublishAliasAllProperties", "CapacityProviderConfig", "DurableConfig", "LoggingConfig",
		"PropagateTags", "RecursiveLoop", "RolePath", "RuntimeManagementConfig", "SnapStart", "SourceKMSKeyArn", "TenancyConfig"},
	"AWS::Serverless::GraphQLApi":   {"*"},
	"AWS::Serverless::HttpApi":      {"AccessLogSettings", "Name"},
	"AWS::Serverless::LayerVersion": {"CompatibleArchitectures"},
}

func main() {
	log.SetFlags(0)
	log.SetPrefix("cfncatalog: ")
	specPath := flag.String("spec", "", "the "+specPackage+"@"+specVersion+" tarball (default: fetch it with npm pack)")
	offline := flag.Bool("offline", false, "let npm use only its cache")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: cfncatalog [-spec FILE] [-offline] [OUTPUT]\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	out := "catalogue.go"
	if flag.NArg() > 0 {
		out = flag.Arg(0)
	}
	if *specPath == "" {
		dir, err := os.MkdirTemp("", "cfncatalog")
		if err != nil {
			log.Fatal(err)
		}
		defer os.RemoveAll(dir)
		if *specPath, err = fetchSpec(context.Background(), dir, *offline); err != nil {
			log.Fatalf("%v (or give the tarball with -spec)", err)
		}
	}
	src, err := generate(*specPath)
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(out, src, 0o644); err != nil {
		log.Fatal(err)
	}
}

// generate returns the catalogue's Go source from the specification
// tarball at specPath.
func generate(specPath string) ([]byte, error) {
	types, err := specTypes(specPath)
	if err != nil {
		return nil, err
	}
	sam, err := samTypes()
	if err != nil {
		return nil, err
	}
	// The specification carries the SAM types of the CloudFormation
	// resource specification it started from; goformation's schema is the
	// reference for them, and a property in either is accepted.
	for typ, props := range sam {
		types[typ] = append(types[typ], props...)
	}
	for typ, props := range supplement {
		types[typ] = append(types[typ], props...)
	}
	return render(types)
}

// samTypes reads the SAM resource types of goformation's SAM schema.
func samTypes() (map[string][]string, error) {
	var s struct {
		Definitions map[string]struct {
			Properties struct {
				Properties struct {
					Properties map[string]json.RawMessage `json:"properties"`
				} `json:"Properties"`
			} `json:"properties"`
		} `json:"definitions"`
	}
	if err := json.Unmarshal([]byte(schema.SamSchema), &s); err != nil {
		return nil, fmt.Errorf("reading goformation's SAM schema: %w", err)
	}
	types := map[string][]string{}
	for name, def := range s.Definitions {
		if !strings.HasPrefix(name, samPrefix) || strings.Contains(name, ".") {
			continue
		}
		for p := range def.Properties.Properties.Properties {
			types[name] = append(types[name], p)
		}
	}
	if len(types) == 0 {
		return nil, fmt.Errorf("goformation's SAM schema lists no %s types", samPrefix)
	}
	return types, nil
}

// render writes the table: types sorted, each with its property names
// sorted, deduplicated and space-separated ("*" alone when unchecked).
func render(types map[string][]string) ([]byte, error) {
	names := make([]string, 0, len(types))
	for n := range types {
		names = append(names, n)
	}
	sort.Strings(names)
	var b bytes.Buffer
	fmt.Fprintf(&b, "// Code generated by internal/tools/cfncatalog from %s@%s and the SAM schema of goformation %s; DO NOT EDIT.\n\n",
		specPackage, specVersion, goformationVersion)
	b.WriteString("package cloudformation\n\n")
	b.WriteString("// catalogueSource says where the resource catalogue comes from.\n")
	fmt.Fprintf(&b, "const catalogueSource = %q\n\n", fmt.Sprintf("%s %s and goformation %s for SAM", specPackage, specVersion, goformationVersion))
	b.WriteString("// resourceProperties maps every CloudFormation and SAM resource type to\n")
	b.WriteString("// its property names, space-separated and sorted (\"*\": not checked).\n")
	b.WriteString("var resourceProperties = map[string]string{\n")
	for _, n := range names {
		fmt.Fprintf(&b, "\t%q: %q,\n", n, strings.Join(normalize(types[n]), " "))
	}
	b.WriteString("}\n")
	src, err := format.Source(b.Bytes())
	if err != nil {
		return nil, fmt.Errorf("formatting the catalogue: %w", err)
	}
	return src, nil
}

// normalize sorts and deduplicates property names; "*" wins over any list.
func normalize(props []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, p := range props {
		if p == "*" {
			return []string{"*"}
		}
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	sort.Strings(out)
	return out
}
