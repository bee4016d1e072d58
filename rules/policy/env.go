package policy

import (
	"fmt"
	"reflect"
	"sort"
	"strings"
	"sync"

	"github.com/google/cel-go/cel"
	"github.com/google/cel-go/ext"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/graph/aws"
)

// Env is the CEL environment policies are compiled in: the generic
// resource, the typed model's collections, and the helper functions. One
// Env serves a whole scan; programs compiled in it are safe to evaluate
// concurrently.
type Env struct {
	opts         Options
	provider     *provider
	typed        *typedView
	resourceType *objType
	accountType  *objType
	// base declares `resource`; collection environments extend it.
	base        *cel.Env
	collections map[string]*collection
	byColl      map[string]*cel.Env
	// documents keeps the policy documents iamPolicy read from JSON
	// strings, by text: the same trust or bucket policy is often written
	// many times (modules called for each environment), and every
	// evaluation would parse it again.
	documents documentCache
	// unknowns are the CEL unknowns of the paths evaluations found
	// unknown values at.
	unknowns unknownPaths
}

// documentCache holds parsed policy documents, by their JSON text, up to
// maxCachedDocuments of them.
type documentCache struct {
	mu     sync.Mutex
	byText map[string]*aws.Policy
}

const maxCachedDocuments = 4096

// parse returns the policy document text holds.
func (c *documentCache) parse(text string) *aws.Policy {
	c.mu.Lock()
	pol, ok := c.byText[text]
	c.mu.Unlock()
	if !ok {
		// The document's locations are not used: results point at the
		// resource the condition is about.
		pol = aws.PolicyOf(aws.Field{Res: &graph.Resource{}, Value: graph.String(text, graph.Range{}), Present: true})
		c.mu.Lock()
		if c.byText == nil {
			c.byText = map[string]*aws.Policy{}
		}
		if len(c.byText) < maxCachedDocuments {
			c.byText[text] = pol
		}
		c.mu.Unlock()
	}
	// A copy of the document, sharing its statements (which nothing
	// changes): each call still makes a document of its own, as objects
	// are equal only to themselves.
	cp := *pol
	return &cp
}

// Options configure an Env.
type Options struct {
	// CostLimit bounds the cost of one evaluation of a condition;
	// DefaultCostLimit when 0.
	CostLimit uint64
	// ScanCostLimit bounds what one policy may spend over a whole scan;
	// DefaultScanCostLimit when 0.
	ScanCostLimit uint64
}

// Cost limits, in CEL's cost units (about one per operation; a
// comprehension costs one per element visited).
const (
	// DefaultCostLimit is generous for a condition over one resource:
	// real policies spend tens to hundreds.
	DefaultCostLimit = 100_000
	// DefaultScanCostLimit allows a policy about a thousand times the
	// cost of a typical evaluation on every resource of a large scan.
	DefaultScanCostLimit = 1_000_000_000
)

// collection is a list of the typed model policies can match
// (`s3.buckets`), with the variable its elements are bound to (`bucket`).
type collection struct {
	name     string
	variable string
	// index leads from aws.Model to the slice.
	index []int
	elem  *structInfo
	// resourceField and atField lead to the element struct's Resource
	// (*graph.Resource) and At (graph.Loc) fields; nil when it has none.
	// Looked up once: every evaluation needs them.
	resourceField, atField []int
}

// fieldOf leads to t's field name of type want; nil when it has none.
func fieldOf(t reflect.Type, name string, want reflect.Type) []int {
	if f, ok := t.FieldByName(name); ok && f.Type == want {
		return f.Index
	}
	return nil
}

// NewEnv builds the environment.
func NewEnv(opts Options) (*Env, error) {
	if opts.CostLimit == 0 {
		opts.CostLimit = DefaultCostLimit
	}
	if opts.ScanCostLimit == 0 {
		opts.ScanCostLimit = DefaultScanCostLimit
	}
	p, err := newProvider()
	if err != nil {
		return nil, err
	}
	e := &Env{opts: opts, provider: p, resourceType: resourceType(), accountType: accountType(),
		collections: map[string]*collection{}, byColl: map[string]*cel.Env{}}
	p.register(e.resourceType)
	p.register(e.accountType)
	e.typed = newTypedView(p)
	e.typed.structOf(policyType)
	e.findCollections()
	envOpts := []cel.EnvOption{
		cel.CustomTypeProvider(p),
		cel.CustomTypeAdapter(p.Registry),
		cel.CrossTypeNumericComparisons(true),
		cel.OptionalTypes(),
		cel.Variable("resource", e.resourceType.cel),
		ext.Strings(ext.StringsMaxPrecision(100)),
	}
	envOpts = append(envOpts, functions(e)...)
	envOpts = append(envOpts, meterFunction())
	e.base, err = cel.NewEnv(envOpts...)
	if err != nil {
		return nil, fmt.Errorf("policy environment: %w", err)
	}
	return e, nil
}

// findCollections lists the slices of the typed model policies can
// match: every []*T field of a service struct of aws.Model.
func (e *Env) findCollections() {
	mt := reflect.TypeFor[aws.Model]()
	for i := range mt.NumField() {
		sf := mt.Field(i)
		if !sf.IsExported() || sf.Type.Kind() != reflect.Struct || excludedService[sf.Name] {
			continue
		}
		service := strings.ToLower(sf.Name)
		for j := range sf.Type.NumField() {
			cf := sf.Type.Field(j)
			t := cf.Type
			if !cf.IsExported() || t.Kind() != reflect.Slice || t.Elem().Kind() != reflect.Pointer || t.Elem().Elem().Kind() != reflect.Struct ||
				t.Elem().Elem().PkgPath() != awsPkgPath {
				continue
			}
			name := snakeCase(cf.Name)
			et := t.Elem().Elem()
			c := &collection{name: service + "." + name, variable: singular(name), index: []int{i, j}, elem: e.typed.structOf(et),
				resourceField: fieldOf(et, "Resource", resourcePtrType), atField: fieldOf(et, "At", locType)}
			e.collections[c.name] = c
		}
	}
}

// excludedService lists parts of the model policies do not match:
// Secrets holds the values of secrets found in the code, which a policy
// must never print or compare.
var excludedService = map[string]bool{"Secrets": true}

// singular names one element of a collection.
func singular(name string) string {
	switch {
	case strings.HasSuffix(name, "ies"):
		return strings.TrimSuffix(name, "ies") + "y"
	case strings.HasSuffix(name, "sses"):
		return strings.TrimSuffix(name, "es")
	case strings.HasSuffix(name, "s") && !strings.HasSuffix(name, "ss"):
		return strings.TrimSuffix(name, "s")
	}
	return name
}

// Collections returns the names of the collections policies can match,
// sorted.
func (e *Env) Collections() []string {
	var out []string
	for name := range e.collections {
		out = append(out, name)
	}
	sort.Strings(out)
	return out
}

// envFor returns the environment for a policy matching collection c (nil:
// resource types): the base one, with c's element variable declared.
func (e *Env) envFor(c *collection) (*cel.Env, error) {
	if c == nil {
		return e.base, nil
	}
	if env, ok := e.byColl[c.name]; ok {
		return env, nil
	}
	env, err := e.base.Extend(cel.Variable(c.variable, c.elem.obj.cel))
	if err != nil {
		return nil, fmt.Errorf("policy environment for %s: %w", c.name, err)
	}
	e.byColl[c.name] = env
	return env, nil
}
