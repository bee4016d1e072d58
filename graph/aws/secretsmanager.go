package aws

import "github.com/blindspot-iac/blindspot/graph"

// SecretsManager holds AWS Secrets Manager secrets.
type SecretsManager struct {
	Secrets []*ManagedSecret
}

// ManagedSecret is a Secrets Manager secret.
type ManagedSecret struct {
	Resource *graph.Resource
	// AWSManagedKey is whether the secret is encrypted with the AWS
	// managed key aws/secretsmanager, which Secrets Manager uses when no
	// key is given.
	AWSManagedKey Bool
}

var managedSecretAdapters = adapters[*ManagedSecret]{
	{graph.Terraform, "aws_secretsmanager_secret", func(m *Model, r *graph.Resource) *ManagedSecret {
		return &ManagedSecret{Resource: r, AWSManagedKey: secretKey(m, Attrs(r).Get("kms_key_id"))}
	}},
	{graph.CloudFormation, "AWS::SecretsManager::Secret", func(m *Model, r *graph.Resource) *ManagedSecret {
		return &ManagedSecret{Resource: r, AWSManagedKey: secretKey(m, Attrs(r).Get("KmsKeyId"))}
	}},
}

// secretKey reads a secret's key: absent or empty, it is the AWS managed
// key.
func secretKey(m *Model, f Field) Bool {
	if s, ok := f.Value.AsString(); !f.IsSet() || ok && s == "" {
		return Default(true, f.Loc())
	}
	return AWSManagedKey(m, f, "secretsmanager")
}

func buildSecretsManager(m *Model) {
	m.SecretsManager.Secrets = managedSecretAdapters.all(m)
}
