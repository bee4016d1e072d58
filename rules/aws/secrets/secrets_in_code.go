package secrets

import (
	"regexp"
	"slices"
	"strings"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// InCode flags AWS access keys written in Terraform and CloudFormation
// code.
var InCode = &rules.Rule{
	ID:       "aws-secrets-in-code",
	Title:    "AWS access key written in infrastructure code",
	Severity: rules.Critical,
	Description: "An AWS access key committed to a repository is available to everyone who can read it, now " +
		"and in every clone and fork of its history; automated scanners harvest public ones within minutes. " +
		"The rule looks for access key IDs (AKIA or ASIA followed by 16 characters) and secret access keys " +
		"(40 characters of base64 next to an access key ID, or stored under a name that says secret, password, " +
		"token or credential) in Terraform provider arguments (access_key, secret_key, token), Terraform variable " +
		"defaults and tfvars values (the arguments of module calls included, even of modules that were not " +
		"downloaded), CloudFormation parameter defaults, Lambda environment variables (aws_lambda_function, " +
		"AWS::Lambda::Function, and SAM functions), and the user data of instances, launch templates and launch " +
		"configurations (both formats; base64-encoded user data is decoded, and the text written around the parts " +
		"of a template that are not known is read), where a script is read line by line. The key itself is never shown in a " +
		"report, only what kind it is and where. The documentation examples (values containing EXAMPLE) are " +
		"ignored. A provider credential, or an environment variable or module argument named for one, whose value cannot be seen " +
		"(a variable with no value, a parameter without default) is reported as undetermined: the key may " +
		"still come from a file that was not scanned.",
	Remediation: rules.Remediation{
		Text: "Deactivate and delete the key in IAM now: removing it from the code does not remove it from the " +
			"history. Then give the code a role instead: the provider takes credentials from the environment " +
			"(AWS_PROFILE, an assumed role, OIDC in CI), and a Lambda function uses its execution role. Secrets " +
			"that are not AWS credentials belong in Secrets Manager or Parameter Store, read at run time.",
		Terraform: `provider "aws" {
  region = "eu-west-1"
  # No access_key / secret_key: credentials come from the environment
  # or an assumed role.
  assume_role {
    role_arn = "arn:aws:iam::111122223333:role/terraform"
  }
}`,
		CloudFormation: `Function:
  Type: AWS::Lambda::Function
  Properties:
    Role: !GetAtt FunctionRole.Arn   # permissions come from the execution role
    Environment:
      Variables:
        API_TOKEN_SECRET_ARN: !Ref ApiTokenSecret   # read from Secrets Manager at run time`,
	},
	References: []string{
		"https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#bp-workloads-use-roles",
		"https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html#securing_access-keys",
		"https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-encryption",
		"https://docs.aws.amazon.com/secretsmanager/latest/userguide/intro.html",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkNIST, ID: "PR.AA-01"},
		{Framework: rules.FrameworkISO, ID: "A.5.17"},
	},
	Tags:      []string{"secrets", "credentials", "iam"},
	Precision: "high",
	Conceals:  true,
	Check:     checkSecrets,
}

// leaf is one string written in the code.
type leaf struct {
	name  string
	value string
	at    graph.Range
	src   graph.Range
	// keys are the map keys from the walked value to the string; valid
	// only during the callback.
	keys []string
	// object numbers the map holding the string within the walked value,
	// 0 when it is the value itself (or a list in it).
	object int
}

func (l leaf) written() graph.Range {
	if !l.src.IsZero() {
		return l.src
	}
	return l.at
}

// eachString calls f for every string in v (each alternative of an
// unknown value, every element and field), named by its nearest key.
func eachString(v graph.Value, name string, f func(leaf)) {
	objects := 0
	var keys []string
	var walk func(v graph.Value, name string, object int)
	walk = func(v graph.Value, name string, object int) {
		switch v.Kind() {
		case graph.KindObject:
			objects++
			inner := objects
			for _, fl := range v.Fields() {
				keys = append(keys, fl.Key)
				walk(fl.Value, fl.Key, inner)
				keys = keys[:len(keys)-1]
			}
		case graph.KindList:
			for _, e := range v.Elems() {
				walk(e, name, object)
			}
		case graph.KindString:
			s, _ := v.AsString()
			f(leaf{name: name, value: s, at: v.Range, src: v.Source(), keys: keys, object: object})
		case graph.KindUnknown:
			for _, alt := range v.Alternatives() {
				walk(alt, name, object)
			}
		}
	}
	walk(v, name, 0)
}

// scriptAssignment matches an assignment on a line of a script:
// "export NAME=value", "name: value", "name = \"value\"", "--name value".
var scriptAssignment = regexp.MustCompile(`^\s*(?:export\s+|set\s+)?-{0,2}([A-Za-z_][A-Za-z0-9_.-]*)\s*(?:=|:|\s)\s*["']?(.*?)["']?\s*$`)

// eachLeaf calls f for every string of a code value: each line of a
// script (named by what it assigns), or each string of a structured value
// (see eachString). A script that is not known is read from the text
// written around its unknown parts.
func eachLeaf(cv *aws.CodeValue, f func(leaf)) {
	if !cv.Script {
		eachString(cv.Value, cv.Name, f)
		return
	}
	var texts []string
	if s, ok := cv.Value.AsString(); ok {
		texts = append(texts, s)
	} else if lit := cv.Value.LiteralText(); lit != "" {
		texts = append(texts, lit)
	} else {
		for _, alt := range cv.Value.Alternatives() {
			if s, ok := alt.AsString(); ok {
				texts = append(texts, s)
			}
		}
	}
	for _, text := range texts {
		for _, line := range strings.Split(text, "\n") {
			name, value := cv.Name, line
			if m := scriptAssignment.FindStringSubmatch(line); m != nil {
				name, value = m[1], m[2]
			}
			f(leaf{name: name, value: value, at: cv.At.Range, src: cv.Value.Source()})
		}
	}
}

func checkSecrets(p *rules.Pass) {
	values := p.AWS.Secrets.Values
	// Values given on the command line are not in the code, even when they
	// reach an attribute that is.
	fromCommandLine := map[string]bool{}
	for _, in := range p.Graph.Inputs {
		if in.Value.Range.IsZero() && in.Value.Source().IsZero() {
			eachString(in.Value, in.Name, func(l leaf) { fromCommandLine[l.value] = true })
		}
	}
	// An access key ID makes a secret-looking string in the same object a
	// secret access key.
	type object struct{ group, object int }
	keyInObject := map[object]bool{}
	for _, cv := range values {
		eachLeaf(cv, func(l leaf) {
			if _, ok := aws.HasAccessKeyID(l.value); ok {
				keyInObject[object{cv.Group, l.object}] = true
			}
		})
	}
	reported := map[graph.Range]bool{}
	for _, cv := range values {
		if len(cv.Value.Alternatives()) == 0 && (!cv.Script || cv.Value.LiteralText() == "") {
			if cv.CredentialSlot && len(cv.Value.AllRefs()) == 0 {
				p.ReportIf(graph.Unknown, rules.Because(cv, "the value of "+cv.Where+" is not known ("+cv.Value.Why()+
					"), so whether it is an AWS key written in the code cannot be told"), "")
			}
			continue
		}
		var scriptKinds []string
		eachLeaf(cv, func(l leaf) {
			if fromCommandLine[l.value] || l.written().IsZero() || reported[l.written()] {
				return
			}
			temporary, isKeyID := aws.HasAccessKeyID(l.value)
			isSecret := aws.LooksLikeSecretKey(l.value) &&
				(isKeyID || keyInObject[object{cv.Group, l.object}] || aws.IsSecretName(l.name) || aws.IsCredentialName(l.name))
			var kinds []string
			if isKeyID {
				if temporary {
					kinds = append(kinds, "a temporary AWS access key ID (ASIA...)")
				} else {
					kinds = append(kinds, "an AWS access key ID (AKIA...)")
				}
			}
			if isSecret {
				kinds = append(kinds, "an AWS secret access key")
			}
			if len(kinds) == 0 {
				return
			}
			if cv.Script {
				// A script is reported once, with every kind of key in it.
				for _, k := range kinds {
					if !slices.Contains(scriptKinds, k) {
						scriptKinds = append(scriptKinds, k)
					}
				}
				return
			}
			reported[l.written()] = true
			where, path := cv.Where, cv.At.Path
			for _, k := range l.keys {
				where += " (key " + k + ")"
				path += "." + k
			}
			reportSecret(p, cv, graph.Loc{Path: path, Range: l.at, Source: l.src}, kinds, where)
		})
		if len(scriptKinds) > 0 {
			reported[cv.At.Range] = true
			reportSecret(p, cv, cv.At, scriptKinds, cv.Where)
		}
	}
}

// reportSecret reports keys of the given kinds written in a code value.
func reportSecret(p *rules.Pass, cv *aws.CodeValue, loc graph.Loc, kinds []string, where string) {
	f := p.Report(loc, "%s is written in %s (the value is not shown)", strings.Join(kinds, " and "), where)
	if cv.Resource != nil {
		for _, c := range cv.Resource.Calls {
			f.Related = append(f.Related, rules.Related{Loc: graph.Loc{Range: c.Range}, Message: "via " + c.Address})
		}
	}
}
