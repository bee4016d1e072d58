package aws

import (
	"encoding/base64"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/blindspot-iac/blindspot/graph"
)

// Secrets holds the values the code writes in places where AWS
// credentials leak into source control: Terraform provider arguments,
// Terraform variable defaults and tfvars values, CloudFormation parameter
// defaults, Lambda environment variables (SAM functions arrive as
// AWS::Lambda::Function), the user data of instances, launch templates and
// launch configurations, and the arguments of module calls whose code was
// not read (those of modules that were read are their variables' values).
type Secrets struct {
	Values []*CodeValue
}

// CodeValue is one value written in the code, with the name it is stored
// under. A map or list value (a variable default) is one CodeValue; rules
// walk its leaves, each named by its nearest map key.
type CodeValue struct {
	// At locates the value. At.Resource is nil: a secret is in the code
	// whether or not the resource holding it is created, so findings do
	// not depend on it. At.Path names the place for fingerprints
	// ("provider.aws.secret_key", "variable.creds.default.secret",
	// "aws_lambda_function.f.environment.variables.KEY").
	At graph.Loc
	// Where describes the place for messages: `argument secret_key of
	// provider aws`, `the default of variable "creds"`, `environment
	// variable KEY of aws_lambda_function.f`.
	Where string
	// Name is the key the value is stored under: the argument, variable,
	// parameter or environment variable name, or the map key of a nested
	// value.
	Name string
	// Value is the value as evaluated; it may be unknown.
	Value graph.Value
	// Group numbers the object the value sits in: values with the same
	// Group are siblings (one provider block, one environment map).
	Group int
	// Resource is the resource holding the value (a Lambda function);
	// nil for providers and inputs.
	Resource *graph.Resource
	// CredentialSlot is true when the place is meant for an AWS
	// credential: the provider's access_key, secret_key and token, or an
	// environment variable or module argument named for one.
	CredentialSlot bool
	// Script is true for free text (user data): rules read it line by
	// line, each assignment (NAME=value, name: value) named by its left
	// side. Base64-encoded user data is decoded; user data that is not
	// known keeps the text written around its unknown parts
	// (Value.LiteralText).
	Script bool
}

// Loc locates the value.
func (c *CodeValue) Loc() graph.Loc { return c.At }

func buildSecrets(m *Model) {
	group := 0
	next := func() int { group++; return group }
	add := func(cv *CodeValue) { m.Secrets.Values = append(m.Secrets.Values, cv) }

	for _, p := range m.Graph.Providers {
		if p.Name != "aws" {
			continue
		}
		g := next()
		for _, f := range p.Attrs.Fields() {
			switch f.Key {
			case "access_key", "secret_key", "token":
				add(&CodeValue{
					At:    graph.Loc{Path: "provider." + p.Address + "." + f.Key, Range: f.Value.Range, Source: f.Value.Source()},
					Where: "argument " + f.Key + " of provider " + p.Address,
					Name:  f.Key, Value: f.Value, Group: g, CredentialSlot: true,
				})
			}
		}
	}

	for _, in := range m.Graph.Inputs {
		words := inputWords[schema(in.Format)]
		kind, field := words.kind, words.dflt
		if in.HasDefault && holdsText(in.Default) {
			add(&CodeValue{
				At:    graph.Loc{Path: kind + "." + in.Name + "." + field, Range: in.Default.Range, Source: in.Default.Source()},
				Where: "the " + strings.ToLower(field) + " of " + kind + " " + in.Name,
				Name:  in.Name, Value: in.Default, Group: next(),
			})
		}
		// A value from a tfvars or parameter file is in the code too; one
		// from the command line (no range) is not. A value that is the
		// default itself is found twice; the rule reports each place once.
		v := in.Value
		written := v.Source()
		if written.IsZero() {
			written = v.Range
		}
		if !written.IsZero() && holdsText(v) {
			add(&CodeValue{
				At:    graph.Loc{Path: kind + "." + in.Name + ".value", Range: v.Range, Source: v.Source()},
				Where: "the value of " + kind + " " + in.Name + " (set in " + written.File + ")",
				Name:  in.Name, Value: v, Group: next(),
			})
		}
	}

	userDataAdapters.each(m, func(fields []Field) {
		for _, f := range fields {
			if !f.IsSet() {
				continue
			}
			r := f.Res
			add(&CodeValue{
				At:    graph.Loc{Path: r.Address + "." + f.Path, Range: KeyLoc(f).Range, Source: f.Value.Source()},
				Where: "the user data of " + r.Address,
				Name:  f.Path, Value: decodedUserData(f.Value), Group: next(), Resource: r, Script: true,
			})
		}
	})

	// The literal arguments of a module call whose code was not read are
	// written in the code all the same.
	for _, u := range m.Graph.UnreadModules {
		if u.Args.Kind() != graph.KindObject {
			continue
		}
		g := next()
		for _, f := range u.Args.Fields() {
			add(&CodeValue{
				At:    graph.Loc{Path: u.Address + "." + f.Key, Range: f.Value.Range, Source: f.Value.Source()},
				Where: "argument " + f.Key + " of " + u.Address,
				Name:  f.Key, Value: f.Value, Group: g, CredentialSlot: IsCredentialName(f.Key),
			})
		}
	}

	lambdaEnvironmentAdapters.each(m, func(vars Field) {
		if !vars.IsSet() {
			return
		}
		r := vars.Res
		g := next()
		path := r.Address + "." + vars.Path
		if vars.Value.Kind() != graph.KindObject {
			// The whole map is unknown or one of several maps.
			add(&CodeValue{
				At:    graph.Loc{Path: path, Range: vars.Value.Range, Source: vars.Value.Source()},
				Where: "the environment variables of " + r.Address,
				Name:  "", Value: vars.Value, Group: g, Resource: r,
			})
			return
		}
		for _, f := range vars.Value.Fields() {
			add(&CodeValue{
				At:    graph.Loc{Path: path + "." + f.Key, Range: f.Value.Range, Source: f.Value.Source()},
				Where: "environment variable " + f.Key + " of " + r.Address,
				Name:  f.Key, Value: f.Value, Group: g, Resource: r,
				CredentialSlot: IsCredentialName(f.Key),
			})
		}
	})
}

// userDataAdapters read the user data of instances, launch templates and
// launch configurations.
var userDataAdapters = adapters[[]Field]{
	{graph.Terraform, "aws_instance", terraformUserData},
	{graph.Terraform, "aws_launch_configuration", terraformUserData},
	{graph.Terraform, "aws_launch_template", func(_ *Model, r *graph.Resource) []Field {
		return []Field{Attrs(r).Get("user_data")}
	}},
	{graph.CloudFormation, "AWS::EC2::Instance", func(_ *Model, r *graph.Resource) []Field {
		return []Field{Attrs(r).Get("UserData")}
	}},
	{graph.CloudFormation, "AWS::EC2::LaunchTemplate", func(_ *Model, r *graph.Resource) []Field {
		return []Field{Attrs(r).Get("LaunchTemplateData").Get("UserData")}
	}},
	{graph.CloudFormation, "AWS::AutoScaling::LaunchConfiguration", func(_ *Model, r *graph.Resource) []Field {
		return []Field{Attrs(r).Get("UserData")}
	}},
}

func terraformUserData(_ *Model, r *graph.Resource) []Field {
	a := Attrs(r)
	return []Field{a.Get("user_data"), a.Get("user_data_base64")}
}

// decodedUserData is user data as the instance receives it: a known string
// that is base64 text decodes to its text (the format user_data_base64,
// launch templates and CloudFormation require, and base64encode() and
// Fn::Base64 produce); anything else is the text itself.
func decodedUserData(v graph.Value) graph.Value {
	s, ok := v.AsString()
	if !ok || v.Kind() != graph.KindString {
		return v
	}
	compact := strings.Join(strings.Fields(s), "")
	if len(compact) < 4 {
		return v
	}
	data, err := base64.StdEncoding.DecodeString(compact)
	if err != nil || !utf8.Valid(data) || strings.ContainsRune(string(data), 0) {
		return v
	}
	return graph.String(string(data), v.Range).WithSource(v.Source()).WithSensitive(v.Sensitive())
}

// inputWords says how each format names its inputs and their defaults, for
// messages and fingerprints.
var inputWords = map[graph.Format]struct{ kind, dflt string }{
	graph.Terraform:      {"variable", "default"},
	graph.CloudFormation: {"parameter", "Default"},
}

// lambdaEnvironmentAdapters read the environment variables of functions
// (SAM functions arrive as AWS::Lambda::Function too).
var lambdaEnvironmentAdapters = adapters[Field]{
	{graph.Terraform, "aws_lambda_function", func(_ *Model, r *graph.Resource) Field {
		return Attrs(r).Get("environment").Get("variables")
	}},
	{graph.CloudFormation, "AWS::Lambda::Function", cloudFormationEnvironment},
	{graph.CloudFormation, "AWS::Serverless::Function", cloudFormationEnvironment},
}

func cloudFormationEnvironment(_ *Model, r *graph.Resource) Field {
	return Attrs(r).Get("Environment").Get("Variables")
}

// holdsText reports whether v, or one of its possible values, holds a
// string: numbers, booleans and nulls cannot be credentials.
func holdsText(v graph.Value) bool {
	switch v.Kind() {
	case graph.KindString:
		return true
	case graph.KindObject:
		for _, f := range v.Fields() {
			if holdsText(f.Value) {
				return true
			}
		}
	case graph.KindList:
		for _, e := range v.Elems() {
			if holdsText(e) {
				return true
			}
		}
	case graph.KindUnknown:
		for _, alt := range v.Alternatives() {
			if holdsText(alt) {
				return true
			}
		}
	}
	return false
}

// IsCredentialName reports whether a name says it holds an AWS access key
// ID, secret access key or session token (AWS_ACCESS_KEY_ID,
// SECRET_ACCESS_KEY, aws_secret_key, SessionToken).
func IsCredentialName(name string) bool {
	n := strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			return r
		case r >= 'A' && r <= 'Z':
			return r + 'a' - 'A'
		}
		return -1
	}, name)
	for _, s := range []string{"accesskey", "secretkey", "secretaccesskey", "sessiontoken", "awssecret"} {
		if strings.Contains(n, s) {
			return true
		}
	}
	return false
}

// The shapes of AWS credentials and of names that say a value is secret,
// shared by the rules that look for secrets written in code.
var (
	accessKeyIDPattern = regexp.MustCompile(`(?:^|[^A-Z0-9])((?:AKIA|ASIA)[A-Z0-9]{16})(?:[^A-Z0-9]|$)`)
	secretKeyPattern   = regexp.MustCompile(`(?:^|[^A-Za-z0-9/+=])([A-Za-z0-9/+]{40})(?:[^A-Za-z0-9/+=]|$)`)
	secretNamePattern  = regexp.MustCompile(`(?i)secret|passw|token|credential|private.?key|api.?key`)
)

// HasAccessKeyID reports whether s holds an AWS access key ID (AKIA or,
// for a temporary one, ASIA followed by 16 characters) other than the
// documentation examples (containing EXAMPLE).
func HasAccessKeyID(s string) (temporary, found bool) {
	// Most strings are short names; skip the regular expression for them.
	if len(s) < 20 || !strings.Contains(s, "AKIA") && !strings.Contains(s, "ASIA") {
		return false, false
	}
	for _, m := range accessKeyIDPattern.FindAllStringSubmatch(s, -1) {
		if !strings.Contains(m[1], "EXAMPLE") {
			return strings.HasPrefix(m[1], "ASIA"), true
		}
	}
	return false, false
}

// LooksLikeSecretKey reports whether s holds 40 characters of base64 mixing
// upper case, lower case and digits or symbols, the shape of an AWS secret
// access key (documentation examples excepted). Many other strings have
// that shape too: callers ask for a name or a key ID beside it.
func LooksLikeSecretKey(s string) bool {
	if len(s) < 40 {
		return false
	}
	for _, m := range secretKeyPattern.FindAllStringSubmatch(s, -1) {
		k := m[1]
		if strings.Contains(k, "EXAMPLE") {
			continue
		}
		upper := strings.ContainsAny(k, "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
		lower := strings.ContainsAny(k, "abcdefghijklmnopqrstuvwxyz")
		other := strings.ContainsAny(k, "0123456789/+")
		if upper && lower && other {
			return true
		}
	}
	return false
}

// IsSecretName reports whether a name says its value is secret: it
// mentions a secret, password, token, credential, private key or API key.
func IsSecretName(name string) bool { return secretNamePattern.MatchString(name) }
