package policy

import (
	"slices"
	"sort"

	"github.com/google/cel-go/common/types"
	"github.com/google/cel-go/common/types/ref"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/graph/aws"
)

// Names of the generic object types.
const (
	resourceTypeName = "blindspot.Resource"
	accountTypeName  = "blindspot.Account"
)

// resourceType declares the generic resource every policy sees as
// `resource`.
func resourceType() *objType {
	t := newObjType(resourceTypeName, "A resource as written, in either format.")
	t.add("type", types.StringType, "The native type: `aws_s3_bucket`, `AWS::S3::Bucket`.")
	t.add("address", types.StringType, "The address: `module.logs.aws_s3_bucket.this[\"a\"]`, `MyBucket`, `Nested.MyBucket`.")
	t.add("format", types.StringType, "`terraform`, `terraform-plan` or `cloudformation`.")
	t.add("attributes", types.NewMapType(types.StringType, types.DynType),
		"The evaluated arguments and nested blocks (Terraform; a block is a list of objects under its type name) or Properties (CloudFormation), under each format's own names.")
	t.add("tags", types.NewMapType(types.StringType, types.StringType),
		"The tags: Terraform `tags` over the provider's `default_tags`; CloudFormation `Tags` as a list of Key/Value or as a map. Stack tags, set when a stack is deployed, are not in the template and not here.")
	t.add("account", types.NewObjectType(accountTypeName), "The account the resource is deployed to.")
	t.add("region", types.StringType,
		"The region: the resource's `region` argument or its provider's (Terraform); unknown for CloudFormation, whose region is chosen when a stack is deployed.")
	t.add("module_path", types.StringType,
		"The module call (`module.net.module.vpc[\"a\"]`) or nested stack (`Network`) the resource is in; empty at the root.")
	return t
}

// accountType declares resource.account.
func accountType() *objType {
	t := newObjType(accountTypeName, "An AWS account.")
	t.add("id", types.StringType, "The 12-digit account ID, from the provider configuration or the configuration's `accounts` mapping.")
	t.add("management", types.BoolType, "Whether it is the organisation's management account.")
	t.add("tags", types.NewMapType(types.StringType, types.StringType), "The account's tags, from the configuration's `accounts` entries (`tags:`).")
	return t
}

// resourceVal is the generic view of r.
func (st *evalState) resourceVal(r *graph.Resource, path string) ref.Val {
	return &objVal{st: st, typ: st.env.resourceType, path: path, native: r, kind: resourceObj, res: r}
}

// formatVals are the CEL values of resource.format, made once.
var formatVals = func() map[graph.Format]ref.Val {
	out := map[graph.Format]ref.Val{}
	for _, f := range []graph.Format{graph.Terraform, graph.TerraformPlan, graph.CloudFormation} {
		out[f] = types.String(f.String())
	}
	return out
}()

// resourceField is a field of the generic view of r.
func (st *evalState) resourceField(r *graph.Resource, path, field string) (ref.Val, bool) {
	// The paths of resource's own fields, spelt out: most conditions read
	// them, and building them would cost a string each time.
	sub := func(name string) string {
		if path == "resource" {
			switch name {
			case "attributes":
				return "resource.attributes"
			case "tags":
				return "resource.tags"
			case "account":
				return "resource.account"
			case "region":
				return "resource.region"
			}
		}
		return path + "." + name
	}
	switch field {
	case "type":
		return types.String(r.Type), true
	case "address":
		return types.String(r.Address), true
	case "format":
		if v, ok := formatVals[r.Format]; ok {
			return v, true
		}
		return types.String(r.Format.String()), true
	case "attributes":
		if path == "resource" && r.Attributes().Kind() == graph.KindObject && st.attrs.st == nil {
			// The evaluation's own resource: its slot.
			st.attrs = mapVal{st: st, path: "resource.attributes", sourceVal: r.Attributes()}
			st.attrs.source = &st.attrs.sourceVal
			return &st.attrs, true
		}
		return st.graphValue(r.Attributes(), sub("attributes")), true
	case "tags":
		return st.tags(r, sub("tags")), true
	case "account":
		if path == "resource" && st.account.typ == nil {
			// The evaluation's own resource: its slot.
			st.account = objVal{st: st, typ: st.env.accountType, path: "resource.account", kind: accountObj, res: r}
			return &st.account, true
		}
		return &objVal{st: st, typ: st.env.accountType, path: sub("account"), kind: accountObj, res: r}, true
	case "region":
		return st.region(r, sub("region")), true
	case "module_path":
		if len(r.Calls) == 0 {
			return types.String(""), true
		}
		return types.String(r.Calls[len(r.Calls)-1].Address), true
	}
	return nil, false
}

// accountField is a field of resource.account: what the model knows of
// the deployment.
func (st *evalState) accountField(r *graph.Resource, path, field string) (ref.Val, bool) {
	var d aws.Deployment
	if st.model != nil && st.model.Accounts != nil {
		d = st.model.Accounts.Of(r)
	} else {
		d = aws.Deployment{Reason: "the account " + r.Address + " is deployed to is not known"}
	}
	switch field {
	case "id":
		if d.AccountID == "" {
			return st.unknownOf(unknownAt{path: path + ".id", unmapped: r}), true
		}
		return types.String(d.AccountID), true
	case "management":
		switch d.Management {
		case graph.True:
			return types.True, true
		case graph.False:
			return types.False, true
		}
		return st.unknown(path+".management", d.Reason, 0), true
	case "tags":
		if d.AccountID == "" {
			if path == "resource.account" {
				// Spelt out: most resources' accounts are not known.
				return st.unknownOf(unknownAt{path: "resource.account.tags", unmapped: r}), true
			}
			return st.unknownOf(unknownAt{path: path + ".tags", unmapped: r}), true
		}
		var tags map[string]string
		if st.run != nil {
			tags = st.run.AccountTags[d.AccountID]
		}
		keys := make([]string, 0, len(tags))
		vals := make(map[string]ref.Val, len(tags))
		for k, v := range tags {
			keys = append(keys, k)
			vals[k] = types.String(v)
		}
		sort.Strings(keys)
		return stringMap(st, path+".tags", keys, vals), true
	}
	return nil, false
}

// region is resource.region.
//
// The code says it for Terraform (the resource's region argument, or its
// provider's); otherwise the configuration's accounts mapping may, for
// the unit; otherwise it is unknown.
func (st *evalState) region(r *graph.Resource, path string) ref.Val {
	configured := func(why string) ref.Val {
		if st.run != nil && st.run.UnitRegion != nil {
			if region, ok := st.run.UnitRegion(r.Unit); ok {
				return types.String(region)
			}
		}
		return st.unknown(path, why+" (map it in .blindspot.yaml accounts: region)", 0)
	}
	if r.Format == graph.CloudFormation {
		return configured("the region of a CloudFormation stack is chosen when it is deployed")
	}
	if v, ok := r.Attributes().Get("region"); ok && !v.IsNull() {
		return st.scalar(v, path)
	}
	if r.Provider == nil {
		return configured("no provider configuration sets the region of " + r.Address + ": it comes from the environment Terraform runs in")
	}
	v, ok := r.Provider.Attrs.Get("region")
	if !ok || v.IsNull() {
		return configured("provider " + r.Provider.Address + " sets no region: it comes from the environment Terraform runs in")
	}
	return st.scalar(v, path)
}

// scalar converts a value expected to be a string.
func (st *evalState) scalar(v graph.Value, path string) ref.Val {
	if s, ok := v.AsString(); ok {
		return types.String(s)
	}
	return st.graphValue(v, path)
}

// tags is resource.tags: a map of strings. A key that is not known makes
// the map open (see mapVal.open); a value that is not known reads as a
// CEL unknown.
func (st *evalState) tags(r *graph.Resource, path string) ref.Val {
	m := tagMap{st: st, path: path}
	if path == "resource.tags" && st.tagsVal.st == nil {
		// The evaluation's own resource: its slot and storage.
		m.slot, m.tags = &st.tagsVal, st.tagBuf[:0]
	}
	// own returns the resource's own tags; when they may take one of
	// several values (Fn::If), the one this evaluation uses, or an
	// unknown that makes the evaluation try each.
	own := func(key string) (graph.Value, ref.Val) {
		v, ok := r.Attributes().Get(key)
		if !ok {
			if !r.Attributes().IsKnown() {
				return r.Attributes(), nil
			}
			return graph.Null(graph.Range{}), nil
		}
		if alts := v.Alternatives(); !v.IsKnown() && len(alts) > 0 {
			c := st.choose(path)
			if c < 0 || c >= len(alts) {
				return v, st.unknown(path, v.Why(), len(alts))
			}
			return alts[c], nil
		}
		return v, nil
	}
	if r.Format == graph.CloudFormation {
		v, unk := own("Tags")
		if unk != nil {
			return unk
		}
		m.add(v)
	} else {
		if r.Provider != nil {
			if dt, ok := r.Provider.Attrs.Get("default_tags"); ok {
				if dt.Kind() == graph.KindList && len(dt.Elems()) == 1 {
					dt = dt.Elems()[0]
				}
				if t, ok := dt.Get("tags"); ok {
					m.add(t)
				}
			}
		}
		v, unk := own("tags")
		if unk != nil {
			return unk
		}
		m.add(v)
	}
	return m.val()
}

// tagMap collects tags from the shapes both formats write them in. Tags
// are few: a slice searched in order is cheaper than a map.
type tagMap struct {
	st   *evalState
	path string
	tags []tag
	// slot, when set, is where the map is made (evalState.tagsVal), and
	// tags the evaluation's storage for them.
	slot *mapVal
	// why is set when some keys are not known.
	why string
}

type tag struct {
	key string
	val graph.Value
}

func (m *tagMap) set(k string, v graph.Value) {
	for i := range m.tags {
		if m.tags[i].key == k {
			m.tags[i].val = v
			return
		}
	}
	m.tags = append(m.tags, tag{k, v})
}

func (m *tagMap) add(v graph.Value) {
	switch v.Kind() {
	case graph.KindNull:
	case graph.KindObject:
		m.tags = slices.Grow(m.tags, len(v.Fields()))
		for _, f := range v.Fields() {
			m.set(f.Key, f.Value)
		}
	case graph.KindList:
		// CloudFormation: [{Key: k, Value: v}, ...]
		m.tags = slices.Grow(m.tags, len(v.Elems()))
		for _, e := range v.Elems() {
			if !e.IsKnown() {
				m.why = e.Why()
				continue
			}
			k, ok := e.Get("Key")
			if !ok {
				continue
			}
			ks, known := k.AsString()
			if !known || !k.IsKnown() {
				m.why = k.Why()
				continue
			}
			val, ok := e.Get("Value")
			if !ok {
				val = graph.String("", e.Range)
			}
			m.set(ks, val)
		}
	default:
		if !v.IsKnown() {
			m.why = v.Why()
		}
	}
}

func (m *tagMap) val() ref.Val {
	// An empty map, too, finds its keys among its tags.
	tags := m.tags
	if tags == nil {
		tags = []tag{}
	}
	mv := m.slot
	if mv == nil {
		mv = new(mapVal)
	} else {
		m.st.tagBuf = tags
	}
	*mv = mapVal{st: m.st, path: m.path, tags: tags}
	if m.why != "" {
		mv.open = m.st.unknown(m.path+" (its keys)", m.why, 0)
	}
	return mv
}

// findTag returns the value of tag k.
func (m *mapVal) findTag(k string) (ref.Val, bool) {
	for _, t := range m.tags {
		if t.key == k {
			if s, ok := t.val.AsString(); ok {
				return types.String(s), true
			}
			return m.st.graphValue(t.val, keyPath(m.path, k)), true
		}
	}
	return nil, false
}
