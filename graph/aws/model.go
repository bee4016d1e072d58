package aws

import (
	"cmp"
	"slices"
	"strings"

	"github.com/blindspot-iac/blindspot/graph"
)

// Model is the typed view of a graph that rules read.
type Model struct {
	Graph *graph.Graph
	// Accounts says which account each resource is deployed to and whether
	// that is the organisation's management account.
	Accounts *Accounts
	S3       S3
	EC2      EC2
	AMI      AMI
	KMS      KMS
	IAM      IAM
	Secrets  Secrets

	CloudTrail    CloudTrail
	GuardDuty     GuardDuty
	RDS           RDS
	DocumentDB    DocumentDB
	Neptune       Neptune
	EFS           EFS
	MQ            MQ
	MSK           MSK
	ElastiCache   ElastiCache
	OpenSearch    OpenSearch
	Redshift      Redshift
	EMR           EMR
	DynamoDB      DynamoDB
	Messages      Messages
	ECR           ECR
	ECS           ECS
	EKS           EKS
	Lambda        Lambda
	Volumes       Volumes
	Instances     Instances
	CloudFront    CloudFront
	ELB           ELB
	VPC           VPC
	Config        Config
	SecurityHub   SecurityHub
	Organizations Organizations

	APIGateway     APIGatewayService
	Athena         Athena
	CloudWatch     CloudWatch
	CodeBuild      CodeBuild
	Kinesis        Kinesis
	SecretsManager SecretsManager
	StepFunctions  StepFunctions
	WorkSpaces     WorkSpaces

	index *Index
	// names and targets are what Links reports: the names of resources
	// that split resources may name literally (buckets, security groups,
	// classic load balancers), and the arguments with which split
	// resources name their target.
	names   []String
	targets []Field
	// unread are the module calls whose code was not read (unread.go).
	unread []*unreadCall
}

// Options carry what the scan knows about accounts beyond the code.
type Options struct {
	// ManagementAccountIDs are the organisation's management accounts
	// (--management-account-id, management_account_ids in the config).
	ManagementAccountIDs []string
	// UnitAccounts gives the account of units (by graph.Unit.Path) that
	// the configuration maps, for stacks and roots deployed by pipelines
	// whose code does not say where they go.
	UnitAccounts map[string]UnitAccount
}

// Build converts g into the typed model. It never fails: resources it
// cannot read are modelled with unknown attributes.
func Build(g *graph.Graph, opts Options) *Model {
	m := &Model{Graph: g, index: NewIndex(g), unread: unreadCalls(g)}
	m.Accounts = buildAccounts(m.index, g, opts, standIns(m.unread))
	buildS3(m)
	buildEC2(m)
	buildAMI(m)
	buildKMS(m)
	buildIAM(m)
	buildSecrets(m)
	buildCloudTrail(m)
	buildGuardDuty(m)
	buildConfig(m)
	buildSecurityHub(m)
	buildRDS(m)
	buildDocumentDB(m)
	buildNeptune(m)
	buildEFS(m)
	buildMQ(m)
	buildMSK(m)
	buildElastiCache(m)
	buildOpenSearch(m)
	buildRedshift(m)
	buildEMR(m)
	buildDynamoDB(m)
	buildMessages(m)
	buildECR(m)
	buildECS(m)
	buildVolumes(m)
	buildInstances(m)
	buildEKS(m)
	buildLambda(m)
	buildCloudFront(m)
	buildELB(m)
	buildVPC(m)
	buildAPIGateway(m)
	buildAthena(m)
	buildCloudWatch(m)
	buildCodeBuild(m)
	buildKinesis(m)
	buildSecretsManager(m)
	buildStepFunctions(m)
	buildWorkSpaces(m)
	buildOrg(m)
	return m
}

// BuildOrganization converts what the organisation-scoped rules read
// (rules.OrganizationScope): accounts, trails and the other logging
// services, and AWS Organizations. The other parts of the model are left
// empty: their resources reach it without attributes.
func BuildOrganization(g *graph.Graph, opts Options) *Model {
	m := &Model{Graph: g, index: NewIndex(g), unread: unreadCalls(g)}
	m.Accounts = buildAccounts(m.index, g, opts, standIns(m.unread))
	buildCloudTrail(m)
	buildGuardDuty(m)
	buildConfig(m)
	buildSecurityHub(m)
	buildOrg(m)
	return m
}

// Index finds resources by type and resolves references between them.
func (m *Model) Index() *Index { return m.index }

// Index looks up the resources of a graph.
type Index struct {
	byType map[string][]*graph.Resource
	byAddr map[unitAddress]*graph.Resource
	// byBase maps an address without its instance key to its instances.
	byBase map[unitAddress][]*graph.Resource
}

type unitAddress struct{ unit, address string }

// NewIndex indexes the resources of g.
func NewIndex(g *graph.Graph) *Index {
	ix := &Index{
		byType: map[string][]*graph.Resource{},
		byAddr: map[unitAddress]*graph.Resource{},
		byBase: map[unitAddress][]*graph.Resource{},
	}
	for _, r := range g.Resources {
		ix.byType[r.Type] = append(ix.byType[r.Type], r)
		ix.byAddr[unitAddress{r.Unit, r.Address}] = r
		base := stripInstanceKey(r.Address)
		ix.byBase[unitAddress{r.Unit, base}] = append(ix.byBase[unitAddress{r.Unit, base}], r)
	}
	return ix
}

// stripInstanceKey removes a trailing [key] from a Terraform address.
func stripInstanceKey(addr string) string {
	if strings.HasSuffix(addr, "]") {
		if i := strings.LastIndex(addr, "["); i > 0 {
			return addr[:i]
		}
	}
	return addr
}

// OfType returns the resources of the given native types, in graph order.
func (ix *Index) OfType(types ...string) []*graph.Resource {
	if len(types) == 1 {
		return ix.byType[types[0]]
	}
	var out []*graph.Resource
	for _, t := range types {
		out = append(out, ix.byType[t]...)
	}
	slices.SortStableFunc(out, graphOrder)
	return out
}

// graphOrder orders resources by unit, then by where they are written.
func graphOrder(a, b *graph.Resource) int {
	return cmp.Or(strings.Compare(a.Unit, b.Unit), graph.CompareRange(a.Range, b.Range))
}

// Resolve returns the resource a reference made from resource from points
// to: the exact instance, or, when the reference names a resource with
// instances but no key, the single instance there is. It returns nil when
// the target is not in the scanned code.
func (ix *Index) Resolve(from *graph.Resource, ref graph.Ref) *graph.Resource {
	if r, ok := ix.byAddr[unitAddress{from.Unit, ref.Address}]; ok {
		return r
	}
	if rs := ix.byBase[unitAddress{from.Unit, ref.Address}]; len(rs) == 1 {
		return rs[0]
	}
	return nil
}

// Referenced returns the resources of the given types that v refers to
// (directly or anywhere inside it).
func (ix *Index) Referenced(from *graph.Resource, v graph.Value, types ...string) []*graph.Resource {
	var out []*graph.Resource
	seen := map[*graph.Resource]bool{}
	for _, ref := range v.AllRefs() {
		r := ix.Resolve(from, ref)
		if r == nil || seen[r] || len(types) > 0 && !slices.Contains(types, r.Type) {
			continue
		}
		seen[r] = true
		out = append(out, r)
	}
	return out
}
