package aws

import (
	"strings"

	"github.com/blindspot-iac/blindspot/graph"
)

// KMS holds the KMS resources of the model.
type KMS struct {
	Keys []*KMSKey
	// KeyPolicies holds every key policy written in the code, inline or
	// split (aws_kms_key_policy), including those whose key is not in the
	// scanned code.
	KeyPolicies []*KMSKeyPolicy
}

// KMSKeyPolicy is a key policy document and the key it applies to.
type KMSKeyPolicy struct {
	// Resource is where the policy is written: the key, or an
	// aws_kms_key_policy.
	Resource *graph.Resource
	// Key is nil when the key is not in the scanned code.
	Key      *KMSKey
	Document *Policy
}

// KMSKey is a customer-managed KMS key.
type KMSKey struct {
	Resource *graph.Resource
	// Spec is the key spec: SYMMETRIC_DEFAULT (the default), RSA_*, ECC_*,
	// HMAC_*, SM2.
	Spec String
	// Usage is ENCRYPT_DECRYPT (the default), SIGN_VERIFY,
	// GENERATE_VERIFY_MAC or KEY_AGREEMENT.
	Usage String
	// Origin is AWS_KMS (the default), EXTERNAL or AWS_CLOUDHSM /
	// EXTERNAL_KEY_STORE.
	Origin String
	// RotationEnabled is whether automatic rotation is on (off by default).
	RotationEnabled Bool
	// Policy is the key policy written in the code; nil when none is, and
	// the default key policy (which trusts the account) applies.
	Policy *KMSKeyPolicy
}

// CanRotate is True for keys AWS can rotate automatically: symmetric
// encryption keys whose material KMS generated.
func (k *KMSKey) CanRotate() graph.Tri {
	return graph.All(
		k.Spec.Test(func(s string) bool { return strings.EqualFold(s, "SYMMETRIC_DEFAULT") }),
		k.Usage.Test(func(u string) bool { return strings.EqualFold(u, "ENCRYPT_DECRYPT") }),
		k.Origin.Test(func(o string) bool { return strings.EqualFold(o, "AWS_KMS") }),
	)
}

// kmsKeyAdapters read customer-managed keys with the policy written on
// them.
var kmsKeyAdapters = adapters[*KMSKey]{
	{graph.Terraform, "aws_kms_key", func(_ *Model, r *graph.Resource) *KMSKey {
		a := Attrs(r)
		spec := a.Get("customer_master_key_spec")
		if !spec.IsSet() {
			spec = a.Get("key_spec")
		}
		k := &KMSKey{Resource: r,
			Spec:            StringOf(spec, Ptr("SYMMETRIC_DEFAULT")),
			Usage:           StringOf(a.Get("key_usage"), Ptr("ENCRYPT_DECRYPT")),
			Origin:          Default("AWS_KMS", r.Loc()),
			RotationEnabled: BoolOf(a.Get("enable_key_rotation"), Ptr(false)),
		}
		if a.Get("custom_key_store_id").IsSet() {
			k.Origin = Known("AWS_CLOUDHSM", true, a.Get("custom_key_store_id").Loc())
		}
		// An empty policy is not sent: the key gets the default key policy.
		k.Policy = inlineKeyPolicy(k, unsentWhenEmpty(a.Get("policy")))
		return k
	}},
	{graph.Terraform, "aws_kms_external_key", func(_ *Model, r *graph.Resource) *KMSKey {
		k := &KMSKey{Resource: r,
			Spec:            Default("SYMMETRIC_DEFAULT", r.Loc()),
			Usage:           Default("ENCRYPT_DECRYPT", r.Loc()),
			Origin:          Default("EXTERNAL", r.Loc()),
			RotationEnabled: Default(false, r.Loc()),
		}
		k.Policy = inlineKeyPolicy(k, unsentWhenEmpty(Attrs(r).Get("policy")))
		return k
	}},
	{graph.CloudFormation, "AWS::KMS::Key", func(_ *Model, r *graph.Resource) *KMSKey {
		a := Attrs(r)
		k := &KMSKey{Resource: r,
			Spec:            StringOf(a.Get("KeySpec"), Ptr("SYMMETRIC_DEFAULT")),
			Usage:           StringOf(a.Get("KeyUsage"), Ptr("ENCRYPT_DECRYPT")),
			Origin:          StringOf(a.Get("Origin"), Ptr("AWS_KMS")),
			RotationEnabled: BoolOf(a.Get("EnableKeyRotation"), Ptr(false)),
		}
		k.Policy = inlineKeyPolicy(k, a.Get("KeyPolicy"))
		return k
	}},
}

// inlineKeyPolicy is the policy written on the key itself; nil when none is.
func inlineKeyPolicy(k *KMSKey, doc Field) *KMSKeyPolicy {
	if !doc.IsSet() {
		return nil
	}
	return &KMSKeyPolicy{Resource: k.Resource, Key: k, Document: PolicyOf(doc)}
}

// kmsKeyPolicy is a key policy resource of its own before it is joined
// to its key.
type kmsKeyPolicy struct {
	policy *KMSKeyPolicy
	// key names the key. Key IDs are generated, so only a reference can
	// name a key this code creates.
	key Field
}

var kmsKeyPolicyAdapters = adapters[kmsKeyPolicy]{
	{graph.Terraform, "aws_kms_key_policy", func(_ *Model, r *graph.Resource) kmsKeyPolicy {
		a := Attrs(r)
		return kmsKeyPolicy{&KMSKeyPolicy{Resource: r, Document: PolicyOf(a.Get("policy"))}, a.Get("key_id")}
	}},
}

func buildKMS(m *Model) {
	m.KMS.Keys = kmsKeyAdapters.all(m)
	for _, k := range m.KMS.Keys {
		if k.Policy != nil {
			m.KMS.KeyPolicies = append(m.KMS.KeyPolicies, k.Policy)
		}
	}
	for _, s := range kmsKeyPolicyAdapters.all(m) {
		pol := s.policy
		for _, r := range m.index.Referenced(pol.Resource, s.key.Value) {
			if k := m.keyOf(r); k != nil {
				pol.Key = k
			}
		}
		if pol.Key != nil && pol.Key.Policy == nil {
			// The split policy replaces the key's policy.
			pol.Key.Policy = pol
		}
		m.KMS.KeyPolicies = append(m.KMS.KeyPolicies, pol)
	}
}

func (m *Model) keyOf(r *graph.Resource) *KMSKey {
	for _, k := range m.KMS.Keys {
		if k.Resource == r {
			return k
		}
	}
	return nil
}
