package aws

import (
	"slices"
	"strings"

	"github.com/blindspot-iac/blindspot/graph"
)

// S3 holds the S3 resources of the model.
type S3 struct {
	Buckets []*S3Bucket
	// BucketPolicies holds every bucket policy, inline or split, including
	// those whose bucket is not in the scanned code.
	BucketPolicies []*S3BucketPolicy
	// PublicAccessBlocks holds every bucket-level public access block
	// (aws_s3_bucket_public_access_block, PublicAccessBlockConfiguration),
	// including those whose bucket is not in the scanned code.
	PublicAccessBlocks []*S3PublicAccessBlock
	// AccountPublicAccessBlocks holds the account-level blocks
	// (aws_s3_account_public_access_block; CloudFormation has no such
	// resource).
	AccountPublicAccessBlocks []*S3PublicAccessBlock
	// AccessPoints are the buckets' access points.
	AccessPoints []*S3AccessPoint
}

// S3Bucket is an S3 bucket with the configuration joined from split
// resources (aws_s3_bucket_versioning, ...).
type S3Bucket struct {
	Resource *graph.Resource
	// Name is the bucket name when set literally.
	Name String
	// NamePrefix is the prefix of a name Terraform generates
	// (bucket_prefix); names generated without one have no dots.
	NamePrefix String
	// Website is whether the bucket is configured for static website
	// hosting (inline, or by a website configuration resource).
	Website Bool
	// AccessLogging is whether server access logging is on (off by
	// default); ReceivesLogs whether the bucket is the destination of some
	// bucket's access logs.
	AccessLogging Bool
	ReceivesLogs  graph.Tri
	// PublicACL is whether the bucket ACL grants access to everyone or to
	// every AWS account: a canned ACL public-read, public-read-write or
	// authenticated-read, or a grant to the AllUsers or AuthenticatedUsers
	// group. The ACL is private by default.
	PublicACL Bool
	// Versioning is the bucket's versioning status: "Enabled", "Suspended"
	// or "Disabled" (never enabled, the default).
	Versioning String
	// MFADelete is whether deleting object versions and changing the
	// versioning state need the root user's MFA code (off by default).
	// Only Terraform can say (versioning.mfa_delete, or mfa_delete of an
	// aws_s3_bucket_versioning); CloudFormation cannot configure it, and
	// its buckets' value is unknown.
	MFADelete Bool
	// Encryption is the default server-side encryption algorithm:
	// "AES256" (SSE-S3, which S3 applies to every bucket without a
	// configuration since January 2023), "aws:kms" or "aws:kms:dsse".
	Encryption String
	// PublicAccessBlock is the bucket's own public access block; nil when
	// it has none. PublicAccessBlockWhy is set instead when a block whose
	// bucket is not known may apply to it.
	PublicAccessBlock    *S3PublicAccessBlock
	PublicAccessBlockWhy string
	// Policy is the bucket policy; nil when it has none. PolicyWhy is set
	// instead when a policy whose bucket is not known may apply to it.
	Policy    *S3BucketPolicy
	PolicyWhy string
	// name is the argument naming the bucket, which a split resource may
	// repeat (bucket = var.name in both).
	name Field
}

// S3BucketPolicy is a bucket policy: the legacy policy argument of
// aws_s3_bucket, an aws_s3_bucket_policy or an AWS::S3::BucketPolicy.
type S3BucketPolicy struct {
	// Resource is where the policy is written (the bucket itself for the
	// legacy inline argument).
	Resource *graph.Resource
	// Bucket is the bucket it applies to; nil when that is not in the
	// scanned code or cannot be determined.
	Bucket   *S3Bucket
	Document *Policy
}

// S3PublicAccessBlock is an S3 Block Public Access configuration, for one
// bucket or for a whole account. Absent settings are off.
type S3PublicAccessBlock struct {
	// Resource is the split resource, or the bucket for CloudFormation's
	// PublicAccessBlockConfiguration.
	Resource *graph.Resource
	// At locates the configuration.
	At graph.Loc
	// Account is true for an account-level block; AccountID is its
	// account_id argument (unset: the provider's account).
	Account   bool
	AccountID String
	// Bucket is the bucket a bucket-level block applies to, when known.
	Bucket *S3Bucket
	// The four settings, in the order AWS lists them.
	BlockPublicACLs       Bool
	IgnorePublicACLs      Bool
	BlockPublicPolicy     Bool
	RestrictPublicBuckets Bool
}

// PublicAccessSetting is one of the four settings of a block.
type PublicAccessSetting struct {
	// Name is the API name (BlockPublicAcls, ...).
	Name string
	On   Bool
}

// S3AccessPoint is an S3 access point.
type S3AccessPoint struct {
	Resource *graph.Resource
	// Block is the access point's own public access block: every setting
	// is on unless turned off, and can only be chosen when the access
	// point is created.
	Block *S3PublicAccessBlock
}

var s3AccessPointAdapters = adapters[*S3AccessPoint]{
	{graph.Terraform, "aws_s3_access_point", func(_ *Model, r *graph.Resource) *S3AccessPoint {
		return accessPointOf(r, Attrs(r).Get("public_access_block_configuration"), tfBlockNames)
	}},
	{graph.CloudFormation, "AWS::S3::AccessPoint", func(_ *Model, r *graph.Resource) *S3AccessPoint {
		return accessPointOf(r, Attrs(r).Get("PublicAccessBlockConfiguration"), cfnBlockNames)
	}},
}

// accessPointOf reads an access point's public access block, whose
// settings are on when absent.
func accessPointOf(r *graph.Resource, f Field, names blockNames) *S3AccessPoint {
	blk := publicAccessBlockOf(r, f, false, names)
	if !f.IsSet() {
		blk.At = r.Loc()
	}
	for _, b := range []*Bool{&blk.BlockPublicACLs, &blk.IgnorePublicACLs, &blk.BlockPublicPolicy, &blk.RestrictPublicBuckets} {
		if !b.Set && b.IsKnown() {
			*b = Default(true, blk.At)
		}
	}
	return &S3AccessPoint{Resource: r, Block: blk}
}

// Settings returns the four settings with their API names.
func (p *S3PublicAccessBlock) Settings() []PublicAccessSetting {
	return []PublicAccessSetting{
		{"BlockPublicAcls", p.BlockPublicACLs},
		{"IgnorePublicAcls", p.IgnorePublicACLs},
		{"BlockPublicPolicy", p.BlockPublicPolicy},
		{"RestrictPublicBuckets", p.RestrictPublicBuckets},
	}
}

// VersioningEnabled is True when versioning is Enabled.
func (b *S3Bucket) VersioningEnabled() graph.Tri { return Equals(b.Versioning, "Enabled") }

// s3BucketAdapters read buckets. A bucket's own configuration is read
// with it; split resources are joined to it by buildS3.
var s3BucketAdapters = adapters[*S3Bucket]{
	{graph.Terraform, "aws_s3_bucket", terraformS3Bucket},
	{graph.CloudFormation, "AWS::S3::Bucket", cloudFormationS3Bucket},
}

func terraformS3Bucket(_ *Model, r *graph.Resource) *S3Bucket {
	a := Attrs(r)
	// An empty bucket is not sent: the provider generates a name.
	name := unsentWhenEmpty(a.Get("bucket"))
	b := &S3Bucket{Resource: r, name: name,
		Name:          StringOf(name, nil),
		NamePrefix:    StringOf(a.Get("bucket_prefix"), nil),
		Website:       Configured(a.Get("website")),
		AccessLogging: Configured(a.Get("logging")),
		PublicACL:     publicACL(a.Get("acl"), a.Get("grant"), r.Loc()),
		Versioning:    inlineVersioning(a.Get("versioning")),
		MFADelete:     atBlock(BoolOf(a.Get("versioning").Get("mfa_delete"), Ptr(false)), a.Get("versioning")),
		Encryption: sseAlgorithm(a.Get("server_side_encryption_configuration").Get("rule"),
			"apply_server_side_encryption_by_default", "sse_algorithm", r.Loc()),
	}
	// The policy argument of provider v3 and earlier.
	if a.Get("policy").IsSet() {
		b.Policy = &S3BucketPolicy{Resource: r, Bucket: b, Document: PolicyOf(a.Get("policy"))}
	}
	return b
}

func cloudFormationS3Bucket(_ *Model, r *graph.Resource) *S3Bucket {
	a := Attrs(r)
	b := &S3Bucket{Resource: r, name: a.Get("BucketName"),
		Name:          StringOf(a.Get("BucketName"), nil),
		Website:       Configured(a.Get("WebsiteConfiguration")),
		AccessLogging: Configured(a.Get("LoggingConfiguration")),
		PublicACL:     publicACL(a.Get("AccessControl"), Field{}, r.Loc()),
		Versioning:    StringOf(a.Get("VersioningConfiguration").Get("Status"), Ptr("Disabled")),
		MFADelete:     UnknownAttr[bool]("CloudFormation cannot configure MFA delete", r.Loc()),
		Encryption: sseAlgorithm(a.Get("BucketEncryption").Get("ServerSideEncryptionConfiguration"),
			"ServerSideEncryptionByDefault", "SSEAlgorithm", r.Loc()),
	}
	if cfg := a.Get("PublicAccessBlockConfiguration"); cfg.IsSet() {
		b.PublicAccessBlock = publicAccessBlockOf(r, cfg, false, cfnBlockNames)
		b.PublicAccessBlock.Bucket = b
	}
	return b
}

// s3Split is a split resource configuring one bucket before it is
// joined: the resource and the argument naming its bucket.
type s3Split struct {
	res    *graph.Resource
	bucket Field
}

// s3Versioning is a split versioning configuration.
type s3Versioning struct {
	s3Split
	status    String
	mfaDelete Bool
}

var s3VersioningAdapters = adapters[s3Versioning]{
	{graph.Terraform, "aws_s3_bucket_versioning", func(_ *Model, r *graph.Resource) s3Versioning {
		a := Attrs(r)
		cfg := a.Get("versioning_configuration")
		mfa := atBlock(Map(StringOf(cfg.Get("mfa_delete"), Ptr("Disabled")), func(v string) bool { return v == "Enabled" }), cfg)
		return s3Versioning{s3Split{r, a.Get("bucket")}, StringOf(cfg.Get("status"), nil), mfa}
	}},
}

// s3Website is a split website configuration.
type s3Website struct{ s3Split }

var s3WebsiteAdapters = adapters[s3Website]{
	{graph.Terraform, "aws_s3_bucket_website_configuration", func(_ *Model, r *graph.Resource) s3Website {
		return s3Website{s3Split{r, Attrs(r).Get("bucket")}}
	}},
}

// s3Logging is an access logging configuration: a split resource, or the
// inline configuration of a bucket (whose bucket field is then unset);
// target names the destination bucket.
type s3Logging struct {
	s3Split
	target Field
}

var s3LoggingAdapters = adapters[s3Logging]{
	{graph.Terraform, "aws_s3_bucket_logging", func(_ *Model, r *graph.Resource) s3Logging {
		a := Attrs(r)
		return s3Logging{s3Split{r, a.Get("bucket")}, a.Get("target_bucket")}
	}},
}

// inlineLoggingAdapters read the destinations of buckets' inline logging
// configurations. A CloudFormation configuration without a destination
// logs to the bucket itself.
var inlineLoggingAdapters = adapters[s3Logging]{
	{graph.Terraform, "aws_s3_bucket", func(_ *Model, r *graph.Resource) s3Logging {
		return s3Logging{s3Split{res: r}, Attrs(r).Get("logging").Get("target_bucket")}
	}},
	{graph.CloudFormation, "AWS::S3::Bucket", func(_ *Model, r *graph.Resource) s3Logging {
		return s3Logging{s3Split{res: r}, Attrs(r).Get("LoggingConfiguration").Get("DestinationBucketName")}
	}},
}

// s3ACL is a split bucket ACL.
type s3ACL struct {
	s3Split
	public Bool
}

var s3ACLAdapters = adapters[s3ACL]{
	{graph.Terraform, "aws_s3_bucket_acl", func(_ *Model, r *graph.Resource) s3ACL {
		a := Attrs(r)
		return s3ACL{s3Split{r, a.Get("bucket")}, publicACL(a.Get("acl"), a.Get("access_control_policy").Get("grant"), r.Loc())}
	}},
}

// publicACL reads a canned ACL (either format's spelling) and a list of
// grants (nil Field when the format has none).
func publicACL(canned, grants Field, header graph.Loc) Bool {
	public := Map(StringOf(canned, Ptr("private")), func(acl string) bool {
		switch strings.ToLower(strings.ReplaceAll(acl, "-", "")) {
		case "publicread", "publicreadwrite", "authenticatedread":
			return true
		}
		return false
	})
	if !canned.IsSet() {
		public.At = header
	}
	if grants.Res == nil || !grants.IsSet() || IsTrue(public) == graph.True {
		return public
	}
	list, ok := grants.Blocks()
	if !ok {
		return UnknownAttr[bool](grants.Value.Why(), grants.Loc())
	}
	for _, g := range list {
		uri := g.Get("uri")
		if !uri.IsSet() {
			uri = g.Get("grantee").Get("uri")
		}
		if !uri.IsSet() {
			continue
		}
		group := StringOf(uri, nil).Test(func(u string) bool {
			return strings.HasSuffix(u, "/groups/global/AllUsers") || strings.HasSuffix(u, "/groups/global/AuthenticatedUsers")
		})
		switch group {
		case graph.True:
			return Known(true, true, uri.Loc())
		case graph.Unknown:
			public = UnknownAttr[bool](uri.Value.Why(), uri.Loc())
		}
	}
	return public
}

// s3Encryption is a split default encryption configuration.
type s3Encryption struct {
	s3Split
	algorithm String
}

var s3EncryptionAdapters = adapters[s3Encryption]{
	{graph.Terraform, "aws_s3_bucket_server_side_encryption_configuration", func(_ *Model, r *graph.Resource) s3Encryption {
		a := Attrs(r)
		return s3Encryption{s3Split{r, a.Get("bucket")},
			sseAlgorithm(a.Get("rule"), "apply_server_side_encryption_by_default", "sse_algorithm", r.Loc())}
	}},
}

// s3Policy is a bucket policy resource.
type s3Policy struct {
	s3Split
	document *Policy
}

var s3PolicyAdapters = adapters[s3Policy]{
	{graph.Terraform, "aws_s3_bucket_policy", func(_ *Model, r *graph.Resource) s3Policy {
		a := Attrs(r)
		return s3Policy{s3Split{r, a.Get("bucket")}, PolicyOf(a.Get("policy"))}
	}},
	{graph.CloudFormation, "AWS::S3::BucketPolicy", func(_ *Model, r *graph.Resource) s3Policy {
		a := Attrs(r)
		return s3Policy{s3Split{r, a.Get("Bucket")}, PolicyOf(a.Get("PolicyDocument"))}
	}},
}

// s3Block is a bucket-level public access block resource.
type s3Block struct {
	s3Split
	block *S3PublicAccessBlock
}

var s3BlockAdapters = adapters[s3Block]{
	{graph.Terraform, "aws_s3_bucket_public_access_block", func(_ *Model, r *graph.Resource) s3Block {
		a := Attrs(r)
		return s3Block{s3Split{r, a.Get("bucket")}, publicAccessBlockOf(r, a, false, tfBlockNames)}
	}},
}

// s3AccountBlockAdapters read account-level public access blocks
// (CloudFormation has no such resource).
var s3AccountBlockAdapters = adapters[*S3PublicAccessBlock]{
	{graph.Terraform, "aws_s3_account_public_access_block", func(_ *Model, r *graph.Resource) *S3PublicAccessBlock {
		a := Attrs(r)
		blk := publicAccessBlockOf(r, a, true, tfBlockNames)
		blk.AccountID = StringOf(a.Get("account_id"), nil)
		return blk
	}},
}

func buildS3(m *Model) {
	versionings := s3VersioningAdapters.all(m)
	encryptions := s3EncryptionAdapters.all(m)
	policies := s3PolicyAdapters.all(m)
	blocks := s3BlockAdapters.all(m)
	websites := s3WebsiteAdapters.all(m)
	loggings := s3LoggingAdapters.all(m)
	acls := s3ACLAdapters.all(m)

	addTargets(m, versionings)
	addTargets(m, encryptions)
	addTargets(m, policies)
	addTargets(m, blocks)
	addTargets(m, websites)
	addTargets(m, loggings)
	addTargets(m, acls)

	m.S3.Buckets = s3BucketAdapters.all(m)
	j := s3Joins{}
	for _, splits := range [][]s3Split{splitsOf(versionings), splitsOf(encryptions), splitsOf(policies), splitsOf(blocks),
		splitsOf(websites), splitsOf(loggings), splitsOf(acls)} {
		for _, s := range splits {
			j[s.res] = m.s3TargetOf(s)
		}
	}
	for _, b := range m.S3.Buckets {
		m.names = append(m.names, b.Name)
		if b.Policy != nil {
			m.S3.BucketPolicies = append(m.S3.BucketPolicies, b.Policy)
		}
		if b.PublicAccessBlock != nil {
			m.S3.PublicAccessBlocks = append(m.S3.PublicAccessBlocks, b.PublicAccessBlock)
		}
		unread := m.UnreadReceivingWhy(b.Resource, b.Name, "an aws_s3_bucket_versioning for it")
		b.MFADelete = joinMFADelete(j, b, versionings, unread)
		b.Versioning = joinVersioning(j, b, versionings, unread)
	}

	// Split website configurations.
	for _, b := range m.S3.Buckets {
		if IsTrue(b.Website) == graph.True {
			continue
		}
		match, maybe := joinSplit(j, b, websites)
		switch {
		case match != nil && match.res.Exists == graph.True:
			b.Website = Known(true, true, match.res.Loc())
		case match != nil:
			b.Website = UnknownAttr[bool](ExistsWhy(match.res), b.Website.At)
		case maybe != nil:
			b.Website = UnknownAttr[bool](mayConfigure(maybe.res), b.Website.At)
		default:
			if w := m.UnreadReceivingWhy(b.Resource, b.Name, "a website configuration for it"); w != "" {
				b.Website = UnknownAttr[bool](w, b.Website.At)
			}
		}
	}

	// Access logging: split configurations, and the destinations of
	// every configuration.
	destinations := append(slices.Clip(loggings), inlineLoggingAdapters.all(m)...)
	for _, l := range destinations {
		m.targets = append(m.targets, l.target)
	}
	for _, b := range m.S3.Buckets {
		b.ReceivesLogs = graph.False
		for _, l := range destinations {
			t := targets(m.index, l.res, l.target, b.Resource, b.Name)
			if t == graph.Unknown && l.res.Unit != b.Resource.Unit {
				continue
			}
			b.ReceivesLogs = b.ReceivesLogs.Or(t)
		}
		if IsTrue(b.AccessLogging) == graph.True {
			continue
		}
		match, maybe := joinSplit(j, b, loggings)
		switch {
		case match != nil && match.res.Exists == graph.True:
			b.AccessLogging = Known(true, true, match.res.Loc())
		case match != nil:
			b.AccessLogging = UnknownAttr[bool](ExistsWhy(match.res), b.AccessLogging.At)
		case maybe != nil:
			b.AccessLogging = UnknownAttr[bool](mayConfigure(maybe.res), b.AccessLogging.At)
		default:
			if w := m.UnreadReceivingWhy(b.Resource, b.Name, "an access logging configuration for it"); w != "" {
				b.AccessLogging = UnknownAttr[bool](w, b.AccessLogging.At)
			}
		}
	}

	// Split ACLs.
	for _, b := range m.S3.Buckets {
		if IsTrue(b.PublicACL) == graph.True {
			continue
		}
		match, maybe := joinSplit(j, b, acls)
		switch {
		case match != nil && match.res.Exists == graph.True:
			b.PublicACL = match.public
		case match != nil:
			b.PublicACL = UnknownAttr[bool](ExistsWhy(match.res), match.public.At)
		case maybe != nil:
			b.PublicACL = UnknownAttr[bool](mayConfigure(maybe.res), b.PublicACL.At)
		default:
			if w := m.UnreadReceivingWhy(b.Resource, b.Name, "an ACL for it"); w != "" {
				b.PublicACL = UnknownAttr[bool](w, b.PublicACL.At)
			}
		}
	}

	// Split encryption configurations.
	for _, b := range m.S3.Buckets {
		match, maybe := joinSplit(j, b, encryptions)
		switch {
		case match != nil:
			enc := match.algorithm
			if match.res.Exists != graph.True {
				enc = UnknownAttr[string](ExistsWhy(match.res), enc.At)
			}
			b.Encryption = enc
		case maybe != nil && !IsKMSAlgorithm(b.Encryption).IsTrue():
			b.Encryption = UnknownAttr[string](mayConfigure(maybe.res), b.Encryption.At)
		case !IsKMSAlgorithm(b.Encryption).IsTrue():
			if w := m.UnreadReceivingWhy(b.Resource, b.Name, "an encryption configuration for it"); w != "" {
				b.Encryption = UnknownAttr[string](w, b.Encryption.At)
			}
		}
	}

	// Split bucket policies; every policy is kept, joined or not.
	split := map[*graph.Resource]*S3BucketPolicy{}
	for _, s := range policies {
		pol := &S3BucketPolicy{Resource: s.res, Document: s.document, Bucket: j[s.res].bucket}
		split[s.res] = pol
		m.S3.BucketPolicies = append(m.S3.BucketPolicies, pol)
	}
	for _, b := range m.S3.Buckets {
		match, maybe := joinSplit(j, b, policies)
		switch {
		case match != nil:
			b.Policy = split[match.res]
		case maybe != nil && b.Policy == nil:
			b.PolicyWhy = mayConfigure(maybe.res)
		case b.Policy == nil:
			b.PolicyWhy = m.UnreadReceivingWhy(b.Resource, b.Name, "a bucket policy for it")
		}
	}

	// Public access blocks. A bucket with its own configuration keeps it.
	for _, s := range blocks {
		s.block.Bucket = j[s.res].bucket
		m.S3.PublicAccessBlocks = append(m.S3.PublicAccessBlocks, s.block)
	}
	for _, b := range m.S3.Buckets {
		if b.PublicAccessBlock != nil {
			continue
		}
		match, maybe := joinSplit(j, b, blocks)
		switch {
		case match != nil:
			b.PublicAccessBlock = match.block
		case maybe != nil:
			b.PublicAccessBlockWhy = mayConfigure(maybe.res)
		default:
			b.PublicAccessBlockWhy = m.UnreadReceivingWhy(b.Resource, b.Name, "a public access block for it")
		}
	}
	m.S3.AccountPublicAccessBlocks = s3AccountBlockAdapters.all(m)
	m.S3.AccessPoints = s3AccessPointAdapters.all(m)
}

// s3Target is what the code says about the bucket a split resource
// configures.
type s3Target struct {
	// bucket is the bucket it certainly configures; nil when it is not
	// in the scanned code or cannot be determined.
	bucket *S3Bucket
	// maybe are the buckets of its unit it may configure when bucket is
	// nil.
	maybe []*S3Bucket
}

// s3Joins holds the target of each split resource.
type s3Joins map[*graph.Resource]s3Target

// s3TargetOf finds the bucket split resource s configures: the bucket it
// refers to, the bucket with its literal name, or the bucket of its unit
// named by the same expression (both bucket = var.name). A split resource
// that certainly configures one bucket configures no other: two buckets
// of one unit cannot have the same name. Otherwise each bucket of its unit
// whose name cannot be compared with its argument may be the one.
func (m *Model) s3TargetOf(s s3Split) s3Target {
	var t s3Target
	for _, b := range m.S3.Buckets {
		switch configuresBucket(m.index, s, b) {
		case graph.True:
			return s3Target{bucket: b}
		case graph.Unknown:
			if s.res.Unit == b.Resource.Unit {
				t.maybe = append(t.maybe, b)
			}
		}
	}
	return t
}

// configuresBucket says whether split resource s names bucket b.
func configuresBucket(ix *Index, s s3Split, b *S3Bucket) graph.Tri {
	if s.res.Unit == b.Resource.Unit && b.name.IsSet() && s.bucket.IsSet() && s.bucket.Value.SameUnknown(b.name.Value) {
		return graph.True
	}
	return targets(ix, s.res, s.bucket, b.Resource, b.Name)
}

// joinSplit finds the split resource that configures b: match when one
// certainly does, otherwise maybe, a split resource in the same unit whose
// bucket cannot be determined and so might be b.
func joinSplit[S interface{ split() s3Split }](j s3Joins, b *S3Bucket, splits []S) (match, maybe *S) {
	for i := range splits {
		t := j[splits[i].split().res]
		switch {
		case t.bucket == b:
			return &splits[i], nil
		case maybe == nil && slices.Contains(t.maybe, b):
			maybe = &splits[i]
		}
	}
	return nil, maybe
}

// splitsOf returns what the split resources have in common.
func splitsOf[S interface{ split() s3Split }](splits []S) []s3Split {
	out := make([]s3Split, len(splits))
	for i, s := range splits {
		out[i] = s.split()
	}
	return out
}

func (s s3Split) split() s3Split { return s }

// addTargets records the arguments naming the splits' buckets, which may
// name a bucket of another unit (Links).
func addTargets[S interface{ split() s3Split }](m *Model, splits []S) {
	for _, s := range splits {
		m.targets = append(m.targets, s.split().bucket)
	}
}

func mayConfigure(r *graph.Resource) string {
	return "the bucket of " + r.Address + " is not known, so it may configure this bucket"
}

// sseAlgorithm reads the default encryption algorithm from a list of
// encryption rules (Terraform rule blocks, CloudFormation
// ServerSideEncryptionConfiguration): the first rule with a default
// applies. Without one, S3 encrypts with SSE-S3 (AES256).
func sseAlgorithm(rulesField Field, byDefault, algorithm string, header graph.Loc) String {
	rules, ok := rulesField.Blocks()
	if !ok {
		return UnknownAttr[string](rulesField.Value.Why(), rulesField.Loc())
	}
	for _, rule := range rules {
		if !rule.Value.IsKnown() {
			return UnknownAttr[string](rule.Value.Why(), rule.Loc())
		}
		if d := rule.Get(byDefault); d.IsSet() {
			return StringOf(d.Get(algorithm), nil)
		}
	}
	return Default("AES256", header)
}

// IsKMSAlgorithm is True when an encryption algorithm uses AWS KMS
// (aws:kms, or aws:kms:dsse for dual-layer encryption).
func IsKMSAlgorithm(s String) graph.Tri {
	return s.Test(func(v string) bool { return v == "aws:kms" || v == "aws:kms:dsse" })
}

// blockNames are the argument names of the four public access settings
// in one format.
type blockNames [4]string

var (
	tfBlockNames  = blockNames{"block_public_acls", "ignore_public_acls", "block_public_policy", "restrict_public_buckets"}
	cfnBlockNames = blockNames{"BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"}
)

// publicAccessBlockOf reads the four settings from f; each is off when
// absent.
func publicAccessBlockOf(r *graph.Resource, f Field, account bool, names blockNames) *S3PublicAccessBlock {
	blk := &S3PublicAccessBlock{Resource: r, At: KeyLoc(f), Account: account}
	if f.Path == "" {
		blk.At = r.Loc()
	}
	setting := func(name string) Bool {
		s := f.Get(name)
		b := BoolOf(s, Ptr(false))
		if !s.IsSet() {
			// Point an absent setting at the configuration that omits it.
			b.At = graph.Loc{Resource: r, Path: s.Path, Range: blk.At.Range}
		}
		return b
	}
	blk.BlockPublicACLs = setting(names[0])
	blk.IgnorePublicACLs = setting(names[1])
	blk.BlockPublicPolicy = setting(names[2])
	blk.RestrictPublicBuckets = setting(names[3])
	return blk
}

// inlineVersioning reads the legacy `versioning { enabled = ... }` block of
// aws_s3_bucket (provider v3 and earlier).
func inlineVersioning(f Field) String {
	enabled := BoolOf(f.Get("enabled"), Ptr(false))
	if !f.IsSet() {
		enabled.At = f.Res.At("versioning", graph.Value{})
	}
	return Map(enabled, func(on bool) string {
		if on {
			return "Enabled"
		}
		if f.IsSet() {
			return "Suspended"
		}
		return "Disabled"
	})
}

// joinVersioning applies the aws_s3_bucket_versioning resources that target
// b (see s3TargetOf). A versioning resource whose target cannot be
// determined might target b, which makes an otherwise unversioned bucket's
// status unknown rather than a finding.
//
// unread says why a module whose code was not read may configure b ("" when
// none may).
func joinVersioning(j s3Joins, b *S3Bucket, splits []s3Versioning, unread string) String {
	match, maybe := joinSplit(j, b, splits)
	switch {
	case match != nil && match.res.Exists != graph.True:
		return UnknownAttr[string](ExistsWhy(match.res), match.status.At)
	case match != nil:
		return match.status
	case maybe != nil && !b.VersioningEnabled().IsTrue():
		return UnknownAttr[string](mayConfigure(maybe.res), b.Versioning.At)
	case unread != "" && !b.VersioningEnabled().IsTrue():
		return UnknownAttr[string](unread, b.Versioning.At)
	}
	return b.Versioning
}

// joinMFADelete applies the MFA delete setting of the
// aws_s3_bucket_versioning that targets b, as joinVersioning does its
// status.
func joinMFADelete(j s3Joins, b *S3Bucket, splits []s3Versioning, unread string) Bool {
	match, maybe := joinSplit(j, b, splits)
	switch {
	case match != nil && match.res.Exists != graph.True:
		return UnknownAttr[bool](ExistsWhy(match.res), match.mfaDelete.At)
	case match != nil:
		return match.mfaDelete
	case maybe != nil && IsTrue(b.MFADelete) != graph.True:
		return UnknownAttr[bool](mayConfigure(maybe.res), b.MFADelete.At)
	case unread != "" && IsTrue(b.MFADelete) != graph.True:
		return UnknownAttr[bool](unread, b.MFADelete.At)
	}
	return b.MFADelete
}

// blockAccount is the account an account-level block is for: its
// account_id when set and known, otherwise the account of its provider;
// "" when not known.
func (m *Model) blockAccount(blk *S3PublicAccessBlock) string {
	if id, ok := blk.AccountID.Get(); ok && blk.AccountID.Set {
		return id
	}
	return m.Accounts.Of(blk.Resource).AccountID
}

// AccountBlockApplies says whether the account-level block blk applies to
// the account resource r is deployed in, and, when that is unknown, why.
// A block applies to the resources of the same Terraform provider
// configuration (the same account, whatever the region: account-level
// settings are global), and to any resource whose account is known to be
// the block's. A block managed through another provider configuration of
// the same unit may or may not be in r's account; one in another unit is
// not assumed to be.
func (m *Model) AccountBlockApplies(blk *S3PublicAccessBlock, r *graph.Resource) (graph.Tri, string) {
	blockAccount := m.blockAccount(blk)
	explicit := blk.AccountID.Set
	resourceAccount := m.Accounts.Of(r).AccountID
	var applies graph.Tri
	why := ""
	switch {
	case blockAccount != "" && resourceAccount != "":
		applies = graph.TriOf(blockAccount == resourceAccount)
	case explicit && !blk.AccountID.IsKnown():
		applies, why = graph.Unknown, "the account_id of "+blk.Resource.Address+" is not known: "+blk.AccountID.Why
	case !explicit && r.ProviderRef != "" && blk.Resource.Unit == r.Unit && providerOf(blk.Resource) == providerOf(r):
		applies = graph.True
	case blk.Resource.Unit == r.Unit:
		applies, why = graph.Unknown, "the account-level public access block "+blk.Resource.Address+
			" uses another provider configuration, which may be another account"
	default:
		applies = graph.False
	}
	if applies != graph.False && blk.Resource.Exists != graph.True {
		applies, why = applies.And(graph.Unknown), ExistsWhy(blk.Resource)
	}
	return applies, why
}
