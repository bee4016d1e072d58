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

func buildKMS(m *Model) {
	for _, r := range m.index.OfType("aws_kms_key", "aws_kms_external_key", "AWS::KMS::Key") {
		a := Attrs(r)
		k := &KMSKey{Resource: r}
		switch r.Type {
		case "AWS::KMS::Key":
			k.Spec = StringOf(a.Get("KeySpec"), Ptr("SYMMETRIC_DEFAULT"))
			k.Usage = StringOf(a.Get("KeyUsage"), Ptr("ENCRYPT_DECRYPT"))
			k.Origin = StringOf(a.Get("Origin"), Ptr("AWS_KMS"))
			k.RotationEnabled = BoolOf(a.Get("EnableKeyRotation"), Ptr(false))
			if a.Get("KeyPolicy").IsSet() {
				k.Policy = &KMSKeyPolicy{Resource: r, Key: k, Document: PolicyOf(a.Get("KeyPolicy"))}
			}
		case "aws_kms_external_key":
			k.Spec = Default("SYMMETRIC_DEFAULT", r.Loc())
			k.Usage = Default("ENCRYPT_DECRYPT", r.Loc())
			k.Origin = Default("EXTERNAL", r.Loc())
			k.RotationEnabled = Default(false, r.Loc())
		default:
			spec := a.Get("customer_master_key_spec")
			if !spec.IsSet() {
				spec = a.Get("key_spec")
			}
			k.Spec = StringOf(spec, Ptr("SYMMETRIC_DEFAULT"))
			k.Usage = StringOf(a.Get("key_usage"), Ptr("ENCRYPT_DECRYPT"))
			k.Origin = Default("AWS_KMS", r.Loc())
			if a.Get("custom_key_store_id").IsSet() {
				k.Origin = Known("AWS_CLOUDHSM", true, a.Get("custom_key_store_id").Loc())
			}
			k.RotationEnabled = BoolOf(a.Get("enable_key_rotation"), Ptr(false))
		}
		if r.Format != graph.CloudFormation && a.Get("policy").IsSet() {
			k.Policy = &KMSKeyPolicy{Resource: r, Key: k, Document: PolicyOf(a.Get("policy"))}
		}
		if k.Policy != nil {
			m.KMS.KeyPolicies = append(m.KMS.KeyPolicies, k.Policy)
		}
		m.KMS.Keys = append(m.KMS.Keys, k)
	}
	// aws_kms_key_policy names its key by reference (key IDs are
	// generated, so a literal ID is a key this code does not create).
	for _, r := range m.index.OfType("aws_kms_key_policy") {
		a := Attrs(r)
		pol := &KMSKeyPolicy{Resource: r, Document: PolicyOf(a.Get("policy"))}
		for _, key := range m.index.Referenced(r, a.Get("key_id").Value, "aws_kms_key", "aws_kms_external_key") {
			pol.Key = m.keyOf(key)
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
