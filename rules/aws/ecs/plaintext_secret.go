package ecs

import (
	"cmp"
	"strings"
	"unicode"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// PlaintextSecret flags container environment variables that hold secrets
// in plain text.
var PlaintextSecret = &rules.Rule{
	ID:       "aws-ecs-plaintext-secret",
	Title:    "ECS container receives a secret as a plain-text environment variable",
	Severity: rules.High,
	Description: "The environment variables of a container definition are stored in the task definition as they " +
		"are: anyone allowed ecs:DescribeTaskDefinition, the console, CloudTrail records of the registration and " +
		"the Terraform state all show them, and task definition revisions are kept after they are replaced. A " +
		"password, token or key belongs in the container's secrets, which name a Secrets Manager secret or a " +
		"Systems Manager SecureString parameter that ECS reads with the task execution role when the container " +
		"starts. The rule reads the environment of each container definition (container_definitions of " +
		"aws_ecs_task_definition, as jsonencode or JSON text; ContainerDefinitions of AWS::ECS::TaskDefinition) " +
		"and reports a variable whose name says it is secret (password, secret, token, credential, private or " +
		"API key, an AWS access key name) or whose value holds an AWS access key ID. What is passed decides it, " +
		"not where the value comes from: a variable, another resource's attribute or a CloudFormation dynamic " +
		"reference is resolved into the task definition just the same. A value that only points at a secret or " +
		"cannot be one (an ARN, a URL without credentials, a file path, a flag, a number, another resource's arn, " +
		"id or name) is not reported, nor are " +
		"names such as DB_PASSWORD_ARN or TOKEN_URL. The value is never shown in a report. Container definitions " +
		"that are not known (a variable, a file that was not read) leave the result undetermined.",
	Remediation: rules.Remediation{
		Text: "Store the value in Secrets Manager (or as a SecureString parameter), move the variable from " +
			"environment to secrets with valueFrom naming it, and let the task execution role read it " +
			"(secretsmanager:GetSecretValue, or ssm:GetParameters, and kms:Decrypt for a customer managed key).",
		Terraform: `resource "aws_ecs_task_definition" "app" {
  family             = "app"
  execution_role_arn = aws_iam_role.task_execution.arn
  container_definitions = jsonencode([{
    name      = "app"
    image     = "public.ecr.aws/nginx/nginx:latest"
    essential = true
    environment = [
      { name = "DB_HOST", value = "db.internal" },
    ]
    secrets = [
      { name = "DB_PASSWORD", valueFrom = aws_secretsmanager_secret.db.arn },
    ]
  }])
}`,
		CloudFormation: `TaskDefinition:
  Type: AWS::ECS::TaskDefinition
  Properties:
    Family: app
    ExecutionRoleArn: !GetAtt TaskExecutionRole.Arn
    ContainerDefinitions:
      - Name: app
        Image: public.ecr.aws/nginx/nginx:latest
        Environment:
          - Name: DB_HOST
            Value: db.internal
        Secrets:
          - Name: DB_PASSWORD
            ValueFrom: !Ref DatabaseSecret`,
	},
	References: []string{
		"https://docs.aws.amazon.com/AmazonECS/latest/developerguide/specifying-sensitive-data.html",
		"https://docs.aws.amazon.com/AmazonECS/latest/developerguide/secrets-envvar-secrets-manager.html",
		"https://docs.aws.amazon.com/AmazonECS/latest/developerguide/security-tasks-containers.html",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html#ecs-8",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkSecurityHub, ID: "ECS.8"},
		{Framework: rules.FrameworkConfig, ID: "ecs-no-environment-secrets"},
		{Framework: rules.FrameworkNIST, ID: "PR.AA-01"},
		{Framework: rules.FrameworkISO, ID: "A.5.17"},
	},
	Tags:      []string{"ecs", "secrets", "containers"},
	Precision: "high",
	Conceals:  true,
	Check: func(p *rules.Pass) {
		for _, t := range p.AWS.ECS.TaskDefinitions {
			if t.ContainersWhy != "" {
				p.ReportIf(graph.Unknown, t, "")
				continue
			}
			for _, c := range t.Containers {
				if c.EnvironmentWhy != "" {
					p.ReportIf(graph.Unknown, rules.Because(c.At, c.EnvironmentWhy), "")
					continue
				}
				container := "a container"
				if c.Name != "" {
					container = "container " + c.Name
				}
				for _, e := range c.Environment {
					name, _ := e.Name.Get()
					p.ReportIf(holdsSecret(e), rules.Because(e.At, cmp.Or(e.Name.Why, e.Value.Why())),
						"environment variable %s of %s in %s holds a secret in plain text (the value is not shown)",
						name, container, t.Resource.Address)
				}
			}
		}
	},
}

// holdsSecret says whether an environment variable passes a secret: True
// when its value holds an AWS access key ID, or its name says secret and
// its value is not one that only points at a secret.
func holdsSecret(e *aws.ECSEnvironmentVariable) graph.Tri {
	v := e.Value
	keyID := func(s string) bool { _, found := aws.HasAccessKeyID(s); return found }
	if s, ok := v.AsString(); ok && keyID(s) || keyID(v.LiteralText()) {
		return graph.True
	}
	named := e.Name.Test(secretName)
	if named == graph.False {
		return graph.False
	}
	return named.And(secretValue(v))
}

// secretValue says whether a value passed under a secret name is the
// secret itself. One that is not known is whatever the variable or
// resource gives: a secret all the same, unless it visibly points at one.
func secretValue(v graph.Value) graph.Tri {
	switch v.Kind() {
	case graph.KindString:
		s, _ := v.AsString()
		return graph.TriOf(!pointsAtSecret(s))
	case graph.KindUnknown:
		alts := v.Alternatives()
		if len(alts) == 0 {
			return graph.TriOf(!refersToSecret(v))
		}
		result := secretValue(alts[0])
		for _, alt := range alts[1:] {
			if secretValue(alt) != result {
				return graph.Unknown
			}
		}
		return result
	}
	return graph.False
}

// secretName reports whether an environment variable's name says its value
// is secret, unless its last word says it names, locates or describes the
// secret (DB_PASSWORD_ARN, TOKEN_URL, apiKeyName, PASSWORD_LENGTH).
func secretName(name string) bool {
	if !aws.IsSecretName(name) && !aws.IsCredentialName(name) {
		return false
	}
	words := nameWords(name)
	if len(words) == 0 {
		return false
	}
	last := words[len(words)-1]
	if last == "id" && aws.IsCredentialName(name) {
		return true // AWS_ACCESS_KEY_ID
	}
	return !pointerWords[last]
}

// pointerWords end the names of variables that point at a secret or say
// something about it rather than hold it.
var pointerWords = map[string]bool{
	"arn": true, "name": true, "id": true, "path": true, "file": true, "url": true, "uri": true,
	"endpoint": true, "host": true, "port": true, "region": true, "enabled": true, "enable": true,
	"type": true, "length": true, "ttl": true, "expiry": true, "expiration": true, "expires": true,
	"timeout": true, "header": true, "algorithm": true, "issuer": true, "audience": true,
	"version": true, "location": true, "parameter": true, "param": true, "bucket": true, "dir": true,
	"prefix": true, "field": true, "kind": true, "mode": true, "provider": true, "source": true,
}

// nameWords splits a variable name into lower-case words at separators
// and case changes (DB_PASSWORD_ARN, dbPasswordArn).
func nameWords(name string) []string {
	var words []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			words = append(words, strings.ToLower(string(cur)))
			cur = cur[:0]
		}
	}
	runes := []rune(name)
	for i, r := range runes {
		switch {
		case !unicode.IsLetter(r) && !unicode.IsDigit(r):
			flush()
			continue
		case unicode.IsUpper(r) && i > 0 && unicode.IsLower(runes[i-1]):
			flush()
		}
		cur = append(cur, r)
	}
	flush()
	return words
}

// pointsAtSecret reports whether a known value only points at a secret or
// cannot be one: empty, an ARN, a URL without credentials, a file path, a
// flag or a number.
func pointsAtSecret(s string) bool {
	s = strings.TrimSpace(s)
	switch strings.ToLower(s) {
	case "", "true", "false", "yes", "no", "on", "off", "enabled", "disabled", "none", "null":
		return true
	}
	if strings.HasPrefix(s, "arn:") {
		return true
	}
	if scheme, rest, ok := strings.Cut(s, "://"); ok && scheme != "" && !strings.ContainsAny(scheme, " /") {
		host, _, _ := strings.Cut(rest, "/")
		return !strings.Contains(host, "@")
	}
	if strings.HasPrefix(s, "/") && !strings.ContainsAny(s, " \t") {
		return true
	}
	return strings.IndexFunc(s, func(r rune) bool { return !unicode.IsDigit(r) }) < 0
}

// refersToSecret reports whether an unknown value visibly points at a
// secret: an ARN written around unknown parts, or an attribute that names
// or locates a resource (a secret's arn, id or name).
func refersToSecret(v graph.Value) bool {
	if strings.HasPrefix(v.LiteralPrefix(), "arn:") {
		return true
	}
	refs := v.AllRefs()
	if len(refs) == 0 {
		return false
	}
	for _, r := range refs {
		words := nameWords(r.Attr)
		if len(words) == 0 || !pointerWords[words[len(words)-1]] {
			return false
		}
	}
	return true
}
