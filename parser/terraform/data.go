package terraform

import (
	"cmp"
	"encoding/json"
	"regexp"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"

	"github.com/blindspot-iac/blindspot/graph"
)

// dataSource evaluates a data block. Data sources are read from the cloud
// when Terraform plans, so their values are unknown, except those computed
// from the configuration alone: aws_iam_policy_document, and the caller
// identity, region and partition when the provider configuration says.
// Those are evaluated for each instance of their count or for_each.
func (s *scope) dataSource(b *hcl.Block) {
	typ, name := b.Labels[0], b.Labels[1]
	if s.data[typ] == nil {
		s.data[typ] = map[string]named{}
	}
	r := toRange(b.DefRange)
	what := "data." + typ + "." + name
	if modelledDataSources[typ] {
		s.l.g.DataSources = append(s.l.g.DataSources, s.instances(b, what)...)
	}
	if !computedDataSources[typ] {
		s.data[typ][name] = s.namedOf(cty.DynamicVal, r, what+" is read when Terraform plans", nil)
		if typ == "aws_iam_policy" {
			s.lookUpPolicy(b, name)
		}
		return
	}
	_, hasCount := metaExpr(b.Body, "count")
	_, hasForEach := metaExpr(b.Body, "for_each")
	instances := s.expand(b.Body, s.prefix+what)
	if len(instances) == 1 && instances[0].exists != graph.True {
		s.data[typ][name] = s.namedOf(cty.DynamicVal, r, instances[0].existsWhy, nil)
		return
	}
	var list []cty.Value
	byKey := map[string]cty.Value{}
	why := ""
	var refs []graph.Ref
	for _, in := range instances {
		s.curEach = in.eachValue
		val, w, rs := s.dataInstance(b, in.key, s.childContext(in))
		s.curEach = nil
		why = cmp.Or(why, w)
		refs = append(refs, rs...)
		if hasForEach {
			byKey[in.each["each"].GetAttr("key").AsString()] = val
		}
		list = append(list, val)
	}
	var val cty.Value
	switch {
	case hasCount:
		val = cty.TupleVal(list)
	case hasForEach:
		val = cty.ObjectVal(byKey)
	default:
		val = list[0]
	}
	s.data[typ][name] = s.namedOf(val, r, cmp.Or(why, what+" is read when Terraform plans"), refs)
}

// lookUpPolicy records the policy name an aws_iam_policy data source
// looks up, when it is known and the block has no count or for_each.
func (s *scope) lookUpPolicy(b *hcl.Block, name string) {
	_, hasCount := metaExpr(b.Body, "count")
	_, hasForEach := metaExpr(b.Body, "for_each")
	expr, ok := metaExpr(b.Body, "name")
	if hasCount || hasForEach || !ok {
		return
	}
	v := s.unmarked(s.ctyValue(expr, s.context()))
	if v.IsKnown() && !v.IsNull() && v.Type() == cty.String && v.AsString() != "" && !strings.Contains(v.AsString(), "/") {
		s.policyLookups[name] = v.AsString()
	}
}

// modelledDataSources are the data sources whose arguments the model
// reads (graph.Graph.DataSources): the search of an aws_ami.
var modelledDataSources = map[string]bool{"aws_ami": true}

// computedDataSources are the data sources whose values blindspot
// computes from the configuration.
var computedDataSources = map[string]bool{
	"aws_iam_policy_document": true, "aws_caller_identity": true, "aws_region": true, "aws_partition": true,
}

// dataInstance evaluates one instance (key "" without count or for_each)
// of a computed data source: its value, why its unknown parts are unknown
// and the resources they come from.
func (s *scope) dataInstance(b *hcl.Block, key string, ctx *hcl.EvalContext) (cty.Value, string, []graph.Ref) {
	typ, name := b.Labels[0], b.Labels[1]
	r := toRange(b.DefRange)
	switch typ {
	case "aws_iam_policy_document":
		body := s.bodyValue(b.Body, r, ctx, metaArguments, 0)
		doc := s.policyDocument(body, r)
		s.policyDocs[name+key] = doc
		js := cty.UnknownVal(cty.String)
		if !doc.ContainsUnknown() {
			if data, err := json.Marshal(doc.Interface()); err == nil {
				js = cty.StringVal(string(data))
			}
		}
		val := cty.ObjectVal(map[string]cty.Value{"json": js, "minified_json": js, "id": cty.UnknownVal(cty.String)})
		return val, whyOf(doc), doc.AllRefs()
	case "aws_caller_identity":
		p := s.providers[providerRef(b.Body, typ)]
		account := cty.UnknownVal(cty.String)
		if id, ok := providerAccount(p); ok {
			account = cty.StringVal(id)
		}
		val := cty.ObjectVal(map[string]cty.Value{
			"account_id": account, "arn": cty.UnknownVal(cty.String), "user_id": cty.UnknownVal(cty.String), "id": account,
		})
		// Derived from the data source, like a resource attribute: an
		// account ID or ARN, never empty and never a wildcard.
		ref := graph.Ref{Address: s.prefix + "data.aws_caller_identity." + name + key, Range: r}
		return val, "data.aws_caller_identity." + name + " is the account Terraform runs in", []graph.Ref{ref}
	default: // aws_region, aws_partition
		p := s.providers[providerRef(b.Body, typ)]
		region, ok := providerRegion(p)
		if !ok {
			return cty.DynamicVal, "", nil
		}
		partition, suffix := "aws", "amazonaws.com"
		switch {
		case strings.HasPrefix(region, "cn-"):
			partition, suffix = "aws-cn", "amazonaws.com.cn"
		case strings.HasPrefix(region, "us-gov-"):
			partition = "aws-us-gov"
		}
		val := cty.ObjectVal(map[string]cty.Value{
			"name": cty.StringVal(region), "id": cty.StringVal(region), "region": cty.StringVal(region),
			"partition": cty.StringVal(partition), "dns_suffix": cty.StringVal(suffix),
		})
		return val, "", nil
	}
}

// providerAccount is the account a provider configuration's credentials
// are in, when the configuration says: the only account
// allowed_account_ids allows (Terraform refuses any other), or the
// account of the role it assumes.
func providerAccount(p *graph.Provider) (string, bool) {
	if p == nil {
		return "", false
	}
	if ids, ok := p.Attrs.Get("allowed_account_ids"); ok && len(ids.Elems()) == 1 {
		return ids.Elems()[0].AsString()
	}
	if ar, ok := p.Attrs.Get("assume_role"); ok {
		if ar.Kind() == graph.KindList && len(ar.Elems()) == 1 {
			ar = ar.Elems()[0]
		}
		if arn, ok := ar.Get("role_arn"); ok {
			if s, ok := arn.AsString(); ok {
				if m := roleARNAccount.FindStringSubmatch(s); m != nil {
					return m[1], true
				}
			}
		}
	}
	return "", false
}

// roleARNAccount matches an IAM role ARN and captures its account.
var roleARNAccount = regexp.MustCompile(`^arn:aws[a-z-]*:iam::(\d{12}):role/`)

func providerRegion(p *graph.Provider) (string, bool) {
	if p == nil {
		return "", false
	}
	if r, ok := p.Attrs.Get("region"); ok {
		return r.AsString()
	}
	return "", false
}
