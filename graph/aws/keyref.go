package aws

import "strings"

// AWSManagedKey reads a KMS key argument (a key ID, key ARN, alias name
// or alias ARN) and says whether it names the AWS managed key of service
// ("sqs" for alias/aws/sqs): True for that alias, as a name or an ARN;
// False when no key is given or the key is another one, including a key
// or alias the code creates (aliases beginning with alias/aws/ are
// reserved for AWS); Unknown when the value is not known, or comes from
// anything else (a lookup, a module output) that may name the AWS managed
// key.
func AWSManagedKey(m *Model, f Field, service string) Bool {
	alias := "alias/aws/" + service
	managed := func(s string) bool { return s == alias || strings.HasSuffix(s, ":"+alias) }
	at := f.Loc()
	if !f.IsSet() {
		return Default(false, at)
	}
	v := f.Value
	if v.IsKnown() || len(v.Alternatives()) > 0 {
		a := Attr[bool]{Set: true, At: at, Why: v.Why()}
		for _, alt := range v.Alternatives() {
			s, _ := alt.AsString()
			a.Values = append(a.Values, managed(s))
		}
		return a
	}
	if lit := v.LiteralText(); lit != "" && managed(lit) {
		return Known(true, true, at)
	}
	if onlyReferenced(m.index, f.Res, f, customerKeyTypes...) != nil {
		// A key or alias created by the code, whose ARN is known only
		// after apply, is never an AWS managed key.
		return Known(false, true, at)
	}
	return UnknownAttr[bool](v.Why(), at)
}

// customerKeyTypes are the resource types that create customer managed
// keys and their aliases.
var customerKeyTypes = []string{
	"aws_kms_key", "aws_kms_external_key", "aws_kms_replica_key", "aws_kms_replica_external_key", "aws_kms_alias",
	"AWS::KMS::Key", "AWS::KMS::ReplicaKey", "AWS::KMS::Alias",
}
